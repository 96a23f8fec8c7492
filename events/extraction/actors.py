"""cw_actors: the domain entity ruler for belligerents and claimants.

Registry aliases are matched with spaCy PhraseMatchers (short all-caps
acronyms case-sensitively, the rest case-insensitively), also as a text that
lost its apostrophes writes their possessive ("Russias", "SANAs"). On top of the
registry, three kinds of reference are resolved in code because they depend
on context:

- a demonym before a force or attack noun ("Russian air strikes", "Turkish
  troops") is that state's forces, and "US-led" or "Kurdish-led" before one
  is the forces that state or people leads ("a US-led raid");
- bare "regime"/"government" is the Syrian government, bare "coalition" the
  US-led coalition, bare "rebels"/"insurgents" the opposition, bare "army"
  the state's army named before it, else the Syrian army unless the text
  names another state's;
- "the group", "the militants", "the jihadists" refer back to the last armed
  non-state actor named in the preceding sentences.
"""

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from events.extraction.nlp import doc_text
from events.extraction.registry import (
    RegistryEntry,
    default_registry,
    is_case_sensitive,
)
from events.extraction.types import ActorMention

SYRIAN_GOVERNMENT = "Syrian government forces"
US_LED_COALITION = "US-led coalition"
OPPOSITION = "Syrian opposition groups"

