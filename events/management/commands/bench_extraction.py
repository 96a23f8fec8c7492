from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from events.benchmark.extraction import corpus_texts, extraction_speeds

DEFAULT_CORPUS = Path(settings.BASE_DIR).parent / "shared/corpus/fakes-articles.csv"


class Command(BaseCommand):
    help = (
        "Benchmark extraction: words/s of the whole pipeline against the bare "
        "spaCy model on the same texts, in the same run."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
        parser.add_argument("--limit", type=int, default=400, help="articles")
        parser.add_argument("--processes", type=int, nargs="+", default=[1])
        parser.add_argument("--batch-size", type=int, default=32)
        parser.add_argument("--repeat", type=int, default=3, help="best of N, by turns")

    def handle(self, *args, paths, limit, processes, batch_size, repeat, **options):
        texts = corpus_texts(paths, limit)
        words = sum(len(text.split()) for text in texts)
        self.stdout.write(f"{len(texts)} articles, {words:,} words")
        self.stdout.write(
            f"{'processes':>9} {'bare words/s':>13} {'pipeline words/s':>17} "
            f"{'ratio':>6} {'articles/s':>11}"
        )
        for speed in extraction_speeds(
            texts, processes=processes, batch_size=batch_size, repeat=repeat
        ):
            self.stdout.write(
                f"{speed.processes:>9} {speed.bare_words_per_second:>13,.0f} "
                f"{speed.pipeline_words_per_second:>17,.0f} "
                f"{speed.ratio:>6.2f} "
                f"{speed.pipeline_articles_per_second:>11.1f}"
            )
