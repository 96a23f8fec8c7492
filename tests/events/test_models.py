"""The database the models live in, and Article's QuerySet vocabulary."""

import pytest
from django.db import connection
from django.urls import reverse

from events.ingestion.readers import ArticleInput, Columns, ReadLimits, read_paths
from events.models import Article
from events.services import article_ingest, articles_ingest
from tests.conftest import SEEDS_DIR, seed_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds() -> dict[str, Article]:
    """Store the five seed articles; return them by prefix ("000" ... "004")."""
    articles_ingest(items=read_paths([SEEDS_DIR], Columns(), ReadLimits()))
    return {
        prefix: Article.objects.get(external_id=seed_path(prefix).stem)
        for prefix in ("000", "001", "002", "003", "004")
    }


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
