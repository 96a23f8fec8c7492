"""What the benchmark asks for: timeline filters (with their Datasette
equivalents), map views and exports, resolved against the bench data."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Max, Min

from events import selectors
from events.extraction.gazetteer import syrian_governorates
from events.models import Actor, Event, Place

SEARCH_TERM = "chlorine"  # an analyst's search: a weapon, in a few % of articles
COMMON_SEARCH_TERM = "chemical"  # in about one article in eight
ACTOR = "Islamic State"
GOVERNORATE = "09"  # Aleppo, the governorate with the most events
DEEP_PAGES = 50
SYRIA_BBOX = (35.6, 32.3, 42.4, 37.4)  # what the map frames first (map.js)


@dataclass(frozen=True)
class Scenario:
    """A timeline filter: our query string and Datasette's equivalent."""

    name: str
    params: dict[str, str]
    peer: dict[str, str] | None = None
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # paging, not a filter

    @property
    def query(self) -> str:
        return urlencode(self.params | self.extra)


def timeline_scenarios() -> list[Scenario]:
    """The filter combinations the timeline is timed with."""
    actor = Actor.objects.named(ACTOR)
    deep = _deep_cursor(DEEP_PAGES)
    governorate = syrian_governorates()[GOVERNORATE]
    return [
        Scenario("no filter", {}, {}),
        Scenario(
            "date range (2016)",
            {"start": "2016-01-01", "end": "2016-12-31"},
            {"date__gte": "2016-01-01", "date__lte": "2016-12-31"},
        ),
        Scenario(
            f"actor ({ACTOR})",
            {"actor": ACTOR},
            _actor_where(actor) if actor else None,
        ),
        Scenario(
            f"governorate ({governorate})",
            {"governorate": GOVERNORATE},
            {"admin1_code__exact": GOVERNORATE},
        ),
        Scenario(
            "event type (Battles)",
            {"event_type": "Battles"},
            {"event_type__exact": "Battles"},
        ),
        Scenario(
            "sub-type (Air/drone strike)",
            {"sub_event_type": "Air/drone strike"},
            {"sub_event_type__exact": "Air/drone strike"},
        ),
        Scenario("at least 10 killed", {"min_killed": "10"}, {"killed__gte": "10"}),
        Scenario(
            f"full-text search ({SEARCH_TERM})",
            {"q": SEARCH_TERM},
            {"_search": SEARCH_TERM},
            note="ours ranked by relevance; Datasette's newest first",
        ),
        Scenario(
            f"full-text search, common word ({COMMON_SEARCH_TERM})",
            {"q": COMMON_SEARCH_TERM},
            {"_search": COMMON_SEARCH_TERM},
            note="ours ranked by relevance; Datasette's newest first",
        ),
        Scenario(
            f"search + governorate ({COMMON_SEARCH_TERM}, {governorate})",
            {"q": COMMON_SEARCH_TERM, "governorate": GOVERNORATE},
            {"_search": COMMON_SEARCH_TERM, "admin1_code__exact": GOVERNORATE},
            note="ours ranked by relevance; Datasette's newest first",
        ),
        Scenario(
            "combined (type + governorate + 2014-2017 + >= 5 killed)",
            {
                "event_type": "Explosions/Remote violence",
                "governorate": GOVERNORATE,
                "start": "2014-01-01",
                "end": "2017-12-31",
                "min_killed": "5",
            },
            {
                "event_type__exact": "Explosions/Remote violence",
                "admin1_code__exact": GOVERNORATE,
                "date__gte": "2014-01-01",
                "date__lte": "2017-12-31",
                "killed__gte": "5",
            },
        ),
        Scenario(
            "civilians targeted",
            {"civilian_targeting": "true"},
            {"civilian_targeting__exact": "1"},
        ),
        Scenario(
            f"deep page ({DEEP_PAGES} pages in)",
            {},
            None,  # Datasette's _next token is followed over HTTP (peer.py)
            extra={"after": deep} if deep else {},
        ),
    ]


def _actor_where(actor) -> dict[str, str]:
    """Datasette's equivalent of the actor filter: its indexed link table."""
    links = f"select event_id from event_actors where actor_id = {actor.pk}"
    return {"_where": f"id in ({links})"}


def _deep_cursor(pages: int) -> str:
    """The `after` cursor of the timeline page `pages` pages in."""
    page = selectors.event_page(Event.objects.all(), size=50)
    for _ in range(pages - 1):
        if not page.has_next:
            break
        page = selectors.event_page(Event.objects.all(), after=page.next_cursor)
    return page.next_cursor


def governorate_bbox(code: str = GOVERNORATE) -> tuple[float, float, float, float]:
    """The box around the gazetteer's Syrian places in governorate `code`."""
    box = Place.objects.filter(country_code="SY", admin1_code=code).aggregate(
        west=Min("longitude"),
        south=Min("latitude"),
        east=Max("longitude"),
        north=Max("latitude"),
    )
    return box["west"], box["south"], box["east"], box["north"]


def map_scenarios() -> list[tuple[str, str]]:
    """(name, query string) of the map views timed."""
    return [
        ("country extent (Syria)", urlencode({"bbox": _bbox(SYRIA_BBOX)})),
        (
            f"one governorate ({syrian_governorates()[GOVERNORATE]})",
            urlencode({"bbox": _bbox(governorate_bbox())}),
        ),
        (
            "country extent, Battles only",
            urlencode({"bbox": _bbox(SYRIA_BBOX), "event_type": "Battles"}),
        ),
    ]


def _bbox(box) -> str:
    return ",".join(f"{value:.4f}" for value in box)


def export_start(rows: int) -> str:
    """The `start` date from which about `rows` events are exported."""
    dated = Event.objects.filter(date__isnull=False).order_by(*selectors.NEWEST_FIRST)
    last = dated.values_list("date", flat=True)[rows - 1 : rows].first()
    return last.isoformat() if last else "2011-01-01"
