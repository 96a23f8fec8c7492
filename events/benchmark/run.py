"""The whole benchmark, in the bench database's process: build, then measure.

The app is served as in production, by gunicorn (two workers, production
settings: DJANGO_DEBUG=0, connections kept between requests), and Datasette by
its own server, both in subprocesses on free local ports, stopped at the end.
"""

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from events.benchmark import explain, peer
from events.benchmark.build import (
    CORPUS_COLUMNS,
    bench_build,
    build_info_read,
    database_size,
)
from events.benchmark.database import DB_NAME, bench_env
from events.benchmark.extraction import corpus_texts, extraction_speeds
from events.benchmark.http import Server, fetch, free_port, time_stream, time_url
from events.benchmark.report import Results, render
from events.benchmark.scenarios import (
    DEEP_PAGES,
    export_start,
    map_scenarios,
    timeline_scenarios,
)
from events.ingestion.readers import Columns
from events.models import Event

BENCH_USER = "bench-analyst"
PAGE_SIZE = 50


@dataclass(frozen=True)
class Options:
    corpus: Path
    articles: int
    requests: int
    warmup: int
    extraction_limit: int
    processes: tuple[int, ...]
    skip_extraction: bool
    skip_peer: bool
    output_dir: Path


def bench_run(*, options: Options, log: Callable[[str], None]) -> tuple[str, Path]:
    """Build the bench database, measure everything; return the report and its file."""
    started = timezone.now()
    client = _analyst_client
    info = bench_build(
        corpus=options.corpus,
        articles=options.articles,
        log=log,
        on_base=lambda: query_counts(client()),
    )
    results = Results(
        started=started.strftime("%Y-%m-%d %H:%M UTC"),
        size=database_size(),
        build=info,
        requests=options.requests,
        small_counts=_int_keys(info.small_query_counts or {}),
    )
    if not options.skip_extraction:
        log("timing extraction (pipeline against the bare model)")
        columns = Columns(
            **{k.removesuffix("_column"): v for k, v in CORPUS_COLUMNS.items()}
        )
        texts = corpus_texts([options.corpus], options.extraction_limit, columns)
        results.extraction_texts = len(texts)
        results.extraction = list(
            extraction_speeds(texts, processes=options.processes, repeat=2)
        )
    log("counting the queries of each page")
    results.query_counts = query_counts(client())
    _measure_http(options, results, log)
    log("keeping the query plans")
    results.plans = _plans(client())
    report = render(results)
    options.output_dir.mkdir(parents=True, exist_ok=True)
    path = options.output_dir / f"bench-{started:%Y-%m-%d-%H%M}.md"
    path.write_text(report)
    return report, path


def _analyst_client() -> Client:
    """A test client logged in as the bench analyst."""
    user, _ = get_user_model().objects.get_or_create(username=BENCH_USER)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def _int_keys(counts: dict) -> dict[str, dict[int, int]]:
    return {
        page: {int(k): v for k, v in sizes.items()} for page, sizes in counts.items()
    }


COUNTED_PAGES = {
    "timeline, no filter": "/",
    "timeline, actor + governorate": "/?actor=Islamic+State&governorate=09",
    "timeline, full-text search": "/?q=chlorine",
    "map data, country extent": "/api/events.geojson?bbox=35.6,32.3,42.4,37.4",
}


def query_counts(client: Client) -> dict[str, dict[int, int]]:
    """Queries each page runs, with 10 and with 50 events a page."""
    counts = {}
    for name, url in COUNTED_PAGES.items():
        client.get(url)  # the first request of a session may cache things
        counts[name] = {
            size: len(explain.page_queries(client, url, page_size=size))
            for size in (10, 50)
        }
    return counts


def _plans(client: Client) -> dict[str, list[explain.QueryPlan]]:
    pages = {f"timeline: {s.name}": f"/?{s.query}" for s in timeline_scenarios()}
    pages |= {f"map: {name}": f"/api/events.geojson?{q}" for name, q in map_scenarios()}
    pages["CSV export, 10,000 rows"] = (
        f"/export/events.csv?start={export_start(10_000)}"
    )
    return {
        name: explain.plans(explain.page_queries(client, url))
        for name, url in pages.items()
    }


def _server_env() -> dict[str, str]:
    """Production settings over plain HTTP on localhost, the bench database."""
    return bench_env() | {
        "DJANGO_DEBUG": "0",
        # The session is made in this process: the server must sign alike.
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
    }


