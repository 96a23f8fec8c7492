import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from events.extraction.nlp import get_bare_nlp, get_nlp
from events.extraction.pipeline import ArticleText, extract_many
from events.ingestion.readers import ArticleInput, Columns, read_paths
from events.services import read_limits

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
        parser.add_argument("--repeat", type=int, default=2, help="best of N")

    def handle(self, *args, paths, limit, processes, batch_size, repeat, **options):
        texts = [
            item.text
            for item in read_paths(paths, Columns(), read_limits())
            if isinstance(item, ArticleInput)
        ][:limit]
        words = sum(len(text.split()) for text in texts)
        bare = get_bare_nlp(settings.SPACY_MODEL)
        full = get_nlp(settings.SPACY_MODEL)
        # Warm both up: the gazetteer and matchers are built on first use.
        list(bare.pipe(texts[:4]))
        list(extract_many([ArticleText(t) for t in texts[:4]], nlp=full))
        self.stdout.write(f"{len(texts)} articles, {words:,} words")
        self.stdout.write(
            f"{'processes':>9} {'bare words/s':>13} {'pipeline words/s':>17} "
            f"{'ratio':>6} {'articles/s':>11}"
        )
        for n_process in processes:
            bare_seconds = _best(
                repeat,
                lambda n=n_process: list(
                    bare.pipe(texts, batch_size=batch_size, n_process=n)
                ),
            )
            full_seconds = _best(
                repeat,
                lambda n=n_process: list(
                    extract_many(
                        (ArticleText(t) for t in texts),
                        nlp=full,
                        batch_size=batch_size,
                        n_process=n,
                    )
                ),
            )
            self.stdout.write(
                f"{n_process:>9} {words / bare_seconds:>13,.0f} "
                f"{words / full_seconds:>17,.0f} "
                f"{bare_seconds / full_seconds:>6.2f} "
                f"{len(texts) / full_seconds:>11.1f}"
            )


def _best(repeat: int, run) -> float:
    """Return the fastest of `repeat` timings of `run()`, in seconds."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return min(timings)
