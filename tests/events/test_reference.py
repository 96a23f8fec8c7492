"""Loading reference data: the gazetteer and GeoNames dumps as places, actors."""

from dataclasses import replace
from io import StringIO

import pytest
from django.core.management import call_command

from events.extraction.gazetteer import GazetteerEntry, build_gazetteer
from events.extraction.registry import RegistryEntry, default_registry
from events.models import Actor, Place
from events.reference import (
    CLAIMANTS_SKIPPED,
    DUMP_BAD_COUNTRY,
    DUMP_BAD_ID,
    DUMP_NO_NAME,
    DUMP_NOT_A_NUMBER,
    DUMP_OUT_OF_RANGE,
    DUMP_WRONG_COLUMNS,
    DUPLICATE_ACTOR,
    DUPLICATE_PLACE,
    UNKNOWN_ACTOR_KIND,
    LoadReport,
    actors_load,
    geonames_dump_entries,
    places_load,
)

DEIR_EZ_ZOR = {"country": "SY", "admin1_code": "07", "admin1_name": "Deir ez-Zor"}
ADMIN1_NAMES = {("SY", "07"): "Deir ez-Zor"}
GOVERNORATES = [
    ("01", "Al-Hasakah Governorate", "Al-Hasakah"),
    ("02", "Latakia Governorate", "Latakia"),
    ("03", "Quneitra Governorate", "Quneitra"),
    ("04", "Raqqa Governorate", "Raqqa"),
    ("05", "As-Suwayda Governorate", "As-Suwayda"),
    ("06", "Daraa Governorate", "Daraa"),
    ("07", "Deir ez-Zor Governorate", "Deir ez-Zor"),
    ("08", "Rif Dimashq Governorate", "Rif Dimashq"),
    ("09", "Aleppo Governorate", "Aleppo"),
    ("10", "Hama Governorate", "Hama"),
    ("11", "Homs Governorate", "Homs"),
    ("12", "Idlib Governorate", "Idlib"),
    ("13", "Damascus Governorate", "Damascus"),
    ("14", "Tartus Governorate", "Tartus"),
]
PLACE_COLUMNS = (
    "name",
    "country_code",
    "admin1_code",
    "admin1_name",
    "feature_type",
    "precision",
    "population",
)


def dump_line(geonameid, name, alternates, lat, lon, feature, admin1="07") -> str:
    """Return one row of a GeoNames country dump (19 tab-separated columns)."""
    feature_class, feature_code = feature.split(".")
    return "\t".join(
        [
            str(geonameid),
            name,
            name,
            alternates,
            str(lat),
            str(lon),
            feature_class,
            feature_code,
            "SY",
            "",
            admin1,
            "",
            "",
            "",
            "0",
            "",
            "200",
            "Asia/Damascus",
            "2024-01-01",
        ]
    )


# The ids from 9900001 up are made up; 170794 is GeoNames' Deir ez-Zor city.
DUMP_LINES = [
    dump_line(9900001, "Hasrat", "Husrat,حسرات,HSR", 34.7, 40.8, "P.PPL"),
    dump_line(9900002, "Mantiqat al Mayadin", "Mayadin District", 34.9, 40.5, "A.ADM2"),
    dump_line(9900003, "Al Omar Oil Field", "", 35.07, 40.55, "S.OILF"),
    dump_line(9900004, "Jabal al Bishri", "Bishri Mountains", 35.35, 39.3, "T.MT"),
    "9900005\tBroken line\t35.0",
    dump_line(9900006, "Nahr al Khabur", "Khabur River", 35.14, 40.43, "H.STM"),
    dump_line(9900007, "Buhayrat al Asad", "Lake Assad", 35.98, 38.25, "H.RSV", "04"),
    dump_line(9900008, "Nowhere", "", "north", 40.0, "P.PPL"),
    dump_line(170794, "Dayr az Zawr", "", 35.33, 40.14, "P.PPLA"),
    dump_line(9900009, "Muhafazat Dayr az Zawr", "", 35.0, 40.3, "A.ADM1"),
]
MALFORMED = [
    f"SY.txt line 5: {DUMP_WRONG_COLUMNS.format(found=3)}",
    f"SY.txt line 8: {DUMP_NOT_A_NUMBER.format(column='latitude', value='north')}",
]


