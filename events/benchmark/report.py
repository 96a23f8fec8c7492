"""The benchmark's results as a Markdown report (printed and written to a file)."""

from dataclasses import dataclass, field

from events.benchmark.build import BuildInfo, Size
from events.benchmark.explain import QueryPlan
from events.benchmark.extraction import ExtractionSpeed
from events.benchmark.http import StreamMeasure, Timing

TIMELINE_P95 = 0.200
MAP_P95 = 0.300
MAP_BYTES = 1_000_000
EXPORT_SECONDS = 2.0
EXPORT_ROWS = 10_000


@dataclass
class Results:
    started: str
    size: Size
    build: BuildInfo
    requests: int
    extraction: list[ExtractionSpeed] = field(default_factory=list)
    extraction_texts: int = 0
    query_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    small_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    timeline: list[tuple[Timing, Timing | None, str]] = field(default_factory=list)
    maps: list[Timing] = field(default_factory=list)
    charts: list[Timing] = field(default_factory=list)
    exports: list[StreamMeasure] = field(default_factory=list)
    plans: dict[str, list[QueryPlan]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def render(results: Results) -> str:
    """Return the whole report."""
    parts = [
        f"# ConflictWatch benchmark, {results.started}",
        _size(results),
        _extraction(results),
        _ingestion(results),
        _timeline(results),
        _charts(results),
        _maps(results),
        _exports(results),
        _queries(results),
        _targets(results),
        _plans(results),
    ]
    if results.notes:
        parts.append("## Notes\n\n" + "\n".join(f"- {note}" for note in results.notes))
    return "\n\n".join(part for part in parts if part) + "\n"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _size(results: Results) -> str:
    size = results.size
    reused = " (reused)" if results.build.reused else ""
    return (
        f"Database `conflictwatch_bench`{reused}: {size.articles:,} articles, "
        f"{size.events:,} events, {size.actor_roles:,} actor roles, "
        f"{size.claims:,} casualty claims, {size.evidence:,} evidence spans; "
        f"built {results.build.built_at}. Latencies over HTTP (the whole Django "
        f"stack, a logged-in analyst), {results.requests} timed requests each "
        "after 3 untimed ones; p50/p95 are nearest-rank."
    )


def _extraction(results: Results) -> str:
    if not results.extraction:
        return "## Extraction\n\nSkipped (--skip-extraction)."
    rows = [
        "| processes | bare spaCy words/s | pipeline words/s | ratio "
        "| bare articles/s | pipeline articles/s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in results.extraction:
        rows.append(
            f"| {s.processes} | {s.bare_words_per_second:,.0f} "
            f"| {s.pipeline_words_per_second:,.0f} | {s.ratio:.2f} "
            f"| {s.bare_articles_per_second:.1f} "
            f"| {s.pipeline_articles_per_second:.1f} |"
        )
    speedup = ""
    if len(results.extraction) > 1:
        one, more = results.extraction[0], results.extraction[-1]
        speedup = (
            f"\n\nPipeline speed-up with {more.processes} processes: "
            f"{one.pipeline_seconds / more.pipeline_seconds:.2f}x."
        )
    return (
        f"## Extraction ({results.extraction_texts} FA-KES articles, "
        "best of the repeats)\n\n" + "\n".join(rows) + speedup
    )


def _ingestion(results: Results) -> str:
    b = results.build
    return (
        "## Ingestion into PostgreSQL\n\n"
        "| step | articles | seconds | articles/s |\n| --- | ---: | ---: | ---: |\n"
        f"| store (ingest --no-extract) | {b.corpus_articles:,} "
        f"| {b.ingest_seconds:.1f} | {b.ingest_rate:.1f} |\n"
        f"| extract and store the rows | {b.corpus_articles:,} "
        f"| {b.extract_seconds:.1f} | {b.extract_rate:.1f} |\n"
        f"| replicate in SQL ({b.copies} copies) "
        f"| {results.size.articles - b.corpus_articles:,} "
        f"| {b.replicate_seconds:.1f} "
        f"| {_rate(results.size.articles - b.corpus_articles, b.replicate_seconds)} |\n"
        f"| VACUUM ANALYZE | | {b.analyze_seconds:.1f} | |"
    )


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds else "-"


def _timeline(results: Results) -> str:
    rows = [
        "| filter | p50 | p95 | KB | Datasette p50 | Datasette p95 "
        "| p95 ratio | target p95 <= 200 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for ours, peer, note in results.timeline:
        ratio = f"{ours.p95 / peer.p95:.2f}" if peer and peer.p95 else "-"
        peer_cells = f"{_ms(peer.p50)} | {_ms(peer.p95)}" if peer else "- | -"
        name = ours.name + (f" ({note})" if note else "")
        rows.append(
            f"| {name} | {_ms(ours.p50)} | {_ms(ours.p95)} | {ours.size / 1024:,.0f} "
            f"| {peer_cells} | {ratio} | {_met(ours.p95 <= TIMELINE_P95)} |"
        )
    return "## Timeline page (50 events a page)\n\n" + "\n".join(rows)


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _charts(results: Results) -> str:
    """The timeline's chart, an image the page loads after its list."""
    if not results.charts:
        return ""
    rows = ["| filter | p50 | p95 |", "| --- | ---: | ---: |"]
    rows += [f"| {t.name} | {_ms(t.p50)} | {_ms(t.p95)} |" for t in results.charts]
    return (
        "## Chart image (`/chart.svg`, its own request after the page)\n\n"
        + "\n".join(rows)
    )


def _maps(results: Results) -> str:
    rows = [
        "| view | p50 | p95 | payload | points / clusters | target |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for timing in results.maps:
        ok = timing.p95 <= MAP_P95 and timing.size <= MAP_BYTES
        rows.append(
            f"| {timing.name} | {_ms(timing.p50)} | {_ms(timing.p95)} "
            f"| {timing.size / 1024:,.0f} KB | {timing.detail} "
            f"| {_met(ok)} |"
        )
    return (
        "## Map endpoint (`/api/events.geojson`; target p95 <= 300 ms, <= 1 MB)\n\n"
        + "\n".join(rows)
    )


def _exports(results: Results) -> str:
    rows = [
        "| export | rows | seconds | MB | server RSS before | RSS increase | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in results.exports:
        ok = m.seconds <= EXPORT_SECONDS * max(m.rows / 10_000, 1)
        rows.append(
            f"| {m.name} | {m.rows:,} | {m.seconds:.2f} | {m.size / 1e6:.1f} "
            f"| {m.rss_before / 2**20:.0f} MB | {m.rss_increase / 2**20:.1f} MB "
            f"| {_met(ok)} |"
        )
    return (
        "## CSV export (streamed; target 10,000 rows in <= 2 s, flat memory)\n\n"
        + "\n".join(rows)
    )


def _queries(results: Results) -> str:
    if not results.query_counts:
        return ""
    sizes = sorted(
        {size for counts in results.query_counts.values() for size in counts}
    )
    head = " | ".join(f"{size} ({db})" for db in ("small", "large") for size in sizes)
    rows = [
        f"| page | {head} |",
        "| --- |" + " ---: |" * (2 * len(sizes)),
    ]
    for page, counts in results.query_counts.items():
        small = results.small_counts.get(page, {})
        cells = [str(small.get(size, "-")) for size in sizes]
        cells += [str(counts.get(size, "-")) for size in sizes]
        rows.append(f"| {page} | {' | '.join(cells)} |")
    return (
        "## SQL queries per page (by page size; small = the corpus before "
        "replication, counted when the bench database was built, with the code "
        "of that day; large = the bench database, now)\n\n" + "\n".join(rows)
    )


def _targets(results: Results) -> str:
    timeline = [ours for ours, _, _ in results.timeline]
    ratios = [
        ours.p95 / peer.p95 for ours, peer, _ in results.timeline if peer and peer.p95
    ]
    lines = [
        (
            "timeline p95 <= 200 ms for every filter",
            all(t.p95 <= TIMELINE_P95 for t in timeline),
            ", ".join(
                f"{t.name}: {_ms(t.p95)}" for t in timeline if t.p95 > TIMELINE_P95
            ),
        ),
        (
            "map p95 <= 300 ms, payload <= 1 MB",
            all(t.p95 <= MAP_P95 and t.size <= MAP_BYTES for t in results.maps),
            "",
        ),
        (
            "10,000-row CSV export <= 2 s, flat memory",
            all(
                m.seconds <= EXPORT_SECONDS
                for m in results.exports
                if m.rows < 2 * EXPORT_ROWS
            ),
            "",
        ),
        (
            "p95 ratio to Datasette <= 1",
            bool(ratios) and max(ratios) <= 1,
            f"worst {max(ratios):.2f}" if ratios else "no comparison",
        ),
    ]
    if results.extraction:
        one = results.extraction[0]
        more = results.extraction[-1]
        lines.append(
            (
                "extraction >= 0.8 of the bare model per process, >= 1.7x with 2",
                one.ratio >= 0.8
                and (
                    more is one or one.pipeline_seconds / more.pipeline_seconds >= 1.7
                ),
                f"ratio {one.ratio:.2f}, speed-up "
                f"{one.pipeline_seconds / more.pipeline_seconds:.2f}x",
            )
        )
    rows = ["| target | result | detail |", "| --- | --- | --- |"]
    rows += [f"| {name} | {_met(ok)} | {detail} |" for name, ok, detail in lines]
    return "## Targets\n\n" + "\n".join(rows)


def _plans(results: Results) -> str:
    if not results.plans:
        return ""
    parts = ["## Query plans (EXPLAIN ANALYZE, key lines)"]
    for page, plans in results.plans.items():
        parts.append(f"### {page}")
        for plan in plans:
            body = "\n".join(plan.lines)
            parts.append(f"`{plan.headline}...`\n\n```\n{body}\n```")
    return "\n\n".join(parts)
