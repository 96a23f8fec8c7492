import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.extraction.contract import to_contract
from events.extraction.evaluation import score
from events.extraction.nlp import get_nlp
from events.extraction.pipeline import ArticleText, extract_many


class Command(BaseCommand):
    help = (
        "Score extraction against a gold JSONL file: precision and recall of "
        "places, actors, casualty figures and events, publication dates, traps."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", type=Path)
        parser.add_argument(
            "--predictions",
            type=Path,
            help="a `manage.py extract` JSONL; default: run the pipeline on --articles",
        )
        parser.add_argument(
            "--articles",
            type=Path,
            default=Path("seeds"),
            help="folder of <id>.txt articles the gold describes (default: seeds/)",
        )

    def handle(self, *args, gold, predictions, articles, **options):
        gold_items = [json.loads(line) for line in gold.open() if line.strip()]
        if predictions:
            found = [json.loads(line) for line in predictions.open() if line.strip()]
        else:
            found = self._extract(articles, [item["id"] for item in gold_items])
        totals = score({str(p["id"]): p for p in found}, gold_items)
        self.stdout.write(f"{'field':<12}{'precision':>10}{'recall':>8}{'gold':>6}")
        traps = totals.pop("traps")
        for field_name, value in totals.items():
            self.stdout.write(
                f"{field_name:<12}{_ratio(value.precision):>10}"
                f"{_ratio(value.recall):>8}{value.gold:>6}"
            )
        self.stdout.write(
            f"traps avoided: {traps.matched_predicted} of {traps.predicted} "
            "(no casualty figure read from a trap's words)"
        )

    @staticmethod
    def _extract(folder: Path, ids: list[str]) -> list[dict]:
        paths = [folder / f"{article_id}.txt" for article_id in ids]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"no article file for: {', '.join(missing)}")
        texts = [p.read_text(encoding="utf-8") for p in paths]
        results = extract_many(
            (ArticleText(text) for text in texts), nlp=get_nlp(settings.SPACY_MODEL)
        )
        return [
            to_contract(result, article_id=article_id, title="")
            for article_id, result in zip(ids, results, strict=True)
        ]


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