@pytest.fixture(scope="module")
def shipped() -> list[GazetteerEntry]:
    """The entries of the gazetteer built from the shipped data."""
    return build_gazetteer().entries


@pytest.fixture
def dump(tmp_path):
    path = tmp_path / "SY.txt"
    path.write_text("\n".join(DUMP_LINES) + "\n", encoding="utf-8")
    return path


def run(command: str, *args) -> list[str]:
    """Run `command`; return the lines it printed."""
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue().splitlines()


def place_row(**lookup) -> tuple:
    return Place.objects.values_list(*PLACE_COLUMNS).get(**lookup)


# --- places_load ------------------------------------------------------------------


@pytest.mark.django_db
def test_loading_the_shipped_gazetteer_creates_a_place_per_entry(shipped):
    report = places_load(entries=shipped)

    assert report == LoadReport(created=len(shipped), updated=0, skipped=0)
    assert Place.objects.count() == len(shipped)
    assert place_row(geonameid=170794) == (
        "Deir ez-Zor",
        "SY",
        "07",
        "Deir ez-Zor",
        "city",
        "exact",
        271800,
    )
    assert place_row(geonameid=173480) == (
        "al-Mayadin",
        "SY",
        "07",
        "Deir ez-Zor",
        "city",
        "exact",
        54534,
    )
    assert place_row(geonameid=163808) == (
        "Palmyra",
        "SY",
        "11",
        "Homs",
        "city",
        "exact",
        51015,
    )
    assert place_row(geonameid=99072) == (
        "Mosul",
        "IQ",
        "15",
        "Nineveh",
        "city",
        "exact",
        1683000,
    )


@pytest.mark.django_db
def test_loaded_places_keep_coordinates_and_alternate_names(shipped):
    places_load(entries=shipped)

    mayadin = Place.objects.get(geonameid=173480)
    palmyra = Place.objects.get(geonameid=163808)

    assert (mayadin.latitude, mayadin.longitude) == (35.01982, 40.45154)
    assert mayadin.alternate_names[:4] == [
        "Mayadeen",
        "Mayadin",
        "Al Mayadin",
        "Meyadin",
    ]
    assert palmyra.alternate_names[:3] == ["Tadmur", "Tadmor", "Tudmur"]


@pytest.mark.django_db
def test_loading_the_shipped_gazetteer_creates_the_14_governorates(shipped):
    places_load(entries=shipped)

    governorates = Place.objects.filter(feature_type="governorate").order_by(
        "admin1_code"
    )

    assert (
        list(governorates.values_list("admin1_code", "name", "admin1_name"))
        == GOVERNORATES
    )
    assert set(governorates.values_list("country_code", "precision", "geonameid")) == {
        ("SY", "governorate", None)
    }


@pytest.mark.django_db
def test_loading_twice_creates_nothing_and_updates_the_same_rows(shipped):
    places_load(entries=shipped)
    first = dict(Place.objects.values_list("pk", "name"))

    report = places_load(entries=shipped)

    assert report == LoadReport(created=0, updated=len(shipped), skipped=0)
    assert dict(Place.objects.values_list("pk", "name")) == first


@pytest.mark.django_db
def test_reloading_changed_entries_updates_their_rows(shipped):
    places_load(entries=shipped)
    by_name = {e.name: e for e in shipped}
    pks = {
        name: Place.objects.get(name=name).pk
        for name in ("Deir ez-Zor", "Deir ez-Zor Governorate")
    }

    report = places_load(
        entries=[
            replace(by_name["Deir ez-Zor"], population=300000),
            replace(by_name["Deir ez-Zor Governorate"], alternate_names=("Deir",)),
        ]
    )

    assert report == LoadReport(created=0, updated=2, skipped=0)
    city = Place.objects.get(pk=pks["Deir ez-Zor"])
    governorate = Place.objects.get(pk=pks["Deir ez-Zor Governorate"])
    assert city.population == 300000
    assert governorate.alternate_names == ["Deir"]
    assert Place.objects.count() == len(shipped)


