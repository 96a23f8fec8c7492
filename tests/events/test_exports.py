"""Exports: ACLED-style CSV, GeoJSON and JSON of the filtered events, streamed."""

import csv
import datetime as dt
import io
import json

import pytest
from django.contrib.auth.models import User

from events.exports import ACLED_COLUMNS
from events.models import EventActor
from tests.events import builders

pytestmark = pytest.mark.django_db

ROLE = EventActor.Role


@pytest.fixture
def events(client):
    client.force_login(User.objects.create_user("analyst"))
    coalition = builders.actor("US-led coalition", "coalition")
    sdf = builders.actor("Syrian Democratic Forces", "kurdish")
    isis = builders.actor("Islamic State", "jihadist")
    governorate = builders.place(
        "Deir ez-Zor Governorate",
        admin1_code="07",
        precision="governorate",
        admin1_name="Deir ez-Zor",
        latitude=35.0,
        longitude=40.5,
    )
    strike = builders.event(
        date=dt.date(2017, 3, 9),
        at=builders.place("Raqqa"),
        killed=12,
        roles={ROLE.PERPETRATOR: coalition, ROLE.TARGET: isis},
        reported_in=[builders.article(source="SANA"), builders.article(source="AFP")],
        civilian_targeting=True,
        summary='Air strike, "12 killed", in Raqqa',
    )
    clash = builders.event(
        date=dt.date(2017, 3, 1),
        date_precision="month",
        event_type="Battles",
        sub_event_type="Armed clash",
        at=governorate,
        roles={ROLE.PERPETRATOR: sdf},
        reported_in=[builders.article(source="AFP")],
    )
    EventActor.objects.create(event=clash, actor=coalition, role=ROLE.PERPETRATOR)
    return strike, clash


def body(response) -> str:
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_csv_has_acled_columns(client, events):
    strike, clash = events
    response = client.get("/export/events.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert list(rows[0]) == ACLED_COLUMNS
    assert rows[0] == {
        "event_id_cnty": f"SYR{strike.pk}",
        "event_date": "2017-03-09",
        "year": "2017",
        "time_precision": "1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "US-led coalition",
        "assoc_actor_1": "",
        "actor2": "Islamic State",
        "civilian_targeting": "Civilian targeting",
        "admin1": "Raqqa",
        "location": "Raqqa",
        "latitude": "35.95",
        "longitude": "39.01",
        "geo_precision": "1",
        "source": "AFP; SANA",
        "notes": 'Air strike, "12 killed", in Raqqa',
        "fatalities": "12",
    }
    second = rows[1]
    assert (second["time_precision"], second["geo_precision"]) == ("2", "3")
    assert second["actor1"] == "Syrian Democratic Forces"
    assert second["assoc_actor_1"] == "US-led coalition"
    assert second["fatalities"] == "0"


def test_exports_follow_the_filter(client, events):
    strike, _ = events
    rows = list(
        csv.DictReader(io.StringIO(body(client.get("/export/events.csv?min_killed=1"))))
    )
    assert [r["event_id_cnty"] for r in rows] == [f"SYR{strike.pk}"]


def test_geojson_and_json(client, events):
    strike, clash = events
    collection = json.loads(body(client.get("/export/events.geojson")))
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == [strike.pk, clash.pk]
    assert collection["features"][0]["geometry"]["coordinates"] == [39.01, 35.95]
    assert collection["features"][1]["properties"]["geo_precision"] == "governorate"
    items = json.loads(body(client.get("/export/events.json?event_type=Battles")))
    assert [item["id"] for item in items] == [clash.pk]
    assert items[0]["sources"] == ["AFP"]


def test_an_empty_export_is_valid(client, events):
    assert json.loads(body(client.get("/export/events.json?min_killed=1000"))) == []
    empty = json.loads(body(client.get("/export/events.geojson?min_killed=1000")))
    assert empty["features"] == []
    lines = body(client.get("/export/events.csv?min_killed=1000")).splitlines()
    assert lines == [",".join(ACLED_COLUMNS)]
