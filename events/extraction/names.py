"""Name keys that survive Arabic transliteration.

Two spellings of one place get the same `name_key` when they differ only in
case, diacritics, apostrophes, hyphens or the Arabic article (al-, el-, ad-,
as-, ash-, az-, ez-... and its assimilated forms: "Ezzor" = "ez-Zor"), and the
same `skeleton` when they differ in vowels and doubled letters too
("Mayadeen" = "Al Mayadin", "Hassakeh" = "Al Hasakah", "Deir el-Zour" =
"Dayr az Zawr").
"""

import re
import unicodedata
from functools import lru_cache

ARTICLES = frozenset(
    "al el il ul ad ed as es ash esh az ez ar er at et an en ath adh l".split()
)
_APOSTROPHES = re.compile(r"[’‘'`ʿʾ´]")
_SEPARATORS = re.compile(r"[\s\-‐–—_./,()]+")
_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLED = re.compile(r"(.)\1+")
_FOLDS = [("ou", "u"), ("oo", "u"), ("ee", "i"), ("ph", "f"), ("q", "k"), ("dh", "d")]
_GLUED_ARTICLE = re.compile(r"^[ae]([bcdfghjklmnpqrstvxz])\1")


def strip_accents(text: str) -> str:
    """Return `text` without diacritics ("Ḩasakah" -> "Hasakah")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# The place tagger asks for the same few thousand names again and again.
@lru_cache(maxsize=1 << 16)
def name_tokens(name: str) -> tuple[str, ...]:
    """Return the lower-cased words of `name` without Arabic articles."""
    plain = _APOSTROPHES.sub("", strip_accents(name).lower())
    tokens = [t for t in _SEPARATORS.split(plain) if t]
    kept = []
    for index, token in enumerate(tokens):
        is_last = index == len(tokens) - 1
        if token in ARTICLES and not is_last:
            continue
        if len(token) >= 5 and _GLUED_ARTICLE.match(token):
            token = token[2:]  # "ezzor" -> "zor", "arraqqa" -> "raqqa"
        kept.append(token)
    return tuple(kept)


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Return the spelling-insensitive key of `name` (articles, case, marks)."""
    return " ".join(name_tokens(name))


@lru_cache(maxsize=1 << 16)
def skeleton(name: str) -> str:
    """Return the consonant skeleton of `name`: its key without vowels or doubles."""
    parts = []
    for token in name_tokens(name):
        for old, new in _FOLDS:
            token = token.replace(old, new)
        if len(token) > 3 and token.endswith("h") and token[-2] in "aeiou":
            token = token[:-1]  # ta marbuta: Hasakah = Hasaka
        consonants = _DOUBLED.sub(r"\1", _VOWELS.sub("", token[1:]))
        head = token[0] if token[0] not in "aeiouyw" else "a"
        parts.append(_DOUBLED.sub(r"\1", head + consonants))
    return " ".join(p for p in parts if p)
