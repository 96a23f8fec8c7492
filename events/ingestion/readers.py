"""Read articles out of files: .txt, .csv, .jsonl, .zip and folders of them.

Readers yield an `ArticleInput` per article or a `Rejection` saying why an
input was refused, and never raise for bad input, so one broken file or row
does not stop a batch. No Django imports: limits come in as `ReadLimits`.
"""

import csv
import io
import json
import stat
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from events.ingestion.text import parse_metadata_date

SUPPORTED_SUFFIXES = (".txt", ".csv", ".jsonl", ".zip")

# Messages (tests reuse them).
EMPTY_FILE = "empty file"
BINARY_FILE = "binary file ({kind}), not text"
UNSUPPORTED_TYPE = (
    "unsupported file type {suffix!r}: expected .txt, .csv, .jsonl or .zip"
)
ARTICLE_TOO_LARGE = "article is {size:,} bytes, over the {limit:,}-byte limit"
NOT_DECODABLE = "not UTF-8 text and not decodable as cp1252 or latin-1"
DECODED_AS = "decoded as {encoding} (not UTF-8)"
MISSING_COLUMN = "missing column {column!r}; the columns are: {columns}"
NO_TEXT_COLUMN = "no text column: name one with --text-column (columns are: {columns})"
ROW_FIELD_COUNT = "expected {expected} fields, found {found}"
ROW_NO_TEXT = "no text"
MALFORMED_CSV = "malformed CSV: {error}"
JSON_INVALID = "not valid JSON: {error}"
JSON_NOT_OBJECT = "a JSON object was expected, found {kind}"
ZIP_INVALID = "not a valid zip archive: {error}"
ZIP_TOO_MANY = "zip holds {count:,} entries, over the limit of {limit:,}"
ZIP_TOO_LARGE = "zip expands to over {limit:,} bytes (a zip bomb?)"
ZIP_UNSAFE_PATH = "unsafe path in zip ({why})"
ZIP_SYMLINK = "symbolic link in zip"
ZIP_NESTED = "zip inside a zip is not read"
ZIP_ENCRYPTED = "encrypted zip entry"
NOT_FOUND = "no such file or folder"

_MAGIC = [
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
]
_DECODE_SAMPLE = 8192

# Column names tried, in order, when no column option is given.
COLUMN_GUESSES = {
    "id": ("id", "unit_id", "article_id", "uuid"),
    "title": ("title", "article_title", "headline"),
    "text": ("text", "article_content", "content", "body", "article"),
    "date": ("date", "published", "publication_date", "pub_date"),
    "source": ("source", "outlet", "publisher"),
    "url": ("url", "link"),
}


@dataclass(frozen=True)
class ArticleInput:
    """One article as read from a file, before it is stored."""

    text: str
    origin: str
    title: str = ""
    published: date | None = None
    source: str = ""
    url: str = ""
    external_id: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rejection:
    """An input that was refused, and why."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Columns:
    """Which CSV/JSONL field holds what; None means guess from COLUMN_GUESSES."""

    id: str | None = None
    title: str | None = None
    text: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ReadLimits:
    article_max_bytes: int = 5_000_000
    zip_max_entries: int = 10_000
    zip_max_uncompressed_bytes: int = 1_000_000_000


@dataclass
class _Context:
    columns: Columns
    limits: ReadLimits
    in_zip: bool = False


Item = ArticleInput | Rejection


# --- entry points -----------------------------------------------------------


def read_paths(
    paths: Iterable[Path], columns: Columns, limits: ReadLimits
) -> Iterator[Item]:
    """Yield the articles in files and folders (folders: their supported files)."""
    context = _Context(columns, limits)
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
            for file in files:
                yield from _read_file_path(file, context)
        elif path.exists():
            yield from _read_file_path(path, context)
        else:
            yield Rejection(str(path), NOT_FOUND)


def read_upload(
    name: str, stream: BinaryIO, columns: Columns, limits: ReadLimits
) -> Iterator[Item]:
    """Yield the articles in one uploaded file (.txt, .csv, .jsonl or .zip)."""
    yield from _read_stream(name, stream, _Context(columns, limits))


# --- dispatch ---------------------------------------------------------------


def _read_file_path(path: Path, context: _Context) -> Iterator[Item]:
    try:
        with path.open("rb") as stream:
            yield from _read_stream(str(path), stream, context)
    except OSError as error:
        yield Rejection(str(path), f"cannot read: {error.strerror or error}")


def _read_stream(name: str, stream: BinaryIO, context: _Context) -> Iterator[Item]:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield Rejection(name, UNSUPPORTED_TYPE.format(suffix=suffix or "(none)"))
        return
    head = stream.read(_DECODE_SAMPLE)
    if not head.strip():
        yield Rejection(name, EMPTY_FILE)
        return
    if suffix == ".zip":
        if context.in_zip:
            yield Rejection(name, ZIP_NESTED)
            return
        stream.seek(0)
        yield from _read_zip(name, stream, context)
        return
    kind = _binary_kind(head)
    if kind:
        yield Rejection(name, BINARY_FILE.format(kind=kind))
        return
    stream.seek(0)
    if suffix == ".txt":
        yield _read_txt(name, stream, context)
    elif suffix == ".csv":
        yield from _read_csv(name, stream, context)
    else:
        yield from _read_jsonl(name, stream, context)


def _binary_kind(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head:
        return "contains NUL bytes"
    return None


def decode(raw: bytes) -> tuple[str, str | None]:
    """Return `raw` decoded, and the encoding used if it was not UTF-8."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("utf-8", raw, 0, len(raw), NOT_DECODABLE)


