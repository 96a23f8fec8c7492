"""The ingestion service: one transaction per article, duplicates, near-duplicates,
derived metadata and the extraction status of what was stored."""

from datetime import date

import pytest
from django.db import DatabaseError

import events.extraction
from events.extraction import PIPELINE_VERSION
from events.ingestion.readers import (
    ARTICLE_TOO_LARGE,
    BINARY_FILE,
    DECODED_AS,
    EMPTY_FILE,
    JSON_INVALID,
    JSON_NOT_OBJECT,
    MISSING_COLUMN,
    ROW_FIELD_COUNT,
    ZIP_SYMLINK,
    ZIP_TOO_LARGE,
    ZIP_TOO_MANY,
    ZIP_UNSAFE_PATH,
    ArticleInput,
    Columns,
    read_paths,
)
from events.ingestion.text import clean_text, content_hash, similarity
from events.models import Article, ArticleSimilarity, DatePrecision, Source
from events.services import (
    ARTICLE_EMPTY,
    DUPLICATE_OF,
    STORE_FAILED,
    IngestStatus,
    article_ingest,
    articles_extract,
    articles_ingest,
    read_limits,
)
from events.services import ingest as services
from tests.conftest import SEEDS_DIR, seed_path
from tests.ingestion.files import (
    CP1252,
    CP1252_DECODED,
    FIRST,
    PNG,
    SECOND,
    THIRD,
    symlink,
    zip_bytes,
)

pytestmark = pytest.mark.django_db

GUESSED = Columns()
ADDED = IngestStatus.ADDED
DUPLICATE = IngestStatus.DUPLICATE
REJECTED = IngestStatus.REJECTED


def ingest(paths, columns=GUESSED, extract=False):
    return articles_ingest(
        items=read_paths(paths, columns, read_limits()), extract=extract
    )


def stored_texts() -> list[str]:
    return sorted(Article.objects.values_list("text", flat=True))


def outcomes(report, root) -> list[tuple[str, str, str]]:
    """Return (origin relative to `root`, status, reason) of every outcome."""
    prefix = f"{root}/"
    return [
        (o.origin.removeprefix(prefix), o.status, o.reason) for o in report.outcomes
    ]


def seed_text(prefix: str) -> str:
    return clean_text(seed_path(prefix).read_text(encoding="utf-8"))


def seed_article(prefix: str) -> Article:
    return Article.objects.get(external_id=seed_path(prefix).stem)


# --- each format ------------------------------------------------------------


FORMATS = {
    "a.txt": FIRST.encode(),
    "b.csv": f'id,title,text\nb1,Highway Cut,"{SECOND}"\n'.encode(),
    "c.jsonl": f'{{"id": "c1", "title": "Aid Arrives", "text": "{THIRD}"}}\n'.encode(),
}


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "a.txt",
            FORMATS["a.txt"],
            # A lone short line reads as a heading, so it is the title too.
            [("a", FIRST, FIRST)],
        ),
        ("b.csv", FORMATS["b.csv"], [("b1", SECOND, "Highway Cut")]),
        ("c.jsonl", FORMATS["c.jsonl"], [("c1", THIRD, "Aid Arrives")]),
        (
            "batch.zip",
            zip_bytes(*((f"dir/{name}", data) for name, data in FORMATS.items())),
            [
                ("a", FIRST, FIRST),
                ("b1", SECOND, "Highway Cut"),
                ("c1", THIRD, "Aid Arrives"),
            ],
        ),
    ],
)
def test_each_format_is_stored(tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)

    report = ingest([tmp_path / name])

    assert [o.status for o in report.outcomes] == [ADDED] * len(expected)
    assert (
        list(Article.objects.order_by("pk").values_list("external_id", "text", "title"))
        == expected
    )


# --- bad input: reported with its reason, the rest of the batch stored -----------