# Demonyms whose forces are a registry entry, when a force/attack noun follows.
DEMONYM_FORCES = {
    "russian": "Russia",
    "turkish": "Turkish forces",
    "israeli": "Israel",
    "iranian": "Iran",
    "iraqi": "Iraqi forces",
    "american": "United States forces",
    "u.s.": "United States forces",
    "us": "United States forces",
    "british": "United Kingdom forces",
    "french": "France forces",
    "jordanian": "Jordan",
    "syrian": SYRIAN_GOVERNMENT,
    "assad": SYRIAN_GOVERNMENT,  # "Assad's warplanes"
    "assads": SYRIAN_GOVERNMENT,  # ... its apostrophe lost: "Assads air force"
    "regime": SYRIAN_GOVERNMENT,
    "government": SYRIAN_GOVERNMENT,
    "pro-government": "Pro-government militias",
    "coalition": US_LED_COALITION,
    "kurdish": "YPG",
}
FORCE_NOUNS = frozenset(
    """
    airstrike airstrikes strike strikes raid raids bombardment bombardments
    bombing bombings shelling shell shells warplane warplanes jet jets
    aircraft helicopter helicopters plane planes drone drones artillery
    troops forces force soldiers army military missile missiles rocket
    rockets offensive attack attacks fighters units aviation
    """.split()
)
# What kind of force: "Russian fighter jets", "Turkish ground forces".
FORCE_KINDS = frozenset(
    "air fighter war combat attack ground special armed security".split()
)
# "warplanes believed to be Russian": whose they are thought to be
BELIEF_VERBS = frozenset({"believed", "thought", "suspected", "presumed"})
# "US-led strike", "Kurdish-led fighters": the forces of whoever leads them.
LED_FORCES = {
    "us": US_LED_COALITION,
    "u.s.": US_LED_COALITION,
    "american": US_LED_COALITION,
    "kurdish": "Syrian Democratic Forces",
    "turkish": "Turkish forces",
    "russian": "Russia",
}
LED_NOUNS = FORCE_NOUNS | {"coalitions", "alliance", "alliances", "campaign"}
POSSESSIVES = frozenset({"'s", "’s"})  # "Assad's warplanes"
COORDINATORS = frozenset({"and", "or", ","})  # "Syrian and Russian warplanes"
# "forces loyal to President Bashar al-Assad": the Syrian government's forces.
LOYAL_NOUNS = frozenset("forces troops soldiers fighters militiamen units".split())
LOYAL_TO = frozenset({"assad", "regime"})
LOYAL_WINDOW = 8  # "to the Syrian dictator Bashar al - Assad"
# Bare words that name one actor in Syria reporting.
BARE_REFERENCES = {
    "regime": SYRIAN_GOVERNMENT,
    "government": SYRIAN_GOVERNMENT,
    "coalition": US_LED_COALITION,
    "rebels": OPPOSITION,
    "rebel": OPPOSITION,
    "insurgents": OPPOSITION,
    "opposition": OPPOSITION,
    # back to a name ending in it ("the Syrian army ... the army said"), else
    # the Syrian army ("army units established control over Minian", as SANA
    # writes) where the text names no other state's army: see _home_army
    "army": None,
}
# The words that may begin a phrase _context_matches reads, besides "US-led"
CONTEXT_WORDS = frozenset(DEMONYM_FORCES) | LOYAL_NOUNS | frozenset(BARE_REFERENCES)
# Another state's army named: "the Iraqi army", "Turkey's forces"
OTHER_ARMY = re.compile(
    r"\b(?:iraq|turkey|israel|lebanon|jordan|egypt)(?:'s|’s|s)?\s+"
    r"(?:army|military|forces|troops|soldiers)\b|"
    r"\b(?:iraqi|turkish|israeli|lebanese|jordanian|egyptian)\s+"
    r"(?:army|military|forces|troops|soldiers)\b",
    re.IGNORECASE,
)
STATE_KINDS = frozenset({"state", "foreign_state", "coalition"})
# Bare references that name a body, which "a" or "an" makes a new one ("a
# coalition of rebel groups"; "a government offensive" is the government's)
BODY_NOUNS = frozenset("coalition government regime".split())
# Words before a bare reference that make it someone else's ("Iraqi government").
FOREIGN_QUALIFIERS = frozenset(
    """
    american u.s. us british french turkish iraqi iranian russian israeli
    jordanian lebanese kurdish national interim regional local
    """.split()
)
# Title-case words before a bare reference that describe, not name, it
# ("Syrias" and "Assads" are possessives that lost their apostrophe; a
# headline's "Syria rebels" are Syrian).
DESCRIPTIVE_WORDS = frozenset(
    "the a an syria syrian syrias assad assads islamist jihadist moderate".split()
)
# Phrases that refer back to the last armed non-state actor.
ANAPHORS = frozenset(
    """
    group militants jihadists extremists terrorists fighters organization
    organisation
    """.split()
)
ANAPHOR_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
NAME_LINKS = frozenset({"for", "of"})  # "The Organization for the Prohibition ..."
ANAPHOR_KINDS = frozenset({"jihadist", "rebel", "kurdish"})
# Words that can only mean a jihadist group: "the jihadists" are not the FSA.
JIHADIST_WORDS = frozenset({"jihadist", "jihadists", "extremist", "extremists"})
JIHADIST_KINDS = frozenset({"jihadist"})
ANAPHOR_WINDOW_SENTENCES = 3


# "rebel-held", "opposition-controlled": where, not who acted.
TERRITORY_SUFFIXES = frozenset(
    {"held", "controlled", "run", "dominated", "besieged", "administered"}
)


def _describes_territory(doc: Doc, token) -> bool:
    """Return whether `token` is the first half of "rebel-held" and the like."""
    after = doc[token.i + 1 : token.i + 3]
    return (
        len(after) == 2
        and after[0].text == "-"
        and after[1].lower_ in TERRITORY_SUFFIXES
    )


# "Iran-backed Hezbollah", "the al-Qaeda-linked Nusra Front": the patron
# describes the group named next; that group acted.
PATRON_SUFFIXES = frozenset(
    "backed linked affiliated allied aligned supported sponsored inspired".split()
)


def _patron_of_next(doc: Doc, end: int, starts: set[int]) -> bool:
    """Return whether the name ending at `end` is followed by "-backed" (and
    the like) and then by another actor's name, which starts in `starts`."""
    after = doc[end : end + 2]
    return (
        len(after) == 2
        and after[0].text == "-"
        and after[1].lower_ in PATRON_SUFFIXES
        and end + 2 in starts
    )


def _opposed(doc: Doc, start: int) -> bool:
    """Return whether "anti-" comes right before the name at `start`."""
    return doc[max(0, start - 2) : start].text.lower() in {"anti-", "anti -"}


