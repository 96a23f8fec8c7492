"""Storing extraction results: status pending -> done/failed, and the rows.

`articles_extract` runs the pipeline on stored articles; `extraction_store`
replaces an article's machine-made rows in one transaction, keeping what an
analyst verified or corrected. `articles_extract_or_queue` is what ingestion
calls: Celery tasks (events/tasks.py) when CELERY_BROKER_URL is set,
`articles_extract` in this process otherwise.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events import extraction
from events.extraction.events import claim_bounds, claim_key
from events.extraction.nlp import get_nlp
from events.models import (
    Actor,
    Article,
    CasualtyClaim,
    Event,
    EventActor,
    Evidence,
    Place,
)

logger = logging.getLogger(__name__)


@dataclass
class ExtractReport:
    done: int = 0
    failed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    # Articles handed to Celery workers instead (done/failed stay 0).
    queued: int = 0


def article_extract(
    *, article: Article, retry_on: tuple[type[Exception], ...] = ()
) -> bool:
    """Run extraction on `article` and store the result; return success.

    The article is already committed, so a failure here only marks it failed
    with the error; `extract_pending` retries it later. Errors of the
    `retry_on` types propagate instead, for the Celery task to retry.
    """
    try:
        result = extraction.extract(
            article.text,
            title=article.title,
            published=article.published,
            nlp=get_nlp(settings.SPACY_MODEL),
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
    except retry_on:
        raise
    except Exception as error:  # noqa: BLE001 - any failure is recorded, not raised
        logger.exception("extraction failed for article %s", article.pk)
        extraction_fail(article_id=article.pk, error=error)
        return False


def extraction_fail(*, article_id: int, error: BaseException) -> None:
    """Mark the article's extraction failed with `error`."""
    Article.objects.filter(pk=article_id).update(
        extraction_status=Article.ExtractionStatus.FAILED,
        extraction_error=f"{type(error).__name__}: {error}"[:5000],
        extracted_at=timezone.now(),
    )


def extraction_store(
    *, article: Article, result: "extraction.ExtractionResult"
) -> None:
    """Replace `article`'s machine-made rows with `result`, in one transaction.

    Events an analyst verified or corrected stay (still linked to the
    article); other events of this article alone are rebuilt; events other
    articles also report lose this article's claims and are recounted.
    """
    with transaction.atomic():
        # Two runs on one article (a task redelivered while the first still
        # runs) take turns: the second replaces the first's rows, never adds.
        Article.objects.select_for_update(no_key=True).filter(pk=article.pk).exists()
        _forget_machine_output(article)
        places = _PlaceRows()
        actors = _ActorRows()
        # The article reader highlights these spans, with the value on hover.
        Evidence.objects.bulk_create(_mention_evidence(article, result, places))
        kept = _kept_events_by_anchor(article)
        claimed = set()
        made = []
        for record in result.events:
            anchor = record.evidence[0].start if record.evidence else None
            # An analyst's version of this incident stands; the new claims
            # still attach to it.
            event = kept.get(anchor)
            if event is None:
                event = _event_store(article, record, places, actors)
                made.append(event)
            for figure in record.claims:
                _claim_store(article, figure, event, places, actors)
                claimed.add(claim_key(figure))
        # One statement for the links: a trigger lists them in the article's
        # row (migration 0009), once per statement.
        Event.articles.through.objects.bulk_create(
            Event.articles.through(event=event, article=article) for event in made
        )
        for figure in result.casualties:
            if claim_key(figure) not in claimed:
                _claim_store(article, figure, None, places, actors)


def _mention_evidence(article: Article, result, places: "_PlaceRows") -> list:
    """Return Evidence rows for the actors, places and dates the article names."""
    kinds = (
        (
            Evidence.Field.ACTOR,
            result.actors,
            lambda m: {"name": m.name, "kind": m.kind, "claimant": m.is_claimant},
        ),
        (
            Evidence.Field.PLACE,
            result.places,
            lambda m: {
                "name": m.name,
                "place_id": places.get(m).pk,
                "precision": m.precision,
            },
        ),
        (
            Evidence.Field.DATE,
            result.dates,
            lambda m: {
                "date": m.value.isoformat() if m.value else None,
                "precision": m.precision,
            },
        ),
    )
    return [
        Evidence(
            article=article,
            field=field,
            start=m.start,
            end=m.end,
            text=m.text,
            value=value(m),
        )
        for field, mentions, value in kinds
        for m in mentions
    ]


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
        sub_event_type=record.sub_event_type[:60],
        method=record.method[:60],
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
        victims_inferred=figure.victims_inferred,
        victim_detail=(figure.victim_detail or "")[:20],
        victim_side=(figure.victim_side or "")[:20],
        part_of_total=figure.part_of_total,
        superseded=figure.superseded,
        vague=figure.vague,
        perpetrator=actors.get(figure.perpetrator) if figure.perpetrator else None,
        claimed_by=(figure.claimed_by or "")[:200],
        place=places.get(figure.place) if figure.place else None,
        date=figure.date.value if figure.date else None,
        date_told=figure.date_told,
        cumulative=figure.cumulative,
        start=figure.start,
        end=figure.end,
        text=figure.text,
        sentence=figure.sentence.text,
    )


def _recount(event: Event) -> None:
    """Set the event's killed/injured low/best/high from its remaining claims."""
    for kind in ("killed", "injured"):
        counted = event.claims.filter(kind=kind, part_of_total=False, superseded=False)
        claims = counted.values_list("low", "high", "victim_detail", "vague")
        low, best, high = claim_bounds(list(claims))
        setattr(event, f"{kind}_low", low)
        setattr(event, f"{kind}_best", best)
        setattr(event, f"{kind}_high", high)
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


def extraction_queues() -> bool:
    """Return True when extraction runs in Celery workers (a broker is set)."""
    return bool(settings.CELERY_BROKER_URL)


def articles_extract_or_queue(
    *, articles, on_article: Callable[[Article, bool], None] | None = None
) -> ExtractReport:
    """Queue or run extraction of the `articles` queryset; report what was done.

    With a broker, one `extract_article` task per article is sent once the
    current transaction commits (a worker must find the article stored);
    without one, `articles_extract` runs here and now.
    """
    if not extraction_queues():
        return articles_extract(articles=articles, on_article=on_article)
    from events.tasks import extract_article

    article_ids = list(articles.order_by("pk").values_list("pk", flat=True))

    def send() -> None:
        for article_id in article_ids:
            extract_article.delay(article_id)

    transaction.on_commit(send)
    return ExtractReport(queued=len(article_ids))