@pytest.mark.parametrize(
    ("name", "data", "limits", "origin", "reason"),
    [
        pytest.param("empty.txt", b"", {}, "empty.txt", EMPTY_FILE, id="empty"),
        pytest.param(
            "image.txt",
            PNG,
            {},
            "image.txt",
            BINARY_FILE.format(kind="PNG image"),
            id="png-as-txt",
        ),
        pytest.param(
            "big.txt",
            b"x" * 2_000,
            {"CONFLICTWATCH_ARTICLE_MAX_BYTES": 1_000},
            "big.txt",
            ARTICLE_TOO_LARGE.format(size=2_000, limit=1_000),
            id="article-too-large",
        ),
        pytest.param(
            "evil.zip",
            zip_bytes(("../evil.txt", b"x")),
            {},
            "evil.zip:../evil.txt",
            ZIP_UNSAFE_PATH.format(why="'..' in path"),
            id="zip-dotdot",
        ),
        pytest.param(
            "evil.zip",
            zip_bytes(("/etc/evil.txt", b"x")),
            {},
            "evil.zip:/etc/evil.txt",
            ZIP_UNSAFE_PATH.format(why="absolute path"),
            id="zip-absolute",
        ),
        pytest.param(
            "evil.zip",
            zip_bytes((symlink("link.txt"), b"/etc/passwd")),
            {},
            "evil.zip:link.txt",
            ZIP_SYMLINK,
            id="zip-symlink",
        ),
        pytest.param(
            "many.zip",
            zip_bytes(*((f"dir/{n}.txt", f"Text {n}.".encode()) for n in range(3))),
            {"CONFLICTWATCH_ZIP_MAX_ENTRIES": 2},
            "many.zip",
            ZIP_TOO_MANY.format(count=3, limit=2),
            id="zip-too-many",
        ),
        pytest.param(
            "bomb.zip",
            zip_bytes(("dir/big.txt", b"a" * 1_000_000)),
            {"CONFLICTWATCH_ZIP_MAX_UNCOMPRESSED_BYTES": 100_000},
            "bomb.zip",
            ZIP_TOO_LARGE.format(limit=100_000),
            id="zip-bomb",
        ),
        pytest.param(
            "rows.csv",
            b"id,text\nr1\n",
            {},
            "rows.csv row 2",
            ROW_FIELD_COUNT.format(expected=2, found=1),
            id="csv-field-count",
        ),
        pytest.param(
            "lines.jsonl",
            b"not json\n",
            {},
            "lines.jsonl line 1",
            JSON_INVALID.format(error="Expecting value"),
            id="jsonl-not-json",
        ),
        pytest.param(
            "lines.jsonl",
            b'["a", "list"]\n',
            {},
            "lines.jsonl line 1",
            JSON_NOT_OBJECT.format(kind="list"),
            id="jsonl-list",
        ),
    ],
)
def test_bad_input_is_reported_and_the_rest_of_the_batch_stored(
    tmp_path, settings, name, data, limits, origin, reason
):
    for setting, value in limits.items():
        setattr(settings, setting, value)
    (tmp_path / "a_first.txt").write_text(FIRST)
    (tmp_path / name).write_bytes(data)
    (tmp_path / "z_second.txt").write_text(SECOND)

    report = ingest([tmp_path])

    assert outcomes(report, tmp_path) == [
        ("a_first.txt", ADDED, ""),
        (origin, REJECTED, reason),
        ("z_second.txt", ADDED, ""),
    ]
    assert stored_texts() == sorted([FIRST, SECOND])


def test_cp1252_file_is_stored_decoded_with_a_note(tmp_path):
    (tmp_path / "cafe.txt").write_bytes(CP1252)

    (outcome,) = ingest([tmp_path]).outcomes

    assert outcome.status == ADDED
    assert outcome.notes == (DECODED_AS.format(encoding="cp1252"),)
    assert Article.objects.get(pk=outcome.article_id).text == CP1252_DECODED


def test_missing_column_rejects_the_csv_and_keeps_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text(FIRST)
    (tmp_path / "b.csv").write_text(f"id,text\nb1,{SECOND}\n")

    report = ingest([tmp_path], Columns(text="body"))

    assert outcomes(report, tmp_path) == [
        ("a.txt", ADDED, ""),
        ("b.csv", REJECTED, MISSING_COLUMN.format(column="body", columns="id, text")),
    ]
    assert stored_texts() == [FIRST]


