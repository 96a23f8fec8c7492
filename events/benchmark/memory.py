"""A long extraction run with its memory sampled: does it stay flat?

`manage.py bench_memory` feeds the full pipeline N articles made from the
corpus and records the resident memory of the process and its workers every
so many articles. Each copy of a corpus article gets figures and a reference
of its own, so every article brings strings the model's vocabulary has not
seen, as new reports do: without `nlp.memory_zone()` the vocabulary would
grow with each one.
"""

import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from statistics import median

import psutil

from events.benchmark.http import tree_rss
from events.extraction.nlp import get_nlp
from events.extraction.pipeline import ArticleText, extract_many

NUMBER = re.compile(r"\b\d{1,4}\b")
# A single sample catches the workers with whatever batch they hold (it swings
# by a couple of hundred MB), so the run is judged on medians: memory over the
# last tenth of the run against memory over the second tenth (once the models
# and caches are loaded). Flat: no more than this share of growth.
FLAT_WITHIN = 0.05


@dataclass(frozen=True)
class Sample:
    articles: int
    seconds: float
    rss_mb: float  # the process and its extraction workers


@dataclass
class MemoryRun:
    articles: int
    processes: int
    corpus_articles: int
    samples: list[Sample] = field(default_factory=list)

    def _window(self, first: float, last: float) -> list[Sample]:
        """The samples taken between shares `first` and `last` of the run."""
        low, high = first * self.articles, last * self.articles
        inside = [s for s in self.samples if low < s.articles <= high]
        return inside or self.samples[-1:]

    @property
    def warm_mb(self) -> float:
        """Median memory over the second tenth of the run."""
        return median(s.rss_mb for s in self._window(0.1, 0.2))

    @property
    def end_mb(self) -> float:
        """Median memory over the last tenth of the run."""
        return median(s.rss_mb for s in self._window(0.9, 1.0))

    @property
    def growth_mb(self) -> float:
        return self.end_mb - self.warm_mb

    @property
    def slope_mb(self) -> float:
        """Least-squares growth in MB per 10,000 articles after the first tenth."""
        points = [s for s in self.samples if s.articles > 0.1 * self.articles]
        if len(points) < 2:
            return 0.0
        mean_x = sum(s.articles for s in points) / len(points)
        mean_y = sum(s.rss_mb for s in points) / len(points)
        spread = sum((s.articles - mean_x) ** 2 for s in points)
        if not spread:
            return 0.0
        covariance = sum((s.articles - mean_x) * (s.rss_mb - mean_y) for s in points)
        return covariance / spread * 10_000

    @property
    def peak_mb(self) -> float:
        return max(s.rss_mb for s in self.samples)

    @property
    def is_flat(self) -> bool:
        return self.growth_mb <= FLAT_WITHIN * self.warm_mb

    @property
    def articles_per_second(self) -> float:
        last = self.samples[-1]
        return last.articles / last.seconds


def varied_articles(texts: Sequence[str], count: int) -> Iterator[ArticleText]:
    """Yield `count` articles cycling `texts`; copy k adds k to each number and
    every article ends with a reference no other has."""
    for index in range(count):
        copy, position = divmod(index, len(texts))
        text = texts[position]
        if copy:
            text = NUMBER.sub(lambda m, k=copy: str(int(m.group()) + k), text)
        yield ArticleText(f"{text}\n\nReference CW{index:07d}.")


def memory_run(
    texts: Sequence[str],
    *,
    articles: int,
    processes: int = 1,
    every: int = 1000,
    log: Callable[[str], None] = lambda message: None,
) -> MemoryRun:
    """Extract `articles` varied copies of `texts`, sampling memory every `every`."""
    nlp = get_nlp()
    run = MemoryRun(articles, processes, len(texts))
    process = psutil.Process()
    started = time.perf_counter()
    results = extract_many(
        varied_articles(texts, articles), nlp=nlp, n_process=processes
    )
    for done, _ in enumerate(results, start=1):
        if done % every == 0 or done == articles:
            sample = Sample(
                done, time.perf_counter() - started, tree_rss(process) / 2**20
            )
            run.samples.append(sample)
            log(f"{done:,} articles, {sample.seconds:,.0f} s, {sample.rss_mb:,.0f} MB")
    return run


def render_memory(run: MemoryRun, *, when: str, rows: int = 20) -> str:
    """The run as a Markdown report: verdict, then a table of samples."""
    verdict = "flat" if run.is_flat else "**not flat**"
    lines = [
        f"# ConflictWatch extraction memory, {when}",
        "",
        f"{run.articles:,} articles (the {run.corpus_articles:,} corpus articles "
        f"cycled, each copy with its own figures and reference), "
        f"{run.processes} process(es), {run.articles_per_second:.1f} articles/s.",
        "",
        f"Memory of the process and its workers (RSS, median of the samples): "
        f"{run.warm_mb:,.0f} MB over the second tenth of the run, "
        f"{run.end_mb:,.0f} MB over the last tenth, growth {run.growth_mb:+,.1f} "
        f"MB: {verdict} (target: within {FLAT_WITHIN:.0%}). Trend after the "
        f"first tenth {run.slope_mb:+,.1f} MB per 10,000 articles; highest "
        f"sample {run.peak_mb:,.0f} MB.",
        "",
        "| articles | seconds | RSS MB |",
        "| ---: | ---: | ---: |",
    ]
    step = max(1, len(run.samples) // rows)
    shown = run.samples[::step]
    if shown[-1] is not run.samples[-1]:
        shown.append(run.samples[-1])
    lines += [f"| {s.articles:,} | {s.seconds:,.0f} | {s.rss_mb:,.1f} |" for s in shown]
    return "\n".join(lines) + "\n"


def samples_json(run: MemoryRun) -> str:
    """Every sample, for a closer look than the report's table."""
    return json.dumps(
        {
            "articles": run.articles,
            "processes": run.processes,
            "samples": [
                [s.articles, round(s.seconds, 1), s.rss_mb] for s in run.samples
            ],
        }
    )
