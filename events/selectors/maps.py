"""The map's reads: mappable events as GeoJSON, clustered on a grid when dense."""

from django.db.models import (
    Avg,
    Count,
    F,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce, Floor

from events.models import Event
from events.selectors.timeline import NEWEST_FIRST

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