@pytest.mark.django_db
def test_entries_sharing_a_key_are_loaded_once():
    village = GazetteerEntry(
        name="Hasrat",
        alternate_names=(),
        latitude=34.7,
        longitude=40.8,
        feature_type="village",
        precision="exact",
        population=0,
        geonameid=None,
        **DEIR_EZ_ZOR,
    )
    town = replace(village, name="Hajin", geonameid=9900001)

    report = places_load(
        entries=[village, replace(village, latitude=34.9), town, replace(town)]
    )

    assert report == LoadReport(
        created=2,
        updated=0,
        skipped=2,
        reasons=[
            DUPLICATE_PLACE.format(name="Hasrat", key="name, country and admin1 code"),
            DUPLICATE_PLACE.format(name="Hajin", key="geonameid"),
        ],
    )
    assert list(Place.objects.values_list("name", "latitude")) == [
        ("Hajin", 34.7),
        ("Hasrat", 34.7),
    ]


# --- GeoNames dumps ---------------------------------------------------------------


def test_geonames_dump_keeps_places_areas_and_sites_and_reports_bad_lines(dump):
    skipped = []

    entries = list(
        geonames_dump_entries(dump, admin1_names=ADMIN1_NAMES, skipped=skipped)
    )

    assert [
        (e.geonameid, e.name, e.alternate_names, e.feature_type, e.precision)
        for e in entries
    ] == [
        (9900001, "Hasrat", ("Husrat",), "populated place", "exact"),
        (9900002, "Mantiqat al Mayadin", ("Mayadin District",), "district", "district"),
        (9900003, "Al Omar Oil Field", (), "oilfield", "exact"),
        (9900004, "Jabal al Bishri", ("Bishri Mountains",), "mt", "exact"),
        (9900007, "Buhayrat al Asad", ("Lake Assad",), "reservoir", "exact"),
        (170794, "Dayr az Zawr", (), "populated place", "exact"),
        (9900009, "Muhafazat Dayr az Zawr", (), "governorate", "governorate"),
    ]
    assert entries[0] == GazetteerEntry(
        name="Hasrat",
        alternate_names=("Husrat",),
        latitude=34.7,
        longitude=40.8,
        feature_type="populated place",
        precision="exact",
        population=0,
        geonameid=9900001,
        **DEIR_EZ_ZOR,
    )
    assert entries[4].admin1_name == ""  # Raqqa is not in ADMIN1_NAMES
    assert skipped == MALFORMED


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("1\tToo short", DUMP_WRONG_COLUMNS.format(found=2)),
        (
            dump_line(1, "Far", "", 95.0, 40.0, "P.PPL"),
            DUMP_OUT_OF_RANGE.format(latitude="95.0", longitude="40.0"),
        ),
        (
            dump_line(1, "Far", "", 35.0, "x", "P.PPL"),
            DUMP_NOT_A_NUMBER.format(column="longitude", value="x"),
        ),
        (dump_line(-4, "Far", "", 35.0, 40.0, "P.PPL"), DUMP_BAD_ID.format(value="-4")),
        (dump_line(1, " ", "", 35.0, 40.0, "P.PPL"), DUMP_NO_NAME),
        (
            dump_line(1, "Far", "", 35.0, 40.0, "P.PPL").replace("\tSY\t", "\tSYR\t"),
            DUMP_BAD_COUNTRY.format(value="SYR"),
        ),
    ],
)
def test_geonames_dump_reports_why_a_line_is_malformed(tmp_path, line, reason):
    path = tmp_path / "SY.txt"
    path.write_text(line + "\n", encoding="utf-8")
    skipped = []

    entries = list(geonames_dump_entries(path, admin1_names={}, skipped=skipped))

    assert (entries, skipped) == ([], [f"SY.txt line 1: {reason}"])


