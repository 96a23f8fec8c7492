"""Extraction tests load the real spaCy model once per session."""

import pytest

from events.extraction.nlp import get_bare_nlp, get_nlp, register_extensions


@pytest.fixture(scope="session")
def bare_nlp():
    """The statistical model alone (en_core_web_sm), loaded once."""
    register_extensions()
    return get_bare_nlp()


@pytest.fixture(scope="session")
def nlp():
    """The full ConflictWatch pipeline, loaded once."""
    return get_nlp()
