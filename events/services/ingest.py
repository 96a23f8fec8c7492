"""Storing articles: one transaction each, duplicates and near-duplicates.

Every entry point (the `ingest` command, the admin forms, `make run`) goes
through `articles_ingest` / `article_ingest`.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models.expressions import RawSQL

from events.ingestion.readers import (
    ARTICLE_TOO_LARGE,
    ArticleInput,
    ReadLimits,
    Rejection,
)
from events.ingestion.text import (
    clean_text,
    content_hash,
    derive_metadata,
    fingerprints,
    similarity,
)
from events.models import Article, ArticleSimilarity, DatePrecision, Source

logger = logging.getLogger(__name__)

ARTICLE_EMPTY = "the article has no text"
DUPLICATE_OF = "same text as article {article_id}"
STORE_FAILED = "could not be stored: {error}"

NEAR_DUPLICATE_CANDIDATES = 20
TITLE_MAX_LENGTH = Article._meta.get_field("title").max_length


class IngestStatus(StrEnum):
    ADDED = "added"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


@dataclass(frozen=True)
class IngestOutcome:
    """What became of one input: added, skipped as a duplicate, or rejected."""

    origin: str
    status: IngestStatus
    article_id: int | None = None
    reason: str = ""
    notes: tuple[str, ...] = ()
    near_duplicates: tuple[tuple[int, float], ...] = ()


@dataclass
class IngestReport:
    """The outcomes of a batch, in input order."""

    outcomes: list[IngestOutcome] = field(default_factory=list)

    def count(self, status: IngestStatus) -> int:
        """Return how many inputs ended with `status`."""
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def added_ids(self) -> list[int]:
        return [o.article_id for o in self.outcomes if o.status == IngestStatus.ADDED]

    @property
    def rejected(self) -> list[IngestOutcome]:
        return [o for o in self.outcomes if o.status == IngestStatus.REJECTED]


def read_limits() -> ReadLimits:
    """Return the ingestion limits configured in settings."""
    return ReadLimits(
        article_max_bytes=settings.CONFLICTWATCH_ARTICLE_MAX_BYTES,
        zip_max_entries=settings.CONFLICTWATCH_ZIP_MAX_ENTRIES,
        zip_max_uncompressed_bytes=settings.CONFLICTWATCH_ZIP_MAX_UNCOMPRESSED_BYTES,
    )


def article_ingest(*, item: ArticleInput, uploaded_by=None) -> IngestOutcome:
    """Store one article (or find it already stored); return what happened."""
    text = clean_text(item.text)
    if not text:
        return IngestOutcome(item.origin, IngestStatus.REJECTED, reason=ARTICLE_EMPTY)
    size = len(text.encode("utf-8"))
    limit = settings.CONFLICTWATCH_ARTICLE_MAX_BYTES
    if size > limit:
        return IngestOutcome(
            item.origin,
            IngestStatus.REJECTED,
            reason=ARTICLE_TOO_LARGE.format(size=size, limit=limit),
        )

    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest).values_list("pk", flat=True)
    if existing:
        return _duplicate(item, existing[0])

    derived = derive_metadata(text)
    published = item.published or derived.published
    try:
        with transaction.atomic():
            source = None
            if item.source:
                source, _ = Source.objects.get_or_create(name=item.source[:200])
            article = Article.objects.create(
                title=(item.title or derived.title)[:TITLE_MAX_LENGTH],
                text=text,
                source=source,
                url=item.url,
                external_id=item.external_id[:200],
                published=published,
                published_precision=(
                    DatePrecision.DAY if published else DatePrecision.UNKNOWN
                ),
                content_hash=digest,
                fingerprints=fingerprints(text),
                uploaded_by=uploaded_by,
            )
            links = _link_near_duplicates(article)
    except IntegrityError:
        # Stored by a concurrent ingest between our check and our insert.
        existing = Article.objects.filter(content_hash=digest).values_list(
            "pk", flat=True
        )
        if existing:
            return _duplicate(item, existing[0])
        raise
    return IngestOutcome(
        item.origin,
        IngestStatus.ADDED,
        article_id=article.pk,
        notes=item.notes,
        near_duplicates=links,
    )


def _duplicate(item: ArticleInput, article_id: int) -> IngestOutcome:
    return IngestOutcome(
        item.origin,
        IngestStatus.DUPLICATE,
        article_id=article_id,
        reason=DUPLICATE_OF.format(article_id=article_id),
    )


def _link_near_duplicates(article: Article) -> tuple[tuple[int, float], ...]:
    """Link `article` to stored articles sharing much of its text."""
    if not article.fingerprints:
        return ()
    shared = RawSQL(
        "(SELECT count(*) FROM unnest(fingerprints) AS f WHERE f = ANY(%s))",
        [article.fingerprints],
    )
    candidates = (
        Article.objects.filter(fingerprints__overlap=article.fingerprints)
        .exclude(pk=article.pk)
        .annotate(shared=shared)
        .order_by("-shared", "-pk")
        .only("pk", "text")[:NEAR_DUPLICATE_CANDIDATES]
    )
    threshold = settings.CONFLICTWATCH_NEAR_DUPLICATE_THRESHOLD
    links = []
    for candidate in candidates:
        score = similarity(article.text, candidate.text)
        if score < threshold:
            continue
        first, second = sorted((article.pk, candidate.pk))
        ArticleSimilarity.objects.create(
            article_id=first, similar_to_id=second, similarity=round(score, 4)
        )
        links.append((candidate.pk, round(score, 4)))
    return tuple(links)


def articles_ingest(
    *,
    items: Iterable[ArticleInput | Rejection],
    uploaded_by=None,
    extract: bool = True,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
) -> IngestReport:
    """Store every article in `items`, one transaction each; report each outcome.

    A rejected or failing input is reported and the batch goes on. Added
    articles are then extracted (status pending -> done/failed), or queued
    for Celery workers when a broker is configured, unless `extract` is False.
    """
    report = IngestReport()
    for item in items:
        if isinstance(item, Rejection):
            outcome = IngestOutcome(
                item.origin, IngestStatus.REJECTED, reason=item.reason
            )
        else:
            try:
                outcome = article_ingest(item=item, uploaded_by=uploaded_by)
            except (DatabaseError, ValueError) as error:
                logger.exception("storing %s failed", item.origin)
                outcome = IngestOutcome(
                    item.origin,
                    IngestStatus.REJECTED,
                    reason=STORE_FAILED.format(error=error),
                )
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    if extract and report.added_ids:
        from events.services.extraction import articles_extract_or_queue

        articles_extract_or_queue(
            articles=Article.objects.filter(pk__in=report.added_ids)
        )
    return report