# --- formats ----------------------------------------------------------------


def _read_txt(name: str, stream: BinaryIO, context: _Context) -> Item:
    limit = context.limits.article_max_bytes
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        stream.seek(0, io.SEEK_END)
        return Rejection(
            name, ARTICLE_TOO_LARGE.format(size=stream.tell(), limit=limit)
        )
    text, encoding = decode(raw)
    notes = (DECODED_AS.format(encoding=encoding),) if encoding else ()
    member = name.rsplit(".zip:", 1)[-1]  # a zip entry is named "batch.zip:a.txt"
    return ArticleInput(
        text=text, origin=name, external_id=PurePosixPath(member).stem, notes=notes
    )


def _decoded_lines(stream: BinaryIO) -> Iterator[tuple[str, str | None]]:
    """Yield each line decoded on its own, so one bad line spoils nothing else."""
    first = True
    for raw in stream:
        if first and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        first = False
        yield decode(raw)


def _resolve_columns(fieldnames: list[str], columns: Columns) -> dict[str, str | None]:
    """Map each role to a present field name, or raise KeyError naming the missing."""
    present = {name.strip().lower(): name for name in fieldnames if name}
    resolved: dict[str, str | None] = {}
    for role, guesses in COLUMN_GUESSES.items():
        chosen = getattr(columns, role)
        if chosen is not None:
            if chosen not in fieldnames and chosen.lower() not in present:
                raise KeyError(chosen)
            resolved[role] = present.get(chosen.lower(), chosen)
            continue
        resolved[role] = next((present[g] for g in guesses if g in present), None)
    return resolved


def _article_from_record(
    record: dict, roles: dict[str, str | None], origin: str, notes: tuple[str, ...]
) -> Item:
    def value(role: str) -> str:
        column = roles.get(role)
        found = record.get(column) if column else None
        return "" if found is None else str(found).strip()

    text = value("text")
    external_id = value("id")
    if external_id:
        origin = f"{origin} (id {external_id})"
    if not text:
        return Rejection(origin, ROW_NO_TEXT)
    return ArticleInput(
        text=text,
        origin=origin,
        title=value("title"),
        published=parse_metadata_date(value("date")),
        source=value("source"),
        url=value("url"),
        external_id=external_id,
        notes=notes,
    )


