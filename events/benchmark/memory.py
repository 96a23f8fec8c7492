"""A long extraction run with its memory sampled: does it stay flat?

`manage.py bench_memory` feeds the full pipeline N articles made from the
corpus and records the resident memory of the process and its workers every
so many articles. Each copy of a corpus article gets figures and a reference
of its own, so every article brings strings the model's vocabulary has not
seen, as new reports do: without `nlp.memory_zone()` the vocabulary would
grow with each one.
"""

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import psutil

from events.benchmark.http import tree_rss
from events.extraction.nlp import get_nlp
from events.extraction.pipeline import ArticleText, extract_many

NUMBER = re.compile(r"\b\d{1,4}\b")
# The run is flat when memory at the end is within this share of memory once
# warmed up (after the first tenth of the run).
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

    @property
    def warm(self) -> Sample:
        """The first sample after a tenth of the run (models and caches loaded)."""
        tenth = self.articles / 10
        later = [s for s in self.samples if s.articles > tenth]
        return later[0] if later else self.samples[-1]

    @property
    def end(self) -> Sample:
        return self.samples[-1]

    @property
    def growth_mb(self) -> float:
        return self.end.rss_mb - self.warm.rss_mb

    @property
    def peak_mb(self) -> float:
        return max(s.rss_mb for s in self.samples)

    @property
    def is_flat(self) -> bool:
        return self.growth_mb <= FLAT_WITHIN * self.warm.rss_mb

    @property
    def articles_per_second(self) -> float:
        return self.end.articles / self.end.seconds


def varied_articles(texts: Sequence[str], count: int) -> Iterator[ArticleText]:
    """Yield `count` articles cycling `texts`; copy k adds k to each number and
    every article ends with a reference no other has."""
    for index in range(count):
        copy, text = divmod(index, len(texts))[0], texts[index % len(texts)]
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
        f"Memory of the process and its workers (RSS): {run.warm.rss_mb:,.0f} MB "
        f"after {run.warm.articles:,} articles, {run.end.rss_mb:,.0f} MB at the "
        f"end, peak {run.peak_mb:,.0f} MB; growth {run.growth_mb:+,.1f} MB: "
        f"{verdict} (target: within {FLAT_WITHIN:.0%}).",
        "",
        "| articles | seconds | RSS MB |",
        "| ---: | ---: | ---: |",
    ]
    step = max(1, len(run.samples) // rows)
    shown = run.samples[::step]
    if shown[-1] is not run.end:
        shown.append(run.end)
    lines += [f"| {s.articles:,} | {s.seconds:,.0f} | {s.rss_mb:,.1f} |" for s in shown]
    return "\n".join(lines) + "\n"
