"""Pure text helpers for ingestion: hashing, title and dateline derivation,
near-duplicate fingerprints. No Django imports."""

import hashlib
import re
from dataclasses import dataclass
from datetime import date

# --- normalisation and identity -------------------------------------------

_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def normalize_for_hash(text: str) -> str:
    """Return `text` lower-cased with every run of whitespace made one space."""
    return _WHITESPACE.sub(" ", text).strip().lower()


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest identifying `text` up to whitespace and case."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


def clean_text(text: str) -> str:
    """Return `text` with Windows line ends, NULs and outer blank space removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.strip()


# --- dates ------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12,
}  # fmt: skip
_MONTH_ALIASES = {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9}
_MONTH = (
    r"(?P<month>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + (r"|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.?")
)
_WEEKDAY = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# "10 September 2017", "Tuesday, 21 May 2019", "Wed 05 Apr 2017",
# "September 10, 2017", "Sept. 10 2017", "2017-09-10", "Sep 102017".
DATE_PATTERNS = [
    re.compile(rf"{_WEEKDAY}?{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}?{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
    # a page stamp that lost the space between day and year: "Jun 142016"
    re.compile(
        rf"\b{_MONTH}\s+(?P<day>[0-3]\d)(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
    ),
]
# What may follow a date on a line that is only a date: a time, a timezone.
_DATE_LINE_TAIL = re.compile(
    r"^[\s,|\-–—]*(?:(?:at\s+)?\d{1,2}[:.]?\d{2}\s*(?:[ap]\.?m\.?)?\s*"
    r"(?:gmt|utc|[a-z]{2,4}t)?)?[\s|]*$",
    re.IGNORECASE,
)


def _month_number(token: str) -> int:
    token = token.lower().rstrip(".")
    if token.isdigit():
        return int(token)
    return (
        MONTHS.get(token) or _MONTH_ALIASES[token[:4] if token == "sept" else token[:3]]
    )


def parse_date(value: str) -> date | None:
    """Return the first calendar date written in `value`, or None."""
    match = _find_date(value)
    return match[0] if match else None


def _find_date(value: str) -> tuple[date, re.Match] | None:
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(value):
            try:
                found = date(
                    int(match["year"]), _month_number(match["month"]), int(match["day"])
                )
            except (ValueError, KeyError):
                continue
            return found, match
    return None


def parse_metadata_date(value: str) -> date | None:
    """Return the date in a metadata field: ISO, written out, or US "4/5/17"."""
    value = value.strip()
    if not value:
        return None
    found = parse_date(value)
    if found:
        return found
    us = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", value)
    if us:
        month, day, year = (int(part) for part in us.groups())
        year += 2000 if year < 100 else 0
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


def date_only_line(line: str) -> date | None:
    """Return the date if `line` holds a date and nothing else (bar a time)."""
    match = _find_date(line)
    if not match:
        return None
    found, m = match
    if line[: m.start()].strip(" ,|-–—") or not _DATE_LINE_TAIL.match(line[m.end() :]):
        return None
    return found


def leading_date(text: str) -> tuple[date, int] | None:
    """Return the date a body opens with ("Wed 05 Apr 2017 Syria attack...",
    "Published April 6 2017 Syrian activists...") and the offset where the
    words after it (and any time) begin."""
    end = dateline_end(text)
    found = parse_date(text[:end]) if end is not None else None
    return (found, end) if found is not None else None


# Words a scraped dateline opens with: "Published April 6 2017", "Date of
# publication 22 June 2016", "Posted on July 20 2016", "AFP Friday 1 Jul
# 2016"; and a numeric date ("15-11-2014", "26.12.2014") that _find_date does
# not read, being ambiguous.
_AGENCIES = "AFP|Reuters|SANA|Xinhua|Anadolu|TASS|IRNA"
_DATELINE_LEAD = re.compile(
    r"(?:published|date of publication|posted on|last updated (?:at|on)|updated"
    rf"|{_AGENCIES})\s+",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d\d\b\s*")
_CLOCK_TIME = re.compile(r"\s*(?:(?:at\s+)?\d{1,2}[:.]\d{2}\b\s*)?")


# A dateline's city in capitals, before the story's first word: one word of
# five letters or more ("BEIRUT", not "ISIS") or two ("KHAN SHEIKHUN"); or a
# city abroad that stories are filed from, in title case ("Beirut Syrian
# government air strikes ..."), never a Syrian one, which may open a headline.
_FILING_CITIES = "Beirut|Amman|Moscow|Ankara|Istanbul|Gaziantep|Cairo|Geneva|Washington"
_DATELINE_CITY = re.compile(
    rf"(?:[A-Z][A-Z'’-]{{4,}}|[A-Z]{{2,}}\s+[A-Z]{{2,}}|(?:{_FILING_CITIES}))"
    r"\s+(?=[A-Z][a-z ])"
)
HEADLINE_WINDOW = 250  # characters: where a dateline after a headline stands
HEADLINE_MIN_WORDS = 3

# A news agency's dateline: "BEIRUT, February 2, 2016 (Reuters) - ", "AMMAN,
# Jordan (AP) — ", "Beirut, Feb 2 (AFP) - ". Its place is in capitals, or
# title case where it opens the text or a line; the date may lack a year.
_AGENCY_MARK = re.compile(rf"\s*\((?:{_AGENCIES}|AP|UPI|dpa)\)\s*[-–—]+\s*")
_CAPITAL_WORDS = r"[A-Z][A-Z'’.-]+(?: +[A-Z][A-Z'’.-]+)*"
_TITLE_WORDS = r"[A-Z][\w'’.-]*(?: +[A-Z][\w'’.-]*){0,2}"
_MONTH_WORD = _MONTH.replace("(?P<month>", "(?:")
_DAY_WORD = _DAY.replace("(?P<day>", "(?:")
_AGENCY_PLACE = re.compile(
    rf"(?:{_CAPITAL_WORDS}|(?:^|(?<=\n)){_TITLE_WORDS})(?:,\s*{_TITLE_WORDS})?"
    rf"(?:,?\s+(?i:{_MONTH_WORD}\s+{_DAY_WORD}|{_DAY_WORD}\s+{_MONTH_WORD})"
    r"(?:,?\s+(?:19|20)\d\d)?)?$"
)


@dataclass(frozen=True)
class AgencyDateline:
    """Where a news agency's dateline stands in a text, and its date."""

    start: int
    end: int  # where the story's words begin
    published: date | None  # None when the dateline gives no year


