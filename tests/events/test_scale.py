"""What keeps the pages fast on a large database: server-side map clusters,
search results ranked article by article, and a fixed number of queries."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import selectors
from events.filters import EventFilter
from events.models import Article, Event, EventActor
from tests.events import builders

pytestmark = pytest.mark.django_db

SYRIA = (35.6, 32.3, 42.4, 37.4)


@pytest.fixture
def crowded():
    """Nine events: six in Raqqa (two with tolls), three in Aleppo."""
    raqqa = builders.place("Raqqa", latitude=35.95, longitude=39.01)
    aleppo = builders.place("Aleppo", admin1_code="09", latitude=36.2, longitude=37.16)
    events = [builders.event(at=raqqa, killed=killed) for killed in (3, 4)]
    events += [builders.event(at=raqqa) for _ in range(4)]
    events += [builders.event(at=aleppo, killed=1) for _ in range(3)]
    return events


def test_the_map_sends_grid_clusters_when_the_view_is_crowded(crowded, monkeypatch):
    monkeypatch.setattr(selectors.maps, "MAP_CLUSTER_ABOVE", 5)
    collection = selectors.map_features(Event.objects.all(), bbox=SYRIA)
    assert collection["clustered"] is True
    clusters = {
        tuple(f["geometry"]["coordinates"]): f["properties"]
        for f in collection["features"]
    }
    assert clusters == {
        (39.01, 35.95): {"cluster": True, "count": 6, "killed": 7},
        (37.16, 36.2): {"cluster": True, "count": 3, "killed": 3},
    }


def test_the_map_sends_events_when_they_are_few(crowded, monkeypatch):
    monkeypatch.setattr(selectors.maps, "MAP_CLUSTER_ABOVE", 9)
    collection = selectors.map_features(Event.objects.all(), bbox=SYRIA)
    assert "clustered" not in collection
    assert sorted(f["id"] for f in collection["features"]) == sorted(
        e.pk for e in crowded
    )
    # Without a visible area (the API used directly) there is no grid.
    monkeypatch.setattr(selectors.maps, "MAP_CLUSTER_ABOVE", 1)
    assert len(selectors.map_features(Event.objects.all())["features"]) == 9


@pytest.fixture
def reported():
    """Events reported by articles that match "chlorine" more or less well."""
    strong = builders.article(
        "Chlorine attack", "Chlorine gas. Chlorine barrels. Chlorine again."
    )
    weak = builders.article("Shelling", "Shelling, and one chlorine canister.")
    other = builders.article("Clashes", "Clashes in the north.")
    day = dt.date(2017, 5, 1)
    return {
        "strong": builders.event(date=day, reported_in=[strong]),
        "both": builders.event(date=day, reported_in=[weak, strong]),
        "weak_new": builders.event(date=day + dt.timedelta(1), reported_in=[weak]),
        "weak_old": builders.event(date=day - dt.timedelta(1), reported_in=[weak]),
        "undated": builders.event(date=None, reported_in=[weak]),
        "unmatched": builders.event(date=day, reported_in=[other]),
    }


def test_search_pages_rank_events_by_their_best_article(reported):
    first = selectors.search_page(Event.objects.all(), "chlorine", size=3)
    second = selectors.search_page(Event.objects.all(), "chlorine", size=3, page=2)
    names = {event.pk: name for name, event in reported.items()}
    order = [names[e.pk] for e in first.events + second.events]
    # Equal ranks go newest first, then by id.
    assert order[:2] == sorted(["strong", "both"], key=lambda n: -reported[n].pk)
    assert order[2:] == ["weak_new", "weak_old", "undated"]
    article_rank = dict(Article.objects.search("chlorine").values_list("title", "rank"))
    assert [e.rank for e in first.events] == pytest.approx(
        [article_rank["Chlorine attack"]] * 2 + [article_rank["Shelling"]]
    )
    assert (first.number, first.has_previous, first.has_next) == (1, False, True)
    assert (second.number, second.has_previous, second.has_next) == (2, True, False)
    assert first.totals == second.totals == selectors.Totals(5, 0, capped=False)


def event_ids(*articles: Article) -> list[list[int]]:
    """The event ids the database keeps in each article's row (migration 0009)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, event_ids FROM events_article WHERE id = ANY(%s)",
            [[a.pk for a in articles]],
        )
        found = dict(cursor.fetchall())
    return [found[a.pk] for a in articles]