def _home_army(doc: Doc) -> str | None:
    """Return whose a bare "army" is: the Syrian government's, unless the
    text names another state's army ("the Iraqi army", "Turkey's forces")."""
    return None if OTHER_ARMY.search(doc_text(doc)) else SYRIAN_GOVERNMENT


def _apostrophe_lost(alias: str) -> list[str]:
    """Return how a text that lost its apostrophes writes a one-word name's
    possessive ("Russias Aerospace Forces", "ISILs positions") or an alias
    holding one ("Russias Defense Ministry")."""
    if alias.isalpha() and alias[0].isupper() and not alias.endswith("s"):
        return [alias + "s"]
    glued = alias.replace("'s ", "s ").replace("’s ", "s ")
    return [glued] if glued != alias else []


def _country_forms(alias: str) -> list[str]:
    """Return how a headline writes "Syrian army" with the country's name:
    "Syria army", "Syrias regime", "Syria's troops". Only for what the
    adjective describes ("Syrian troops"), not names ("Syrian Arab Army")."""
    adjective, _, rest = alias.partition(" ")
    if adjective != "Syrian" or not rest[:1].islower():
        return []
    return [f"{country} {rest}" for country in ("Syria", "Syrias", "Syria's")]


@dataclass(frozen=True)
class _Match:
    start: int  # token offsets
    end: int
    entry: RegistryEntry


