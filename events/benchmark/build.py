"""Fill the bench database: migrate, reference data, the corpus ingested and
extracted (each timed), then copies up to the wanted size, then ANALYZE.

What the build measured is kept in the table `bench_build`, so a run that
reuses the database still reports it.
"""

import io
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from events.benchmark.replicate import Base, base_read, copies_delete, replicate
from events.models import Article, CasualtyClaim, Event, EventActor, Evidence

CORPUS_COLUMNS = {
    "id_column": "unit_id",
    "title_column": "article_title",
    "text_column": "article_content",
    "date_column": "date",
    "source_column": "source",
}


@dataclass
class BuildInfo:
    """What building the bench database took."""

    built_at: str = ""
    corpus_articles: int = 0
    ingest_seconds: float = 0.0
    extract_seconds: float = 0.0
    replicate_seconds: float = 0.0
    analyze_seconds: float = 0.0
    copies: int = 0
    strides: dict | None = None
    small_query_counts: dict | None = None  # measured before replication
    reused: bool = False

    @property
    def ingest_rate(self) -> float:
        return self.corpus_articles / self.ingest_seconds if self.ingest_seconds else 0

    @property
    def extract_rate(self) -> float:
        return (
            self.corpus_articles / self.extract_seconds if self.extract_seconds else 0
        )


@dataclass(frozen=True)
class Size:
    articles: int
    events: int
    actor_roles: int
    claims: int
    evidence: int


def database_size() -> Size:
    """Row counts of the bench database's main tables."""
    return Size(
        Article.objects.count(),
        Event.objects.count(),
        EventActor.objects.count(),
        CasualtyClaim.objects.count(),
        Evidence.objects.count(),
    )


def bench_build(
    *,
    corpus: Path,
    articles: int,
    log: Callable[[str], None],
    on_base: Callable[[], dict] | None = None,
) -> BuildInfo:
    """Bring the bench database to `articles` articles; return what it took.

    `on_base` runs once the corpus is extracted, before any copy (the small
    database); what it returns is kept as `small_query_counts`.
    """
    call_command("migrate", verbosity=0, stdout=io.StringIO())
    _ensure_info_table()
    info = build_info_read()
    if not Article.objects.exists():
        info = _base_build(corpus, log)
        if on_base:
            info.small_query_counts = on_base()
            _info_write(info)
    elif info is None:
        raise RuntimeError(
            "the bench database has articles but no build record: use --rebuild"
        )
    base = Base(info.strides, info.corpus_articles)
    if Article.objects.count() == articles:
        info.reused = True
        log(f"reusing the bench database ({articles:,} articles)")
        return info
    log(f"replicating {info.corpus_articles:,} articles up to {articles:,}")
    started = time.perf_counter()
    copies_delete(base)
    info.copies = replicate(base=base, target=articles)
    info.replicate_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    info.analyze_seconds = time.perf_counter() - started
    info.built_at = timezone.now().isoformat(timespec="seconds")
    _info_write(info)
    return info


def _base_build(corpus: Path, log: Callable[[str], None]) -> BuildInfo:
    """Load the reference data, then ingest and extract the corpus, timed."""
    log("loading the gazetteer and the actor registry")
    quiet = {"verbosity": 0, "stdout": io.StringIO()}  # the report is the output
    call_command("load_gazetteer", **quiet)
    call_command("load_actors", **quiet)
    # Extraction runs here, in-process, whatever broker is configured.
    os.environ.pop("CELERY_BROKER_URL", None)
    log(f"ingesting {corpus} (storing only)")
    started = time.perf_counter()
    call_command("ingest", str(corpus), no_extract=True, **quiet, **CORPUS_COLUMNS)
    ingest_seconds = time.perf_counter() - started
    log("extracting the stored articles")
    started = time.perf_counter()
    call_command("extract_pending", **quiet)
    extract_seconds = time.perf_counter() - started
    base = base_read()
    info = BuildInfo(
        built_at=timezone.now().isoformat(timespec="seconds"),
        corpus_articles=base.articles,
        ingest_seconds=ingest_seconds,
        extract_seconds=extract_seconds,
        strides=base.strides,
    )
    _info_write(info)
    return info


def _ensure_info_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_build (id int PRIMARY KEY, info jsonb)"
        )


def build_info_read() -> BuildInfo | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT info FROM bench_build WHERE id = 1")
        row = cursor.fetchone()
    if not row:
        return None
    value = row[0] if isinstance(row[0], dict) else json.loads(row[0])
    return BuildInfo(**{**value, "reused": False})


def _info_write(info: BuildInfo) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_build (id, info) VALUES (1, %s) "
            "ON CONFLICT (id) DO UPDATE SET info = EXCLUDED.info",
            [json.dumps(asdict(info))],
        )