def test_articles_rows_follow_their_links_however_they_change():
    first, second = builders.article(), builders.article()
    one = builders.event(reported_in=[first])
    two = builders.event(reported_in=[first, second])
    assert event_ids(first, second) == [[one.pk, two.pk], [two.pk]]
    two.articles.remove(first)
    assert event_ids(first, second) == [[one.pk], [two.pk]]
    Event.articles.through.objects.filter(event=two).update(article=first)
    assert event_ids(first, second) == [[one.pk, two.pk], []]
    one.delete()  # its links go by cascade
    assert event_ids(first, second) == [[two.pk], []]
    Event.articles.through.objects.bulk_create(
        [
            Event.articles.through(event=one_more, article=second)
            for one_more in [builders.event(), builders.event()]
        ]
    )
    assert len(event_ids(second)[0]) == 2
    # Saving an article loaded before its links changed keeps them.
    stale = Article.objects.get(pk=first.pk)
    builders.event(reported_in=[first])
    stale.title = "Renamed"
    stale.save()
    assert len(event_ids(first)[0]) == 2
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # nothing pending
        cursor.execute("TRUNCATE events_event_articles")
    assert event_ids(first, second) == [[], []]


def test_search_pages_keep_the_other_filters(reported):
    found = EventFilter({"start": "2017-05-01"}, queryset=Event.objects.all())
    page = selectors.search_page(found.qs, "chlorine")
    assert {e.pk for e in page.events} == {
        reported[name].pk for name in ("strong", "both", "weak_new")
    }
    assert page.totals.events == 3
    assert selectors.search_page(Event.objects.none(), "chlorine").events == []


def test_search_pages_with_many_filters_and_a_like_pattern(reported):
    isis = builders.actor("Islamic State", "jihadist")
    raqqa = builders.place("Raqqa", admin1_code="04")
    article = builders.article("Chlorine in Raqqa", "Chlorine barrels hit Raqqa.")
    wanted = builders.event(
        at=raqqa,
        killed=7,
        roles={EventActor.Role.PERPETRATOR: isis},
        reported_in=[article],
        summary="100% chlorine",
    )
    data = {
        "q": "chlorine",
        "actor": "Islamic State",
        "governorate": "04",
        "min_killed": "5",
        "start": "2017-01-01",
    }
    found = EventFilter(data, queryset=Event.objects.all())
    narrowed = found.without_search().filter(summary__contains="100%")
    page = selectors.search_page(narrowed, found.search_text)
    assert [e.pk for e in page.events] == [wanted.pk]
    assert page.totals == selectors.Totals(1, 7, capped=False)


def test_search_totals_are_capped_like_the_others(reported, monkeypatch):
    monkeypatch.setattr(selectors.timeline, "COUNT_CAP", 3)
    page = selectors.search_page(Event.objects.all(), "chlorine", size=2)
    assert page.totals == selectors.Totals(3, 0, capped=True)
    assert page.totals.events_label == "3+ events"


def test_a_search_page_past_the_end_shows_the_first(reported):
    page = selectors.search_page(Event.objects.all(), "chlorine", page=9)
    assert page.number == 1 and len(page.events) == 5
    nothing = selectors.search_page(Event.objects.all(), "sarin")
    assert (nothing.events, nothing.totals.events) == ([], 0)


def timeline_queries(client, url: str, settings, size: int) -> int:
    settings.CONFLICTWATCH_PAGE_SIZE = size
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/", "/?actor=Islamic+State&governorate=04", "/?q=strike", "/map/"]
)
def test_queries_do_not_grow_with_the_page_or_the_data(client, settings, url):
    client.force_login(User.objects.create_user("analyst"))
    isis = builders.actor("Islamic State", "jihadist")
    raqqa = builders.place("Raqqa")

    def add(count: int) -> None:
        for _ in range(count):
            builders.event(
                at=raqqa,
                roles={EventActor.Role.PERPETRATOR: isis},
                reported_in=[builders.article("Air strike", "An air strike.", "SANA")],
            )

    add(3)
    few = {size: timeline_queries(client, url, settings, size) for size in (10, 50)}
    add(60)
    many = {size: timeline_queries(client, url, settings, size) for size in (10, 50)}
    assert few[10] == few[50] == many[10] == many[50]
