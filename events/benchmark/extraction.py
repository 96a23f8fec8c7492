"""Extraction speed: the whole pipeline against the bare spaCy model on the
same texts, in the same run (`bench_extraction` and `bench` print it)."""

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from events.extraction.nlp import get_bare_nlp, get_nlp
from events.extraction.pipeline import ArticleText, extract_many
from events.ingestion.readers import ArticleInput, Columns, read_paths
from events.services import read_limits


@dataclass(frozen=True)
class ExtractionSpeed:
    """One row of the comparison: n processes, seconds for the same texts."""

    processes: int
    articles: int
    words: int
    bare_seconds: float
    pipeline_seconds: float

    @property
    def bare_words_per_second(self) -> float:
        return self.words / self.bare_seconds

    @property
    def pipeline_words_per_second(self) -> float:
        return self.words / self.pipeline_seconds

    @property
    def ratio(self) -> float:
        """The pipeline's throughput as a share of the bare model's."""
        return self.bare_seconds / self.pipeline_seconds

    @property
    def bare_articles_per_second(self) -> float:
        return self.articles / self.bare_seconds

    @property
    def pipeline_articles_per_second(self) -> float:
        return self.articles / self.pipeline_seconds


def corpus_texts(paths: Sequence[Path], limit: int, columns=None) -> list[str]:
    """Return the texts of the first `limit` articles read from `paths`."""
    return [
        item.text
        for item in read_paths(paths, columns or Columns(), read_limits())
        if isinstance(item, ArticleInput)
    ][:limit]


def extraction_speeds(
    texts: list[str],
    *,
    processes: Sequence[int] = (1,),
    batch_size: int = 32,
    repeat: int = 3,
) -> Iterator[ExtractionSpeed]:
    """Yield the bare model's and the pipeline's best-of-`repeat` timings."""
    words = sum(len(text.split()) for text in texts)
    bare = get_bare_nlp(settings.SPACY_MODEL)
    full = get_nlp(settings.SPACY_MODEL)
    # Warm both up: the gazetteer and matchers are built on first use.
    list(bare.pipe(texts[:4]))
    list(extract_many([ArticleText(t) for t in texts[:4]], nlp=full))
    for n_process in processes:
        bare_seconds, full_seconds = _best_of_alternating(
            repeat,
            lambda n=n_process: list(
                bare.pipe(texts, batch_size=batch_size, n_process=n)
            ),
            lambda n=n_process: list(
                extract_many(
                    (ArticleText(t) for t in texts),
                    nlp=full,
                    batch_size=batch_size,
                    n_process=n,
                )
            ),
        )
        yield ExtractionSpeed(n_process, len(texts), words, bare_seconds, full_seconds)


def _best_of_alternating(repeat: int, first, second) -> tuple[float, float]:
    """Return the fastest of `repeat` timings of `first()` and of `second()`,
    in seconds, run by turns: a machine that speeds up or slows down over the
    run (a shared virtual machine does) then weighs on both alike."""
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for run, runs in zip((first, second), timings, strict=True):
            started = time.perf_counter()
            run()
            runs.append(time.perf_counter() - started)
    return min(timings[0]), min(timings[1])
