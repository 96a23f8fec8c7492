"""Stream the filtered events as ACLED-style CSV, GeoJSON or JSON.

Rows are read in chunks with a server-side cursor and written as they come,
so an export of any size runs in flat memory.
"""

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet

from events.models import Event, EventActor

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "civilian_targeting",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]
# ACLED's precision codes: time 1 day / 2 week or month / 3 longer;
# geo 1 town / 2 district or near a town / 3 governorate or region.
TIME_PRECISION = {"day": 1, "week": 2, "month": 2, "year": 3, "unknown": 3}
GEO_PRECISION = {"exact": 1, "district": 2, "governorate": 3, "region": 3, "country": 3}
CHUNK = 2_000


class Echo:
    """A file-like object whose write returns what it was given (for csv.writer)."""

    def write(self, value: str) -> str:
        return value


def _export_rows(queryset: QuerySet[Event]) -> Iterator[dict]:
    """Yield one plain dict per event, actors and sources included, in chunks."""
    events = (
        queryset.select_related("place")
        .defer("created_at", "updated_at", "place__alternate_names")
        .order_by("-date", "-pk")
    )
    for chunk in _chunks(events.iterator(chunk_size=CHUNK), CHUNK):
        # Two flat queries a chunk: model instances for every actor link and
        # article would cost more than the rest of the export.
        ids = [event.pk for event in chunk]
        roles = _roles_of(ids)
        sources = _sources_of(ids)
        for event in chunk:
            by_role = roles.get(event.pk, {})
            perpetrators = by_role.get(EventActor.Role.PERPETRATOR, [])
            targets = by_role.get(EventActor.Role.TARGET, [])
            others = by_role.get(EventActor.Role.OTHER, [])
            yield {
                "id": event.pk,
                "event": event,
                "actor1": perpetrators[0]
                if perpetrators
                else (others[0] if others else ""),
                "assoc_actor_1": "; ".join(perpetrators[1:]),
                "actor2": "; ".join(targets),
                "others": others,
                "place": event.place,
                "sources": sorted(sources.get(event.pk, ())),
            }


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def _roles_of(ids: list[int]) -> dict[int, dict[str, list[str]]]:
    """Actor names by event and role, in the order they were linked."""
    roles: dict[int, dict[str, list[str]]] = {}
    links = (
        EventActor.objects.filter(event__in=ids)
        .order_by("pk")
        .values_list("event", "role", "actor__name")
    )
    for event, role, name in links:
        roles.setdefault(event, {}).setdefault(role, []).append(name)
    return roles


def _sources_of(ids: list[int]) -> dict[int, set[str]]:
    """The outlets of the articles reporting each event."""
    sources: dict[int, set[str]] = {}
    reports = Event.articles.through.objects.filter(
        event__in=ids, article__source__isnull=False
    ).values_list("event", "article__source__name")
    for event, name in reports:
        sources.setdefault(event, set()).add(name)
    return sources


def _acled_row(row: dict) -> list:
    event, place = row["event"], row["place"]
    return [
        f"SYR{event.pk}",
        event.date.isoformat() if event.date else "",
        event.date.year if event.date else "",
        TIME_PRECISION.get(event.date_precision, 3),
        event.event_type,
        event.sub_event_type,
        row["actor1"],
        row["assoc_actor_1"],
        row["actor2"],
        "Civilian targeting" if event.civilian_targeting else "",
        place.admin1_name if place else "",
        place.name if place else "",
        place.latitude if place else "",
        place.longitude if place else "",
        GEO_PRECISION.get(event.geo_precision or "exact", 3) if place else "",
        "; ".join(row["sources"]),
        event.summary,
        event.killed_best if event.killed_best is not None else 0,
    ]


def csv_lines(queryset: QuerySet[Event]) -> Iterator[str]:
    """Yield the CSV export line by line, header first."""
    writer = csv.writer(Echo())
    yield writer.writerow(ACLED_COLUMNS)
    for row in _export_rows(queryset):
        yield writer.writerow(_acled_row(row))


def _event_json(row: dict) -> dict:
    event, place = row["event"], row["place"]
    return {
        "id": event.pk,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": row["actor1"],
        "assoc_actor_1": row["assoc_actor_1"],
        "actor2": row["actor2"],
        "other_actors": row["others"],
        "civilian_targeting": event.civilian_targeting,
        "place": place.name if place else None,
        "admin1": place.admin1_name if place else None,
        "admin1_code": place.admin1_code if place else None,
        "country": place.country_code if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": event.geo_precision or None,
        "killed_low": event.killed_low,
        "killed_best": event.killed_best,
        "killed_high": event.killed_high,
        "injured_best": event.injured_best,
        "verified": event.verified,
        "sources": row["sources"],
        "summary": event.summary,
    }


def _json_array(items: Iterable[dict], head: str, tail: str) -> Iterator[str]:
    yield head
    for index, item in enumerate(items):
        yield ("," if index else "") + "\n" + json.dumps(item, ensure_ascii=False)
    yield tail


def json_chunks(queryset: QuerySet[Event]) -> Iterator[str]:
    """Yield a JSON array of events, one event per chunk."""
    return _json_array(
        (_event_json(row) for row in _export_rows(queryset)), "[", "\n]\n"
    )


def geojson_chunks(queryset: QuerySet[Event]) -> Iterator[str]:
    """Yield a GeoJSON FeatureCollection of the events that have a place."""

    def features():
        for row in _export_rows(queryset.filter(place__isnull=False)):
            properties = _event_json(row)
            yield {
                "type": "Feature",
                "id": properties["id"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [properties["longitude"], properties["latitude"]],
                },
                "properties": properties,
            }

    return _json_array(
        features(), '{"type": "FeatureCollection", "features": [', "\n]}\n"
    )
