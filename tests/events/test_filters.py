"""EventFilter: each filter, combined filters, typed names and the sentence."""

import datetime as dt

import pytest

from events.filters import EventFilter
from events.models import Event, EventActor
from tests.events import builders

pytestmark = pytest.mark.django_db

PERP = EventActor.Role.PERPETRATOR


@pytest.fixture
def world():
    """Four events in two governorates, by two actors, reported by two outlets."""
    coalition = builders.actor(
        "US-led coalition", "coalition", aliases=["International Coalition"]
    )
    isis = builders.actor("Islamic State", "jihadist", aliases=["ISIS", "Daesh"])
    raqqa = builders.place("Raqqa", admin1_code="04", population=200_000)
    mayadin = builders.place(
        "Al Mayadin", admin1_code="07", latitude=35.02, longitude=40.45
    )
    sana = builders.article(
        "Coalition strikes hit Raqqa", "Air strikes hit Raqqa neighbourhoods.", "SANA"
    )
    afp = builders.article("Clashes in Mayadin", "Fierce clashes in Mayadin.", "AFP")
    return {
        "strike": builders.event(
            date=dt.date(2017, 2, 10),
            at=raqqa,
            killed=12,
            roles={PERP: coalition},
            reported_in=[sana],
            civilian_targeting=True,
        ),
        "strike2": builders.event(
            date=dt.date(2017, 4, 2),
            at=mayadin,
            killed=3,
            roles={PERP: coalition},
            reported_in=[afp],
        ),
        "clash": builders.event(
            date=dt.date(2017, 3, 5),
            event_type="Battles",
            sub_event_type="Armed clash",
            at=mayadin,
            killed=30,
            roles={PERP: isis},
            reported_in=[afp],
            verified=True,
        ),
        "undated": builders.event(date=None, at=None, killed=None),
    }


def selected(data: dict, world) -> set[str]:
    names = {event.pk: name for name, event in world.items()}
    found = EventFilter(data, queryset=Event.objects.all()).qs
    return {names[pk] for pk in found.values_list("pk", flat=True)}


EVERYTHING = {"strike", "strike2", "clash", "undated"}


@pytest.mark.parametrize(
    "data, expected",
    [
        ({}, EVERYTHING),
        ({"start": "2017-03-01"}, {"strike2", "clash"}),
        ({"end": "2017-03-05"}, {"strike", "clash"}),
        ({"start": "2017-02-01", "end": "2017-03-31"}, {"strike", "clash"}),
        ({"event_type": "Battles"}, {"clash"}),
        ({"sub_event_type": "Air/drone strike"}, {"strike", "strike2", "undated"}),
        ({"actor": "US-led coalition"}, {"strike", "strike2"}),
        ({"actor": "daesh"}, {"clash"}),  # an alias, any case
        ({"actor": "international coalition"}, {"strike", "strike2"}),
        ({"actor": "No Such Group"}, set()),  # unknown names match nothing
        ({"governorate": "07"}, {"strike2", "clash"}),
        ({"place": "raqqa"}, {"strike"}),
        ({"min_killed": "12"}, {"strike", "clash"}),
        ({"civilian_targeting": "true"}, {"strike"}),
        ({"civilian_targeting": "false"}, {"strike2", "clash", "undated"}),
        ({"source": "afp"}, {"strike2", "clash"}),
        ({"q": "strikes"}, {"strike"}),  # stemmed: "strike" matches "strikes"
        ({"q": "clashes Mayadin"}, {"strike2", "clash"}),
        ({"verified": "on"}, {"clash"}),
        ({"actor": "US-led coalition", "governorate": "07"}, {"strike2"}),
        ({"event_type": "Battles", "governorate": "04"}, set()),
        ({"start": "not a date"}, EVERYTHING),  # invalid filters are ignored
    ],
)
def test_filters_select_exactly(world, data, expected):
    assert selected(data, world) == expected


def test_actor_by_id(world):
    coalition = world["strike"].actors.get()
    assert selected({"actor": str(coalition.pk)}, world) == {"strike", "strike2"}


def test_search_selects_the_events_of_matching_articles(world):
    found = EventFilter({"q": "Raqqa"}, queryset=Event.objects.all())
    assert found.is_searching and found.search_text == "Raqqa"
    assert list(found.qs) == [world["strike"]]


def test_without_search_keeps_the_other_filters_and_looks_names_up_once(
    world, django_assert_num_queries
):
    found = EventFilter(
        {"q": "clashes", "actor": "daesh", "governorate": "07"},
        queryset=Event.objects.all(),
    )
    # the actor looked up once: by name, then by alias
    with django_assert_num_queries(2):
        assert found.search_text == "clashes"
        found.without_search()
        other_filters = found.without_search()
    with django_assert_num_queries(1):
        assert list(other_filters) == [world["clash"]]


@pytest.mark.parametrize(
    "data, sentence",
    [
        ({}, "Events"),
        (
            {
                "sub_event_type": "Air/drone strike",
                "actor": "international coalition",
                "governorate": "07",
                "start": "2017-01-01",
                "end": "2017-03-31",
            },
            "Air/drone strikes involving US-led coalition in Deir ez-Zor,"
            " 1 Jan 2017 - 31 Mar 2017",
        ),
        (
            {"event_type": "Battles", "min_killed": "10"},
            "Battles with at least 10 killed",
        ),
        ({"sub_event_type": "Armed clash"}, "Armed clashes"),
        (
            {"sub_event_type": "Non-state actor overtakes territory"},
            "Non-state actor overtakes territory events",
        ),
        (
            {"civilian_targeting": "true", "start": "2017-03-01"},
            "Events targeting civilians, since 1 Mar 2017",
        ),
        ({"place": "Raqqa", "source": "sana"}, "Events at Raqqa reported by SANA"),
        (
            {"q": "barrel bombs", "verified": "on"},
            "Events in articles matching “barrel bombs” verified by an analyst",
        ),
        ({"actor": "Nobody"}, "Events involving 'Nobody'"),
        ({"end": "2017-12-31"}, "Events, until 31 Dec 2017"),
    ],
)
def test_description(world, data, sentence):
    assert EventFilter(data, queryset=Event.objects.all()).description() == sentence


def test_description_of_an_invalid_filter(world):
    found = EventFilter({"min_killed": "lots"}, queryset=Event.objects.all())
    assert "invalid" in found.description()