class ActorRuler:
    """Find registry actors and context references; set doc._.actors."""

    def __init__(self, nlp: Language, entries: tuple[RegistryEntry, ...]):
        self.entries = {entry.name: entry for entry in entries}
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for entry in entries:
            exact, folded = [], []
            for alias in entry.all_names():
                words = exact if is_case_sensitive(alias) else folded
                words += [alias, *_apostrophe_lost(alias), *_country_forms(alias)]
            if exact:
                self.exact.add(entry.name, list(nlp.tokenizer.pipe(exact)))
            if folded:
                self.folded.add(entry.name, list(nlp.tokenizer.pipe(folded)))

    def __call__(self, doc: Doc) -> Doc:
        matches = self._registry_matches(doc)
        matches += self._context_matches(doc, matches)
        # "the anti-Daesh coalition", "anti-regime protests": against them
        matches = [m for m in matches if not _opposed(doc, m.start)]
        starts = {m.start for m in matches}
        matches = [m for m in matches if not _patron_of_next(doc, m.end, starts)]
        matches.sort(key=lambda m: m.start)
        matches = self._resolve_anaphora(doc, matches)
        doc._.actors = [self._mention(doc, match) for match in matches]
        return doc

    def _registry_matches(self, doc: Doc) -> list[_Match]:
        found = [
            (start, end, doc.vocab.strings[key])
            for matcher in (self.exact, self.folded)
            for key, start, end in matcher(doc)
        ]
        # Longest match wins; among equals, the earlier one.
        found.sort(key=lambda m: (m[0] - m[1], m[0]))
        taken: set[int] = set()
        matches = []
        for start, end, name in found:
            if taken.intersection(range(start, end)):
                continue
            taken.update(range(start, end))
            matches.append(_Match(start, end, self.entries[name]))
        return matches

    def _context_matches(self, doc: Doc, named: list[_Match]) -> list[_Match]:
        taken = {i for match in named for i in range(match.start, match.end)}
        bare = BARE_REFERENCES | {"army": _home_army(doc)}
        matches = []
        for token in doc:
            lower = token.lower_
            if token.i in taken or not (
                lower in CONTEXT_WORDS or lower.partition("-")[0] in LED_FORCES
            ):
                continue  # (the quick test: it is asked of every word)
            name, start = None, token.i
            if (led := self._led_force(doc, token)) is not None:
                name, end = led
            elif (
                lower in DEMONYM_FORCES
                and (force_noun := self._force_noun_after(doc, token)) is not None
            ):
                name = DEMONYM_FORCES[lower]
                coordinated = doc[token.i + 1].lower_ in COORDINATORS
                end = token.i + 1 if coordinated else force_noun + 1
            elif (
                lower in DEMONYM_FORCES
                and (believed := self._force_noun_believed(doc, token)) is not None
            ):
                name, start, end = DEMONYM_FORCES[lower], believed, token.i + 1
            elif (loyal := self._loyal_to_assad(doc, token)) is not None:
                name, end = SYRIAN_GOVERNMENT, loyal
                if taken.intersection(range(token.i, end)):
                    continue  # "forces loyal to the Assad regime": named already
            elif (
                lower in BARE_REFERENCES
                and not self._qualified(doc, token)
                and not _describes_territory(doc, token)
            ):
                name = self._named_before(doc, token, named) or bare[lower]
                end = token.i + 1
            if name and name in self.entries:
                matches.append(_Match(start, end, self.entries[name]))
                taken.update(range(start, end))
        return matches

    @staticmethod
    def _loyal_to_assad(doc: Doc, token) -> int | None:
        """Return where "forces loyal to President Bashar al-Assad" ends, when
        `token` starts such a phrase (Assad, or his regime, within a few words)."""
        if (
            token.lower_ not in LOYAL_NOUNS
            or doc[token.i + 1 : token.i + 3].text.lower() != "loyal to"
        ):
            return None
        window = doc[token.i + 3 : token.i + 3 + LOYAL_WINDOW]
        return next((t.i + 1 for t in window if t.lower_ in LOYAL_TO), None)

    @staticmethod
    def _named_before(doc: Doc, token, named: list[_Match]) -> str | None:
        """Return the entry a bare word refers back to: the last one named
        before it whose name ends in the word ("the Syrian Coalition ... the
        Coalition said" is not the US-led coalition)."""
        before = [
            match
            for match in named
            if match.end <= token.i
            and doc[match.end - 1].lower_ == token.lower_
            # "the army" is a state's, not the Free Syrian Army
            and (token.lower_ != "army" or match.entry.kind in STATE_KINDS)
        ]
        return max(before, key=lambda m: m.start).entry.name if before else None

    @staticmethod
    def _force_noun_after(doc: Doc, token) -> int | None:
        """Return the index of the force noun a demonym qualifies, if any.

        "Russian jets", "a Syrian air strike", "Russian fighter jets" and,
        coordinated, "Syrian and Russian warplanes".
        """
        i = token.i + 1
        if i < len(doc) and doc[i].lower_ in POSSESSIVES:
            i += 1
        while (
            i + 1 < len(doc)
            and doc[i].lower_ in COORDINATORS
            and doc[i + 1].lower_ in DEMONYM_FORCES
        ):
            i += 2
        if i + 1 < len(doc) and doc[i].lower_ in FORCE_KINDS:
            i += 1
        if i < len(doc) and doc[i].lower_ in FORCE_NOUNS:
            return i
        return None

    @staticmethod
    def _force_noun_believed(doc: Doc, token) -> int | None:
        """Return the index of the force noun in "jets (also) believed to be
        Russian", when `token` is its demonym."""
        i = token.i
        if (
            i < 4
            or doc[i - 3].lower_ not in BELIEF_VERBS
            or doc[i - 2 : i].text.lower() != "to be"
        ):
            return None
        i -= 4
        if i > 0 and doc[i].lower_ == "also":
            i -= 1
        return i if doc[i].lower_ in FORCE_NOUNS else None

    @staticmethod
    def _led_force(doc: Doc, token) -> tuple[str, int] | None:
        """Return (who leads, where the phrase ends) for "US-led air strike",
        "Kurdish-led fighters", "the U.S.-led military", if `token` starts
        such a phrase."""
        leader, _, led = token.lower_.partition("-")
        if leader not in LED_FORCES:
            return None
        i = token.i + 1
        if not led:  # the tokenizer splits "US-led" but not "U.S.-led"
            led = "".join(t.lower_ for t in doc[i : i + 2]).removeprefix("-")
            i += 2
        if led != "led" or i >= len(doc):
            return None
        qualifier = doc[i].lower_ in ("air", "military") and i + 1 < len(doc)
        if qualifier and doc[i + 1].lower_ in LED_NOUNS:
            i += 1  # "US-led air strike", "the US-led military campaign"
        return (LED_FORCES[leader], i + 1) if doc[i].lower_ in LED_NOUNS else None

    @staticmethod
    def _qualified(doc: Doc, token) -> bool:
        """Return whether a bare reference belongs to someone else or a name,
        or tells of a new body rather than referring back to one."""
        if token.i == 0:
            return False
        previous = doc[token.i - 1]
        if previous.lower_ in FOREIGN_QUALIFIERS:
            return True
        if token.lower_ in BODY_NOUNS:
            # "the rebel coalition", "an opposition government": the rebels'
            if previous.lower_ in BARE_REFERENCES:
                return True
            # "form a coalition", "a coalition of rebel groups": a new one
            if any(
                child.dep_ == "det" and child.lower_ in ("a", "an")
                for child in token.children
            ):
                return True
        # "Syrian National Coalition", "Interim Government": part of a name;
        # not "Syrian Islamist rebels", "Jihadist rebels": what they are.
        return (
            previous.is_title
            and previous.tag_ != "JJ"
            and previous.lower_ not in DESCRIPTIVE_WORDS
        )

    def _resolve_anaphora(self, doc: Doc, matches: list[_Match]) -> list[_Match]:
        """Add "the group"-style references to the last armed non-state actor."""
        taken = {i for match in matches for i in range(match.start, match.end)}
        sentence_starts = [s.start for s in doc.sents]
        resolved = list(matches)
        for token in doc:
            if token.lower_ not in ANAPHORS or token.i in taken or token.i == 0:
                continue
            start = self._anaphor_start(doc, token)
            if start is None:
                continue
            words = {t.lower_ for t in doc[start : token.i + 1]}
            kinds = JIHADIST_KINDS if words & JIHADIST_WORDS else ANAPHOR_KINDS
            antecedent = self._antecedent(sentence_starts, resolved, token.i, kinds)
            if antecedent is not None:
                resolved.append(_Match(start, token.i + 1, antecedent))
        resolved.sort(key=lambda m: m.start)
        return resolved

    @staticmethod
    def _anaphor_start(doc: Doc, token) -> int | None:
        """Return where "the (militant) group" starts, or None if not anaphoric.

        A capitalised one that goes on "for" or "of" starts a name: "The
        Organization for the Prohibition of Chemical Weapons".
        """
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if (
            token.text[:1].isupper()
            and after is not None
            and after.lower_ in NAME_LINKS
        ):
            return None
        start = token.i - 1
        if start >= 0 and doc[start].pos_ == "ADJ":
            start -= 1
        if start >= 0 and doc[start].lower_ in ANAPHOR_DETERMINERS:
            return start
        return None

    @staticmethod
    def _antecedent(
        sentence_starts: list[int],
        matches: list[_Match],
        position: int,
        kinds: frozenset[str],
    ) -> RegistryEntry | None:
        """Return the armed non-state actor that a reference at `position` means."""
        current = max(i for i, s in enumerate(sentence_starts) if s <= position)
        window_start = sentence_starts[max(0, current - ANAPHOR_WINDOW_SENTENCES)]
        candidates = [
            match.entry
            for match in matches
            if window_start <= match.start < position
            and not match.entry.is_claimant
            and match.entry.kind in kinds
        ]
        # "The group" in Syria reporting is a jihadist group far more often
        # than a rebel or Kurdish one: prefer the latest jihadist antecedent.
        for entry in reversed(candidates):
            if entry.kind == "jihadist":
                return entry
        return candidates[-1] if candidates else None

    @staticmethod
    def _mention(doc: Doc, match: _Match) -> ActorMention:
        span: Span = doc[match.start : match.end]
        return ActorMention(
            name=match.entry.name,
            kind=match.entry.kind,
            side=match.entry.side,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            is_claimant=match.entry.is_claimant,
        )


@Language.factory("cw_actors")
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp, default_registry())
