from pathlib import Path

from django.core.management.base import BaseCommand
from tqdm import tqdm

from events.ingestion.readers import read_paths
from events.management.commands._columns import (
    add_column_arguments,
    columns_from_options,
)
from events.models import Article
from events.services import (
    IngestStatus,
    articles_extract_or_queue,
    articles_ingest,
    extraction_queues,
    read_limits,
)


class Command(BaseCommand):
    help = (
        "Store articles from .txt files, folders of them, .csv, .jsonl or .zip "
        "files, then run extraction on the new ones (or queue it for the Celery "
        "workers when CELERY_BROKER_URL is set)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        add_column_arguments(parser)
        parser.add_argument(
            "--no-extract",
            action="store_true",
            help="store only; run `extract_pending` later",
        )

    def handle(self, *args, paths, **options):
        items = read_paths(paths, columns_from_options(options), read_limits())
        quiet = options["verbosity"] == 0
        with tqdm(desc="ingest", unit=" articles", disable=quiet) as bar:
            report = articles_ingest(
                items=items, extract=False, on_outcome=lambda _: bar.update()
            )
        added = report.added_ids
        extract_report = None
        if added and not options["no_extract"]:
            with tqdm(
                desc="extract",
                total=len(added),
                unit=" articles",
                disable=quiet or extraction_queues(),
            ) as bar:
                extract_report = articles_extract_or_queue(
                    articles=Article.objects.filter(pk__in=added),
                    on_article=lambda *_: bar.update(),
                )
        self._print_summary(report, extract_report)

    def _print_summary(self, report, extract_report) -> None:
        links = sum(len(o.near_duplicates) for o in report.outcomes)
        self.stdout.write(
            f"added {report.count(IngestStatus.ADDED)}, "
            f"duplicates {report.count(IngestStatus.DUPLICATE)}, "
            f"failed {report.count(IngestStatus.REJECTED)}, "
            f"near-duplicate links {links}"
        )
        for outcome in report.rejected:
            self.stdout.write(f"  failed: {outcome.origin}: {outcome.reason}")
        for outcome in report.outcomes:
            for note in outcome.notes:
                self.stdout.write(f"  note: {outcome.origin}: {note}")
        if extract_report and extract_report.queued:
            self.stdout.write(f"queued {extract_report.queued} articles for extraction")
        elif extract_report:
            self.stdout.write(
                f"extraction: done {extract_report.done}, "
                f"failed {extract_report.failed}"
            )
            for article_id, error in extract_report.errors:
                self.stdout.write(f"  extraction failed: article {article_id}: {error}")
