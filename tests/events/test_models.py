"""The database the models live in, and Article's QuerySet vocabulary."""

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import get_script_prefix, reverse, set_script_prefix

from events.ingestion.readers import ArticleInput
from events.models import Article
from events.models.urls import detail_url
from events.services import article_ingest

pytestmark = pytest.mark.django_db


def test_database_is_postgresql():
    assert connection.vendor == "postgresql"


def test_trigram_and_unaccent_extensions_are_installed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT extname FROM pg_extension WHERE extname IN ('pg_trgm', 'unaccent')"
            " ORDER BY extname"
        )
        assert cursor.fetchall() == [("pg_trgm",), ("unaccent",)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Mayadeen", ["001"]),
        ("phosphate mines", ["001"]),
        ("convoy", ["003", "001"]),
        ("Baghuz", ["002"]),
        ("Mayadeen -Damascus", []),
        ("zzzunknownword", []),
    ],
)
def test_search_finds_articles_by_their_words(seeds, query, expected):
    found = Article.objects.search(query)

    assert list(found) == [seeds[prefix] for prefix in expected]


def test_search_matches_word_forms():
    stored = article_ingest(
        item=ArticleInput(
            text="Airstrikes killed fighters near the bridges.", origin="a"
        )
    )

    assert list(
        Article.objects.search("bridge killing").values_list("pk", flat=True)
    ) == [stored.article_id]


def test_search_ranks_title_matches_first():
    in_text = article_ingest(
        item=ArticleInput(
            text="Shelling hit Aleppo again. Residents of Douma also fled.",
            origin="a",
            title="Aleppo Shelled",
        )
    )
    in_title = article_ingest(
        item=ArticleInput(
            text="Aid convoys reached the suburb for the first time.",
            origin="b",
            title="Douma Reached",
        )
    )

    assert list(Article.objects.search("Douma").values_list("pk", flat=True)) == [
        in_title.article_id,
        in_text.article_id,
    ]


def test_needing_extraction_is_pending_or_failed():
    for status in Article.ExtractionStatus:
        Article.objects.create(
            text=status, content_hash=status, extraction_status=status
        )

    assert sorted(
        Article.objects.needing_extraction().values_list("extraction_status", flat=True)
    ) == ["failed", "pending"]


def test_admin_search_uses_full_text(admin_client, seeds):
    response = admin_client.get(
        reverse("admin:events_article_changelist"), {"q": "Mayadeen"}
    )

    assert list(response.context["cl"].result_list) == [seeds["001"]]


# --- reference data: fuzzy names, constraints -----------------------------------


def test_places_similar_to_a_misspelling_are_found_by_trigram():
    from events.models import Place

    common = {"country_code": "SY", "admin1_code": "07", "admin1_name": "Deir ez-Zor"}
    Place.objects.create(name="Al Mayadin", latitude=35.02, longitude=40.45, **common)
    Place.objects.create(name="Hajin", latitude=34.69, longitude=40.83, **common)

    found = list(Place.objects.similar_to("Al Mayadeen").values_list("name", flat=True))

    assert found == ["Al Mayadin"]


def test_actors_similar_to_a_misspelling_are_found_by_trigram():
    from events.models import Actor

    Actor.objects.create(name="Hay'at Tahrir al-Sham", kind=Actor.Kind.JIHADIST)
    Actor.objects.create(name="Jaysh al-Islam", kind=Actor.Kind.REBEL)

    found = list(
        Actor.objects.similar_to("Hayat Tahrir al Sham").values_list("name", flat=True)
    )

    assert found == ["Hay'at Tahrir al-Sham"]


@pytest.mark.parametrize(
    "counts",
    [
        {"killed_low": 30, "killed_best": 20},
        {"killed_best": 40, "killed_high": 30},
        {"injured_low": 5, "injured_best": 2},
        {"injured_best": 9, "injured_high": 3},
    ],
)
def test_event_counts_must_be_ordered_low_best_high(counts):
    from django.db import IntegrityError

    from events.models import Event, EventType

    with pytest.raises(IntegrityError):
        Event.objects.create(event_type=EventType.BATTLES, **counts)


def test_event_counts_cannot_be_negative():
    from django.db import IntegrityError

    from events.models import Event, EventType

    with pytest.raises(IntegrityError):
        Event.objects.create(event_type=EventType.BATTLES, killed_best=-1)


def test_evidence_span_must_not_be_empty(seeds):
    from django.db import IntegrityError

    from events.models import Evidence

    with pytest.raises(IntegrityError):
        Evidence.objects.create(
            article=seeds["000"], field=Evidence.Field.PLACE, start=5, end=5, text=""
        )


@pytest.mark.parametrize(
    "view", ["event_detail", "article_detail", "actor_detail", "place_detail"]
)
@pytest.mark.parametrize("prefix", ["/", "/conflictwatch/"])
def test_detail_urls_are_what_reverse_gives(view, prefix):
    before = get_script_prefix()
    set_script_prefix(prefix)
    try:
        for pk in (1, 7, 2147483647, 12345678901):
            name = f"events:{view}"
            assert detail_url(name, pk) == reverse(name, args=[pk])
    finally:
        set_script_prefix(before)


def test_detail_urls_follow_a_changed_urlconf():
    name = "events:event_detail"
    before = detail_url(name, 5)
    with override_settings(ROOT_URLCONF="tests.events.urls_elsewhere"):
        moved = detail_url(name, 5)
    assert (before, moved) == ("/events/5/", "/elsewhere/events/5/")
    assert detail_url(name, 5) == before  # and back
