import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from events.extraction.contract import to_contract
from events.extraction.nlp import get_nlp
from events.extraction.pipeline import ArticleText, extract_many
from events.ingestion.readers import ArticleInput, read_paths
from events.ingestion.text import clean_text, derive_metadata
from events.management.commands._columns import (
    add_column_arguments,
    columns_from_options,
)
from events.services import read_limits


class Command(BaseCommand):
    help = (
        "Run the extraction pipeline on .txt files/folders, .csv or .jsonl "
        "without the database; write one JSON object per article to stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        add_column_arguments(parser)
        parser.add_argument("--batch-size", type=int, default=32)
        parser.add_argument("--processes", type=int, default=1)

    def handle(self, *args, paths, **options):
        inputs = []
        for item in read_paths(paths, columns_from_options(options), read_limits()):
            if isinstance(item, ArticleInput):
                inputs.append(item)
            else:
                self.stderr.write(f"skipped {item.origin}: {item.reason}")
        nlp = get_nlp(settings.SPACY_MODEL)
        texts = [clean_text(item.text) for item in inputs]
        results = extract_many(
            (
                ArticleText(text, item.title or None, item.published)
                for text, item in zip(texts, inputs, strict=True)
            ),
            nlp=nlp,
            batch_size=options["batch_size"],
            n_process=options["processes"],
        )
        for text, item, result in zip(texts, inputs, results, strict=True):
            if result.error:
                self.stderr.write(
                    f"extraction failed for {item.origin}: {result.error}"
                )
            title = item.title or derive_metadata(text).title
            record = to_contract(
                result, article_id=item.external_id or item.origin, title=title
            )
            self.stdout.write(json.dumps(record, ensure_ascii=False))
