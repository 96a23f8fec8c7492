from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from events.benchmark.extraction import corpus_texts
from events.benchmark.memory import memory_run, render_memory, samples_json

DEFAULT_CORPUS = Path(settings.BASE_DIR).parent / "shared/corpus/fakes-articles.csv"


class Command(BaseCommand):
    help = (
        "Extract many articles (the corpus cycled, each copy varied) and sample "
        "the memory of the process and its workers: is it flat? Prints the "
        "table and writes it to bench-results/."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--processes", type=int, default=2)
        parser.add_argument("--every", type=int, default=1000, help="sample every")
        parser.add_argument(
            "--output-dir", type=Path, default=Path(settings.BASE_DIR) / "bench-results"
        )

    def handle(self, *args, paths, articles, processes, every, output_dir, **options):
        texts = corpus_texts(paths, limit=10**9)
        run = memory_run(
            texts,
            articles=articles,
            processes=processes,
            every=every,
            log=self.stderr.write,
        )
        now = timezone.now()
        report = render_memory(run, when=now.strftime("%Y-%m-%d %H:%M UTC"))
        output_dir.mkdir(parents=True, exist_ok=True)
        path = output_dir / f"memory-{now:%Y-%m-%d-%H%M}.md"
        path.write_text(report)
        path.with_suffix(".json").write_text(samples_json(run))
        self.stdout.write(report)
        self.stdout.write(f"Written to {path}")
