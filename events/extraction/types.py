"""What extraction returns: frozen dataclasses, no Django."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractionResult:
    """Everything the pipeline found in one article."""

    pipeline_version: str
