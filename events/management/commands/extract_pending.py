from django.core.management.base import BaseCommand
from tqdm import tqdm

from events.models import Article
from events.services import articles_extract_or_queue, extraction_queues


class Command(BaseCommand):
    help = (
        "Run extraction on every article whose extraction is pending or failed "
        "(or queue it for the Celery workers when CELERY_BROKER_URL is set)."
    )

    def handle(self, *args, **options):
        pending = Article.objects.needing_extraction()
        with tqdm(
            desc="extract",
            total=pending.count(),
            unit=" articles",
            disable=options["verbosity"] == 0 or extraction_queues(),
        ) as bar:
            report = articles_extract_or_queue(
                articles=pending, on_article=lambda *_: bar.update()
            )
        if report.queued:
            self.stdout.write(f"queued {report.queued} articles for extraction")
            return
        self.stdout.write(f"extraction: done {report.done}, failed {report.failed}")
        for article_id, error in report.errors:
            self.stdout.write(f"  failed: article {article_id}: {error}")
