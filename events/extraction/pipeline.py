"""extract(): text in, ExtractionResult out. Pure: never imports django.db."""

from datetime import date

from events.extraction.types import ExtractionResult

PIPELINE_VERSION = "0-placeholder"


def extract(
    text: str, *, title: str | None = None, published: date | None = None, nlp=None
) -> ExtractionResult:
    """Return what the pipeline finds in `text` (nothing yet: see issue 3)."""
    return ExtractionResult(pipeline_version=PIPELINE_VERSION)