def agency_dateline(text: str) -> AgencyDateline | None:
    """Return the news agency's dateline near the top of `text`, if any."""
    mark = _AGENCY_MARK.search(text[:HEADLINE_WINDOW])
    if mark is None:
        return None
    place = _AGENCY_PLACE.search(text[: mark.start()])
    if place is None:
        return None
    return AgencyDateline(place.start(), mark.end(), parse_date(place.group()))


def dateline_end(text: str) -> int | None:
    """Return where the words after an opening dateline begin, if `text`
    opens with one: "16 July 2015 At least 11 civilians..." -> 13."""
    agency = agency_dateline(text)
    if agency is not None and agency.start == 0:
        return agency.end
    lead = _DATELINE_LEAD.match(text)
    offset = lead.end() if lead else 0
    numeric = _NUMERIC_DATE.match(text, offset)
    if numeric:
        return numeric.end()
    match = _find_date(text[offset : offset + 60])
    if not match or match[1].start() != 0:
        return None
    # a time only with its colon: "Sat Aug 13 2016 200 Jeish Al Fatah" counts 200
    time = _CLOCK_TIME.match(text, offset + match[1].end())
    # the city it was filed from: "Last updated at Jun 142016 BEIRUT A Daesh..."
    city = _DATELINE_CITY.match(text, time.end())
    return city.end() if city else time.end()


# The agency before a dateline: "... Monitor AFP Saturday 4 Oct 2014" (the
# date's own pattern takes in the weekday)
_DATELINE_SOURCE = re.compile(rf"(?:\b(?:{_AGENCIES})\s+)?$")
DATE_PREPOSITIONS = frozenset(
    "on in since by until till from of at before after between and to".split()
)


def inner_dateline(text: str) -> tuple[int, int] | None:
    """Return (start, end) of a dateline between a headline and its lead.

    Scraped text runs them together: "Syria air raids kill 25 civilians
    Monitor AFP Friday 1 Jul 2016 Separate air raids in northern Syria..."
    gives the span of "AFP Friday 1 Jul 2016 ". Only when no sentence ends
    before it: a date inside the story is no dateline.
    """
    agency = agency_dateline(text)
    if agency is not None:
        before = text[: agency.start]
        if agency.start == 0 or not _heads_story(before):
            return None
        return agency.start, agency.end
    match = _find_date(text[:HEADLINE_WINDOW])
    if not match or match[1].start() == 0:
        return None
    before = text[: match[1].start()]
    if not _heads_story(before):
        return None
    if before.split()[-1].lower() in DATE_PREPOSITIONS:
        return None  # "Syrian forces said on 5 May 2017 ...": the date of a phrase
    start = _DATELINE_SOURCE.search(before).start()
    return start, _CLOCK_TIME.match(text, match[1].end()).end()


def _heads_story(before: str) -> bool:
    """Return whether the text before a dateline is a headline: a few words
    and no sentence's end."""
    return not re.search(r"[.!?]", before) and len(before.split()) >= HEADLINE_MIN_WORDS


# --- page chrome, headings, datelines ---------------------------------------

# Navigation and widget lines that scraped pages carry above the article.
CHROME_PHRASES = {
    "latest news", "home", "main", "menu", "news", "share", "share this",
    "skip to content", "skip to main content", "sign in", "log in", "subscribe",
    "advertisement", "search", "breaking news", "most read", "related",
    "print", "email", "comments", "tweet", "follow us",
}  # fmt: skip
_BREADCRUMB = re.compile(r"[»›]|\s>\s|^\s*(?:home|main)\s*[/|]", re.IGNORECASE)
_SCOREBOARD = re.compile(r"\bvs\.?\b.*\b(?:live\s+)?score\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")

MAX_HEADING_WORDS = 25
DERIVED_TITLE_CHARS = 120


