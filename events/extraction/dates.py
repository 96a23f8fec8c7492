"""Date resolver: date expressions -> dates, against the publication date.

`resolve()` turns one expression ("late Thursday", "May 18", "last month") into
a date and a precision; `is_period()` tells spans ("since 2011") from moments;
`is_recognised()` tells whether any rule reads an expression at all. The
`cw_dates` component that finds the expressions in a Doc is date_mentions.py.
A span resolves to its start ("since March 2011" -> 2011-03-01, month): callers
that must not date an event by a span check `is_period(mention.text)`.
Pure: no Django.
"""

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache, partial

from events.ingestion.text import MONTHS, derive_metadata, parse_date

Resolution = tuple[date | None, str]
UNKNOWN: Resolution = (None, "unknown")

WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
MONTH_NUMBERS = (
    MONTHS | {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9}
)
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "twenty-four": 24, "forty-eight": 48, "seventy-two": 72,
    "couple of": 2, "few": 3, "several": 5,
}  # fmt: skip
# Offsets from the publication date. "overnight" is the night that ended on
# the publication morning (mostly after midnight); "last night" began the
# evening before.
NAMED_DAYS = {
    "today": 0, "tonight": 0, "overnight": 0, "this morning": 0,
    "this afternoon": 0, "this evening": 0, "yesterday": -1, "last night": -1,
    "the day before yesterday": -2,
}  # fmt: skip
UNCOUNTED = frozenset({"few", "several"})  # "the past few days"
# Spans this short still date an event to the day: "in the past 24 hours".
MAX_SHORT_HOURS = 72
MAX_SHORT_DAYS = 3
UNITS = r"(?P<unit>hours?|days?|weeks?|months?|years?|decades?)"

# WEEKDAY, PART_OF_DAY and THIS_PART are shared with date_mentions.py.
WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_MONTH_NAME = (
    "(?:" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")(?![a-z])"
)
_MONTH = rf"(?P<month>{_MONTH_NAME})\.?"
_ORDINAL = r"[0-3]?\d(?:st|nd|rd|th)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_COUNT = (
    r"(?P<count>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
)
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
THIS_PART = r"this\s+(?:morning|afternoon|evening)"
_THIS_YEAR = r"(?:,?\s+of\s+(?P<which>this|last)\s+year)?"
_DATE_START = (
    rf"(?:(?:early|late|mid)[\s-]+)?(?:{_MONTH}|{WEEKDAY}|{_YEAR}\b|"
    rf"{_ORDINAL}\s+(?:of\s+)?{_MONTH_NAME})"
)

_WHITESPACE = re.compile(r"\s+")
# Words around the date proper: prepositions, "late", "the end of"...
LEADING_WORDS = re.compile(
    r"^(?:(?:on|in|at|by|since|during|throughout|until|till|as of|so far)\s+"
    r"|(?:earlier|early|later|late|mid)(?:\s+|-)"
    r"|(?:the\s+)?(?:start|beginning|end|middle|first half|second half)\s+of\s+)+"
)
BETWEEN = re.compile(
    r"(?:between|from)\s+(?P<first>.+?)\s+(?:and|to|until|till|through)\s+"
    r"(?P<second>.+)"
)
# The year a range gives once, at its end: "April 23 and May 23, 2017".
RANGE_YEAR = re.compile(r"(?:,?\s+(?:19|20)\d\d|\s+of\s+(?:this|last)\s+year)$")
# The month a range gives once, at its end: "between 3 and 5 May 2017".
RANGE_MONTH = re.compile(rf"{_ORDINAL}\s+(?P<rest>.+)")
HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b|\byear\b")

PERIOD_PATTERNS = [
    re.compile(r"\bsince\s+\S"),
    re.compile(rf"\b(?:between|from)\s+{_DATE_START}.*?\b(?:and|to|until|till)\b"),
    re.compile(
        rf"\b(?:between|from)\s+{_ORDINAL}\s+(?:and|to|until|till)\s+{_ORDINAL}\s+"
        rf"(?:of\s+)?{_MONTH_NAME}"
    ),
    re.compile(
        r"\bso far\b|\bto date\b|\b(?:in|over)\s+recent\s+(?:days|weeks|months|years)"
    ),
    # "in the days after the town fell", "in the weeks following the deal"
    re.compile(r"\bin\s+the\s+(?:days|weeks|months|years)\s+(?:after|following)\b"),
    # "in a week of intense bombing", "within two months"
    re.compile(
        rf"\b(?:in|within)\s+(?:{_COUNT}\s+(?:weeks|months|years)\b"
        r"(?!\s+(?:ago|earlier|later|before|after))|a\s+(?:week|month|year)\s+of\b|"
        r"one\s+(?:week|month|year)\b)"
    ),
    # "in late September and early October": two months in one breath
    re.compile(
        rf"\bin\s+(?:(?:early|late|mid)[\s-]+)?{_MONTH_NAME}\s+(?:and|to)\s+"
        rf"(?:(?:early|late|mid)[\s-]+)?{_MONTH_NAME}"
    ),
    re.compile(
        r"\b(?:during|throughout)\s+(?:the\s+)?(?:(?:19|20)\d\d\b|"
        rf"{_MONTH}|(?:whole|entire|past|last|first|second|war|conflict|year|month)\b)"
    ),
    re.compile(r"\b(?:\w+-)?(?:day|week|month|year|decade)s?-long\b"),
    # "for the first six months of 2016", "in the first half of the year"
    re.compile(
        r"\b(?:in|for|during|over|within)\s+the\s+first\s+(?:[\w-]+\s+)?"
        r"(?:weeks|months|years|half|quarter)\s+of\b"
    ),
]
# "over the past six months" is a span; "over the past 24 hours" dates a day.
PAST_SPAN = re.compile(
    r"\b(?:over|in|during|throughout|within|for)\s+the\s+(?:past|last|previous)\s+"
    rf"(?:(?P<count>[\w-]+(?:\s+of)?)\s+)?{UNITS}\b"
)


