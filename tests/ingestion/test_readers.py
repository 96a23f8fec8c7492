"""Readers: files in, one ArticleInput or Rejection (with its reason) out."""

import io
from datetime import date

import pytest

from events.ingestion.readers import (
    ARTICLE_TOO_LARGE,
    BINARY_FILE,
    DECODED_AS,
    EMPTY_FILE,
    JSON_INVALID,
    JSON_NOT_OBJECT,
    MALFORMED_CSV,
    MISSING_COLUMN,
    NO_TEXT_COLUMN,
    NOT_FOUND,
    ROW_FIELD_COUNT,
    ROW_NO_TEXT,
    UNSUPPORTED_TYPE,
    ZIP_ENCRYPTED,
    ZIP_INVALID,
    ZIP_NESTED,
    ZIP_SYMLINK,
    ZIP_TOO_LARGE,
    ZIP_TOO_MANY,
    ZIP_UNSAFE_PATH,
    ArticleInput,
    Columns,
    ReadLimits,
    Rejection,
    decode,
    read_paths,
    read_upload,
)
from tests.ingestion.files import CP1252, CP1252_DECODED, PNG, symlink, zip_bytes

CP1252_NOTE = DECODED_AS.format(encoding="cp1252")
GUESSED = Columns()
DEFAULTS = ReadLimits()


def read(name: str, data: bytes, columns=GUESSED, limits=DEFAULTS) -> list:
    return list(read_upload(name, io.BytesIO(data), columns, limits))


# --- decoding ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "encoding"),
    [
        (b"caf\xc3\xa9", "café", None),
        (b"\xef\xbb\xbfcaf\xc3\xa9", "café", None),
        (CP1252, CP1252_DECODED, "cp1252"),
        # 0x81 is undefined in cp1252, so only latin-1 reads it.
        (b"caf\xe9 \x81", "café \x81", "latin-1"),
    ],
)
def test_decode(raw, text, encoding):
    assert decode(raw) == (text, encoding)


# --- .txt and whole-file rejections -------------------------------------------


def test_txt_file_is_one_article_named_by_its_stem():
    assert read("reports/a1.txt", b"Army retakes the town.\n") == [
        ArticleInput(
            text="Army retakes the town.\n", origin="reports/a1.txt", external_id="a1"
        )
    ]


def test_cp1252_txt_is_decoded_with_a_note():
    assert read("cafe.txt", CP1252) == [
        ArticleInput(
            text=CP1252_DECODED,
            origin="cafe.txt",
            external_id="cafe",
            notes=(CP1252_NOTE,),
        )
    ]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", EMPTY_FILE),
        ("blank.txt", b" \n\t\r\n", EMPTY_FILE),
        ("empty.zip", b"", EMPTY_FILE),
        ("image.txt", PNG, BINARY_FILE.format(kind="PNG image")),
        ("image.csv", PNG, BINARY_FILE.format(kind="PNG image")),
        ("paper.txt", b"%PDF-1.7\n", BINARY_FILE.format(kind="PDF document")),
        ("photo.jsonl", b"\xff\xd8\xff\xe0", BINARY_FILE.format(kind="JPEG image")),
        ("nul.txt", b"text\x00more", BINARY_FILE.format(kind="contains NUL bytes")),
        ("notes.md", b"text", UNSUPPORTED_TYPE.format(suffix=".md")),
        ("README", b"text", UNSUPPORTED_TYPE.format(suffix="(none)")),
        (
            "broken.zip",
            b"not a zip",
            ZIP_INVALID.format(error="File is not a zip file"),
        ),
    ],
)
def test_bad_file_is_rejected_with_its_reason(name, data, reason):
    assert read(name, data) == [Rejection(name, reason)]


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (10, [ArticleInput(text="x" * 10, origin="a.txt", external_id="a")]),
        (11, [Rejection("a.txt", ARTICLE_TOO_LARGE.format(size=11, limit=10))]),
        (50_000, [Rejection("a.txt", ARTICLE_TOO_LARGE.format(size=50_000, limit=10))]),
    ],
)
def test_txt_over_the_article_limit_is_rejected_with_its_full_size(size, expected):
    assert read("a.txt", b"x" * size, limits=ReadLimits(article_max_bytes=10)) == (
        expected
    )


