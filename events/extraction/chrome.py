"""Page furniture inside an article's text: lists of other stories' headlines.

Scraped pages carry "Related News" lists and share-bar widgets ("Print Tweet
Views 729 Related ...") whose headlines report other incidents, and keyword
lists ("Tags Syria Aleppo Russia Islamic State") that name actors and places
the story may not be about; Sputnik's pages put a photo credit and another
story's headline between two sentences ("Sputnik Dmitriy Vinogradov Syrian
Airstrikes Kill Over 100 Daesh Fighters in Hama Province"). Nothing is
extracted from them. `title_span` finds the article's title where the text
repeats it at its top. Pure: text in, character spans out.
"""

import re
from itertools import islice

from events.extraction.numbers import WORDS as NUMBER_WORDS

# A list of other stories that runs to the end of the text.
TRAILING_LISTS = re.compile(
    r"\bRelated (?:News|Articles|Stories|Posts|Coverage|Content)\b"
    # A view count, then the list ("85 Related"); a share bar's "Views 729
    # Related" is handled below.
    r"|(?<=\s)(?<!Views )\d[\d,]*\s+Related\b"
    r"|\(\d[\d,]*\)\s+Related\b"  # "... Rises (1881) Related ..."
    r"|\bYou (?:may|might) also (?:like|be interested in)\b"
    r"|\bMore (?:on this story|from this section|stories)\b",
)
# A share bar followed by related headlines; the story starts again where its
# title is repeated.
SHARE_BAR = re.compile(r"\b(?:Print\s+)?(?:Tweet\s+)?Views\s+\d[\d,]*\s+Related\b")
TITLE_PREFIX = 40  # characters of the title that must repeat
TITLE_WITHIN = 60  # a dateline or byline may come before the headline
RELATED_LIST_CHARS = 600  # the headlines and the lead sentence after them

# A keyword list: "Tags Syria Idlib Russia At least 16 people were killed".
TAGS = re.compile(r"(?:^|(?<=[\s.]))Tags\s+(?=\S)")
# At the end of the page, before the comment box, it runs to the end.
TRAILING_TAGS = re.compile(r"\bCommunity standards")
# Run into the story, it ends where a sentence opens with one of these words
# (or at a full stop); where none follows soon, its end is unknown and
# nothing is hidden.
OPENERS = (
    "The|A|An|At least|More than|Almost|Nearly|Some|Several|Dozens|Hundreds|"
    "Scores".split("|")
) + [word.capitalize() for word in NUMBER_WORDS - {"zero"}]  # "Fourteen members"
OPENER = r"\s(?=(?:" + "|".join(OPENERS) + r")\s)"
TAG_LIST_END = re.compile(r"\.\s+|" + OPENER)
LEAD_OPENER = re.compile(OPENER)
TAG_LIST_CHARS = 250  # a keyword list is shorter than this
# ... and names things: a word of these says a sentence was taken in with it.
SENTENCE_WORDS = re.compile(
    r"\b(?:the|a|an|on|that|by|was|were|is|are|has|have|had|said|says|killed)\b"
)


# Sputnik's share widget before the lead: "07.07.2015Get short URL Topic
# Violence Erupts as Islamic State Rises (1881) 0 25 A suicide bomber ...",
# a topic headline and its story count, then the view and comment counts
# (a zero for none, and one count: "0 85 12 Daesh terrorists were killed").
SHARE_WIDGET = re.compile(
    r"(?<![A-Za-z])Get short URL\s+(?:Topic\s+[^()]{1,120}\(\d+\)\s+)?"
    r"(?:0\s+)*\d[\d,]*\s+(?!Related\b)"
)
# A photo credit after a sentence, then another story's headline in title
# case: ". Sputnik Dmitriy Vinogradov Syrian Airstrikes Kill Over 100 Daesh
# Fighters in Hama Province WASHINGTON (Sputnik) The US-led coalition ...".
PHOTO_CREDIT = re.compile(
    r"(?<=[.\"]\s)(?:Sputnik|REUTERS|AP Photo|Flickr|AFP \d{4})\s+(?=[A-Z])"
)
# Words a title-case headline leaves in lowercase: "Explosion in Damascus".
TITLE_SMALL_WORDS = frozenset(
    "a an the and or of in on at to for from with by as over into near after".split()
)
SENTENCE_OPENERS = frozenset("The A An This".split())  # where a sentence restarts
DATELINE = re.compile(r"[A-Z]{3,}\s+\((?:Sputnik|AFP|Reuters|AP)\)")
HEADLINE_WORDS = 40  # the photographer's name and a headline are shorter
WORD = re.compile(r"\S+")