def test_mixed_csv_stores_its_good_rows(tmp_path):
    (tmp_path / "rows.csv").write_text(
        f'id,text\n1,"{FIRST}"\n2\n3,"{SECOND}",extra\n4,"{THIRD}"\n'
    )

    report = ingest([tmp_path])

    assert outcomes(report, tmp_path) == [
        ("rows.csv row 2 (id 1)", ADDED, ""),
        ("rows.csv row 3", REJECTED, ROW_FIELD_COUNT.format(expected=2, found=1)),
        ("rows.csv row 4", REJECTED, ROW_FIELD_COUNT.format(expected=2, found=3)),
        ("rows.csv row 5 (id 4)", ADDED, ""),
    ]
    assert stored_texts() == sorted([FIRST, THIRD])


def test_mixed_zip_stores_its_safe_entries(tmp_path):
    (tmp_path / "batch.zip").write_bytes(
        zip_bytes(
            ("dir/a.txt", FIRST.encode()),
            ("../evil.txt", b"x"),
            ("/etc/evil.txt", b"x"),
            (symlink("dir/link.txt"), b"/etc/passwd"),
            ("dir/b.txt", SECOND.encode()),
        )
    )

    report = ingest([tmp_path])

    assert outcomes(report, tmp_path) == [
        ("batch.zip:dir/a.txt", ADDED, ""),
        ("batch.zip:../evil.txt", REJECTED, ZIP_UNSAFE_PATH.format(why="'..' in path")),
        (
            "batch.zip:/etc/evil.txt",
            REJECTED,
            ZIP_UNSAFE_PATH.format(why="absolute path"),
        ),
        ("batch.zip:dir/link.txt", REJECTED, ZIP_SYMLINK),
        ("batch.zip:dir/b.txt", ADDED, ""),
    ]
    assert stored_texts() == sorted([FIRST, SECOND])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (" \r\n\x00 \n", ARTICLE_EMPTY),
        ("é" * 6, ARTICLE_TOO_LARGE.format(size=12, limit=10)),
    ],
)
def test_article_ingest_rejects_empty_or_oversized_text(settings, text, reason):
    settings.CONFLICTWATCH_ARTICLE_MAX_BYTES = 10

    outcome = article_ingest(item=ArticleInput(text=text, origin="pasted"))

    assert (outcome.status, outcome.reason) == (REJECTED, reason)
    assert not Article.objects.exists()


# --- one transaction per article --------------------------------------------


def test_store_failure_leaves_no_source_or_article_and_the_batch_goes_on():
    items = [
        ArticleInput(text=FIRST, origin="first", source="Outlet A"),
        ArticleInput(
            text=SECOND,
            origin="too long a url",
            source="Outlet B",
            url="https://example.com/" + "x" * 1_000,
        ),
        ArticleInput(text=THIRD, origin="third", source="Outlet C"),
    ]

    report = articles_ingest(items=items, extract=False)

    assert [(o.origin, o.status, o.reason) for o in report.outcomes] == [
        ("first", ADDED, ""),
        (
            "too long a url",
            REJECTED,
            STORE_FAILED.format(
                error="value too long for type character varying(1000)"
            ),
        ),
        ("third", ADDED, ""),
    ]
    assert stored_texts() == sorted([FIRST, THIRD])
    assert list(Source.objects.values_list("name", flat=True)) == [
        "Outlet A",
        "Outlet C",
    ]


@pytest.mark.parametrize("error", [DatabaseError("forced"), ValueError("forced")])
def test_failure_while_linking_rolls_the_article_back(monkeypatch, error):
    link = services._link_near_duplicates

    def failing_link(article):
        if article.text == SECOND:
            raise error
        return link(article)

    monkeypatch.setattr(services, "_link_near_duplicates", failing_link)
    items = [
        ArticleInput(text=FIRST, origin="first", source="Outlet A"),
        ArticleInput(text=SECOND, origin="second", source="Outlet B"),
        ArticleInput(text=THIRD, origin="third", source="Outlet C"),
    ]

    report = articles_ingest(items=items, extract=False)

    assert [(o.status, o.reason) for o in report.outcomes] == [
        (ADDED, ""),
        (REJECTED, STORE_FAILED.format(error="forced")),
        (ADDED, ""),
    ]
    assert stored_texts() == sorted([FIRST, THIRD])
    assert list(Source.objects.values_list("name", flat=True)) == [
        "Outlet A",
        "Outlet C",
    ]


