"""Numbers in a sentence: digits, number words, "a dozen", "dozens", ranges.

`parse_numbers(sent)` returns each number of a sentence as a `Number` with its
bounds: "at least 30" is (30, None), "nearly 40" is (None, 40), "between 12
and 15" is (12, 15), "hundreds" is (200, None). Pure: no Django.
"""

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SentSpan

UNITS = dict(
    zip(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split(),
        range(20),
        strict=True,
    )
)
TENS = dict(
    zip(
        "twenty thirty forty fifty sixty seventy eighty ninety".split(),
        range(20, 100, 10),
        strict=True,
    )
)
WORDS = UNITS.keys() | TENS.keys()
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6}
VAGUE = {
    "dozens": 24,
    "tens": 20,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2 * 10**6,
}
VAGUE_SCALES = {"hundreds": 100, "thousands": 1000, "millions": 10**6}
FEW = frozenset("several few".split())
# a fraction of a scale word: "half a dozen", "a quarter of a million"
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25}
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
LOW_QUALIFIERS = frozenset(
    "at least|more than|over|upwards of|in excess of|no fewer than|no less than|"
    "above|at least some".split("|")
)
HIGH_QUALIFIERS = frozenset(
    "nearly|almost|up to|at most|fewer than|less than|under|as many as|"
    "no more than|close to".split("|")
)
EXACT_QUALIFIERS = frozenset(
    "about|around|some|roughly|approximately|an estimated|estimated|approx".split("|")
)


@dataclass(frozen=True)
class Number:
    """A number in a sentence: doc token indices and its bounds."""

    first: int  # doc index of the first token of the number proper
    last: int
    start: int  # doc index where the phrase starts, qualifier included
    low: int | None
    high: int | None
    vague: bool = False  # "dozens", "tens of thousands", "several hundred"
    # where a widened range's upper number starts: "1000" of "from 500 to
    # well over 1000", which links the range to the sentence as it did alone
    upper: int | None = None

    @property
    def linking(self) -> int:
        """Return where the words that link the number to the sentence start:
        its upper number for a widened range, else its first token."""
        return self.first if self.upper is None else self.upper


def _is_number(token: Token) -> bool:
    text = token.lower_
    if text in UNITS or text in TENS or text in SCALES or text in VAGUE:
        return text != "one" or _is_count_one(token)
    return bool(DIGITS.match(text))


def _is_count_one(token: Token) -> bool:
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return before not in ("no", "any", "every", "each", "the", "this", "that") and (
        after != "another"
    )


def _joins(doc: Doc, left: int, right: int) -> bool:
    """Return whether two adjacent number tokens make one number."""
    a, b = doc[left].lower_, doc[right].lower_
    return b in SCALES or (a in TENS and b in UNITS) or (a in SCALES and b in WORDS)


def _connects(doc: Doc, first: int, left: int, word: str, right: int) -> bool:
    a, b = doc[left].lower_, doc[right].lower_
    if word in ("-", "–"):
        return (a in TENS and b in UNITS) or bool(DIGITS.match(a) and DIGITS.match(b))
    if word in ("to", "or"):
        return b not in VAGUE
    if word == "and":
        between = first > 0 and doc[first - 1].lower_ == "between"
        return between or (a in SCALES and b not in SCALES)
    return word == "of" and a in VAGUE and b in VAGUE_SCALES


def _value(words: list[str]) -> tuple[int | None, int | None]:
    """Return (low, high) of one number: "two hundred", "1.5 million", "dozens"."""
    if words[0] in VAGUE:
        return VAGUE[words[0]], None
    if words[0] in FEW:
        return 2 * SCALES.get(words[-1], 1), None
    total, current = 0, 0.0
    for word in words:
        if word in ("a", "an"):
            current = 1
        elif word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word in UNITS or word in TENS:
            current += UNITS.get(word, TENS.get(word, 0))
        else:
            current += float(word.replace(",", ""))
    value = total + current
    return (int(value), int(value)) if value == int(value) else (None, None)


def _fraction_before(doc: Doc, first: int, floor: int) -> tuple[float, int]:
    """Return (fraction, phrase start) of a fraction of a scale word counted
    with "a": "half a dozen" is 0.5 and "a quarter of a million" 0.25 of it;
    (1, first) when there is none."""
    if doc[first].lower_ not in ("a", "an"):
        return 1, first
    fraction = first - 1
    if fraction >= floor and doc[fraction].lower_ == "of":
        fraction -= 1  # "a quarter of a million", "half of a million"
    word = doc[fraction].lower_ if fraction >= floor else ""
    if word not in FRACTIONS or (word != "half" and fraction == first - 1):
        return 1, first  # a third or a quarter needs its "of"
    if fraction > floor and doc[fraction - 1].lower_ in ("a", "an"):
        return FRACTIONS[word], fraction - 1
    return FRACTIONS[word], fraction


