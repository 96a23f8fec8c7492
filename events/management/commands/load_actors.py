from django.core.management.base import BaseCommand

from events.extraction.registry import default_registry
from events.reference import actors_load


class Command(BaseCommand):
    help = "Store the shipped actor registry as actors (claimants are left out)."

    def handle(self, *args, **options):
        report = actors_load(entries=default_registry())
        self.stdout.write(
            f"actors: created {report.created}, updated {report.updated}, "
            f"skipped {report.skipped}"
        )
        for reason in report.reasons:
            self.stdout.write(f"  skipped: {reason}")
