"""extract(): text in, ExtractionResult out. Pure: never imports django.db."""

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from events.extraction.chrome import chrome_spans, in_chrome, title_span
from events.extraction.dates import publication_date
from events.extraction.nlp import get_nlp
from events.extraction.types import ExtractionResult

PIPELINE_VERSION = "1.0"
# Docs made inside one memory zone; vocabulary added for them is freed after.
MEMORY_ZONE_ARTICLES = 256


class ArticleText(NamedTuple):
    """What extraction needs of an article."""

    text: str
    title: str | None = None
    published: date | None = None


def extract(
    text: str, *, title: str | None = None, published: date | None = None, nlp=None
) -> ExtractionResult:
    """Return what the pipeline finds in one article's `text`."""
    return next(extract_many([ArticleText(text, title, published)], nlp=nlp))


def extract_many(
    articles: Iterable[ArticleText],
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[ExtractionResult]:
    """Yield one ExtractionResult per article, in order, batching with nlp.pipe."""
    nlp = nlp or get_nlp()
    if n_process > 1:
        yield from _in_processes(articles, nlp, batch_size, n_process)
        return
    articles = iter(articles)
    while chunk := list(islice(articles, MEMORY_ZONE_ARTICLES)):
        with nlp.memory_zone():
            docs = [_make_doc(nlp, article) for article in chunk]
            try:
                processed = list(nlp.pipe(docs, batch_size=batch_size))
            except Exception:  # noqa: BLE001 - isolate the article that fails
                yield from _one_by_one(nlp, chunk)
                continue
            for article, doc in zip(chunk, processed, strict=True):
                yield result_from_doc(doc, title=article.title)


_worker_nlp: Language | None = None


def _in_processes(
    articles: Iterable[ArticleText], nlp: Language, batch_size: int, n_process: int
) -> Iterator[ExtractionResult]:
    """Yield results in order from `n_process` forked workers sharing `nlp`.

    Each worker runs the single-process path on chunks of articles and sends
    back plain dataclasses, which pickle far cheaper than spaCy Docs with
    their extension data.
    """
    import multiprocessing

    global _worker_nlp
    _worker_nlp = nlp  # inherited by the forked workers
    chunks = _chunks(articles, batch_size * 2)
    with multiprocessing.get_context("fork").Pool(n_process) as pool:
        for results in pool.imap(_extract_chunk, chunks):
            yield from results


def _chunks(articles: Iterable[ArticleText], size: int) -> Iterator[list]:
    articles = iter(articles)
    while chunk := list(islice(articles, size)):
        yield chunk


def _extract_chunk(chunk: list[ArticleText]) -> list[ExtractionResult]:
    return list(extract_many(chunk, nlp=_worker_nlp))


def _one_by_one(nlp: Language, chunk: list[ArticleText]) -> Iterator[ExtractionResult]:
    """Process a failed batch article by article; a failure becomes `error`."""
    for article in chunk:
        try:
            doc = nlp(_make_doc(nlp, article))
        except Exception as error:  # noqa: BLE001 - reported, the batch goes on
            yield ExtractionResult(
                pipeline_version=PIPELINE_VERSION,
                title=article.title,
                error=f"{type(error).__name__}: {error}",
            )
        else:
            yield result_from_doc(doc, title=article.title)


def _make_doc(nlp: Language, article: ArticleText) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.published = publication_date(article.text, article.published)
    doc._.chrome = chrome_spans(article.text, article.title)
    doc._.title_span = title_span(article.text, article.title)
    return doc


def result_from_doc(doc: Doc, *, title: str | None = None) -> ExtractionResult:
    """Return the ExtractionResult the components left on `doc`."""
    chrome = doc._.chrome

    def kept(mentions) -> tuple:
        return tuple(m for m in mentions or () if not in_chrome(m.start, chrome))

    return ExtractionResult(
        pipeline_version=PIPELINE_VERSION,
        title=title,
        published=doc._.published,
        actors=kept(doc._.actors),
        places=kept(doc._.places),
        dates=kept(doc._.dates),
        casualties=kept(doc._.casualties),
        events=tuple(doc._.events or ()),
    )
