"""What the event assembler reads: trigger words and a doc's mentions by sentence.

`load_triggers` reads the ACLED trigger lexicon (`data/event_triggers.csv`);
`Context` groups a doc's triggers, actors, places, dates and figures by
sentence; `agent` and `is_target` read who did what to whom off the parse.
"""

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from events.extraction.actors import FORCE_NOUNS
from events.extraction.casualty_links import (
    ATTACK_VERBS,
    BLAME_VERBS,
    LOSS_VERBS,
    NOT_KILLERS,
    TARGET_PREPOSITIONS,
    other_times,
    subject_of,
    told_apart,
)
from events.extraction.chrome import in_chrome
from events.extraction.nlp import doc_text
from events.extraction.types import (
    ActorMention,
    CasualtyFigure,
    DateMention,
    PlaceMatch,
    Span,
)
from events.ingestion.text import dateline_end

TRIGGERS_PATH = Path(__file__).resolve().parent / "data" / "event_triggers.csv"
LEAD_SENTENCES = 2
HEADER_SENTENCES = 4  # where a headline and datelines may stand
# Triggers strong enough to make an event without a casualty figure: attacks
# with weapons, and changes of territory.
MIN_STANDALONE_PRIORITY = 45
# a sentence's act that names a kind of violence ("clashes", "fighting"),
# not the bare "attack" or "offensive" a neighbour's weapon may say better
MIN_NAMED_PRIORITY = 35
# What a sentence does not lend its neighbour's dead: "One was killed on
# Friday. ... the conflict, which started as a peaceful protest movement".
NOT_LENT_TYPES = frozenset({"Strategic developments", "Protests", "Riots"})
# What a group's men and arms are called: "Syrian army units", "Nusra
# terrorists" act as the group does, and so does "a suicide bomber from the
# Nusra Front"; its "spokesman" or "leader" does not.
DOER_NOUNS = FORCE_NOUNS | frozenset(
    "members militants terrorists gunmen gunman men bomber bombers attacker "
    "attackers".split()
)
# What a group is called ("the Jaysh al-Islam group", whose name the parser
# may read as an adjective), and with its men ("the Syrian army units")
ORGANIZATION_NOUNS = frozenset({"group", "organization", "organisation", "movement"})
GROUP_NOUNS = DOER_NOUNS | ORGANIZATION_NOUNS
# What an act told in an adjunct led up to: "evacuated after bombing";
# verbs whose doer also did that act: "rebels stormed the town after shelling"
WHAT_WENT_BEFORE = frozenset({"after", "following", "amid", "despite"})
# Verbs that hit what they take: the act their object's "of" names is the
# other side's ("army units targeted the sources of the shelling")
HIT_VERBS = frozenset(
    "target hit strike attack destroy bomb shell pound bombard raid storm".split()
)
ACT_VERBS = ATTACK_VERBS | frozenset(
    "kill massacre execute capture seize retake recapture overrun storm".split()
)
# "X backed by Y": Y backs what X does, whether Y is an actor ("forces
# backed by Hezbollah") or an attack ("fighters backed by air strikes")
SUPPORT_VERBS = frozenset("back support aid assist help".split())
BACKER_REACH = 6  # words from "by" to the backer's name
BACKER_WORDS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "PART"})
# How a clause hangs from the one whose doer a pronoun may stand for: "said
# it had", "since it seized"
TELLING_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "conj"})
AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "compound", "amod", "poss"})
# No one owned the attack: "no immediate claim of responsibility", "No group
# has claimed responsibility", "No one immediately claimed responsibility".
UNCLAIMED = re.compile(
    r"\bno (?:immediate )?claims? of responsibility\b"
    r"|\bno (?:one|group|faction|party|side)\b[^.]{0,30}?\bclaimed responsibility\b"
    r"|\bnobody (?:has |had )?(?:yet |immediately )?claimed responsibility\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Trigger:
    phrase: str
    event_type: str
    sub_event_type: str
    method: str
    priority: int


@dataclass
class Hit:
    trigger: Trigger
    start: int  # token offsets
    end: int


@cache
def load_triggers(path: Path = TRIGGERS_PATH) -> tuple[Trigger, ...]:
    """Return the trigger lexicon (format: data/README.md)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Trigger(
                phrase=row["phrase"].strip().lower(),
                event_type=row["event_type"].strip(),
                sub_event_type=row["sub_event_type"].strip(),
                method=row["method"].strip(),
                priority=int(row["priority"]),
            )
            for row in csv.DictReader(handle)
        )


@dataclass
class Context:
    """The doc's mentions grouped by sentence."""

    doc: Doc
    sentences: list
    starts: list[int]
    hits: dict[int, list[Hit]]
    actors: dict[int, list[ActorMention]]
    places: dict[int, list[PlaceMatch]]
    dates: dict[int, list[DateMention]]
    figures: list[CasualtyFigure]
    published: date | None
    lead: list[int] = field(default_factory=list)  # the first sentences, no dateline
    # a headline before a dateline, and the lead after it that tells it in full
    headline: int | None = None
    headline_lead: int | None = None
    times_apart: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    # the text says no one claimed the attack: "There was no immediate claim
    # of responsibility", "No group has claimed responsibility"
    unclaimed: bool = False

    @classmethod
    def build(cls, doc: Doc, hits: list[Hit]) -> "Context":
        sentences = list(doc.sents)
        starts = [s.start_char for s in sentences]
        context = cls(doc, sentences, starts, {}, {}, {}, {}, [], doc._.published)
        opening = [_only_a_date(s.text) for s in sentences[:HEADER_SENTENCES]]
        context.lead = [
            i
            for i, date_only in enumerate(opening)
            if not date_only and not in_chrome(starts[i], doc._.chrome)
        ][:LEAD_SENTENCES]
        # "Headline AFP Friday 1 Jul 2016 Lead": the headline tells the lead's
        context.headline = next(
            (
                i - 1
                for i in range(1, len(opening))
                if opening[i] and not opening[i - 1]
            ),
            None,
        )
        if context.headline is not None:
            context.headline_lead = next(
                (i for i in context.lead if i > context.headline), None
            )
        for hit in hits:
            context.hits.setdefault(context.hit_sentence(hit), []).append(hit)
        for attribute, store in (
            ("actors", context.actors),
            ("places", context.places),
            ("dates", context.dates),
        ):
            for mention in _outside_chrome(doc, getattr(doc._, attribute)):
                store.setdefault(context.sentence_of(mention.start), []).append(mention)
        context.figures = _outside_chrome(doc, doc._.casualties)
        context.unclaimed = UNCLAIMED.search(doc_text(doc)) is not None
        return context

    def sentence_of(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def same_telling(self, index: int, other: int) -> bool:
        """Return whether two sentences tell one thing: the same sentence, or
        a headline and the lead that follows its dateline."""
        return index == other or (
            self.headline_lead is not None
            and {index, other} == {self.headline, self.headline_lead}
        )

    def apart(self, one: int, other: int) -> bool:
        """Return whether the characters `one` and `other` of a sentence tell
        of different incidents: "19 people were killed ... just hours after
        a chemical attack left dozens dead" (see casualty_links.other_times)."""
        index = self.sentence_of(one)
        if index not in self.times_apart:
            self.times_apart[index] = other_times(self.sentences[index])
        return told_apart(self.times_apart[index], one, other)

    def span_of(self, index: int) -> Span:
        sentence = self.sentences[index]
        return Span(sentence.start_char, sentence.end_char, sentence.text.strip())

    def hits_in(self, index: int) -> list[Hit]:
        return self.hits.get(index, [])

    def best_hit(
        self, index: int, lent: bool = True, at: int | None = None
    ) -> Hit | None:
        """Return the strongest trigger around sentence `index`.

        Nearby sentences count too (the toll often follows the attack), and
        when they only say "attack" or "fighting", the lead's weapon does.
        Not `lent` (other dead than the neighbour's), a sentence that names
        its own kind of violence keeps it. Given the character `at` where
        the event's toll is told, the sentence's acts of another incident
        ("hours after a chemical attack") are left out.
        """
        own = self.acts_told_with(at, self.hits_in(index))
        # The sentence's own weapon first: "raids on al-Baghuz" stay raids
        # though the sentence before fired missiles elsewhere.
        best = strongest(own)
        if (
            best is not None
            and not lent
            and best.trigger.priority >= MIN_NAMED_PRIORITY
        ):
            return best
        if best is None or best.trigger.priority < MIN_STANDALONE_PRIORITY:
            # a neighbour lends its act, not its truce, arrests or protests
            nearby = own + [
                h
                for o in (-1, 1)
                for h in self.hits_in(index + o)
                if h.trigger.event_type not in NOT_LENT_TYPES
            ]
            best = strongest(nearby)
        lead = self.acts_told_with(at, self.lead_hits())
        if best is None or best.trigger.priority < MIN_STANDALONE_PRIORITY:
            lead_best = strongest(lead)
            if lead_best and lead_best.trigger.priority >= MIN_STANDALONE_PRIORITY:
                return lead_best
        # "the bombing" after a lead's "double suicide bombing" is that one
        return strongest([h for h in lead if _names_more_closely(h, best)]) or best

    def lead_hits(self) -> list[Hit]:
        """Return the triggers of the article's lead (its first sentences)."""
        return [h for i in self.lead for h in self.hits_in(i)]

    def same_kind_hits(self, sub_event_type: str) -> list[Hit]:
        """Return every trigger of `sub_event_type` in the article, in order."""
        return [
            hit
            for index in sorted(self.hits)
            for hit in self.hits[index]
            if hit.trigger.sub_event_type == sub_event_type
        ]

    def belligerents(self, index: int) -> list[ActorMention]:
        return [a for a in self.actors.get(index, []) if not a.is_claimant]

    def hit_char(self, hit: Hit) -> int:
        """Return the character offset where `hit` starts."""
        return self.doc[hit.start].idx

    def hit_sentence(self, hit: Hit) -> int:
        """Return the index of the sentence `hit` stands in."""
        return self.sentence_of(self.hit_char(hit))

    def acts_told_with(self, at: int | None, hits: list[Hit]) -> list[Hit]:
        """Return the `hits` that may tell of the incident told at character
        `at`: all but the acts of its sentence told some time apart from it
        (see `apart`); all of them when `at` is None."""
        if at is None:
            return hits
        index = self.sentence_of(at)
        return [
            h
            for h in hits
            if self.hit_sentence(h) != index or not self.apart(at, self.hit_char(h))
        ]

    def doer_of(self, hit: Hit) -> ActorMention | None:
        """Return who did the act at `hit`, among its sentence's doers (not
        those of another incident it tells of)."""
        at = self.hit_char(hit)
        doers = self.doers(self.hit_sentence(hit))
        return agent(self.doc, hit, [a for a in doers if not self.apart(at, a.start)])

    def doers(self, index: int) -> list[ActorMention]:
        """Return the belligerents of sentence `index` that may have done
        its act: not those a toll counts ("175 Nusra Terrorists Killed")."""
        return [a for a in self.belligerents(index) if not self.counted(a)]

    def counted(self, actor: ActorMention) -> bool:
        """Return whether `actor` names the dead or wounded a figure counts:
        "175 Nusra Terrorists Killed", "shoot dead six ISIS suicide bombers",
        "20 members of the Islamic State were killed"."""
        span = self.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None:
            return False
        noun = span.root
        while noun.dep_ in ("compound", "amod", "nmod", "conj") or (
            noun.dep_ == "pobj" and noun.head.lower_ == "of"
        ):
            noun = noun.head if noun.dep_ != "pobj" else noun.head.head
        numbers = [c.idx for c in noun.children if c.dep_ == "nummod"]
        return any(f.start <= i < f.end for f in self.figures for i in numbers)

    def places_in(self, index: int) -> list[PlaceMatch]:
        return self.places.get(index, []) if index >= 0 else []

    def syrian_places(self, index: int) -> list[PlaceMatch]:
        return [p for p in self.places_in(index) if p.country == "SY"]

    def has_totals(self, index: int) -> bool:
        """Return whether sentence `index` gives a cumulative figure."""
        return any(
            f.cumulative and self.sentence_of(f.start) == index for f in self.figures
        )

    def dates_in(self, index: int) -> list[DateMention]:
        return self.dates.get(index, []) if index >= 0 else []


def _outside_chrome(doc: Doc, mentions) -> list:
    """Return the mentions outside page chrome: other stories' headlines and
    a keyword list ("Tags Syria Islamic State") tell of no incident of ours."""
    return [m for m in mentions or () if not in_chrome(m.start, doc._.chrome)]


def _names_more_closely(hit: Hit, other: Hit | None) -> bool:
    """Return whether `hit` names `other`'s act more closely: "suicide
    bombing" for "bombing", "car bomb" for "bomb"."""
    if other is None:
        return False
    phrase, word = hit.trigger.phrase, other.trigger.phrase
    return phrase != word and phrase.endswith(" " + word)


# The data file's blame verbs, and "held the regime responsible".
ACCUSING_VERBS = BLAME_VERBS | {"hold"}
# their subject did not strike: "blamed", "lost 13 fighters", "died"
NOT_ACTING_VERBS = ACCUSING_VERBS | NOT_KILLERS


def _only_a_date(text: str) -> bool:
    """Return whether a sentence is a dateline and nothing else."""
    text = text.strip()
    end = dateline_end(text)
    return end is not None and not text[end:].strip()


def strongest(hits: list[Hit]) -> Hit | None:
    """Return the hit of the highest priority, the first among equals."""
    return max(hits, key=lambda h: h.trigger.priority, default=None)


def agent(doc: Doc, hit: Hit, actors: list[ActorMention]) -> ActorMention | None:
    """Return the actor the parse makes the agent of the trigger at `hit`.

    The act's own words come first: in "air strikes kill 70 people after
    rebel rocket attack" the rocket attack is the rebels', not the subject's.
    Then the clause's doer, unless the act only led up to its deed
    ("evacuated by rebels after bombing"), then whom a pronoun stands for.
    Who is named as backing another ("forces backed by Hezbollah") gives way
    to the one backed.
    """
    head = doc[hit.start : hit.end].root
    verb = next((t for t in (head, *head.ancestors) if t.pos_ in {"VERB", "AUX"}), None)
    if verb is not None and verb.dep_ == "pcomp" and verb.head.lower_ == "of":
        accusing = verb.head.head
        if accusing.dep_ == "dobj":
            accusing = accusing.head  # the parser may hang "of" on the accused
        if accusing.lemma_ in ACCUSING_VERBS:
            verb = accusing  # "accused X of launching a gas attack": "accused"
    spans = [
        (actor, span)
        for actor in actors
        if (span := doc.char_span(actor.start, actor.end, alignment_mode="expand"))
    ]
    found = _named_with_the_act(hit, head, spans) or _blamed_by_its_words(head, spans)
    if (
        found is None
        and verb is not None
        and not _what_went_before(head, verb)
        and not _what_was_hit(head, verb)
    ):
        found = _doer_of_the_clause(verb, spans) or _pronoun_stands_for(verb, spans)
    return _backed_by(doc, found, spans) or found


def _backed_by(doc: Doc, backer: ActorMention | None, spans) -> ActorMention | None:
    """Return the actor `backer` is named as backing: "Damascus government
    forces backed by the Lebanese group Hezbollah seized areas", which the
    parser may make Hezbollah's deed."""
    named = backer and doc.char_span(backer.start, backer.end, alignment_mode="expand")
    if not named:
        return None
    by = named.start - 1
    while (
        by > 0
        and named.start - by <= BACKER_REACH
        and (doc[by].pos_ in BACKER_WORDS or doc[by].lower_ in ("and", ","))
    ):
        by -= 1  # "by its Lebanese ally Hezbollah"
    if by < 1 or doc[by].lower_ != "by" or doc[by - 1].lemma_ not in SUPPORT_VERBS:
        return None
    backed = doc[by - 1]
    for actor, span in spans:
        between = doc[span.end : backed.i]
        if span.end <= backed.i and all(
            t.lower_ in GROUP_NOUNS or t.is_punct for t in between
        ):
            return actor  # "Syrian troops backed by", "government forces, backed by"
    return None


def _what_went_before(head, verb) -> bool:
    """Return whether the act at `head` is only what led up to the clause's
    deed: in "Daraya was evacuated by rebels after relentless bombing" the
    rebels left, the bombing was not theirs. An attack verb's act is its
    doer's ("rebels stormed the town after heavy shelling")."""
    if verb.lemma_ in ACT_VERBS:
        return False
    return any(
        t.dep_ == "pobj" and t.head.lower_ in WHAT_WENT_BEFORE
        for t in (head, *head.ancestors)
        if t != verb and verb in t.ancestors
    )


def _what_was_hit(head, verb) -> bool:
    """Return whether the act at `head` is named in what the clause's deed
    hit: in "Army units then targeted the sources of the shelling", the
    shelling was not the army's."""
    if verb.lemma_ not in HIT_VERBS:
        return False
    for token in (head, *head.ancestors):
        if token == verb:
            return False
        of = token.head
        if token.dep_ == "pobj" and of.lower_ == "of" and of.head.dep_ == "dobj":
            return of.head.head == verb
    return False


def _named_with_the_act(hit: Hit, head, spans) -> ActorMention | None:
    """Return the actor named in the act's own words: "regime shelling",
    "coalition airstrikes", "the regime's shelling", "strikes by Russia"."""
    for actor, span in spans:
        root = span.root
        if (
            (span.start < hit.end and hit.start < span.end)  # they share words
            or span.end == hit.start
            or (root.head == head and root.dep_ in AGENT_DEPS)
            or _by(root, head)
        ):
            return _first_conjunct(actor, root, spans)
    return None


def _blamed_by_its_words(head, spans) -> ActorMention | None:
    """Return whom a participle hung on the act blames: "killed in a
    chemical attack in Idlib blaming the Syrian army for the incident"."""
    for child in _head_noun(head).children:  # "attack" of "chemical weapon attack"
        if child.dep_ == "acl" and child.lemma_ in BLAME_VERBS:
            for actor, span in spans:
                root = _doers_phrase(span.root)
                if root.head == child and root.dep_ == "dobj":
                    return actor
    return None


def _doer_of_the_clause(verb, spans) -> ActorMention | None:
    """Return the clause's doer ("X struck", "carried out by X") or whom it
    blames ("blamed X for airstrikes"); not "X lost 13 fighters"."""
    for actor, span in spans:
        root = _doers_phrase(span.root)
        if _by(root, verb):
            return actor
        if root.head != verb:
            continue
        if verb.lemma_ in ACCUSING_VERBS and root.dep_ == "dobj":
            return actor
        acting = verb.lemma_ not in NOT_ACTING_VERBS
        if acting and root.dep_ in {"nsubj", "agent"}:
            return actor
    if verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        # "the Syrian army continued to push ISIS back": who continued; "the
        # SDF was able to make an advance, taking full control": who made it
        head = verb.head
        if head.dep_ == "acomp":
            head = head.head  # "was able to"
        return _doer_of_the_clause(head, spans)
    return None


def _doers_phrase(root):
    """Return the head of the phrase naming a group's men: "units" of "the
    Syrian army units", "Militants" of "Militants of the Jaysh al-Islam
    terrorist group"."""
    while (root.dep_ == "compound" and root.head.lower_ in GROUP_NOUNS) or (
        root.dep_ == "amod" and root.head.lower_ in ORGANIZATION_NOUNS
    ):
        root = root.head  # "the Syrian army units", "the Jaysh al-Islam group"
    head = _head_noun(root)  # past other words: "a Syrian rebel Islamist group"
    if head.lower_ in ORGANIZATION_NOUNS:
        root = head
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in ("of", "from")
        and root.head.head.lower_ in DOER_NOUNS
    ):
        root = root.head.head  # "Militants of the group"
    return root


def _head_noun(word):
    """Return the noun that `word` modifies, past the other modifiers before
    it: "attack" for the "chemical" of "a chemical weapon attack"."""
    while word.dep_ in ("compound", "amod", "nmod") and word.head.i > word.i:
        word = word.head
    return word


def _pronoun_stands_for(verb, spans) -> ActorMention | None:
    """Return whom a pronoun subject stands for: the doer of the clause that
    tells of it ("The coalition, which launched an air war against IS, said
    it had carried out strikes"; "Islamic State ... has made gains since it
    seized Mosul"), else the last actor named before it ("Before government
    forces left Idlib they executed 15 detainees")."""
    subject = subject_of(verb)
    if subject is None or subject.lower_ not in {"they", "it"}:
        return None
    clause = verb
    while clause.dep_ in TELLING_CLAUSE_DEPS and clause.head != clause:
        clause = clause.head
        doer = subject_of(clause)
        for actor, span in spans:
            if doer is not None and _doers_phrase(span.root) == doer:
                return actor
    before = [actor for actor, span in spans if span.end <= subject.i]
    return before[-1] if before else None


def _by(root, token) -> bool:
    """Return whether `root` is the "by" agent of `token`."""
    return root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head == token


def _first_conjunct(actor, root, spans) -> ActorMention:
    """Return the first named of coordinated doers: "Syrian regime or Russian
    warplanes" is the regime's first."""
    while root.dep_ == "conj":
        root = root.head
        actor = next((a for a, span in spans if span.root == root), actor)
    return actor


def is_target(doc: Doc, actor: ActorMention) -> bool:
    """Return whether the parse makes `actor` what was hit ("ISIS positions")."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "dobj" and root.head.lemma_ in BLAME_VERBS:
        return False  # whom they blame: "blaming the Syrian army"
    if root.dep_ in {"dobj", "nsubjpass"}:
        return True
    if root.dep_ == "nsubj" and root.head.lemma_ in LOSS_VERBS:
        return True  # "the Kurds lost three fighters"
    if root.dep_ == "pobj" and root.head.lower_ in TARGET_PREPOSITIONS:
        return True
    # "an ISIS prison", "ISIS positions": the actor names what was struck.
    return root.dep_ in {"compound", "poss"} and root.head.dep_ in {
        "dobj",
        "nsubjpass",
        "pobj",
    }
