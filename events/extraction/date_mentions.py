"""cw_dates: the date expressions of a Doc, resolved, in doc._.dates.

Candidates are the model's DATE/TIME entities plus what regex passes find
(weekday phrases, "yesterday", full dates the model splits); each is widened by
a leading "since"/"over" when that makes it a period, dropped when it measures
a length or an age, and resolved by dates.resolve(). Pure: no Django.
"""

import re
from dataclasses import replace
from datetime import date, datetime

from spacy.language import Language
from spacy.tokens import Doc, Span

from events.extraction.dates import (
    MONTH_NUMBERS,
    NAMED_DAYS,
    PART_OF_DAY,
    STEPPED,
    THIS_PART,
    UNITS,
    WEEKDAY,
    is_period,
    is_recognised,
    resolve,
    stepped,
)
from events.extraction.nlp import doc_text
from events.extraction.types import DateMention
from events.ingestion.text import DATE_PATTERNS

# What the model misses: weekday phrases, "yesterday", "last night", "the
# year before" (the model may date only "the year"), and
# "since the start of the war" (a period with no date in it).
REGEX_PASS = re.compile(
    rf"\b(?:(?:earlier|early|later|late)\s+(?:on\s+)?)?(?:last\s+)?{WEEKDAY}"
    rf"(?:\s+{PART_OF_DAY})?\b"
    r"|\b(?:(?:earlier|early|later|late)\s+)?(?:yesterday|today|tonight|last night|"
    rf"overnight|{THIS_PART})(?:\s+{PART_OF_DAY})?\b"
    rf"|\b(?:{STEPPED.pattern})\b"  # "the year before"
    r"|\bsince\s+the\s+(?:start|beginning|outbreak|onset)\s+of\s+the\s+(?:\w+\s+)?"
    r"(?:war|conflict|uprising|revolution|crisis|offensive|campaign|battle|siege)\b",
    re.IGNORECASE,
)
HAS_YEAR_DIGITS = re.compile(r"\b(?:19|20)\d\d\b")
# The page-date patterns, only where a word starts (not "...2017" inside a
# word); the lookbehind also spares the engine trying them at every letter.
WORD_START_DATES = [
    re.compile(rf"(?<![^\W_])(?:{pattern.pattern})", pattern.flags)
    for pattern in DATE_PATTERNS
]
DATE_LABELS = frozenset({"DATE", "TIME"})
# A preposition that turns a date into a span: "since 2014", "over the past year".
PERIOD_LEAD = re.compile(
    r"\b(?:since|during|throughout|over|in|within|so far)\s+$", re.IGNORECASE
)
DURATION = re.compile(
    r"^(?:[\w-]+[\s-])?(?:hour|day|week|month|year|decade)s?[\s-](?:long|old)$"
    r"|^[\w-]+-(?:minute|hour|day|week|month|year)$",
    re.IGNORECASE,
)
QUANTITY = re.compile(rf"^(?:[\w-]+\s+)?(?:of\s+)?{UNITS}$", re.IGNORECASE)
FOR_BEFORE = re.compile(
    r"\bfor\s+(?:(?:over|more than|nearly|almost|about|around|at least|up to|some)"
    r"\s+)?$",
    re.IGNORECASE,
)
AGE_AFTER = re.compile(r"^\s*-?\s*(?:old|long)\b", re.IGNORECASE)
SENTENCE_START = re.compile(r"(?:^|[.!?:\n\"“]\s*)$")
# Looking this far back is enough for "for more than " or "so far ".
CONTEXT_CHARS = 30
# What may stand between a count and the plural it counts: "15 Syrian
# soldiers", "three suicide bombers".
QUALIFYING_TAGS = frozenset({"JJ", "NN", "NNP", "HYPH", "VBN"})
COUNTED_REACH = 4


# --- the spaCy component --------------------------------------------------------


@Language.component("cw_dates")
def date_resolver(doc: Doc) -> Doc:
    """Set doc._.dates to the date expressions in `doc`, resolved, by position."""
    published = doc._.published
    if isinstance(published, datetime):
        published = published.date()
    text = doc_text(doc)
    mentions = (
        _mention(text, start, end, published)
        for start, end in _merge(_candidate_spans(doc))
    )
    doc._.dates = _counted_from_before(
        doc, [mention for mention in mentions if mention is not None]
    )
    return doc


