"""Writes: loading the reference data extraction resolves names against.

`gazetteer_load` (the `load_gazetteer` command) stores the in-memory gazetteer
and any GeoNames country dumps as `Place` rows; `actors_load` (the
`load_actors` command) stores the actor registry as `Actor` rows. Both upsert,
so loading the same data twice creates nothing the second time.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from events.extraction.gazetteer import (
    SUPPLEMENT_PATH,
    GazetteerEntry,
    build_gazetteer,
    latin_alternates,
)
from events.extraction.registry import RegistryEntry
from events.models import Actor, GeoPrecision, Place

DUMP_COLUMNS = 19
DUMP_WRONG_COLUMNS = "expected 19 tab-separated columns, found {found}"
DUMP_NOT_A_NUMBER = "{column} is not a number: {value!r}"
DUMP_OUT_OF_RANGE = "coordinates out of range: {latitude}, {longitude}"
DUMP_NO_NAME = "the name is empty"
DUMP_NAME_TOO_LONG = "the name is longer than {limit} characters"
DUMP_BAD_ID = "the geonameid is not a positive number: {value!r}"
DUMP_BAD_COUNTRY = "the country code is not two letters: {value!r}"
DUPLICATE_PLACE = "{name}: another entry has the same {key}"
DUPLICATE_ACTOR = "{name}: another entry has the same name"
UNKNOWN_ACTOR_KIND = "{name}: unknown actor kind {kind!r}"
CLAIMANTS_SKIPPED = "{count} claimants: they report events, they are not parties"

NAME_MAX_LENGTH = Place._meta.get_field("name").max_length
BATCH_SIZE = 1000
PLACE_FIELDS = [
    "name",
    "alternate_names",
    "latitude",
    "longitude",
    "feature_type",
    "precision",
    "admin1_code",
    "admin1_name",
    "country_code",
    "population",
]

# GeoNames feature class -> precision; H (hydrographic) only for reservoirs.
CLASS_PRECISION = {
    "P": GeoPrecision.EXACT,
    "A": GeoPrecision.DISTRICT,
    "L": GeoPrecision.REGION,
    "S": GeoPrecision.EXACT,
    "T": GeoPrecision.EXACT,
    "H": GeoPrecision.EXACT,
}
CODE_PRECISION = {"ADM1": GeoPrecision.GOVERNORATE, "PCLI": GeoPrecision.COUNTRY}
HYDROGRAPHIC_KEPT = frozenset({"DAM", "RSV", "RSVI"})
FEATURE_TYPES = {
    "ADM1": "governorate",
    "ADM2": "district",
    "PCLI": "country",
    "MN": "mine",
    "OILF": "oilfield",
    "GASF": "gasfield",
    "DAM": "dam",
    "RSV": "reservoir",
    "RSVI": "reservoir",
    "AIRB": "airbase",
    "AIRF": "airfield",
    "AIRP": "airport",
}


@dataclass
class LoadReport:
    """How many rows a load created, updated or skipped, and why it skipped."""

    created: int = 0
    updated: int = 0
    skipped: int = 0
    reasons: list[str] = field(default_factory=list)

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped += count
        self.reasons.append(reason)


# --- places -----------------------------------------------------------------


def places_load(*, entries: Iterable[GazetteerEntry]) -> LoadReport:
    """Upsert a Place per entry (by geonameid, else name/country/admin1); report.

    Where two entries share a key the first is kept and the other skipped.
    """
    report = LoadReport()
    by_id: dict[int, GazetteerEntry] = {}
    by_name: dict[tuple[str, str, str], GazetteerEntry] = {}
    for entry in entries:
        if entry.geonameid is not None:
            key, seen, label = entry.geonameid, by_id, "geonameid"
        else:
            key = (entry.name, entry.country, entry.admin1_code)
            seen, label = by_name, "name, country and admin1 code"
        if key in seen:
            report.skip(DUPLICATE_PLACE.format(name=entry.name, key=label))
        else:
            seen[key] = entry
    with transaction.atomic():
        _places_upsert_by_id(by_id, report)
        _places_upsert_by_name(by_name, report)
    return report


def _place(entry: GazetteerEntry) -> Place:
    return Place(
        name=entry.name,
        alternate_names=list(entry.alternate_names),
        latitude=entry.latitude,
        longitude=entry.longitude,
        feature_type=entry.feature_type,
        precision=entry.precision,
        admin1_code=entry.admin1_code,
        admin1_name=entry.admin1_name,
        country_code=entry.country,
        population=entry.population,
        geonameid=entry.geonameid,
    )


def _places_upsert_by_id(by_id: dict[int, GazetteerEntry], report: LoadReport) -> None:
    existing = set(
        Place.objects.filter(geonameid__in=list(by_id)).values_list(
            "geonameid", flat=True
        )
    )
    Place.objects.bulk_create(
        [_place(entry) for entry in by_id.values()],
        update_conflicts=True,
        unique_fields=["geonameid"],
        update_fields=PLACE_FIELDS,
        batch_size=BATCH_SIZE,
    )
    report.created += len(by_id) - len(existing)
    report.updated += len(existing)


def _places_upsert_by_name(
    by_name: dict[tuple[str, str, str], GazetteerEntry], report: LoadReport
) -> None:
    # No unique key but the primary one: match the stored rows in Python.
    stored = {}
    rows = Place.objects.filter(geonameid__isnull=True).order_by("-pk")
    for pk, *key in rows.values_list("pk", "name", "country_code", "admin1_code"):
        stored[tuple(key)] = pk  # the oldest row wins if several share a key
    new, changed = [], []
    for key, entry in by_name.items():
        place = _place(entry)
        if key in stored:
            place.pk = stored[key]
            changed.append(place)
        else:
            new.append(place)
    # An upsert on the primary key: far faster than bulk_update's CASE chains.
    Place.objects.bulk_create(
        new + changed,
        update_conflicts=True,
        unique_fields=["pk"],
        update_fields=PLACE_FIELDS,
        batch_size=BATCH_SIZE,
    )
    report.created += len(new)
    report.updated += len(changed)


def geonames_dump_entries(
    path: Path,
    *,
    admin1_names: dict[tuple[str, str], str],
    skipped: list[str] | None = None,
) -> Iterator[GazetteerEntry]:
    """Yield the places, areas and sites in a GeoNames country dump (`SY.txt`).

    Malformed lines are left out, each with its reason appended to `skipped`.
    """
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            try:
                entry = _dump_entry(line.split("\t"), admin1_names)
            except ValueError as error:
                if skipped is not None:
                    skipped.append(f"{path.name} line {number}: {error}")
                continue
            if entry is not None:
                yield entry


def _dump_entry(
    columns: list[str], admin1_names: dict[tuple[str, str], str]
) -> GazetteerEntry | None:
    """Return the entry for one dump row, None if its feature is not kept."""
    if len(columns) != DUMP_COLUMNS:
        raise ValueError(DUMP_WRONG_COLUMNS.format(found=len(columns)))
    geonameid, name, _ascii, alternates, lat, lon, feature_class, code = columns[:8]
    country, admin1, population = columns[8], columns[10], columns[14]
    precision = CLASS_PRECISION.get(feature_class)
    if precision is None or (feature_class == "H" and code not in HYDROGRAPHIC_KEPT):
        return None
    name = name.strip()
    if not name:
        raise ValueError(DUMP_NO_NAME)
    if len(name) > NAME_MAX_LENGTH:
        raise ValueError(DUMP_NAME_TOO_LONG.format(limit=NAME_MAX_LENGTH))
    latitude = _number(float, "latitude", lat)
    longitude = _number(float, "longitude", lon)
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(DUMP_OUT_OF_RANGE.format(latitude=lat, longitude=lon))
    place_id = _number(int, "geonameid", geonameid)
    if place_id <= 0:
        raise ValueError(DUMP_BAD_ID.format(value=geonameid))
    country = country.strip().upper()
    if not (len(country) == 2 and country.isalpha()):
        raise ValueError(DUMP_BAD_COUNTRY.format(value=country))
    admin1 = admin1.strip()
    return GazetteerEntry(
        name=name,
        alternate_names=latin_alternates(
            [a for a in alternates.split(",") if 0 < len(a) <= NAME_MAX_LENGTH]
        ),
        latitude=latitude,
        longitude=longitude,
        feature_type=_feature_type(code),
        precision=CODE_PRECISION.get(code, precision),
        admin1_code=admin1,
        admin1_name=admin1_names.get((country, admin1), ""),
        country=country,
        population=max(_number(int, "population", population or "0"), 0),
        geonameid=place_id,
    )


def _number(kind: type, column: str, value: str):
    try:
        return kind(value)
    except ValueError:
        raise ValueError(DUMP_NOT_A_NUMBER.format(column=column, value=value)) from None


def _feature_type(code: str) -> str:
    if code.startswith("PPL"):
        return "populated place"
    return FEATURE_TYPES.get(code, code.lower())


def gazetteer_load(
    *, supplement: Path = SUPPLEMENT_PATH, geonames_dumps: Sequence[Path] = ()
) -> LoadReport:
    """Store the gazetteer and the places of each GeoNames dump; report.

    The gazetteer's entries win: a dump record is left out when the gazetteer
    has its geonameid, or when it is an ADM1 area the supplement already has
    as a governorate.
    """
    gazetteer = build_gazetteer(supplement)
    admin1_names = {
        key: entry.admin1_name for key, entry in gazetteer.governorates.items()
    }
    known_ids = {e.geonameid for e in gazetteer.entries if e.geonameid}
    malformed: list[str] = []
    entries = list(gazetteer.entries)
    for path in geonames_dumps:
        for entry in geonames_dump_entries(
            path, admin1_names=admin1_names, skipped=malformed
        ):
            if entry.geonameid in known_ids or (
                entry.feature_type == "governorate"
                and (entry.country, entry.admin1_code) in gazetteer.governorates
            ):
                continue
            entries.append(entry)
    report = places_load(entries=entries)
    for reason in malformed:
        report.skip(reason)
    return report


# --- actors -----------------------------------------------------------------


def actors_load(*, entries: Iterable[RegistryEntry]) -> LoadReport:
    """Upsert an Actor per registry entry, by name; skip claimants; report."""
    report = LoadReport()
    actors: dict[str, Actor] = {}
    claimants = 0
    for entry in entries:
        if entry.is_claimant:
            claimants += 1
        elif entry.kind not in Actor.Kind.values:
            report.skip(UNKNOWN_ACTOR_KIND.format(name=entry.name, kind=entry.kind))
        elif entry.name in actors:
            report.skip(DUPLICATE_ACTOR.format(name=entry.name))
        else:
            actors[entry.name] = Actor(
                name=entry.name,
                kind=entry.kind,
                aliases=list(entry.aliases),
                description=entry.description,
            )
    if claimants:
        report.skip(CLAIMANTS_SKIPPED.format(count=claimants), count=claimants)
    with transaction.atomic():
        existing = Actor.objects.filter(name__in=list(actors)).count()
        Actor.objects.bulk_create(
            list(actors.values()),
            update_conflicts=True,
            unique_fields=["name"],
            update_fields=["kind", "aliases", "description"],
            batch_size=BATCH_SIZE,
        )
    report.created += len(actors) - existing
    report.updated += existing
    return report
