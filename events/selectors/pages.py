"""Reads for the event, article and place pages, and the highlight spans."""

import datetime as dt

from django.db.models import (
    Prefetch,
    Q,
)

from events.highlight import Span
from events.models import (
    Article,
    ArticleSimilarity,
    CasualtyClaim,
    Event,
    Evidence,
    Place,
)
from events.selectors.timeline import NEWEST_FIRST, events_for_display


def event_detail(pk: int) -> Event:
    """Return the event with its place, roles, claims (with articles) and evidence."""
    return (
        events_for_display(Event.objects.all())
        .prefetch_related(
            Prefetch(
                "claims",
                queryset=CasualtyClaim.objects.select_related(
                    "article__source", "perpetrator"
                ).order_by("kind", "article__published", "pk"),
            ),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("article").order_by(
                    "article", "start"
                ),
            ),
            Prefetch("articles", queryset=Article.objects.select_related("source")),
        )
        .get(pk=pk)
    )


def related_events(event: Event, *, days: int = 3, limit: int = 10) -> list[Event]:
    """Other events at the same place, or within `days` days of it."""
    near = Q()
    if event.place_id:
        near |= Q(place=event.place_id)
    if event.date:
        span = dt.timedelta(days=days)
        near |= Q(date__range=(event.date - span, event.date + span))
    if not near:
        return []
    related = Event.objects.filter(near).exclude(pk=event.pk)
    return list(events_for_display(related).order_by(*NEWEST_FIRST)[:limit])


def place_options(prefix: str, limit: int = 15) -> list[Place]:
    """Places whose name starts with (or resembles) `prefix`, for type-ahead."""
    prefix = prefix.strip()
    if not prefix:
        return []
    starting = list(
        Place.objects.filter(name__istartswith=prefix).order_by("-population")[:limit]
    )
    if len(starting) < limit:
        starting += [
            p for p in Place.objects.similar_to(prefix)[:limit] if p not in starting
        ][: limit - len(starting)]
    return starting


def article_detail(pk: int) -> Article:
    """Return the article with its source, events and near-duplicates."""
    return (
        Article.objects.select_related("source")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=events_for_display(Event.objects.all()).order_by(
                    *NEWEST_FIRST
                ),
            ),
        )
        .get(pk=pk)
    )


def near_duplicates(article: Article) -> list[tuple[Article, float]]:
    """Articles sharing much of `article`'s text, most similar first."""
    links = ArticleSimilarity.objects.filter(
        Q(article=article) | Q(similar_to=article)
    ).select_related("article__source", "similar_to__source")
    pairs = [
        (
            link.similar_to if link.article_id == article.pk else link.article,
            link.similarity,
        )
        for link in links
    ]
    return sorted(pairs, key=lambda pair: -pair[1])


def article_spans(article: Article) -> list[Span]:
    """The actors, places, dates and casualty figures found in `article`."""
    spans = [
        Span(e.start, e.end, _mention_kind(e), _mention_title(e))
        for e in article.evidence.filter(event__isnull=True).order_by("start")
    ]
    for claim in article.casualty_claims.select_related("perpetrator"):
        spans.append(Span(claim.start, claim.end, "casualties", _claim_title(claim)))
    return spans


def event_spans(event: Event) -> list[Span]:
    """The spans backing each field of `event` inside its evidence sentences.

    A span as long as a whole sentence (the type's evidence is the sentence
    that names it) would hide the finer ones, so it is left to the sentence.
    """
    evidence = list(event.evidence.all())
    sentences = [(e.start, e.end) for e in evidence if e.field == Evidence.Field.EVENT]

    def covers_a_sentence(e: Evidence) -> bool:
        return any(e.start <= start and e.end >= end for start, end in sentences)

    return [
        Span(e.start, e.end, e.field, e.get_field_display())
        for e in evidence
        if e.field != Evidence.Field.EVENT and not covers_a_sentence(e)
    ] + [
        Span(c.start, c.end, "casualties", _claim_title(c)) for c in event.claims.all()
    ]


def _mention_kind(evidence: Evidence) -> str:
    if evidence.field == Evidence.Field.ACTOR and evidence.value.get("claimant"):
        return "claimant"
    return evidence.field


def _mention_title(evidence: Evidence) -> str:
    value = evidence.value or {}
    if evidence.field == Evidence.Field.ACTOR:
        role = "Source of claims" if value.get("claimant") else "Actor"
        return f"{role}: {value.get('name', evidence.text)} ({value.get('kind', '?')})"
    if evidence.field == Evidence.Field.PLACE:
        return f"Place: {value.get('name', evidence.text)} ({value.get('precision')})"
    if evidence.field == Evidence.Field.DATE:
        return f"Date: {value.get('date') or 'unresolved'} ({value.get('precision')})"
    return evidence.get_field_display()


def _claim_title(claim: CasualtyClaim) -> str:
    figure = claim.low if claim.low is not None else claim.high
    words = [f"{claim.get_kind_display()}: {figure if figure is not None else '?'}"]
    if claim.low is not None and claim.high is not None and claim.high != claim.low:
        words[0] += f"-{claim.high}"
    words.append(claim.victims)
    if claim.claimed_by:
        words.append(f"claimed by {claim.claimed_by}")
    if claim.cumulative:
        words.append("cumulative total")
    return ", ".join(words)


def event_sentences(article: Article, event_id: int) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of `article` that backs event `event_id`."""
    return list(
        article.evidence.filter(
            event_id=event_id, field=Evidence.Field.EVENT
        ).values_list("start", "end")
    )