# --- publication date ---------------------------------------------------------


DATELINE_WINDOW = 3000  # characters


def publication_date(text: str, explicit: date | None) -> date | None:
    """Return the explicit date, else the text's dateline, else None."""
    if explicit is not None:
        return explicit
    # A dateline stands in the header or the first paragraph.
    return derive_metadata(text[:DATELINE_WINDOW]).published


# --- calendar arithmetic --------------------------------------------------------


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def months_after(day: date, months: int) -> date:
    """Return the first of the month `months` after `day`'s (back if < 0)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    word = _WHITESPACE.sub(" ", word)
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _is_short(count: int | None, unit: str) -> bool:
    """Return whether a past span of `count` `unit`s is short enough to be a day."""
    if unit.startswith("hour"):
        return count is None or count <= MAX_SHORT_HOURS
    if unit.startswith("day"):
        return count is None or count <= MAX_SHORT_DAYS
    return False


# --- rules: a pattern, how to resolve it, whether it needs the publication date


def _month_year(match: re.Match, published: date | None) -> Resolution:
    return date(int(match["year"]), MONTH_NUMBERS[match["month"]], 1), "month"


def _year(match: re.Match, published: date | None) -> Resolution:
    return date(int(match["year"]), 1, 1), "year"


def _month_day(match: re.Match, published: date) -> Resolution:
    month, day = MONTH_NUMBERS[match["month"]], int(match["day"])
    if match["which"]:
        year = published.year - (match["which"] == "last")
        return _day_or_unknown(year, month, day)
    # A date without a year is the latest one not after publication (a day of
    # slack for time zones): "December 30" in early January is last year's.
    found = _day_or_unknown(published.year, month, day)[0]
    if found is None or found > published + timedelta(days=1):
        return _day_or_unknown(published.year - 1, month, day)
    return found, "day"


def _day_or_unknown(year: int, month: int, day: int) -> Resolution:
    try:
        return date(year, month, day), "day"
    except ValueError:
        return UNKNOWN


def _month(match: re.Match, published: date) -> Resolution:
    month = MONTH_NUMBERS[match["month"]]
    year = published.year - (month > published.month)
    return date(year, month, 1), "month"


def _weekday(match: re.Match, published: date) -> Resolution:
    back = (published.weekday() - WEEKDAYS.index(match["weekday"])) % 7
    if match["last"] and back == 0:
        back = 7
    return published - timedelta(days=back), "day"


def _named_day(match: re.Match, published: date) -> Resolution:
    name = _WHITESPACE.sub(" ", match["name"])
    return published + timedelta(days=NAMED_DAYS[name]), "day"


def _ago(match: re.Match, published: date) -> Resolution:
    count, unit = _count(match["count"]), match["unit"].rstrip("s")
    if unit == "day":
        return published - timedelta(days=count), "day"
    if unit == "week":
        return _monday(published - timedelta(weeks=count)), "week"
    if unit == "month":
        return months_after(published, -count), "month"
    return date(published.year - count, 1, 1), "year"


def _short_span(match: re.Match, published: date) -> Resolution:
    if not _is_short(_count(match["count"]), match["unit"]):
        return UNKNOWN
    return published, "day"


def _week(match: re.Match, published: date) -> Resolution:
    which = match["which"]
    if which == "this":
        return _monday(published), "week"
    if which == "previous" or (which == "last" and not match["the"]):
        return _monday(published) - timedelta(weeks=1), "week"
    # "The past week" is the seven days before publication: take the week
    # that holds most of them.
    return _monday(published - timedelta(days=3)), "week"


def _month_relative(match: re.Match, published: date) -> Resolution:
    back = match["which"] in ("last", "the previous")
    return months_after(published, -back), "month"


def stepped(since: date, unit: str, way: str) -> Resolution:
    """Return the year or month before or after `since`'s (see STEPPED)."""
    sign = -1 if way in ("before", "earlier") else 1
    if unit == "year":
        return date(since.year + sign, 1, 1), "year"
    return months_after(since, sign), "month"


