"""Page furniture inside an article's text: lists of other stories' headlines.

Scraped pages carry "Related News" lists and share-bar widgets ("Print Tweet
Views 729 Related ...") whose headlines report other incidents. Nothing is
extracted from them. Pure: text in, character spans out.
"""

import re

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


def chrome_spans(text: str, title: str | None = None) -> list[tuple[int, int]]:
    """Return the (start, end) character spans of `text` that are page chrome."""
    spans = []
    bar = SHARE_BAR.search(text)
    if bar and title:
        again = text.find(title[:TITLE_PREFIX].strip(), bar.end())
        if again != -1:
            spans.append((bar.start(), again))
    trailing = TRAILING_LISTS.search(text)
    if trailing:
        spans.append((trailing.start(), len(text)))
    return spans


def in_chrome(start: int, spans: list[tuple[int, int]] | None) -> bool:
    """Return whether the character offset `start` falls inside page chrome."""
    return any(begin <= start < end for begin, end in spans or ())
