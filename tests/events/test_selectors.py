"""Selectors behind the pages: keyset pages, totals, chart, map features."""

import datetime as dt

import pytest

from events import selectors
from events.models import Event
from tests.events import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def many():
    """23 events: 20 over 10 days (two per day), 3 undated; ids increase with time."""
    raqqa = builders.place("Raqqa")
    events = [
        builders.event(date=dt.date(2017, 1, 1) + dt.timedelta(days=i // 2), at=raqqa)
        for i in range(20)
    ]
    events += [builders.event(date=None, at=raqqa) for _ in range(3)]
    return events


def newest_first(events):
    dated = sorted((e for e in events if e.date), key=lambda e: (e.date, e.pk))
    undated = sorted((e for e in events if not e.date), key=lambda e: e.pk)
    return [e.pk for e in reversed(dated)] + [e.pk for e in reversed(undated)]


def test_keyset_pages_walk_every_event_once_forward_and_back(many):
    pages, page = [], selectors.event_page(Event.objects.all(), size=5)
    pages.append(page)
    while page.has_next:
        page = selectors.event_page(Event.objects.all(), after=page.next_cursor, size=5)
        pages.append(page)
    walked = [e.pk for p in pages for e in p.events]
    assert walked == newest_first(many)
    assert [len(p.events) for p in pages] == [5, 5, 5, 5, 3]
    assert not pages[0].has_previous and pages[-1].has_previous

    # And back again from the last page with "before" cursors.
    back, page = [pages[-1]], pages[-1]
    while page.has_previous:
        page = selectors.event_page(
            Event.objects.all(), before=page.previous_cursor, size=5
        )
        back.append(page)
    assert [e.pk for p in reversed(back) for e in p.events] == walked
    assert [p.events for p in reversed(back)] == [p.events for p in pages]


def test_a_bad_cursor_gives_the_first_page(many):
    page = selectors.event_page(Event.objects.all(), after="garbage", size=5)
    assert [e.pk for e in page.events] == newest_first(many)[:5]


def test_groups_by_day_and_month(many):
    Event.objects.filter(pk=many[0].pk).update(date_precision="month")
    page = selectors.event_page(Event.objects.all(), size=30)
    labels = [label for label, _ in page.groups]
    assert labels[0] == "10 January 2017"
    assert labels[-3:] == ["1 January 2017", "January 2017", "Undated"]
    assert [len(events) for _, events in page.groups][-1] == 3


def test_totals_are_capped(many):
    Event.objects.update(killed_best=2)
    assert selectors.event_totals(Event.objects.all()) == selectors.Totals(
        23, 46, False
    )
    capped = selectors.event_totals(Event.objects.all(), cap=10)
    assert capped.capped and capped.events == 10
    assert capped.events_label == "10+ events"


def test_chart_fills_empty_months():
    builders.event(date=dt.date(2017, 1, 31), killed=4)
    builders.event(date=dt.date(2017, 1, 2), killed=None)
    builders.event(date=dt.date(2017, 4, 1), killed=10)
    builders.event(date=None, killed=99)
    bars = selectors.event_chart(Event.objects.all())
    assert [(b.month, b.events, b.killed) for b in bars] == [
        (dt.date(2017, 1, 1), 2, 4),
        (dt.date(2017, 2, 1), 0, 0),
        (dt.date(2017, 3, 1), 0, 0),
        (dt.date(2017, 4, 1), 1, 10),
    ]


def test_map_features_keep_precision_and_skip_what_cannot_be_drawn():
    town = builders.place("Raqqa")
    governorate = builders.place(
        "Deir ez-Zor Governorate",
        admin1_code="07",
        precision="governorate",
        latitude=35.0,
        longitude=40.5,
    )
    syria = builders.place("Syria", precision="country", latitude=35, longitude=38)
    exact = builders.event(at=town, killed=5)
    approximate = builders.event(at=governorate)
    builders.event(at=syria)  # country-wide: no point on the map
    builders.event(at=None)
    collection = selectors.map_features(Event.objects.all())
    by_id = {f["id"]: f["properties"] for f in collection["features"]}
    assert set(by_id) == {exact.pk, approximate.pk}
    assert by_id[exact.pk]["geo_precision"] == "exact"
    assert by_id[exact.pk]["killed"] == 5
    assert by_id[approximate.pk]["geo_precision"] == "governorate"
    feature = next(f for f in collection["features"] if f["id"] == exact.pk)
    assert feature["geometry"] == {"type": "Point", "coordinates": [39.01, 35.95]}

    # Bounded by the visible area: only Deir ez-Zor's box.
    boxed = selectors.map_features(Event.objects.all(), bbox=(40, 34, 41, 36))
    assert [f["id"] for f in boxed["features"]] == [approximate.pk]


def test_related_events_share_the_place_or_the_days():
    raqqa, aleppo = builders.place("Raqqa"), builders.place("Aleppo", admin1_code="09")
    event = builders.event(date=dt.date(2017, 5, 18), at=raqqa)
    same_place = builders.event(date=dt.date(2016, 1, 1), at=raqqa)
    same_days = builders.event(date=dt.date(2017, 5, 20), at=aleppo)
    builders.event(date=dt.date(2017, 6, 1), at=aleppo)  # neither
    related = selectors.related_events(event)
    assert [e.pk for e in related] == [same_days.pk, same_place.pk]