def is_chrome(line: str) -> bool:
    """Return whether `line` is page furniture (navigation, breadcrumbs, scores)."""
    stripped = line.strip().strip(":|-–—").strip()
    if stripped.lower() in CHROME_PHRASES:
        return True
    return bool(_BREADCRUMB.search(stripped) or _SCOREBOARD.search(stripped))


def is_heading(line: str) -> bool:
    """Return whether `line` reads as a headline rather than body text."""
    words = line.split()
    if not 2 <= len(words) <= MAX_HEADING_WORDS:
        return False
    if _SENTENCE_END.search(line.strip()) and len(words) > 12:
        return False
    return not is_chrome(line) and date_only_line(line) is None


@dataclass(frozen=True)
class DerivedMetadata:
    """Title and publication date read off an article's text."""

    title: str
    title_from_heading: bool
    published: date | None


def derive_metadata(text: str) -> DerivedMetadata:
    """Return the title and dateline that the top of `text` gives.

    The header is the run of short lines before the first paragraph. A heading
    line there is the title; a date-only line is the dateline, unless it stands
    in a block of page chrome before the heading (a site's "today" banner).
    Without a heading the title is the first sentence, shortened.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    header: list[str] = []
    for line in lines:
        if len(line.split()) > MAX_HEADING_WORDS or (
            _SENTENCE_END.search(line) and len(line.split()) > 12
        ):
            break
        header.append(line)
    body_start = len(header)

    title, heading_index = "", None
    for index, line in enumerate(header):
        if is_heading(line):
            title, heading_index = line, index
            break

    published = None
    for index, line in enumerate(header):
        found = date_only_line(line) or _opening_agency_date(line)
        if found is None:
            continue
        before_heading = heading_index is None or index < heading_index
        if before_heading and _chrome_near(header, index):
            continue  # a banner date among navigation lines
        published = found
        break
    body = lines[body_start] if body_start < len(lines) else (lines[0] if lines else "")
    body, dated = _without_datelines(body)
    published = published or dated

    if title:
        return DerivedMetadata(
            title=title, title_from_heading=True, published=published
        )
    return DerivedMetadata(
        title=first_sentence(body), title_from_heading=False, published=published
    )


def _without_datelines(body: str) -> tuple[str, date | None]:
    """Return the body's opening words without its datelines, and their date.

    "Wed 05 Apr 2017 ...", "BEIRUT, Feb 2, 2016 (Reuters) - ..." open it; in
    "Headline AFP Friday 1 Jul 2016 Lead ..." the headline is kept.
    """
    dated = None
    opening = leading_date(body)
    if opening:
        dated, body = opening[0], body[opening[1] :]
    agency = agency_dateline(body)
    if agency is not None and agency.start == 0:
        dated, body = dated or agency.published, body[agency.end :]
    inner = inner_dateline(body)
    if inner is not None:
        dated = dated or parse_date(body[inner[0] : inner[1]])
        body = body[: inner[0]].strip()
    return body, dated


def _opening_agency_date(line: str) -> date | None:
    agency = agency_dateline(line)
    return agency.published if agency is not None and agency.start == 0 else None


def _chrome_near(header: list[str], index: int) -> bool:
    neighbours = header[max(0, index - 2) : index] + header[index + 1 : index + 3]
    return any(is_chrome(line) for line in neighbours)


_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9\"'”)])[.!?](?=\s+[A-Z\"“]|\s*$)")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen col lt sgt capt maj st jr sr prof rev gov sen rep no vs".split()
)


def first_sentence(text: str, limit: int = DERIVED_TITLE_CHARS) -> str:
    """Return the first sentence of `text`, cut at a word boundary to `limit`."""
    end = len(text)
    for match in _SENTENCE_BREAK.finditer(text):
        words = text[: match.start()].split()
        if words and words[-1].lower().strip("(\"'") in ABBREVIATIONS:
            continue
        end = match.start()
        break
    sentence = text[:end]
    sentence = _WHITESPACE.sub(" ", sentence).strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


# --- near-duplicate fingerprints ---------------------------------------------

FINGERPRINT_SHINGLE = 8  # words per shingle for candidate lookup
FINGERPRINT_SAMPLE = 4  # keep the hashes divisible by this (content-defined)
SIMILARITY_SHINGLE = 5  # words per shingle for the similarity measure


def _shingles(text: str, size: int) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _hash64(value: str) -> int:
    digest = hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def fingerprints(text: str) -> list[int]:
    """Return sampled 64-bit hashes of `text`'s word 8-grams, sorted.

    The sample depends only on each hash, so two texts sharing a passage share
    its sampled hashes: a GIN index over them finds candidates quickly.
    """
    hashes = {_hash64(s) for s in _shingles(text, FINGERPRINT_SHINGLE)}
    return sorted(h for h in hashes if h % FINGERPRINT_SAMPLE == 0)


def similarity(text_a: str, text_b: str) -> float:
    """Return the share of the shorter text's word 5-grams found in the other."""
    a = _shingles(text_a, SIMILARITY_SHINGLE)
    b = _shingles(text_b, SIMILARITY_SHINGLE)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
