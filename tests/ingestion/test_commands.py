"""The `ingest` and `extract_pending` commands: what they store and what they print."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

import events.extraction
from events.extraction import PIPELINE_VERSION
from events.ingestion.readers import (
    ARTICLE_TOO_LARGE,
    BINARY_FILE,
    DECODED_AS,
    EMPTY_FILE,
    MISSING_COLUMN,
    NOT_FOUND,
    ZIP_SYMLINK,
    ZIP_UNSAFE_PATH,
)
from events.models import Article
from tests.conftest import SEEDS_DIR
from tests.ingestion.files import CP1252, FIRST, PNG, SECOND, THIRD, symlink, zip_bytes

pytestmark = pytest.mark.django_db

DONE = Article.ExtractionStatus.DONE
FAILED = Article.ExtractionStatus.FAILED
PENDING = Article.ExtractionStatus.PENDING


def run(command: str, *args, **options) -> list[str]:
    """Run `command` quietly (no progress bars); return the lines it printed."""
    out = StringIO()
    call_command(command, *args, stdout=out, verbosity=0, **options)
    return out.getvalue().splitlines()


def statuses() -> list[str]:
    return list(
        Article.objects.order_by("pk").values_list("extraction_status", flat=True)
    )


def boom(*args, **kwargs):
    raise RuntimeError("boom")


# --- ingest -----------------------------------------------------------------------


def test_ingest_seeds_twice_adds_five_then_none():
    assert run("ingest", SEEDS_DIR) == [
        "added 5, duplicates 0, failed 0, near-duplicate links 1",
        "extraction: done 5, failed 0",
    ]
    assert run("ingest", SEEDS_DIR) == [
        "added 0, duplicates 5, failed 0, near-duplicate links 0",
    ]
    assert Article.objects.count() == 5


@pytest.mark.parametrize(
    ("name", "data", "added"),
    [
        ("a.txt", FIRST.encode(), 1),
        ("b.csv", f'id,text\n1,"{FIRST}"\n2,"{SECOND}"\n'.encode(), 2),
        ("c.jsonl", f'{{"text": "{FIRST}"}}\n{{"text": "{SECOND}"}}\n'.encode(), 2),
        (
            "d.zip",
            zip_bytes(
                ("a.txt", FIRST.encode()),
                ("b.csv", f'text\n"{SECOND}"\n'.encode()),
                ("c.jsonl", f'{{"text": "{THIRD}"}}\n'.encode()),
            ),
            3,
        ),
    ],
)
def test_ingest_reads_each_format(tmp_path, name, data, added):
    (tmp_path / name).write_bytes(data)

    assert run("ingest", tmp_path / name) == [
        f"added {added}, duplicates 0, failed 0, near-duplicate links 0",
        f"extraction: done {added}, failed 0",
    ]
    assert Article.objects.count() == added


def test_ingest_prints_each_failure_and_note_and_stores_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text(FIRST)
    (tmp_path / "cafe.txt").write_bytes(CP1252)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "evil.zip").write_bytes(
        zip_bytes(
            ("../evil.txt", b"x"),
            ("/etc/evil.txt", b"x"),
            (symlink("link.txt"), b"/etc/passwd"),
            ("dir/b.txt", SECOND.encode()),
        )
    )
    (tmp_path / "image.txt").write_bytes(PNG)

    lines = run("ingest", tmp_path)

    assert lines == [
        "added 3, duplicates 0, failed 5, near-duplicate links 0",
        f"  failed: {tmp_path}/empty.txt: {EMPTY_FILE}",
        f"  failed: {tmp_path}/evil.zip:../evil.txt: "
        + ZIP_UNSAFE_PATH.format(why="'..' in path"),
        f"  failed: {tmp_path}/evil.zip:/etc/evil.txt: "
        + ZIP_UNSAFE_PATH.format(why="absolute path"),
        f"  failed: {tmp_path}/evil.zip:link.txt: {ZIP_SYMLINK}",
        f"  failed: {tmp_path}/image.txt: " + BINARY_FILE.format(kind="PNG image"),
        f"  note: {tmp_path}/cafe.txt: " + DECODED_AS.format(encoding="cp1252"),
        "extraction: done 3, failed 0",
    ]
    assert Article.objects.count() == 3


def test_ingest_reports_an_article_over_the_size_limit(tmp_path, settings):
    settings.CONFLICTWATCH_ARTICLE_MAX_BYTES = 100
    (tmp_path / "a.txt").write_text(FIRST)
    (tmp_path / "big.txt").write_text("x" * 150)

    assert run("ingest", tmp_path) == [
        "added 1, duplicates 0, failed 1, near-duplicate links 0",
        f"  failed: {tmp_path}/big.txt: "
        + ARTICLE_TOO_LARGE.format(size=150, limit=100),
        "extraction: done 1, failed 0",
    ]


def test_ingest_reports_a_missing_path_and_reads_the_others(tmp_path):
    (tmp_path / "a.txt").write_text(FIRST)

    assert run("ingest", tmp_path / "missing.txt", tmp_path / "a.txt") == [
        "added 1, duplicates 0, failed 1, near-duplicate links 0",
        f"  failed: {tmp_path}/missing.txt: {NOT_FOUND}",
        "extraction: done 1, failed 0",
    ]


def test_ingest_text_column_that_is_not_there(tmp_path):
    (tmp_path / "a.csv").write_text(f'id,text\n1,"{FIRST}"\n')

    assert run("ingest", tmp_path / "a.csv", "--text-column", "body") == [
        "added 0, duplicates 0, failed 1, near-duplicate links 0",
        f"  failed: {tmp_path}/a.csv: "
        + MISSING_COLUMN.format(column="body", columns="id, text"),
    ]
    assert not Article.objects.exists()


def test_ingest_column_options_name_the_fields(tmp_path):
    (tmp_path / "a.csv").write_text(
        f'ref,headline,body,when\nr1,Market Shelled,"{FIRST}",4/5/17\n'
    )

    run(
        "ingest",
        tmp_path / "a.csv",
        "--id-column=ref",
        "--title-column=headline",
        "--text-column=body",
        "--date-column=when",
    )

    assert Article.objects.values_list(
        "external_id", "title", "text", "published"
    ).get() == ("r1", "Market Shelled", FIRST, date(2017, 4, 5))


# --- extraction ---------------------------------------------------------------------


def test_ingest_no_extract_leaves_articles_pending():
    assert run("ingest", SEEDS_DIR, "--no-extract") == [
        "added 5, duplicates 0, failed 0, near-duplicate links 1",
    ]
    assert statuses() == [PENDING] * 5


def test_extract_pending_extracts_what_ingest_left_pending():
    run("ingest", SEEDS_DIR, "--no-extract")

    assert run("extract_pending") == ["extraction: done 5, failed 0"]
    assert statuses() == [DONE] * 5
    assert set(Article.objects.values_list("pipeline_version", flat=True)) == {
        PIPELINE_VERSION
    }
    assert run("extract_pending") == ["extraction: done 0, failed 0"]


def test_extraction_failure_is_printed_and_retried(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(FIRST)
    monkeypatch.setattr(events.extraction, "extract", boom)

    lines = run("ingest", tmp_path)
    article = Article.objects.get()
    assert lines == [
        "added 1, duplicates 0, failed 0, near-duplicate links 0",
        "extraction: done 0, failed 1",
        f"  extraction failed: article {article.pk}: RuntimeError: boom",
    ]
    assert (statuses(), article.extraction_error) == ([FAILED], "RuntimeError: boom")

    assert run("extract_pending") == [
        "extraction: done 0, failed 1",
        f"  failed: article {article.pk}: RuntimeError: boom",
    ]

    monkeypatch.undo()
    assert run("extract_pending") == ["extraction: done 1, failed 0"]
    article.refresh_from_db()
    assert (article.extraction_status, article.extraction_error) == (DONE, "")