# --- duplicates --------------------------------------------------------------


def test_seeds_ingested_twice_are_stored_once():
    first = ingest([SEEDS_DIR])
    again = ingest([SEEDS_DIR])

    assert [first.count(s) for s in IngestStatus] == [5, 0, 0]
    assert [again.count(s) for s in IngestStatus] == [0, 5, 0]
    assert [o.article_id for o in again.outcomes] == first.added_ids
    assert [o.reason for o in again.outcomes] == [
        DUPLICATE_OF.format(article_id=pk) for pk in first.added_ids
    ]
    assert Article.objects.count() == 5


@pytest.mark.parametrize(
    "variant",
    [
        FIRST,
        f"  {FIRST}\n\n",
        FIRST.upper(),
        FIRST.replace(" ", "\n\t "),
        FIRST.replace(" ", "  ").replace("\n", "\r\n"),
    ],
)
def test_same_text_up_to_whitespace_and_case_is_a_duplicate(variant):
    original = article_ingest(item=ArticleInput(text=FIRST, origin="original"))

    outcome = article_ingest(item=ArticleInput(text=variant, origin="variant"))

    assert (outcome.status, outcome.article_id, outcome.reason) == (
        DUPLICATE,
        original.article_id,
        DUPLICATE_OF.format(article_id=original.article_id),
    )
    assert Article.objects.count() == 1


def test_article_stored_concurrently_is_reported_as_a_duplicate(monkeypatch):
    derive = services.derive_metadata
    concurrent = []

    def derive_while_another_ingest_stores_it(text):
        # Another process stores the same text after our duplicate check.
        concurrent.append(
            Article.objects.create(text=text, content_hash=content_hash(text))
        )
        return derive(text)

    monkeypatch.setattr(
        services, "derive_metadata", derive_while_another_ingest_stores_it
    )

    outcome = article_ingest(item=ArticleInput(text=FIRST, origin="first"))

    (other,) = concurrent
    assert (outcome.status, outcome.article_id) == (DUPLICATE, other.pk)
    assert Article.objects.count() == 1


# --- near-duplicates ------------------------------------------------------------


def test_seeds_000_and_001_are_linked_as_near_duplicates():
    report = ingest([SEEDS_DIR])
    first, second = seed_article("000"), seed_article("001")
    expected = similarity(seed_text("000"), seed_text("001"))

    (link,) = ArticleSimilarity.objects.all()

    assert (link.article_id, link.similar_to_id) == (first.pk, second.pk)
    assert link.similarity > 0.2
    assert link.similarity == pytest.approx(expected, abs=0.005)
    assert [o.near_duplicates for o in report.outcomes] == [
        (),
        ((first.pk, round(expected, 4)),),
        (),
        (),
        (),
    ]


def test_near_duplicate_threshold_is_a_setting(settings):
    settings.CONFLICTWATCH_NEAR_DUPLICATE_THRESHOLD = 0.3

    ingest([SEEDS_DIR])

    assert not ArticleSimilarity.objects.exists()


# --- title and date ------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "title", "published", "precision"),
    [
        (
            "000",
            "U.S.-led coalition airstrikes killed detainees held by ISIS in the "
            "western countryside of Raqqa on Saturday as the…",
            None,
            DatePrecision.UNKNOWN,
        ),
        (
            "001",
            "Syrian troops and allied militia have pushed back ISIS militants and "
            "U.S-backed opposition fighters, gaining control of…",
            None,
            DatePrecision.UNKNOWN,
        ),
        (
            "002",
            "The Syrian Democratic Forces (SDF), backed by the International "
            "Coalition, are continuing to tighten the noose on the…",
            None,
            DatePrecision.UNKNOWN,
        ),
        (
            "003",
            "US Killing 'Fighters' Around Stalled ISIS Convoy",
            date(2017, 9, 10),
            DatePrecision.DAY,
        ),
        (
            "004",
            "US officials have repeatedly said their battle against IS in eastern "
            "Syria's Deir el-Zour has been complicated by the…",
            None,
            DatePrecision.UNKNOWN,
        ),
    ],
)
def test_seed_title_and_date_are_derived(prefix, title, published, precision):
    ingest([seed_path(prefix)])

    article = seed_article(prefix)

    assert (article.title, article.published, article.published_precision) == (
        title,
        published,
        precision,
    )