def _stepped(match: re.Match, published: date) -> Resolution:
    if match["way"] in ("after", "later"):
        return UNKNOWN  # from publication that is the future
    return stepped(published, match["unit"], match["way"])


def _year_relative(match: re.Match, published: date) -> Resolution:
    back = match["which"] in ("last", "the previous")
    return date(published.year - back, 1, 1), "year"


# "the year before", "the month after": a step from publication, or from the
# date told before it in its sentence (date_mentions reads that)
STEPPED = re.compile(
    r"the\s+(?P<unit>year|month)\s+(?P<way>before|earlier|after|later)"
)
Rule = tuple[re.Pattern, Callable[[re.Match, date | None], Resolution], bool]
RULES: list[Rule] = [
    (STEPPED, _stepped, True),
    (re.compile(rf"{_MONTH},?\s+{_YEAR}"), _month_year, False),
    (re.compile(_YEAR), _year, False),
    (
        re.compile(rf"(?:{WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}{_THIS_YEAR}"),
        _month_day,
        True,
    ),
    (
        re.compile(
            rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}{_THIS_YEAR}"
        ),
        _month_day,
        True,
    ),
    (re.compile(_MONTH), _month, True),
    (
        re.compile(
            rf"(?:(?P<last>last|this past)\s+)?{WEEKDAY}(?:\s+{PART_OF_DAY})?"
            r"(?:'s(?:\s.*)?)?"
        ),
        _weekday,
        True,
    ),
    (
        re.compile(
            r"(?P<name>the day before yesterday|yesterday|today|tonight|overnight|"
            rf"last night|{THIS_PART})(?:\s+{PART_OF_DAY})?"
        ),
        _named_day,
        True,
    ),
    (re.compile(rf"{_COUNT}\s+{UNITS}\s+ago"), _ago, True),
    (
        re.compile(
            rf"(?:the\s+)?(?:past|last)\s+(?:{_COUNT}\s+)?(?P<unit>hours?|days?)"
        ),
        _short_span,
        True,
    ),
    (
        re.compile(
            r"(?P<the>the\s+)?(?P<which>this past|this|last|previous|past)\s+week"
        ),
        _week,
        True,
    ),
    (
        re.compile(r"(?P<which>this|last|the previous|the)\s+month"),
        _month_relative,
        True,
    ),
    (
        re.compile(r"(?P<which>this|last|the previous|the)\s+year"),
        _year_relative,
        True,
    ),
]


# --- resolving one expression -----------------------------------------------


def _core(expression: str) -> str:
    """Return `expression` lower-cased, without the words around the date."""
    text = expression.lower().replace("’", "'").replace("‘", "'")
    text = _WHITESPACE.sub(" ", text).strip(" .,;:\"'()")
    return LEADING_WORDS.sub("", text)


def _range_start(match: re.Match) -> str:
    """Return the first date of a range, with the month and year it ends on."""
    first, second = match["first"], match["second"]
    month = RANGE_MONTH.fullmatch(second)
    if first.isdigit() and month:
        return f"{first} {month['rest']}"
    year = RANGE_YEAR.search(second)
    if year and not HAS_YEAR.search(first):
        return first + year.group()
    return first


@lru_cache(maxsize=4096)
def _interpret(core: str) -> tuple[Callable[[date | None], Resolution], bool] | None:
    """Return how to resolve `core` and whether that needs a publication date."""
    span = BETWEEN.fullmatch(core)
    if span:
        return partial(resolve, _range_start(span)), False
    found = parse_date(core)
    if found is not None:
        return (lambda published: (found, "day")), False
    for pattern, handler, relative in RULES:
        match = pattern.fullmatch(core)
        if match:
            return partial(handler, match), relative
    return None


@lru_cache(maxsize=4096)
def resolve(expression: str, published: date | None) -> Resolution:
    """Return the (date, precision) `expression` means, read on `published`."""
    found = _interpret(_core(expression))
    if found is None:
        return UNKNOWN
    resolver, relative = found
    if relative and published is None:
        return UNKNOWN
    return resolver(published)


def is_period(expression: str) -> bool:
    """Return whether `expression` names a span or running total, not a moment."""
    text = _WHITESPACE.sub(" ", expression.lower())
    if any(pattern.search(text) for pattern in PERIOD_PATTERNS):
        return True
    past = PAST_SPAN.search(text)
    if past is None:
        return False
    # "over the past few days" spans days uncounted: more than one to date
    uncounted = past["count"] in UNCOUNTED and past["unit"] == "days"
    return uncounted or not _is_short(_count(past["count"]), past["unit"])


def is_recognised(expression: str) -> bool:
    """Return whether a rule reads `expression`, with or without a publication date."""
    return _interpret(_core(expression)) is not None