def _read_csv(name: str, stream: BinaryIO, context: _Context) -> Iterator[Item]:
    csv.field_size_limit(min(sys.maxsize, context.limits.article_max_bytes * 4))
    encodings: set[str] = set()

    def lines() -> Iterator[str]:
        for line, encoding in _decoded_lines(stream):
            if encoding:
                encodings.add(encoding)
            yield line

    reader = csv.reader(lines())
    try:
        header = next(reader)
    except csv.Error as error:
        yield Rejection(name, MALFORMED_CSV.format(error=error))
        return
    try:
        roles = _resolve_columns(header, context.columns)
    except KeyError as missing:
        yield Rejection(
            name,
            MISSING_COLUMN.format(column=missing.args[0], columns=", ".join(header)),
        )
        return
    if roles["text"] is None:
        yield Rejection(name, NO_TEXT_COLUMN.format(columns=", ".join(header)))
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Rejection(
                f"{name} row {reader.line_num}", MALFORMED_CSV.format(error=error)
            )
            continue
        origin = f"{name} row {reader.line_num}"
        notes = tuple(DECODED_AS.format(encoding=e) for e in sorted(encodings))
        encodings.clear()
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Rejection(
                origin, ROW_FIELD_COUNT.format(expected=len(header), found=len(row))
            )
            continue
        record = dict(zip(header, row, strict=True))
        yield _article_from_record(record, roles, origin, notes)


def _read_jsonl(name: str, stream: BinaryIO, context: _Context) -> Iterator[Item]:
    for number, (line, encoding) in enumerate(_decoded_lines(stream), start=1):
        if not line.strip():
            continue
        origin = f"{name} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(origin, JSON_INVALID.format(error=error.msg))
            continue
        if not isinstance(record, dict):
            yield Rejection(origin, JSON_NOT_OBJECT.format(kind=type(record).__name__))
            continue
        # Each line names its own fields, so columns are resolved per line.
        try:
            roles = _resolve_columns(list(record), context.columns)
        except KeyError as missing:
            yield Rejection(
                origin,
                MISSING_COLUMN.format(
                    column=missing.args[0], columns=", ".join(record)
                ),
            )
            continue
        notes = (DECODED_AS.format(encoding=encoding),) if encoding else ()
        if roles["text"] is None:
            yield Rejection(origin, NO_TEXT_COLUMN.format(columns=", ".join(record)))
            continue
        yield _article_from_record(record, roles, origin, notes)


# --- zip --------------------------------------------------------------------


def _unsafe_reason(filename: str) -> str | None:
    if filename.startswith(("/", "\\")) or (len(filename) > 1 and filename[1] == ":"):
        return "absolute path"
    parts = filename.replace("\\", "/").split("/")
    if ".." in parts:
        return "'..' in path"
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _read_zip(name: str, stream: BinaryIO, context: _Context) -> Iterator[Item]:
    limits = context.limits
    try:
        archive = zipfile.ZipFile(stream)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        yield Rejection(name, ZIP_INVALID.format(error=error))
        return
    if len(entries) > limits.zip_max_entries:
        yield Rejection(
            name, ZIP_TOO_MANY.format(count=len(entries), limit=limits.zip_max_entries)
        )
        return
    declared = sum(info.file_size for info in entries)
    if declared > limits.zip_max_uncompressed_bytes:
        yield Rejection(
            name, ZIP_TOO_LARGE.format(limit=limits.zip_max_uncompressed_bytes)
        )
        return
    inner = _Context(context.columns, limits, in_zip=True)
    budget = limits.zip_max_uncompressed_bytes
    for info in entries:
        origin = f"{name}:{info.filename}"
        reason = _unsafe_reason(info.filename)
        if reason:
            yield Rejection(origin, ZIP_UNSAFE_PATH.format(why=reason))
            continue
        if info.is_dir() or _is_hidden(info.filename):
            continue
        if _is_symlink(info):
            yield Rejection(origin, ZIP_SYMLINK)
            continue
        if info.flag_bits & 0x1:
            yield Rejection(origin, ZIP_ENCRYPTED)
            continue
        # Read no more than the remaining budget: declared sizes can lie.
        try:
            with archive.open(info) as member:
                data = member.read(budget + 1)
        except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError) as error:
            yield Rejection(origin, ZIP_INVALID.format(error=error))
            continue
        budget -= len(data)
        if budget < 0:
            limit = limits.zip_max_uncompressed_bytes
            yield Rejection(name, ZIP_TOO_LARGE.format(limit=limit))
            return
        yield from _read_stream(origin, io.BytesIO(data), inner)


def _is_hidden(filename: str) -> bool:
    parts = PurePosixPath(filename).parts
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)