def test_page_chrome_is_not_taken_for_title_or_date():
    ingest([seed_path("003"), seed_path("004")])

    assert seed_article("003").published != date(2019, 5, 21)
    assert seed_article("004").title != "KXIP vs KKR Live Score"
    assert seed_article("004").title.startswith("US officials have repeatedly said")


DATELINED = f"Army Retakes Mayadeen\n\n10 September 2017\n\n{FIRST}"


@pytest.mark.parametrize(
    ("title", "date_cell", "expected"),
    [
        ("Town Retaken", "4/5/17", ("Town Retaken", date(2017, 4, 5))),
        ("", "2017-04-05", ("Army Retakes Mayadeen", date(2017, 4, 5))),
        ("", "", ("Army Retakes Mayadeen", date(2017, 9, 10))),
        ("", "not a date", ("Army Retakes Mayadeen", date(2017, 9, 10))),
    ],
)
def test_csv_metadata_wins_over_what_the_text_says(
    tmp_path, title, date_cell, expected
):
    (tmp_path / "a.csv").write_text(
        f'title,date,text\n"{title}","{date_cell}","{DATELINED}"\n'
    )

    ingest([tmp_path])

    assert Article.objects.values_list("title", "published").get() == expected


def test_source_is_created_once_per_outlet(tmp_path):
    (tmp_path / "a.csv").write_text(
        f'source,text\nSANA,"{FIRST}"\nSANA,"{SECOND}"\nEnab Baladi,"{THIRD}"\n'
    )

    ingest([tmp_path])

    assert list(
        Source.objects.values_list("name", "articles__text").order_by(
            "name", "articles__id"
        )
    ) == [("Enab Baladi", THIRD), ("SANA", FIRST), ("SANA", SECOND)]


# --- extraction status -----------------------------------------------------------


def test_ingested_articles_are_extracted():
    report = ingest([SEEDS_DIR], extract=True)

    assert (
        list(
            Article.objects.filter(pk__in=report.added_ids).values_list(
                "extraction_status", "pipeline_version", "extraction_error"
            )
        )
        == [(Article.ExtractionStatus.DONE, PIPELINE_VERSION, "")] * 5
    )
    assert not Article.objects.filter(extracted_at=None).exists()


def test_ingest_without_extraction_leaves_articles_pending():
    ingest([SEEDS_DIR], extract=False)

    assert (
        list(Article.objects.values_list("extraction_status", "pipeline_version"))
        == [(Article.ExtractionStatus.PENDING, "")] * 5
    )
    assert Article.objects.needing_extraction().count() == 5


def boom(*args, **kwargs):
    raise RuntimeError("boom")


def test_extraction_failure_keeps_the_article_and_records_the_error(monkeypatch):
    monkeypatch.setattr(events.extraction, "extract", boom)

    report = ingest([seed_path("003")], extract=True)

    article = Article.objects.get(pk=report.added_ids[0])
    assert (article.extraction_status, article.extraction_error) == (
        Article.ExtractionStatus.FAILED,
        "RuntimeError: boom",
    )
    assert article.title == "US Killing 'Fighters' Around Stalled ISIS Convoy"
    assert article.extracted_at is not None


def test_failed_extraction_is_retried(monkeypatch):
    monkeypatch.setattr(events.extraction, "extract", boom)
    ingest([seed_path("003")], extract=True)
    monkeypatch.undo()

    report = articles_extract(articles=Article.objects.needing_extraction())

    assert (report.done, report.failed, report.errors) == (1, 0, [])
    assert Article.objects.values_list(
        "extraction_status", "extraction_error", "pipeline_version"
    ).get() == (Article.ExtractionStatus.DONE, "", PIPELINE_VERSION)


def test_articles_extract_reports_each_failure(monkeypatch):
    ingest([seed_path("000"), seed_path("002")])
    monkeypatch.setattr(events.extraction, "extract", boom)

    report = articles_extract(articles=Article.objects.all())

    ids = sorted(Article.objects.values_list("pk", flat=True))
    assert (report.done, report.failed) == (0, 2)
    assert report.errors == [(pk, "RuntimeError: boom") for pk in ids]