def _parse(doc: Doc, first: int, last: int, floor: int) -> Number | None:
    parts, joints, words = [], [], []
    for token in doc[first : last + 1]:
        if _is_number(token) or token.lower_ in ("a", "an") or token.lower_ in FEW:
            words.append(token.lower_)
        else:
            parts.append(words)
            joints.append(token.lower_)
            words = []
    parts.append(words)
    if len(parts) > 2:  # "01-10-2014"
        return None
    values = [_value(part) for part in parts]
    low, high = values[0]
    if len(values) == 2:
        (a, _), (b, b_high) = values
        if joints[0] == "of":  # "tens of thousands"
            low, high = a * VAGUE_SCALES[parts[1][0]], None
        elif (joints[0] == "and" and parts[0][-1] in SCALES) or (
            joints[0] == "-" and parts[0][-1] in TENS
        ):  # "two hundred and fifty", "twenty-five"
            low = high = a + b
        else:
            low, high = a, b_high
    if low is None and high is None:
        return None
    fraction, lead = _fraction_before(doc, first, floor)
    if fraction != 1:
        low, high = (
            None if value is None else round(value * fraction) for value in (low, high)
        )
    start, low, high = _qualify(doc, lead, last, floor, low, high)
    vague = any(word in VAGUE or word in FEW for part in parts for word in part)
    return Number(first, last, start, low, high, vague)


def _qualify(doc: Doc, first: int, last: int, floor: int, low, high) -> tuple:
    """Return (phrase start, low, high) after "at least", "nearly", "or more"."""
    after = doc[last + 1 : last + 3].text.lower()
    if after == "or more":
        return first, low, None
    if first > 0 and doc[first - 1].lower_ in ("between", "from"):
        return first - 1, low, high
    for size in (3, 2, 1):
        if first - size < floor:
            continue
        words = doc[first - size : first].text.lower()
        if words in LOW_QUALIFIERS:
            return first - size, low, None
        if words in HIGH_QUALIFIERS:
            return first - size, None, high if high is not None else low
        if words in EXACT_QUALIFIERS:
            return first - size, low, high
    return first, low, high


def parse_numbers(sent: SentSpan) -> list[Number]:
    """Return the numbers of `sent` with their bounds, left to right."""
    doc, end, numbers = sent.doc, sent.end, []
    i = sent.start
    while i < end:
        if not _is_number(doc[i]):
            i += 1
            continue
        first = i
        if (
            i > sent.start
            and doc[i].lower_ in SCALES
            and (doc[i - 1].lower_ in FEW or doc[i - 1].lower_ in ("a", "an"))
        ):
            first = i - 1  # "a dozen", "several hundred"
        last = i
        while True:
            if (
                last + 1 < end
                and _is_number(doc[last + 1])
                and _joins(doc, last, last + 1)
            ):
                last += 1
            elif (
                last + 2 < end
                and _is_number(doc[last + 2])
                and _connects(doc, first, last, doc[last + 1].lower_, last + 2)
            ):
                last += 2
            else:
                break
        number = _parse(doc, first, last, sent.start)
        if number is not None:
            number = _range_to_qualified(doc, number, end)
            numbers.append(number)
            last = max(last, number.last)
        i = last + 1
    return numbers


RANGE_QUALIFIER_WORDS = 3  # words between "to" and the upper number at most
# What a toll does on its way to a new count: "rose from 20 to 30", "Death
# Toll ... Rises to 70"
RISE_VERBS = frozenset("rise climb increase jump grow soar mount reach".split())


def _range_to_qualified(doc: Doc, number: Number, end: int) -> Number:
    """Return `number` widened to a range whose upper end is qualified: "from
    500 to well over 1000" is 500 or more, "from 10000 to nearly 30000" is
    10000 to 30000. A bare "from 500 to 1000" is joined already."""
    to = number.last + 1
    if not (
        number.start > 0
        and doc[number.start].lower_ == "from"
        and doc[number.start - 1].lemma_ not in RISE_VERBS  # "rose from 20 to 30"
        and to < end
        and doc[to].lower_ == "to"
    ):
        return number
    upper = next(
        (
            i
            for i in range(to + 1, min(to + 2 + RANGE_QUALIFIER_WORDS, end))
            if _is_number(doc[i])
        ),
        None,
    )
    if upper is None:
        return number
    last = upper
    while last + 1 < end and _is_number(doc[last + 1]) and _joins(doc, last, last + 1):
        last += 1  # "to more than two thousand"
    # the upper number read with its own qualifier, which _qualify finds
    second = _parse(doc, upper, last, floor=to + 1)
    if second is None or second.start == upper:
        return number  # no qualifier: not a range this widens
    return replace(number, last=last, high=second.high, upper=upper)
