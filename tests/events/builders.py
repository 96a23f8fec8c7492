"""Small builders for dashboard tests: real rows, written through the ORM."""

import datetime as dt
import itertools

from events.models import Actor, Article, Event, EventActor, Place, Source

_numbers = itertools.count(1)


def place(name: str, *, admin1_code: str = "04", precision: str = "exact", **extra):
    """Return a Syrian place (created on first use)."""
    defaults = {
        "latitude": 35.95,
        "longitude": 39.01,
        "admin1_name": {"04": "Raqqa", "07": "Deir ez-Zor", "09": "Aleppo"}.get(
            admin1_code, "Other"
        ),
        "admin1_code": admin1_code,
        "country_code": "SY",
        "precision": precision,
    } | extra
    found, _ = Place.objects.get_or_create(name=name, defaults=defaults)
    return found


def actor(name: str, kind: str = Actor.Kind.OTHER, aliases=()) -> Actor:
    found, _ = Actor.objects.get_or_create(
        name=name, defaults={"kind": kind, "aliases": list(aliases)}
    )
    return found


def article(title: str = "", text: str = "", source: str = "", **extra) -> Article:
    number = next(_numbers)
    return Article.objects.create(
        title=title or f"Report {number}",
        text=text or f"Report number {number} about the war.",
        source=Source.objects.get_or_create(name=source)[0] if source else None,
        content_hash=f"{number:064d}",
        **extra,
    )


def event(
    *,
    date: dt.date | None = dt.date(2017, 5, 18),
    event_type: str = "Explosions/Remote violence",
    sub_event_type: str = "Air/drone strike",
    at: Place | None = None,
    killed: int | None = None,
    roles: dict[str, Actor] | None = None,
    reported_in: list[Article] | None = None,
    **extra,
) -> Event:
    """Create an event; `roles` maps a role to an actor."""
    created = Event.objects.create(
        date=date,
        date_precision=extra.pop("date_precision", "day"),
        event_type=event_type,
        sub_event_type=sub_event_type,
        place=at,
        geo_precision=extra.pop("geo_precision", at.precision if at else ""),
        killed_low=killed,
        killed_best=killed,
        killed_high=killed,
        **extra,
    )
    for role, who in (roles or {}).items():
        EventActor.objects.create(event=created, actor=who, role=role)
    for report in reported_in or []:
        created.articles.add(report)
    return created
