"""Writes: storing articles (ingest) and what extraction draws from them."""

from events.services.extraction import (
    ExtractReport,
    article_extract,
    articles_extract,
    articles_extract_or_queue,
    extraction_fail,
    extraction_queues,
    extraction_store,
)
from events.services.ingest import (
    ARTICLE_EMPTY,
    DUPLICATE_OF,
    STORE_FAILED,
    IngestOutcome,
    IngestReport,
    IngestStatus,
    article_ingest,
    articles_ingest,
    read_limits,
)

__all__ = [
    "ARTICLE_EMPTY",
    "DUPLICATE_OF",
    "STORE_FAILED",
    "ExtractReport",
    "IngestOutcome",
    "IngestReport",
    "IngestStatus",
    "article_extract",
    "article_ingest",
    "articles_extract",
    "articles_extract_or_queue",
    "articles_ingest",
    "extraction_fail",
    "extraction_queues",
    "extraction_store",
    "read_limits",
]
