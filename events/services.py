"""Writes: storing articles and the extraction results drawn from them.

Every entry point (the `ingest` command, the admin forms, `make run`) goes
through `articles_ingest` / `article_ingest`; extraction goes through
`articles_extract`. Each article is stored in its own transaction.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from events import extraction
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
from events.models import (
    Actor,
    Article,
    ArticleSimilarity,
    CasualtyClaim,
    DatePrecision,
    Event,
    EventActor,
    Evidence,
    Place,
    Source,
)

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
    articles are then extracted (status pending -> done/failed) unless
    `extract` is False.
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
        articles_extract(articles=Article.objects.filter(pk__in=report.added_ids))
    return report


# --- extraction -------------------------------------------------------------


@dataclass
class ExtractReport:
    done: int = 0
    failed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def article_extract(*, article: Article) -> bool:
    """Run extraction on `article` and store the result; return success.

    The article is already committed, so a failure here only marks it failed
    with the error; `extract_pending` retries it later.
    """
    try:
        result = extraction.extract(
            article.text, title=article.title, published=article.published
        )
        if result.error:
            raise RuntimeError(result.error)
        with transaction.atomic():
            extraction_store(article=article, result=result)
            article.extraction_status = Article.ExtractionStatus.DONE
            article.extraction_error = ""
            article.pipeline_version = result.pipeline_version
            article.extracted_at = timezone.now()
            article.save(
                update_fields=[
                    "extraction_status",
                    "extraction_error",
                    "pipeline_version",
                    "extracted_at",
                ]
            )
        return True
    except Exception as error:  # noqa: BLE001 - any failure is recorded, not raised
        logger.exception("extraction failed for article %s", article.pk)
        Article.objects.filter(pk=article.pk).update(
            extraction_status=Article.ExtractionStatus.FAILED,
            extraction_error=f"{type(error).__name__}: {error}"[:5000],
            extracted_at=timezone.now(),
        )
        return False


def extraction_store(
    *, article: Article, result: "extraction.ExtractionResult"
) -> None:
    """Replace `article`'s machine-made rows with `result`, in one transaction.

    Events an analyst verified or corrected stay (still linked to the
    article); other events of this article alone are rebuilt; events other
    articles also report lose this article's claims and are recounted.
    """
    with transaction.atomic():
        _forget_machine_output(article)
        places = _PlaceRows()
        actors = _ActorRows()
        for mention in result.actors:
            Evidence.objects.create(
                article=article,
                field=Evidence.Field.ACTOR,
                start=mention.start,
                end=mention.end,
                text=mention.text,
                value={
                    "name": mention.name,
                    "kind": mention.kind,
                    "claimant": mention.is_claimant,
                },
            )
        for place in result.places:
            Evidence.objects.create(
                article=article,
                field=Evidence.Field.PLACE,
                start=place.start,
                end=place.end,
                text=place.text,
                value={
                    "name": place.name,
                    "place_id": places.get(place).pk,
                    "precision": place.precision,
                },
            )
        for mention in result.dates:
            Evidence.objects.create(
                article=article,
                field=Evidence.Field.DATE,
                start=mention.start,
                end=mention.end,
                text=mention.text,
                value={
                    "date": mention.value.isoformat() if mention.value else None,
                    "precision": mention.precision,
                },
            )
        kept = _kept_events_by_anchor(article)
        claimed = set()
        for record in result.events:
            anchor = record.evidence[0].start if record.evidence else None
            # An analyst's version of this incident stands; the new claims
            # still attach to it.
            event = kept.get(anchor) or _event_store(article, record, places, actors)
            for figure in record.claims:
                _claim_store(article, figure, event, places, actors)
                claimed.add((figure.start, figure.end))
        for figure in result.casualties:
            if (figure.start, figure.end) not in claimed:
                _claim_store(article, figure, None, places, actors)


def _kept_events_by_anchor(article: Article) -> dict[int, Event]:
    """Verified or corrected events of `article`, by their anchor sentence."""
    anchors = Evidence.objects.filter(
        article=article,
        field=Evidence.Field.EVENT,
        event__in=article.events.exclude(verified=False, edited=False),
    ).order_by("event_id", "start")
    kept: dict[int, Event] = {}
    for evidence in anchors.select_related("event"):
        kept.setdefault(evidence.start, evidence.event)
    return kept


def _forget_machine_output(article: Article) -> None:
    """Remove what earlier extraction runs made from `article`."""
    article.evidence.filter(event__isnull=True).delete()
    article.casualty_claims.all().delete()
    for event in article.events.all():
        if event.verified or event.edited:
            continue
        if event.articles.exclude(pk=article.pk).exists():
            event.articles.remove(article)
            event.evidence.filter(article=article).delete()
            _recount(event)
        else:
            event.delete()


class _PlaceRows:
    """Place rows for gazetteer matches, created if the gazetteer is not loaded."""

    def __init__(self):
        self.cache: dict = {}

    def get(self, match) -> Place:
        key = (match.geonameid, match.name, match.country, match.admin1_code)
        if key not in self.cache:
            self.cache[key] = self._find_or_create(match)
        return self.cache[key]

    @staticmethod
    def _find_or_create(match) -> Place:
        if match.geonameid:
            found = Place.objects.filter(geonameid=match.geonameid).first()
            if found:
                return found
        found = Place.objects.filter(
            name=match.name, country_code=match.country, admin1_code=match.admin1_code
        ).first()
        return found or Place.objects.create(
            name=match.name,
            latitude=match.latitude,
            longitude=match.longitude,
            feature_type=match.feature_type,
            precision=match.precision if match.precision != "district" else "exact",
            admin1_code=match.admin1_code,
            admin1_name=match.admin1,
            country_code=match.country,
            geonameid=match.geonameid,
        )


class _ActorRows:
    """Actor rows by canonical name, created if the registry is not loaded."""

    def __init__(self):
        self.cache: dict[str, Actor] = {}

    def get(self, name: str, kind: str = Actor.Kind.OTHER) -> Actor:
        if name not in self.cache:
            valid_kind = kind if kind in Actor.Kind.values else Actor.Kind.OTHER
            self.cache[name], _ = Actor.objects.get_or_create(
                name=name, defaults={"kind": valid_kind}
            )
        return self.cache[name]


def _event_store(article, record, places: _PlaceRows, actors: _ActorRows) -> Event:
    event = Event.objects.create(
        date=record.date,
        date_precision=record.date_precision,
        event_type=record.event_type,
        sub_event_type=record.sub_event_type,
        method=record.method,
        place=places.get(record.place) if record.place else None,
        geo_precision=record.geo_precision,
        killed_low=record.killed_low,
        killed_best=record.killed_best,
        killed_high=record.killed_high,
        injured_best=record.injured,
        injured_low=record.injured,
        injured_high=record.injured,
        civilian_targeting=record.civilian_targeting,
        summary=record.summary,
    )
    event.articles.add(article)
    EventActor.objects.bulk_create(
        EventActor(event=event, actor=actors.get(role.name, role.kind), role=role.role)
        for role in record.actors
    )
    evidence = [
        Evidence(
            article=article,
            event=event,
            field=Evidence.Field.EVENT,
            start=span.start,
            end=span.end,
            text=span.text,
        )
        for span in record.evidence
    ]
    for field_name, spans in record.field_evidence.items():
        evidence += [
            Evidence(
                article=article,
                event=event,
                field=_EVIDENCE_FIELDS[field_name],
                start=span.start,
                end=span.end,
                text=span.text,
            )
            for span in spans
        ]
    Evidence.objects.bulk_create(evidence)
    return event


_EVIDENCE_FIELDS = {
    "event_type": Evidence.Field.EVENT_TYPE,
    "place": Evidence.Field.PLACE,
    "date": Evidence.Field.DATE,
    "casualties": Evidence.Field.CASUALTIES,
    "actors": Evidence.Field.ACTOR,
}


def _claim_store(article, figure, event, places: _PlaceRows, actors: _ActorRows):
    CasualtyClaim.objects.create(
        article=article,
        event=event,
        kind=figure.kind,
        low=figure.low,
        high=figure.high,
        victims=figure.victims[:30],
        perpetrator=actors.get(figure.perpetrator) if figure.perpetrator else None,
        claimed_by=(figure.claimed_by or "")[:200],
        place=places.get(figure.place) if figure.place else None,
        date=figure.date.value if figure.date else None,
        cumulative=figure.cumulative,
        start=figure.start,
        end=figure.end,
        text=figure.text,
        sentence=figure.sentence.text,
    )


def _recount(event: Event) -> None:
    """Set the event's killed/injured low/best/high from its remaining claims."""
    for kind, prefix in (("killed", "killed"), ("injured", "injured")):
        values = [
            c.low if c.low is not None else c.high
            for c in event.claims.filter(kind=kind)
        ]
        values = [v for v in values if v is not None]
        setattr(event, f"{prefix}_low", min(values) if values else None)
        setattr(event, f"{prefix}_best", min(values) if values else None)
        setattr(event, f"{prefix}_high", max(values) if values else None)
    event.save()


def articles_extract(
    *, articles, on_article: Callable[[Article, bool], None] | None = None
) -> ExtractReport:
    """Extract every article in the `articles` queryset; report done/failed."""
    report = ExtractReport()
    for article in articles.order_by("pk").iterator(chunk_size=200):
        ok = article_extract(article=article)
        if ok:
            report.done += 1
        else:
            report.failed += 1
            article.refresh_from_db(fields=["extraction_error"])
            report.errors.append((article.pk, article.extraction_error))
        if on_article:
            on_article(article, ok)
    return report