# --- paths and folders -----------------------------------------------------


def test_folder_yields_its_supported_files_sorted_and_recursively(tmp_path):
    (tmp_path / "b.txt").write_text("Second.")
    (tmp_path / "notes.md").write_text("Skipped: not an article file.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Nested.")
    (tmp_path / "a.txt").write_text("First.")

    items = list(read_paths([tmp_path], Columns(), ReadLimits()))

    assert [(item.origin, item.text) for item in items] == [
        (str(tmp_path / "a.txt"), "First."),
        (str(tmp_path / "b.txt"), "Second."),
        (str(tmp_path / "sub" / "a.txt"), "Nested."),
    ]


def test_missing_path_is_rejected_and_the_next_path_read(tmp_path):
    missing = tmp_path / "missing.txt"
    (tmp_path / "here.txt").write_text("Here.")

    items = list(read_paths([missing, tmp_path / "here.txt"], Columns(), ReadLimits()))

    assert items == [
        Rejection(str(missing), NOT_FOUND),
        ArticleInput(
            text="Here.", origin=str(tmp_path / "here.txt"), external_id="here"
        ),
    ]


# --- CSV ----------------------------------------------------------------------


def test_csv_columns_are_guessed():
    data = (
        b"unit_id,article_title,article_content,date,outlet,link\n"
        b'u1,Army Retakes Town,"The army retook the town, officials said.",4/5/17,'
        b"SANA,https://example.com/a\n"
    )
    assert read("batch.csv", data) == [
        ArticleInput(
            text="The army retook the town, officials said.",
            origin="batch.csv row 2 (id u1)",
            title="Army Retakes Town",
            published=date(2017, 4, 5),
            source="SANA",
            url="https://example.com/a",
            external_id="u1",
        )
    ]


def test_csv_columns_named_in_any_case():
    data = b"Ref,Headline,Story\nr7,Town Falls,The town fell.\n"
    columns = Columns(id="ref", title="HEADLINE", text="story")
    assert read("batch.csv", data, columns) == [
        ArticleInput(
            text="The town fell.",
            origin="batch.csv row 2 (id r7)",
            title="Town Falls",
            external_id="r7",
        )
    ]


def test_csv_quoted_text_keeps_its_line_breaks():
    data = b'id,text\n1,"First line.\nSecond line."\n'
    (item,) = read("batch.csv", data)
    assert item.text == "First line.\nSecond line."


@pytest.mark.parametrize(
    ("data", "columns", "reason"),
    [
        (
            b"id,text\n1,Body.\n",
            Columns(text="body"),
            MISSING_COLUMN.format(column="body", columns="id, text"),
        ),
        (
            b"id,text\n1,Body.\n",
            Columns(date="when"),
            MISSING_COLUMN.format(column="when", columns="id, text"),
        ),
        (
            b"id,headline\n1,Town Falls\n",
            Columns(),
            NO_TEXT_COLUMN.format(columns="id, headline"),
        ),
    ],
)
def test_csv_without_the_text_column_is_rejected_whole(data, columns, reason):
    assert read("batch.csv", data, columns) == [Rejection("batch.csv", reason)]


def test_csv_bad_rows_are_rejected_and_the_good_rows_kept():
    data = b"id,text\n1,First good row.\n2\n3,Too,many\n,\n4,\n5,Last good row.\n"
    assert read("batch.csv", data) == [
        ArticleInput(
            text="First good row.", origin="batch.csv row 2 (id 1)", external_id="1"
        ),
        Rejection("batch.csv row 3", ROW_FIELD_COUNT.format(expected=2, found=1)),
        Rejection("batch.csv row 4", ROW_FIELD_COUNT.format(expected=2, found=3)),
        Rejection("batch.csv row 6 (id 4)", ROW_NO_TEXT),
        ArticleInput(
            text="Last good row.", origin="batch.csv row 7 (id 5)", external_id="5"
        ),
    ]


