"""The extraction contract: one JSON object per article (see README).

Other tools (../shared/tools/fakes_score.py among them) read this shape, so
keys are only ever added. `sub_type` repeats `sub_event_type` and `subtype`
gives the weapon or method, for readers that look for those names.
"""

from datetime import date

from events.extraction.types import ExtractionResult, PlaceMatch


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _place(place: PlaceMatch) -> dict:
    return {
        "name": place.name,
        "lat": place.latitude,
        "lon": place.longitude,
        "country": place.country,
        "admin1": place.admin1,
        "admin1_code": place.admin1_code,
        "geonameid": place.geonameid,
        "precision": place.precision,
        "start": place.start,
        "end": place.end,
    }


def to_contract(result: ExtractionResult, *, article_id: str, title: str) -> dict:
    """Return `result` as the JSON-ready extraction contract object."""
    actors = {}
    for mention in result.actors:
        if not mention.is_claimant:
            actors.setdefault(
                mention.name, {"name": mention.name, "kind": mention.kind}
            )
    return {
        "id": article_id,
        "title": title,
        "published": _iso(result.published),
        "actors": list(actors.values()),
        "places": [_place(place) for place in result.places],
        "casualties": [
            {
                "kind": figure.kind,
                "low": figure.low,
                "high": figure.high,
                "victims": figure.victims,
                "victims_inferred": figure.victims_inferred,
                "victim_detail": figure.victim_detail,
                "victim_side": figure.victim_side,
                "part_of_total": figure.part_of_total,
                "superseded": figure.superseded,
                "vague": figure.vague,
                "perpetrator": figure.perpetrator,
                "claimed_by": figure.claimed_by,
                "place": figure.place.name if figure.place else None,
                "date": _iso(figure.date.value) if figure.date else None,
                "date_told": figure.date_told,
                "cumulative": figure.cumulative,
                "text": figure.text,
                "start": figure.start,
                "end": figure.end,
            }
            for figure in result.casualties
        ],
        "events": [
            {
                "date": _iso(event.date),
                "date_precision": event.date_precision,
                "event_type": event.event_type,
                "sub_event_type": event.sub_event_type,
                "sub_type": event.sub_event_type,
                "subtype": event.method,
                "place": event.place.name if event.place else None,
                "lat": event.place.latitude if event.place else None,
                "lon": event.place.longitude if event.place else None,
                "admin1": event.place.admin1 if event.place else None,
                "admin1_code": event.place.admin1_code if event.place else None,
                "geo_precision": event.geo_precision,
                "actors": [{"name": a.name, "role": a.role} for a in event.actors],
                "perpetrator": event.perpetrator,
                "killed": event.killed_best,
                "killed_low": event.killed_low,
                "killed_high": event.killed_high,
                "injured": event.injured,
                "civilian_targeting": event.civilian_targeting,
                "summary": event.summary,
                "evidence": [
                    {"start": s.start, "end": s.end, "text": s.text}
                    for s in event.evidence
                ],
            }
            for event in result.events
        ],
    }