def _counted_from_before(doc: Doc, mentions: list[DateMention]) -> list[DateMention]:
    """Return `mentions` with "the year before" and "the month after" counted
    from the date told before them in their sentence: "In August 2013 a
    chemical attack killed dozens of children and the year before 49 children
    were killed in Houla" puts Houla in 2012. (Without such a date, resolve()
    counts "before" from publication and leaves "after" unknown.)"""
    counted: list[DateMention] = []
    for mention in mentions:
        step = STEPPED.fullmatch(mention.text.lower())
        if step is not None:
            sentence = doc.char_span(
                mention.start, mention.end, alignment_mode="expand"
            ).sent
            told_before = [
                m.value
                for m in counted
                if m.value is not None and sentence.start_char <= m.start
            ]
            if told_before:
                value, precision = stepped(told_before[-1], step["unit"], step["way"])
                mention = replace(mention, value=value, precision=precision)
        counted.append(mention)
    return counted


def _candidate_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return the model's DATE/TIME entities and what the regex passes find."""
    text = doc_text(doc)
    spans, names = [], []
    for ent in doc.ents:
        if ent.label_ in DATE_LABELS:
            ent = _without_count(ent)
        span = (ent.start_char, ent.end_char)
        (spans if ent.label_ in DATE_LABELS else names).append(span)
    for match in REGEX_PASS.finditer(text):
        # "Sunday" in "the Sunday Times" belongs to the name.
        if not any(match.start() < end and start < match.end() for start, end in names):
            spans.append(match.span())
    # The model splits "10 September 2017" and "Tuesday, 21 May 2019".
    if HAS_YEAR_DIGITS.search(text):
        for pattern in WORD_START_DATES:
            spans += [match.span() for match in pattern.finditer(text)]
    return spans


def _without_count(ent: Span) -> Span:
    """Return a date entity without the number at its end that counts the
    people or things after it: stripped commas let the model read "In March
    two blasts occurred" as the date "March two" and "On Sunday 15 people
    were killed" as "Sunday 15". A year or a month's day stays."""
    doc, last = ent.doc, ent[-1]
    if len(ent) < 2 or not last.like_num or ent.end >= len(doc):
        return ent
    before = ent[-2].lower_
    if (
        not _counts_plural(doc, ent.end)
        or HAS_YEAR_DIGITS.fullmatch(last.text)
        or (last.is_digit and before in MONTH_NUMBERS)
    ):
        return ent
    return Span(doc, ent.start, ent.end - 1, label=ent.label_)


def _counts_plural(doc: Doc, index: int) -> bool:
    """Return whether the words from `index` on name things in the plural,
    past the words that qualify them: "people", "Syrian soldiers", "suicide
    bombers", "young men"."""
    for token in doc[index : index + COUNTED_REACH]:
        if token.tag_ in ("NNS", "NNPS"):
            return True
        if token.tag_ not in QUALIFYING_TAGS:
            return False
    return False


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return `spans` sorted, overlapping ones joined into one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _mention(
    text: str, start: int, end: int, published: date | None
) -> DateMention | None:
    """Return the mention text[start:end] makes, or None if it dates nothing."""
    expression = text[start:end]
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    if _is_duration(expression, before, after) or _is_name_part(expression, before):
        return None
    lead = PERIOD_LEAD.search(before)
    if lead and not is_period(expression):
        widened = lead.group() + expression
        if is_period(widened):
            start, expression = start - len(lead.group()), widened
    if not (is_recognised(expression) or is_period(expression)):
        return None
    value, precision = resolve(expression, published)
    return DateMention(value, precision, start, end, expression)


def _is_duration(expression: str, before: str, after: str) -> bool:
    """Return whether `expression` measures a length or an age, not a time."""
    if DURATION.match(expression):
        return True
    return bool(QUANTITY.match(expression)) and bool(
        FOR_BEFORE.search(before) or AGE_AFTER.match(after)
    )


def _is_name_part(expression: str, before: str) -> bool:
    """Return whether a capitalised "Today" mid-sentence is in a name."""
    return (
        expression[:1].isupper()
        and expression.lower() in NAMED_DAYS
        and not SENTENCE_START.search(before)
    )
