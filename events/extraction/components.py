"""Imports every module that registers a spaCy factory, so get_nlp() sees them."""

from events.extraction import actors, events, places  # noqa: F401