@pytest.mark.django_db
def test_load_gazetteer_with_a_dump_adds_what_the_gazetteer_lacks(shipped, dump):
    lines = run("load_gazetteer", "--geonames-dump", str(dump))

    total = len(shipped) + 5
    assert lines == [
        f"places: created {total}, updated 0, skipped 2",
        *(f"  skipped: {reason}" for reason in MALFORMED),
    ]
    assert place_row(geonameid=9900002) == (
        "Mantiqat al Mayadin",
        "SY",
        "07",
        "Deir ez-Zor",
        "district",
        "district",
        0,
    )
    assert place_row(geonameid=9900007) == (
        "Buhayrat al Asad",
        "SY",
        "04",
        "Raqqa",
        "reservoir",
        "exact",
        0,
    )
    # The curated rows win over the dump's records of the same places.
    assert place_row(geonameid=170794)[0] == "Deir ez-Zor"
    assert Place.objects.filter(feature_type="governorate").count() == 14

    assert run("load_gazetteer", "--geonames-dump", str(dump)) == [
        f"places: created 0, updated {total}, skipped 2",
        *(f"  skipped: {reason}" for reason in MALFORMED),
    ]
    assert Place.objects.count() == total


@pytest.mark.django_db
def test_load_gazetteer_twice_creates_nothing_the_second_time(shipped):
    assert run("load_gazetteer") == [
        f"places: created {len(shipped)}, updated 0, skipped 0"
    ]
    assert run("load_gazetteer") == [
        f"places: created 0, updated {len(shipped)}, skipped 0"
    ]


# --- actors -----------------------------------------------------------------------


@pytest.mark.django_db
def test_actors_load_stores_belligerents_and_leaves_out_claimants():
    registry = default_registry()
    belligerents = [e.name for e in registry if not e.is_claimant]
    claimants = len(registry) - len(belligerents)

    report = actors_load(entries=registry)

    assert report == LoadReport(
        created=len(belligerents),
        updated=0,
        skipped=claimants,
        reasons=[CLAIMANTS_SKIPPED.format(count=claimants)],
    )
    assert sorted(Actor.objects.values_list("name", flat=True)) == sorted(belligerents)
    islamic_state = Actor.objects.get(name="Islamic State")
    assert islamic_state.kind == Actor.Kind.JIHADIST
    assert islamic_state.aliases[:4] == ["ISIS", "ISIL", "IS", "Daesh"]
    assert not Actor.objects.filter(name="Syrian Observatory for Human Rights").exists()


@pytest.mark.django_db
def test_actors_load_skips_unknown_kinds_and_repeated_names():
    hts = RegistryEntry(
        name="Hay'at Tahrir al-Sham", kind="jihadist", side="nusra", aliases=("HTS",)
    )

    report = actors_load(
        entries=[hts, replace(hts, kind="rebel"), replace(hts, name="X", kind="sect")]
    )

    assert report == LoadReport(
        created=1,
        updated=0,
        skipped=2,
        reasons=[
            DUPLICATE_ACTOR.format(name="Hay'at Tahrir al-Sham"),
            UNKNOWN_ACTOR_KIND.format(name="X", kind="sect"),
        ],
    )
    assert list(Actor.objects.values_list("name", "kind", "aliases")) == [
        ("Hay'at Tahrir al-Sham", "jihadist", ["HTS"])
    ]


@pytest.mark.django_db
def test_load_actors_twice_creates_nothing_the_second_time():
    registry = default_registry()
    claimants = sum(1 for e in registry if e.is_claimant)
    actors = len(registry) - claimants
    skipped = f"  skipped: {CLAIMANTS_SKIPPED.format(count=claimants)}"

    assert run("load_actors") == [
        f"actors: created {actors}, updated 0, skipped {claimants}",
        skipped,
    ]
    Actor.objects.filter(name="Islamic State").update(aliases=[], kind="other")

    assert run("load_actors") == [
        f"actors: created 0, updated {actors}, skipped {claimants}",
        skipped,
    ]
    assert Actor.objects.count() == actors
    assert Actor.objects.get(name="Islamic State").kind == Actor.Kind.JIHADIST