def chrome_spans(text: str, title: str | None = None) -> list[tuple[int, int]]:
    """Return the (start, end) character spans of `text` that are page chrome."""
    spans = []
    bar = SHARE_BAR.search(text)
    if bar and title:
        again = text.find(title[:TITLE_PREFIX].strip(), bar.end())
        if again == -1:
            again = _related_list_end(text, bar.end())
        if again is not None:
            spans.append((bar.start(), again))
    widget = SHARE_WIDGET.search(text)
    if widget:
        spans.append(widget.span())
    trailing = TRAILING_LISTS.search(text)
    if trailing:
        spans.append((trailing.start(), len(text)))
    for credit in PHOTO_CREDIT.finditer(text):
        if not any(start <= credit.start() < end for start, end in spans):
            end = _credited_headline_end(text, credit.end())
            if end is not None:
                spans.append((credit.start(), end))
    tags = TAGS.search(text)
    if tags and not any(start <= tags.start() < end for start, end in spans):
        end = _tag_list_end(text, tags.end())
        if end is not None:
            spans.append((tags.start(), end))
    return sorted(spans)


def _related_list_end(text: str, start: int) -> int | None:
    """Return where the headlines after a share bar end when the title is not
    repeated: the lead sentence runs into them with no full stop between,
    "... in Syrias Aleppo Nearly 40 Syrian soldiers were killed ... said
    Friday.", so the list ends at the last sentence opener before the first
    full stop; none, and its end is unknown."""
    window = text[start : start + RELATED_LIST_CHARS]
    stop = re.search(r"\.(?:\s|$)", window)
    if stop is None:
        return None
    openers = list(LEAD_OPENER.finditer(window[: stop.start()]))
    if not openers:
        return None
    return start + openers[-1].end()


def _credited_headline_end(text: str, start: int) -> int | None:
    """Return where the photographer's name and the headline after a photo
    credit end: at a dateline ("MOSCOW (Sputnik)"), or where the story's
    next sentence starts. That is found back from its first lowercase word
    (not a headline's small word): that word's sentence opens at the
    capitalised word before it ("... All Crew Members Dead Earlier in the day
    Konashenkov said"), or at an opener just before ("... Military Source The
    Syrian government has been"). No lowercase word soon, and the end is
    unknown."""
    words = list(islice(WORD.finditer(text, start), HEADLINE_WORDS))
    first = next((i for i, w in enumerate(words) if _lowercase(w.group())), None)
    if first is None:
        return None
    dateline = DATELINE.search(text, start, words[first].start())
    if dateline is not None:
        return dateline.start()
    opens = _sentence_start([w.group() for w in words], first)
    return words[opens].start() if opens > 0 else None


def _sentence_start(words: list[str], first: int) -> int:
    """Return the index of the word that opens the sentence whose first
    lowercase word is `words[first]`: back over small words to the
    capitalised word before them ("Earlier in the day"), and past more small
    words to one more capitalised word ("According to the UN official");
    an opener or a quote within two words before that opens it instead
    ("The Syrian government has")."""
    opens = _back_over_small(words, first)
    if opens == 0:
        return 0
    opens -= 1  # the capitalised word before them
    before = _back_over_small(words, opens)
    if before == 0 < opens:
        return 0  # small words from the credit on: no sentence start seen
    if before < opens:
        opens = before - 1
    openers = [
        i
        for i in range(max(opens - 2, 0), first)
        if words[i] in SENTENCE_OPENERS or words[i].startswith('"')
    ]
    return openers[0] if openers else opens


def _back_over_small(words: list[str], index: int) -> int:
    """Return the index of the first of the headline small words that run
    up to `words[index]` (`index` itself if none)."""
    while index > 0 and words[index - 1].strip('"(').lower() in TITLE_SMALL_WORDS:
        index -= 1
    return index


def _lowercase(word: str) -> bool:
    """Return whether `word` is a sentence's lowercase word, not a headline's
    small word or a name's lowercase part ("ez-Zor", "al-Sham")."""
    word = word.strip('"(),')
    return (
        word[:1].islower()
        and word.lower() not in TITLE_SMALL_WORDS
        and not any(part[:1].isupper() for part in word.split("-"))
    )


def _tag_list_end(text: str, start: int) -> int | None:
    """Return where the keyword list that starts at `start` ends, if known."""
    window = text[start : start + TAG_LIST_CHARS]
    if TRAILING_TAGS.search(window):
        return len(text)
    found = TAG_LIST_END.search(window)
    if found is None or SENTENCE_WORDS.search(window[: found.start()]):
        return None
    return start + found.end()


def title_span(text: str, title: str | None) -> tuple[int, int] | None:
    """Return the (start, end) character span of the title where the text
    repeats it at its top ("03-07-2015 Terrorist Blast Kills Grand Mosque
    Imam in Damascus. A terrorist ..."), else None."""
    title = (title or "").strip()
    if not title:
        return None
    start = text.find(title, 0, TITLE_WITHIN + len(title))
    return None if start == -1 else (start, start + len(title))


def in_chrome(start: int, spans: list[tuple[int, int]] | None) -> bool:
    """Return whether the character offset `start` falls inside page chrome."""
    return any(begin <= start < end for begin, end in spans or ())