def test_csv_field_over_the_size_limit_is_malformed_and_reading_goes_on():
    # The CSV field limit is four times the article limit: 40 characters here.
    data = b"id,text\n1," + b"x" * 41 + b"\n2,Short.\n"
    assert read("batch.csv", data, limits=ReadLimits(article_max_bytes=10)) == [
        Rejection(
            "batch.csv row 2",
            MALFORMED_CSV.format(error="field larger than field limit (40)"),
        ),
        ArticleInput(text="Short.", origin="batch.csv row 3 (id 2)", external_id="2"),
    ]


def test_csv_cp1252_row_gets_the_note_and_its_neighbours_do_not():
    data = b"id,text\n1,Plain.\n2," + CP1252 + b"\n3,Plain again.\n"
    assert [(item.text, item.notes) for item in read("batch.csv", data)] == [
        ("Plain.", ()),
        (CP1252_DECODED, (CP1252_NOTE,)),
        ("Plain again.", ()),
    ]


def test_csv_cp1252_note_of_a_rejected_row_stays_with_it():
    data = b"id,text\n1," + CP1252 + b",extra\n2,Plain.\n"
    assert read("batch.csv", data)[1].notes == ()


# --- JSONL --------------------------------------------------------------------


def test_jsonl_keys_are_guessed():
    data = (
        b'{"id": "a1", "headline": "Town Falls", "content": "The town fell.", '
        b'"published": "2017-09-10", "source": "SANA", "url": "https://example.com"}\n'
    )
    assert read("batch.jsonl", data) == [
        ArticleInput(
            text="The town fell.",
            origin="batch.jsonl line 1 (id a1)",
            title="Town Falls",
            published=date(2017, 9, 10),
            source="SANA",
            url="https://example.com",
            external_id="a1",
        )
    ]


def test_jsonl_bad_lines_are_rejected_and_the_good_lines_kept():
    data = (
        b'{"text": "First good line."}\n'
        b"\n"
        b"not json\n"
        b'["a", "list"]\n'
        b'"a string"\n'
        b'{"text": ""}\n'
        b'{"text": "Last good line."}\n'
    )
    assert read("batch.jsonl", data) == [
        ArticleInput(text="First good line.", origin="batch.jsonl line 1"),
        Rejection("batch.jsonl line 3", JSON_INVALID.format(error="Expecting value")),
        Rejection("batch.jsonl line 4", JSON_NOT_OBJECT.format(kind="list")),
        Rejection("batch.jsonl line 5", JSON_NOT_OBJECT.format(kind="str")),
        Rejection("batch.jsonl line 6", ROW_NO_TEXT),
        ArticleInput(text="Last good line.", origin="batch.jsonl line 7"),
    ]


@pytest.mark.parametrize(
    ("line", "columns", "reason"),
    [
        (
            b'{"id": 1, "text": "Body."}',
            Columns(text="body"),
            MISSING_COLUMN.format(column="body", columns="id, text"),
        ),
        (
            b'{"id": 1, "headline": "Town Falls"}',
            Columns(),
            NO_TEXT_COLUMN.format(columns="id, headline"),
        ),
    ],
)
def test_jsonl_line_without_the_text_key_is_rejected(line, columns, reason):
    assert read("batch.jsonl", line + b"\n", columns) == [
        Rejection("batch.jsonl line 1", reason)
    ]


def test_jsonl_cp1252_line_gets_the_note():
    data = b'{"text": "' + CP1252 + b'"}\n{"text": "Plain."}\n'
    assert [(item.text, item.notes) for item in read("batch.jsonl", data)] == [
        (CP1252_DECODED, (CP1252_NOTE,)),
        ("Plain.", ()),
    ]


def test_jsonl_title_on_a_later_line_is_read():
    data = b'{"text": "One."}\n{"text": "Two.", "title": "Second"}\n'
    assert read("batch.jsonl", data)[1].title == "Second"


