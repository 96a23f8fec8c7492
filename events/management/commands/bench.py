import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from events.benchmark.database import (
    DB_NAME,
    bench_env,
    database_create,
    is_bench_database,
)
from events.benchmark.run import Options, bench_run

DEFAULT_CORPUS = Path(settings.BASE_DIR).parent / "shared/corpus/fakes-articles.csv"


class Command(BaseCommand):
    help = (
        f"Build a large database ({DB_NAME}: the FA-KES corpus ingested, "
        "extracted and replicated) and measure extraction, ingestion, the "
        "timeline, the map, exports and Datasette on the same events; print "
        "the table and write it to bench-results/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--rebuild", action="store_true", help="drop it first")
        parser.add_argument("--requests", type=int, default=20, help="timed, each")
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--extraction-limit", type=int, default=400)
        parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
        parser.add_argument("--skip-extraction", action="store_true")
        parser.add_argument("--skip-peer", action="store_true", help="no Datasette")
        parser.add_argument(
            "--output-dir", type=Path, default=Path(settings.BASE_DIR) / "bench-results"
        )

    def handle(self, *args, **options):
        if not options["corpus"].is_file():
            raise CommandError(f"no such corpus: {options['corpus']}")
        if not is_bench_database():
            # Everything runs in the bench database; the demo data stays as is.
            self._run_in_bench_database(options["rebuild"])
            return
        if options["rebuild"]:
            connections.close_all()
            database_create(drop=True)
        report, path = bench_run(
            options=Options(
                corpus=options["corpus"],
                articles=options["articles"],
                requests=options["requests"],
                warmup=options["warmup"],
                extraction_limit=options["extraction_limit"],
                processes=tuple(options["processes"]),
                skip_extraction=options["skip_extraction"],
                skip_peer=options["skip_peer"],
                output_dir=options["output_dir"],
            ),
            log=lambda message: self.stderr.write(message),
        )
        self.stdout.write(report)
        self.stdout.write(f"Written to {path}")

    def _run_in_bench_database(self, rebuild: bool) -> None:
        if sys.argv[1:2] != ["bench"]:
            raise CommandError("run it as `manage.py bench` (or `make bench`)")
        database_create(drop=rebuild)
        args = [arg for arg in sys.argv[2:] if arg != "--rebuild"]
        done = subprocess.run(
            [sys.executable, "manage.py", "bench", *args],
            cwd=settings.BASE_DIR,
            env=bench_env(),
        )
        if done.returncode:
            raise CommandError(f"the benchmark failed ({done.returncode})")
