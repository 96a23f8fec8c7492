from django.core.management.base import BaseCommand
from tqdm import tqdm

from events.models import Article
from events.services import articles_extract


class Command(BaseCommand):
    help = "Run extraction on every article whose extraction is pending or failed."

    def handle(self, *args, **options):
        pending = Article.objects.needing_extraction()
        with tqdm(
            desc="extract",
            total=pending.count(),
            unit=" articles",
            disable=options["verbosity"] == 0,
        ) as bar:
            report = articles_extract(
                articles=pending, on_article=lambda *_: bar.update()
            )
        self.stdout.write(f"extraction: done {report.done}, failed {report.failed}")
        for article_id, error in report.errors:
            self.stdout.write(f"  failed: article {article_id}: {error}")
