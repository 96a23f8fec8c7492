"""Imports every module that registers a spaCy factory, so get_nlp() sees them."""

from events.extraction import actors  # noqa: F401
from events.extraction import places  # noqa: F401
