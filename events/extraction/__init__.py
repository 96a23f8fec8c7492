"""The extraction pipeline: pure functions from article text to dataclasses."""

from events.extraction.pipeline import PIPELINE_VERSION, extract
from events.extraction.types import ExtractionResult

__all__ = ["PIPELINE_VERSION", "ExtractionResult", "extract"]
