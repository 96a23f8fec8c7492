"""Imports every module that registers a spaCy factory, so get_nlp() sees them."""

from events.extraction import actors, casualties, dates, events, places  # noqa: F401
