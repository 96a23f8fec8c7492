"""The timeline's reads: events ready for display, keyset pages, totals, chart."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection
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
from events.models.articles import SEARCH_CONFIG

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
    size: int = PAGE_SIZE,
) -> EventPage:
    """Return one page of `queryset`, newest first.

    Pages are read by keyset cursors ("after"/"before" an event), so a deep
    page costs what the first does.
    """
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


# One statement:
# - matched: rank each matching article once (MATERIALIZED: inlined, the rank
#   would be computed again for every event an article reports). An article's
#   events are the event_ids of its row, which triggers keep in step with the
#   link table (migration 0009), so no join.
# - best: give each event the rank of its best article (an event can have
#   several) and keep the events of the other filters ({within}). The filter
#   comes before the GROUP BY because the planner knows how many rows unnest
#   gives but not how many groups come out: filtering the groups, it planned
#   one index lookup per event.
# - totals: count at most COUNT_CAP + 1 events and their dead, as the other
#   pages' totals do (their ids as one array, which the index reads in order,
#   not one lookup per event).
# - the page: read dates only for the events ranked at least as well as the
#   last one of the page, a subquery per event (as a join, the planner would
#   read every event's date to sort a few).
SEARCH_SQL = """
WITH matched AS MATERIALIZED (
    SELECT article.event_ids, ts_rank(article.search_vector, query) AS rank
    FROM {article} AS article, websearch_to_tsquery(%(config)s::regconfig, %(query)s)
        AS query
    WHERE article.search_vector @@ query
), reports AS (
    SELECT unnest(event_ids) AS event_id, rank FROM matched
), best AS MATERIALIZED (
    SELECT event_id, max(rank) AS rank FROM reports {within} GROUP BY event_id
), totals AS MATERIALIZED (
    SELECT count(*) AS events, coalesce(sum(event.killed_best), 0) AS killed
    FROM {event} AS event
    WHERE event.id = ANY(ARRAY(SELECT event_id FROM best LIMIT %(cap)s + 1))
)
SELECT best.event_id, best.rank, totals.events, totals.killed
FROM best, totals
WHERE best.rank >= coalesce(
    (SELECT rank FROM best ORDER BY rank DESC LIMIT 1 OFFSET %(last)s), -1
)
ORDER BY
    best.rank DESC,
    (SELECT event.date FROM {event} AS event WHERE event.id = best.event_id)
        DESC NULLS LAST,
    best.event_id DESC
LIMIT %(limit)s OFFSET %(offset)s
"""


def search_page(
    queryset: QuerySet[Event], query: str, *, page: int = 1, size: int = PAGE_SIZE
) -> EventPage:
    """Return numbered page `page` of the events of `queryset` that an article
    matching `query` (web search syntax) reports, best match first.

    An event ranks as its best article (PostgreSQL's ts_rank, as
    `Article.objects.search` ranks); ties go newest first. The page carries
    the totals of the matching events, counted up to COUNT_CAP.
    """
    page = max(1, min(page, SEARCH_MAX_PAGES))
    try:
        sql, params = search_statement(queryset, query, page=page, size=size)
    except EmptyResultSet:  # a filter that selects nothing (queryset.none())
        return EventPage([], number=1, totals=Totals(0, 0, capped=False))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows and page > 1:  # past the last page: count from the first
        return search_page(queryset, query, page=1, size=size)
    found = events_for_display(Event.objects.all()).in_bulk([pk for pk, *_ in rows])
    events = []
    for pk, rank, _, _ in rows[:size]:
        if pk in found:  # not deleted since
            found[pk].rank = rank
            events.append(found[pk])
    count, killed = (rows[0][2], rows[0][3]) if rows else (0, 0)
    return EventPage(
        events,
        number=page,
        has_next=len(rows) > size and page < SEARCH_MAX_PAGES,
        has_previous=page > 1,
        groups=[("Best matches first", events)] if events else [],
        totals=Totals(min(count, COUNT_CAP), killed, capped=count > COUNT_CAP),
    )


def search_statement(
    queryset: QuerySet[Event], query: str, *, page: int, size: int
) -> tuple[str, dict]:
    """SEARCH_SQL and its parameters for one page (raises EmptyResultSet if
    `queryset` cannot select anything)."""
    within, params = "", {}
    if queryset.query.has_filters():
        subquery, values = queryset.order_by().values("pk").query.sql_with_params()
        # Named parameters for the whole statement: the filter's own become
        # %(within0)s, %(within1)s...
        params = {f"within{n}": value for n, value in enumerate(values)}
        subquery = subquery.replace("%%", "%%%%") % tuple(
            f"%({name})s" for name in params
        )
        within = f"WHERE event_id IN ({subquery})"
    sql = SEARCH_SQL.format(
        article=Article._meta.db_table,
        event=Event._meta.db_table,
        within=within,
    )
    return sql, {
        "config": SEARCH_CONFIG,
        "query": query,
        "cap": COUNT_CAP,
        "last": page * size,  # the row after the page tells if there is more
        "limit": size + 1,
        "offset": (page - 1) * size,
        **params,
    }


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