# --- zip ----------------------------------------------------------------------


def test_zip_entries_are_read_by_their_format():
    data = zip_bytes(
        ("dir/a.txt", b"From a text file."),
        ("dir/b.csv", b"id,text\n7,From a CSV row.\n"),
        ("dir/c.jsonl", b'{"text": "From a JSONL line."}\n'),
    )
    assert read("batch.zip", data) == [
        ArticleInput(
            text="From a text file.", origin="batch.zip:dir/a.txt", external_id="a"
        ),
        ArticleInput(
            text="From a CSV row.",
            origin="batch.zip:dir/b.csv row 2 (id 7)",
            external_id="7",
        ),
        ArticleInput(text="From a JSONL line.", origin="batch.zip:dir/c.jsonl line 1"),
    ]


def test_zip_entry_at_the_top_is_named_by_its_stem():
    (item,) = read("batch.zip", zip_bytes(("a.txt", b"Text.")))
    assert item.external_id == "a"


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("../evil.txt", ZIP_UNSAFE_PATH.format(why="'..' in path")),
        ("dir/../../evil.txt", ZIP_UNSAFE_PATH.format(why="'..' in path")),
        ("/etc/evil.txt", ZIP_UNSAFE_PATH.format(why="absolute path")),
        ("C:/evil.txt", ZIP_UNSAFE_PATH.format(why="absolute path")),
        (symlink("link.txt"), ZIP_SYMLINK),
        ("inner.zip", ZIP_NESTED),
        ("notes.md", UNSUPPORTED_TYPE.format(suffix=".md")),
        ("empty.txt", EMPTY_FILE),
        ("image.txt", BINARY_FILE.format(kind="PNG image")),
    ],
)
def test_bad_zip_entry_is_rejected_and_the_others_read(entry, reason):
    contents = {
        "inner.zip": zip_bytes(("c.txt", b"Inner.")),
        "empty.txt": b"",
        "image.txt": PNG,
    }
    name = getattr(entry, "filename", entry)
    data = zip_bytes(
        ("dir/a.txt", b"Before."),
        (entry, contents.get(name, b"/etc/passwd")),
        ("dir/b.txt", b"After."),
    )
    assert read("batch.zip", data) == [
        ArticleInput(text="Before.", origin="batch.zip:dir/a.txt", external_id="a"),
        Rejection(f"batch.zip:{name}", reason),
        ArticleInput(text="After.", origin="batch.zip:dir/b.txt", external_id="b"),
    ]


def test_zip_encrypted_entry_is_rejected():
    data = zip_bytes(("dir/secret.txt", b"Secret."), encrypted=["dir/secret.txt"])
    assert read("batch.zip", data) == [
        Rejection("batch.zip:dir/secret.txt", ZIP_ENCRYPTED)
    ]


def test_zip_folders_and_hidden_entries_are_skipped():
    data = zip_bytes(
        ("dir/", b""),
        ("__MACOSX/dir/._a.txt", b"resource fork"),
        ("dir/.DS_Store", b"finder"),
        ("dir/a.txt", b"Article."),
    )
    assert read("batch.zip", data) == [
        ArticleInput(text="Article.", origin="batch.zip:dir/a.txt", external_id="a")
    ]


def test_zip_with_too_many_entries_is_rejected_whole():
    data = zip_bytes(*((f"dir/{n}.txt", b"Text.") for n in range(3)))
    limits = ReadLimits(zip_max_entries=2)
    assert read("batch.zip", data, limits=limits) == [
        Rejection("batch.zip", ZIP_TOO_MANY.format(count=3, limit=2))
    ]


def test_zip_bomb_is_rejected_whole():
    data = zip_bytes(("dir/a.txt", b"Small."), ("dir/big.txt", b"a" * 1_000_000))
    assert len(data) < 5_000
    limits = ReadLimits(zip_max_uncompressed_bytes=100_000)
    assert read("bomb.zip", data, limits=limits) == [
        Rejection("bomb.zip", ZIP_TOO_LARGE.format(limit=100_000))
    ]
