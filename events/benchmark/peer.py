"""The peer: the same events, flattened into SQLite and served by Datasette.

One `events` row per event (date, types, actors, governorate, place,
coordinates, toll, civilian targeting, sources, summary) with an index on
every filtered column (and the date, for the newest-first order); the actor
links in `event_actors`; the text of the articles reporting each event in a
contentless FTS5 table (porter stemming, as PostgreSQL's english config
stems), which Datasette's `?_search=` uses through the table's metadata.
"""

import json
import sqlite3
import sys
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection

from events.benchmark.http import fetch

BATCH = 5_000
SOURCE_SQL = """
SELECT e.id, e.date, e.event_type, e.sub_event_type,
       (SELECT string_agg(a.name, '; ' ORDER BY ea.role, ea.id)
          FROM events_eventactor ea JOIN events_actor a ON a.id = ea.actor_id
         WHERE ea.event_id = e.id),
       p.admin1_code, p.admin1_name, p.name, p.latitude, p.longitude,
       e.killed_best, e.civilian_targeting,
       (SELECT string_agg(DISTINCT s.name, '; ')
          FROM events_event_articles l
          JOIN events_article ar ON ar.id = l.article_id
          JOIN events_source s ON s.id = ar.source_id
         WHERE l.event_id = e.id),
       e.summary
  FROM events_event e LEFT JOIN events_place p ON p.id = e.place_id
"""
SCHEMA = """
CREATE TABLE events (
    id INTEGER PRIMARY KEY, date TEXT, event_type TEXT, sub_event_type TEXT,
    actors TEXT, admin1_code TEXT, admin1 TEXT, place TEXT,
    latitude REAL, longitude REAL, killed INTEGER, civilian_targeting INTEGER,
    sources TEXT, summary TEXT
);
CREATE TABLE event_actors (event_id INTEGER, actor_id INTEGER, actor TEXT, role TEXT);
CREATE VIRTUAL TABLE events_fts USING fts5(
    title, text, content='', tokenize='porter unicode61'
);
"""
INDEXES = """
CREATE INDEX events_date ON events (date DESC, id DESC);
CREATE INDEX events_type ON events (event_type, date);
CREATE INDEX events_sub_type ON events (sub_event_type, date);
CREATE INDEX events_admin1 ON events (admin1_code, date);
CREATE INDEX events_killed ON events (killed, date);
CREATE INDEX events_civilians ON events (civilian_targeting, date);
CREATE INDEX event_actors_actor ON event_actors (actor_id, event_id);
ANALYZE;
"""


def sqlite_export(path: Path) -> int:
    """Write the events of the default database to SQLite at `path`; return rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(partial)
    target.executescript(SCHEMA)
    rows = _copy(
        target, SOURCE_SQL, "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    )
    _copy(
        target,
        "SELECT ea.event_id, ea.actor_id, a.name, ea.role FROM events_eventactor ea "
        "JOIN events_actor a ON a.id = ea.actor_id",
        "INSERT INTO event_actors VALUES (?,?,?,?)",
    )
    _copy_texts(target)
    target.executescript(INDEXES)
    target.commit()
    target.close()
    partial.replace(path)
    return rows


def _copy(target: sqlite3.Connection, select: str, insert: str) -> int:
    """Stream `select` from PostgreSQL into `insert`, BATCH rows at a time."""
    count = 0
    with connection.chunked_cursor() as cursor:
        cursor.execute(select)
        while batch := cursor.fetchmany(BATCH):
            target.executemany(insert, [_sqlite_row(row) for row in batch])
            count += len(batch)
    return count


def _sqlite_row(row) -> tuple:
    return tuple(
        value.isoformat() if hasattr(value, "isoformat") else value for value in row
    )


def _copy_texts(target: sqlite3.Connection) -> None:
    """Index each article's title and text once per event it reports."""
    select = (
        "SELECT a.title, a.text, array_agg(l.event_id) FROM events_article a "
        "JOIN events_event_articles l ON l.article_id = a.id GROUP BY a.id"
    )
    insert = "INSERT INTO events_fts (rowid, title, text) VALUES (?, ?, ?)"
    with connection.chunked_cursor() as cursor:
        cursor.execute(select)
        while batch := cursor.fetchmany(1_000):
            target.executemany(
                insert,
                [
                    (event, title, text)
                    for title, text, events in batch
                    for event in events
                ],
            )


def metadata(path: Path) -> Path:
    """Write Datasette's metadata (the FTS table of `events`); return its path."""
    meta = path.with_suffix(".metadata.json")
    meta.write_text(
        json.dumps(
            {
                "databases": {
                    path.stem: {
                        "tables": {
                            "events": {"fts_table": "events_fts", "fts_pk": "id"}
                        }
                    }
                }
            }
        )
    )
    return meta


def datasette_command(path: Path, port: int) -> list[str]:
    """The command serving `path` read-only, with Datasette's default settings."""
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "--immutable",
        str(path),
        "--port",
        str(port),
        "--metadata",
        str(metadata(path)),
    ]


def table_url(base: str, database: str, params: dict[str, str], size: int) -> str:
    """The HTML table page of `events` with `params`, newest first, `size` rows."""
    query = {**params, "_sort_desc": "date", "_size": str(size)}
    return f"{base}/{database}/events?{urlencode(query)}"


def deep_next(base: str, database: str, pages: int, size: int) -> str:
    """Datasette's `_next` token `pages` pages into the newest-first table."""
    token = ""
    for _ in range(pages):
        query = {"_sort_desc": "date", "_size": str(size)}
        if token:
            query["_next"] = token
        status, body = fetch(f"{base}/{database}/events.json?{urlencode(query)}")
        if status != 200:
            return token
        token = json.loads(body).get("next") or ""
        if not token:
            break
    return token