def _gunicorn(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "conflictwatch.wsgi",
        "--workers=2",
        f"--bind=127.0.0.1:{port}",
        "--timeout=300",
    ]


def _measure_http(options: Options, results: Results, log) -> None:
    client = _analyst_client()
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={client.session.session_key}"}
    scenarios = timeline_scenarios()
    port = free_port()
    log_dir = options.output_dir / "logs"
    ours = {}
    with Server(
        _gunicorn(port),
        port=port,
        env=_server_env(),
        cwd=settings.BASE_DIR,
        log=log_dir / "gunicorn.log",
    ) as server:
        server.wait_until_serving("/accounts/login/")
        log(f"timing the timeline at {server.url}")
        timed = partial(
            time_url, headers=headers, warmup=options.warmup, repeat=options.requests
        )
        load_before = os.getloadavg()[0]
        for scenario in scenarios:
            ours[scenario.name] = timed(
                scenario.name, f"{server.url}/?{scenario.query}"
            )
        results.notes.append(
            f"Load average (1 minute) while the timeline was timed: "
            f"{load_before:.2f} at the start, {os.getloadavg()[0]:.2f} at the end, "
            f"on {os.cpu_count()} CPUs. The bench keeps about one busy; more "
            "means other work on the machine, which slows every latency."
        )
        log("timing the chart image")
        for scenario in scenarios:
            results.charts.append(
                timed(scenario.name, f"{server.url}/chart.svg?{scenario.query}")
            )
        log("timing the map endpoint")
        for name, query in map_scenarios():
            url = f"{server.url}/api/events.geojson?{query}"
            timing = timed(name, url)
            timing.detail = _map_shape(url, headers)
            results.maps.append(timing)
        log("timing CSV exports")
        results.exports = _exports(server, headers)
    peers = {} if options.skip_peer else _measure_peer(options, scenarios, log)
    results.timeline = [(ours[s.name], peers.get(s.name), s.note) for s in scenarios]


def _map_shape(url: str, headers) -> str:
    _, body = fetch(url, headers)
    features = json.loads(body)["features"]
    clusters = [f for f in features if f["properties"].get("cluster")]
    events = (
        sum(f["properties"]["count"] for f in clusters) + len(features) - len(clusters)
    )
    points = len(features) - len(clusters)
    return f"{points:,} points, {len(clusters):,} clusters ({events:,} events)"


def _exports(server: Server, headers) -> list:
    measures = []
    # The first export warms the server up; 10k, 50k, 10k again are kept.
    starts = [export_start(rows) for rows in (10_000, 10_000, 50_000, 10_000)]
    for index, start in enumerate(starts):
        count = Event.objects.filter(date__gte=start).count()
        measure = time_stream(
            f"CSV, events since {start}",
            f"{server.url}/export/events.csv?start={start}",
            rows=count,
            pid=server.process.pid,
            headers=headers,
        )
        if index:
            measures.append(measure)
    return measures


def _measure_peer(options: Options, scenarios, log) -> dict:
    """Time Datasette on the same events with the equivalent filters."""
    path = settings.DATA_DIR / "bench" / f"{DB_NAME}.sqlite"
    stamp = path.with_suffix(".built")
    built_at = bench_build_stamp()
    if not path.exists() or not stamp.exists() or stamp.read_text() != built_at:
        log(f"exporting the events to SQLite ({path})")
        peer.sqlite_export(path)
        stamp.write_text(built_at)
    port = free_port()
    timings = {}
    with Server(
        peer.datasette_command(path, port),
        port=port,
        env=bench_env(),
        cwd=settings.BASE_DIR,
        log=options.output_dir / "logs" / "datasette.log",
    ) as server:
        server.wait_until_serving(f"/{path.stem}")
        log(f"timing Datasette at {server.url}")
        for scenario in scenarios:
            params = scenario.peer
            if params is None and scenario.extra.get("after"):
                token = peer.deep_next(server.url, path.stem, DEEP_PAGES, PAGE_SIZE)
                params = {"_next": token} if token else None
            if params is None:
                continue
            timings[scenario.name] = time_url(
                scenario.name,
                peer.table_url(server.url, path.stem, params, PAGE_SIZE),
                warmup=options.warmup,
                repeat=options.requests,
            )
    return timings


def bench_build_stamp() -> str:
    """When the bench database was last built (its copies made)."""
    info = build_info_read()
    return info.built_at if info else ""
