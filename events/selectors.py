"""Reads composed for pages: the filtered event list, its page, totals and chart,
the map's features, and what the event and article pages show.

Views call these; they never build queries themselves.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, Floor

from events.highlight import Span
from events.models import (
    Article,
    ArticleSimilarity,
    CasualtyClaim,
    Event,
    EventActor,
    Evidence,
    Place,
)

PAGE_SIZE = 50
COUNT_CAP = 10_000  # totals above this are shown as "10,000+"
SEARCH_MAX_PAGES = 100


def events_for_display(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """The events with what a list row shows: place, actors with roles, articles."""
    article_count = (
        Event.articles.through.objects.filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(n=Count("*"))
        .values("n")
    )
    return (
        queryset.select_related("place")
        .annotate(
            article_count=Coalesce(
                Subquery(article_count, output_field=IntegerField()), 0
            )
        )
        .prefetch_related(
            Prefetch(
                "eventactor_set",
                queryset=EventActor.objects.select_related("actor").order_by(
                    "role", "pk"
                ),
                to_attr="roles",
            )
        )
    )


# --- pagination ---------------------------------------------------------------


@dataclass
class EventPage:
    """One page of the timeline, with cursors to the neighbouring pages."""

    events: list[Event]
    next_cursor: str = ""
    previous_cursor: str = ""
    number: int | None = None  # search results are numbered pages
    has_next: bool = False
    has_previous: bool = False
    groups: list[tuple[str, list[Event]]] = field(default_factory=list)


def _cursor_of(event: Event) -> str:
    return f"{event.date.isoformat() if event.date else 'none'}.{event.pk}"


def _parse_cursor(cursor: str) -> tuple[dt.date | None, int] | None:
    try:
        day, pk = cursor.split(".")
        return (None if day == "none" else dt.date.fromisoformat(day)), int(pk)
    except ValueError:
        return None


def _older_than(date: dt.date | None, pk: int) -> Q:
    """Events after (date, pk) in newest-first order, undated ones last."""
    if date is None:
        return Q(date__isnull=True, pk__lt=pk)
    return Q(date__lt=date) | Q(date=date, pk__lt=pk) | Q(date__isnull=True)


def _newer_than(date: dt.date | None, pk: int) -> Q:
    if date is None:
        return Q(date__isnull=False) | Q(date__isnull=True, pk__gt=pk)
    return Q(date__gt=date) | Q(date=date, pk__gt=pk)


NEWEST_FIRST = [F("date").desc(nulls_last=True), F("pk").desc()]
OLDEST_FIRST = [F("date").asc(nulls_first=True), F("pk").asc()]


def event_page(
    queryset: QuerySet[Event],
    *,
    after: str = "",
    before: str = "",
    page: int = 1,
    ranked: bool = False,
    search: str = "",
    unsearched: QuerySet[Event] | None = None,
    size: int = PAGE_SIZE,
) -> EventPage:
    """Return one page of `queryset`, newest first (or best match first if ranked).

    Date order uses keyset cursors ("after"/"before" an event), so a deep page
    costs what the first does; ranked search results use numbered pages.
    `search` (the query `queryset` was searched with) ranks the matching
    articles once instead of each event's in turn; `unsearched` (the same
    filter without the search, when known) spares searching a second time.
    """
    if ranked or search:
        return _numbered_page(
            queryset, page=page, size=size, search=search, unsearched=unsearched
        )
    position = _parse_cursor(before) if before else None
    if position:
        rows = list(
            queryset.filter(_newer_than(*position)).order_by(*OLDEST_FIRST)[: size + 1]
        )
        has_more = len(rows) > size
        rows = rows[:size][::-1]
        result = EventPage(rows, has_previous=has_more, has_next=True)
    else:
        position = _parse_cursor(after) if after else None
        if position:
            queryset = queryset.filter(_older_than(*position))
        rows = list(queryset.order_by(*NEWEST_FIRST)[: size + 1])
        result = EventPage(
            rows[:size], has_next=len(rows) > size, has_previous=bool(position)
        )
    if result.events:
        result.next_cursor = _cursor_of(result.events[-1])
        result.previous_cursor = _cursor_of(result.events[0])
    result.groups = group_by_period(result.events)
    return result


def _numbered_page(
    queryset: QuerySet[Event],
    *,
    page: int,
    size: int,
    search: str = "",
    unsearched: QuerySet[Event] | None = None,
) -> EventPage:
    page = max(1, min(page, SEARCH_MAX_PAGES))
    start = (page - 1) * size
    if search:
        rows = _best_matches(
            queryset, search, start, start + size + 1, unsearched=unsearched
        )
    else:
        rows = list(
            queryset.order_by(F("rank").desc(nulls_last=True), *NEWEST_FIRST)[
                start : start + size + 1
            ]
        )
    events = rows[:size]
    return EventPage(
        events,
        number=page,
        has_next=len(rows) > size and page < SEARCH_MAX_PAGES,
        has_previous=page > 1,
        groups=[("Best matches first", events)] if events else [],
    )


def _best_matches(
    queryset: QuerySet[Event],
    query: str,
    start: int,
    stop: int,
    *,
    unsearched: QuerySet[Event] | None = None,
) -> list[Event]:
    """Events `start`:`stop` of `queryset` in best-match order for `query`.

    The order is the one `EventQuerySet.search` ranks by (an event's best
    article, then newest first), but each matching article is ranked once
    instead of once per event that cites it. The events are those of
    `unsearched` (the other filters) reported by a matching article.
    """
    ranks = dict(Article.objects.search(query).order_by().values_list("pk", "rank"))
    links = Event.articles.through.objects.filter(article__in=list(ranks))
    within = queryset if unsearched is None else unsearched
    if within.query.has_filters():
        links = links.filter(event__in=within.order_by().values("pk"))
    best: dict[int, tuple] = {}
    for event, article, date in links.values_list("event", "article", "event__date"):
        if event not in best or ranks[article] > best[event][0]:
            best[event] = (ranks[article], date)
    ordered = sorted(best.items(), key=_best_first)[start:stop]
    # Every event here passed the filters already: read them by id alone.
    found = events_for_display(Event.objects.all()).in_bulk([pk for pk, _ in ordered])
    page = []
    for pk, (rank, _) in ordered:
        if pk in found:
            found[pk].rank = rank
            page.append(found[pk])
    return page


def _best_first(item: tuple[int, tuple]) -> tuple:
    """Sort key: higher rank first, then newest first (undated last), then id."""
    pk, (rank, date) = item
    return (-rank, date is None, -(date.toordinal() if date else 0), -pk)


def group_by_period(events: list[Event]) -> list[tuple[str, list[Event]]]:
    """Group consecutive events by day (or month/year for coarse dates)."""
    groups: list[tuple[str, list[Event]]] = []
    for event in events:
        label = event.period_label
        if groups and groups[-1][0] == label:
            groups[-1][1].append(event)
        else:
            groups.append((label, [event]))
    return groups


# --- totals and chart ---------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    events: int
    killed: int
    capped: bool  # more than COUNT_CAP events: the numbers are lower bounds

    @property
    def events_label(self) -> str:
        plus = "+" if self.capped else ""
        return f"{self.events:,}{plus} event{'s' if self.events != 1 else ''}"

    @property
    def killed_label(self) -> str:
        plus = "+" if self.capped else ""
        return f"{self.killed:,}{plus} killed"


def event_totals(queryset: QuerySet[Event], cap: int = COUNT_CAP) -> Totals:
    """Count the events and their dead, reading at most `cap` + 1 rows."""
    # One pass over at most cap + 1 rows (the timeline index has the toll),
    # not a second lookup of each counted event.
    row = (
        queryset.order_by()
        .values("killed_best")[: cap + 1]
        .aggregate(events=Count("*"), killed=Coalesce(Sum("killed_best"), 0))
    )
    capped = row["events"] > cap
    return Totals(min(row["events"], cap), row["killed"], capped)


@dataclass(frozen=True)
class ChartBar:
    month: dt.date
    events: int
    killed: int


def event_chart(queryset: QuerySet[Event]) -> list[ChartBar]:
    """Events and their dead per month, oldest first, gaps filled with zeros."""
    # Grouped by day, a plain column the timeline index holds in order; the
    # days are folded into months here (truncating every row's date in SQL
    # costs more than the whole scan).
    days = (
        queryset.filter(date__isnull=False)
        .order_by()
        .values("date")
        .annotate(events=Count("*"), killed=Coalesce(Sum("killed_best"), 0))
        .values_list("date", "events", "killed")
    )
    found: dict[dt.date, dict] = {}
    for day, events, killed in days:
        row = found.setdefault(day.replace(day=1), {"events": 0, "killed": 0})
        row["events"] += events
        row["killed"] += killed
    if not found:
        return []
    bars = []
    month = min(found)
    last = max(found)
    while month <= last:
        row = found.get(month, {"events": 0, "killed": 0})
        bars.append(ChartBar(month, row["events"], row["killed"]))
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return bars


# --- map ----------------------------------------------------------------------------

MAP_MAX_FEATURES = 5_000
MAP_CLUSTER_ABOVE = 2_000  # more events in view than a browser draws well
MAP_GRID = 24  # cluster cells across the wider side of the view (40 px each)


def map_features(queryset: QuerySet[Event], *, bbox=None) -> dict:
    """Return the mappable events of `queryset` as a GeoJSON FeatureCollection.

    Events known only to their governorate (or region) keep that precision in
    `geo_precision`, so the map draws them as approximate, not as pins.
    Cumulative figures have no event, so they never appear. With more than
    MAP_CLUSTER_ABOVE events inside `bbox`, the features are grid clusters.
    """
    events = queryset.mappable()
    if bbox:
        west, south, east, north = bbox
        events = events.filter(
            place__longitude__gte=west,
            place__longitude__lte=east,
            place__latitude__gte=south,
            place__latitude__lte=north,
        )
        if events.order_by()[: MAP_CLUSTER_ABOVE + 1].count() > MAP_CLUSTER_ABOVE:
            return {
                "type": "FeatureCollection",
                "features": map_clusters(events, bbox=bbox),
                "truncated": False,
                "clustered": True,
            }
    rows = events.order_by(*NEWEST_FIRST).values(
        "pk",
        "date",
        "date_precision",
        "event_type",
        "sub_event_type",
        "geo_precision",
        "killed_low",
        "killed_best",
        "killed_high",
        "civilian_targeting",
        "summary",
        "place__name",
        "place__admin1_name",
        "place__latitude",
        "place__longitude",
    )[: MAP_MAX_FEATURES + 1]
    rows = list(rows)
    truncated = len(rows) > MAP_MAX_FEATURES
    features = [_feature(row) for row in rows[:MAP_MAX_FEATURES]]
    return {
        "type": "FeatureCollection",
        "features": features,
        "truncated": truncated,
    }


def map_clusters(events: QuerySet[Event], *, bbox) -> list[dict]:
    """Return `events` as GeoJSON points, one per occupied cell of a grid on `bbox`.

    Each point sits at the mean position of its events and says how many
    there are and how many were killed: {"cluster": true, "count", "killed"}.
    """
    west, south, east, north = bbox
    cell = max(east - west, north - south, 1e-6) / MAP_GRID
    cells = (
        events.order_by()
        .annotate(
            column=Floor((F("place__longitude") - west) / cell),
            row=Floor((F("place__latitude") - south) / cell),
        )
        .values("column", "row")
        .annotate(
            count=Count("*"),
            killed=Coalesce(Sum("killed_best"), 0),
            longitude=Avg("place__longitude"),
            latitude=Avg("place__latitude"),
        )
        .order_by("-count")
    )
    return [
        {
            "type": "Feature",
            "id": f"cluster-{cell['column']:.0f}-{cell['row']:.0f}",
            "geometry": {
                "type": "Point",
                "coordinates": [
                    round(cell["longitude"], 5),
                    round(cell["latitude"], 5),
                ],
            },
            "properties": {
                "cluster": True,
                "count": cell["count"],
                "killed": cell["killed"],
            },
        }
        for cell in cells
    ]


def _feature(row: dict) -> dict:
    return {
        "type": "Feature",
        "id": row["pk"],
        "geometry": {
            "type": "Point",
            "coordinates": [
                round(row["place__longitude"], 5),
                round(row["place__latitude"], 5),
            ],
        },
        "properties": {
            "id": row["pk"],
            "date": row["date"].isoformat() if row["date"] else None,
            "date_precision": row["date_precision"],
            "event_type": row["event_type"],
            "sub_event_type": row["sub_event_type"],
            "place": row["place__name"],
            "admin1": row["place__admin1_name"],
            "geo_precision": row["geo_precision"] or "exact",
            "killed": row["killed_best"],
            "killed_low": row["killed_low"],
            "killed_high": row["killed_high"],
            "civilian_targeting": row["civilian_targeting"],
            "summary": row["summary"],
            "url": f"/events/{row['pk']}/",
        },
    }


# --- event and article pages ----------------------------------------------------------


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
