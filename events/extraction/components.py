"""Imports every module that registers a spaCy factory, so get_nlp() sees them."""

from events.extraction import (  # noqa: F401
    actors,
    casualties,
    date_mentions,
    events,
    parse_repairs,
    places,
)
