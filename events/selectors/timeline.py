"""The timeline's reads: events ready for display, keyset pages, totals, chart."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
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
from django.db.models.functions import Coalesce

from events.models import Article, Event, EventActor

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
    # Search pages count the matching events while ranking them.
    totals: "Totals | None" = None


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
    totals = None
    if search:
        rows, totals = _best_matches(
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
        totals=totals,
    )


def _best_matches(
    queryset: QuerySet[Event],
    query: str,
    start: int,
    stop: int,
    *,
    unsearched: QuerySet[Event] | None = None,
) -> tuple[list[Event], "Totals"]:
    """Events `start`:`stop` of `queryset` in best-match order for `query`,
    and the totals of all the matching events.

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
    rows = links.values_list("event", "article", "event__date", "event__killed_best")
    for event, article, date, killed in rows:
        if event not in best or ranks[article] > best[event][0]:
            best[event] = (ranks[article], date, killed)
    ordered = sorted(best.items(), key=_best_first)[start:stop]
    # Every event here passed the filters already: read them by id alone.
    found = events_for_display(Event.objects.all()).in_bulk([pk for pk, _ in ordered])
    page = []
    for pk, (rank, *_) in ordered:
        if pk in found:
            found[pk].rank = rank
            page.append(found[pk])
    killed = sum(k for _, _, k in best.values() if k)
    return page, Totals(len(best), killed, capped=False)


def _best_first(item: tuple[int, tuple]) -> tuple:
    """Sort key: higher rank first, then newest first (undated last), then id."""
    pk, (rank, date, _) = item
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
