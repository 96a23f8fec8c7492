from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.extraction.gazetteer import SUPPLEMENT_PATH
from events.reference import gazetteer_load


class Command(BaseCommand):
    help = (
        "Store the gazetteer (curated supplement + GeoNames cities) as places, "
        "plus the places of any GeoNames country dumps (e.g. SY.txt)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--geonames-dump",
            dest="geonames_dumps",
            action="append",
            type=Path,
            default=[],
            metavar="PATH",
            help="a GeoNames country dump file; repeat for several",
        )
        parser.add_argument(
            "--supplement",
            type=Path,
            default=SUPPLEMENT_PATH,
            metavar="PATH",
            help="the curated places CSV (default: the shipped one)",
        )

    def handle(self, *args, geonames_dumps, supplement, **options):
        for path in [supplement, *geonames_dumps]:
            if not path.is_file():
                raise CommandError(f"no such file: {path}")
        report = gazetteer_load(supplement=supplement, geonames_dumps=geonames_dumps)
        self.stdout.write(
            f"places: created {report.created}, updated {report.updated}, "
            f"skipped {report.skipped}"
        )
        for reason in report.reasons:
            self.stdout.write(f"  skipped: {reason}")
