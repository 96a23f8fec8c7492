"""Who, where and when for a casualty figure: perpetrator, claimant, place, date.

Each function reads the dependency parse around the figure's trigger word and
picks among the mentions earlier components found in the same sentence. Also
home to `load_casualty_words()`, which reads data/casualty_words.json for this
module and casualties.py (kept here, the module casualties.py imports, so
neither imports the other). Pure: no Django.
"""

import json
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SentSpan

from events.extraction.actors import TERRITORY_SUFFIXES
from events.extraction.types import ActorMention, DateMention, PlaceMatch

WORDS_PATH = Path(__file__).resolve().parent / "data" / "casualty_words.json"


@cache
def load_casualty_words(path: Path = WORDS_PATH) -> dict[str, frozenset[str]]:
    """Return the named word lists of `path` (format: data/README.md)."""
    with path.open(encoding="utf-8") as handle:
        lists = json.load(handle)
    for name, words in lists.items():
        if not isinstance(words, list) or not all(
            isinstance(word, str) and word.split() == [word.lower()] for word in words
        ):
            raise ValueError(
                f"{path.name}: {name!r} is not a list of single lower-case words"
            )
    return {name: frozenset(words) for name, words in lists.items()}


CASUALTY_WORDS = load_casualty_words()
# Verbs whose subject is the killer, not the killed ("militants killed five").
INTRANSITIVE = CASUALTY_WORDS["intransitive_triggers"]
# Verbs of a side losing its own people ("ISIL lost 13 fighters"): the
# subject is the victims' side, not the killer.
LOSS_VERBS = CASUALTY_WORDS["loss_verbs"]
# Verbs whose subject did not kill: "five died", "ISIL lost 13 fighters".
NOT_KILLERS = INTRANSITIVE | LOSS_VERBS
REPORT_VERBS = CASUALTY_WORDS["report_verbs"]
BLAME_VERBS = CASUALTY_WORDS["blame_verbs"]
# Verbs of telling or publishing: a date they take is when a report came
# out, not when its dead were killed ("a statement released Saturday").
RELEASE_VERBS = REPORT_VERBS | CASUALTY_WORDS["release_verbs"]
ATTACK_NOUNS = CASUALTY_WORDS["attack_nouns"]
# "killed during an operation by Turkish forces": who ran it killed
CAMPAIGN_NOUNS = CASUALTY_WORDS["campaign_nouns"]
ATTACK_VERBS = CASUALTY_WORDS["attack_verbs"]
# What ties a toll to the attack told beside it: "killed when jihadists attacked"
ATTACK_CLAUSE_MARKS = frozenset({"when", "as", "after"})
# The words before a place that say it is where the dead were: "in", "at",
# "the town of". Not "near", which names a landmark: "in the town of Jayrud
# near Damascus" is Jayrud.
PLACE_PREPOSITIONS = frozenset({"in", "at"})
# (not "neighbourhood of" or "suburb of", which name the city around it)
SETTLEMENT_NOUNS = frozenset({"town", "village", "city"})
# What an attack phrase aims at ("strikes on army positions") and where it
# struck ("a blast near the headquarters of Ahrar al-Sham").
TARGET_PREPOSITIONS = frozenset("on against at targeting into upon".split())
WHERE_PREPOSITIONS = frozenset("in inside outside near around across".split())
AIMED_AT = TARGET_PREPOSITIONS | WHERE_PREPOSITIONS
PRONOUNS = frozenset("he she it they we i you who which that this".split())
CLAIMING_VERBS = REPORT_VERBS | BLAME_VERBS  # their subject says who did what
VICTIM_DEPS = frozenset("dobj nsubjpass".split())  # whom a trigger counts
# "just hours after a gas attack left dozens dead", "a day after the
# execution of a pilot": what happened that long before (or after) the
# sentence's news is another incident.
TIME_UNITS = frozenset(
    "minute minutes hour hours day days week weeks month months".split()
)
PERIOD_PREPOSITIONS = frozenset("in during over within through".split())
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
PRECISION_RANK = {
    "exact": 0,
    "district": 1,
    "governorate": 2,
    "region": 3,
    "country": 4,
}


@dataclass(frozen=True)
class SentenceContext:
    """What a sentence offers a figure: its span and the mentions inside it."""

    span: SentSpan
    actors: list[ActorMention]
    places: list[PlaceMatch]
    dates: list[DateMention]
    # who "he" is when the sentence says only "he said": who the sentences
    # just before named as telling
    teller_before: str | None = None

    @cached_property
    def other_times(self) -> list[tuple[int, int]]:
        return other_times(self.span)

    def told_with(self, trigger: Token, mentions: list) -> list:
        """Return the `mentions` that tell of the trigger's incident, not of
        one told some time apart ("hours after a gas attack in Khan
        Sheikhun"): see `other_times`."""
        return [
            m
            for m in mentions
            if not told_apart(self.other_times, trigger.idx, m.start)
        ]


def _extent(token: Token, *, doer: bool = False) -> tuple[int, int]:
    """Return the characters of `token`'s phrase, relative clauses left out.

    For a `doer`, what the phrase aimed at is left out too: "a suicide blast
    near the headquarters of Ahrar al-Sham" does not name who set it off.
    """
    left = token.left_edge
    right = token
    for child in token.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl"):
            break
        if doer and child.dep_ == "prep" and child.lower_ in AIMED_AT:
            break
        right = child.right_edge
    return left.idx, right.idx + len(right)


def _mention_in(token: Token, mentions, *, claimant: bool):
    """Return the first mention inside `token`'s phrase, or running into it
    ("[Kurdish Democratic Union Partys] military wing": the parse may leave
    the start of a name out of the phrase)."""
    start, end = _extent(token, doer=not claimant)
    for mention in mentions:
        if (
            mention.is_claimant == claimant
            and mention.start < end
            and mention.end > start
        ):
            return mention
    return None


def _bare_participle(trigger: Token) -> bool:
    """Return whether the trigger is a headline's passive without its
    auxiliary, whose subject is who died: "Al-Nusra Spokesman Son 20
    Terrorists Killed in Idleb Strikes"."""
    return trigger.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in trigger.children
    )


def _agents(trigger: Token) -> list[Token]:
    """Return the tokens that may name who did the killing, best first."""
    agents = _passive_agents(trigger)
    subject = next((c for c in trigger.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is not None and subject.tag_ in ("WDT", "WP"):
        subject = _antecedent(trigger)  # "airstrikes that killed 35 civilians"
    if subject is not None and _object_read_as_subject(trigger):
        subject = subject_of(trigger.head) or subject
    if subject is None and _object_of_modifier(trigger):
        agents.append(trigger.head)
    if subject is None:
        subject = clause_subject(trigger)
    if (
        subject is not None
        and trigger.lemma_ not in NOT_KILLERS
        and not _bare_participle(trigger)
    ):
        agents += [subject, *_done_by(subject)]
    for prep in _cause_preps(trigger):
        for g in prep.children:
            if prep.lower_ == "by":
                agents.append(g)
            elif g.lower_ in ATTACK_NOUNS:
                agents += [g, *_done_by(g)]
            elif g.lemma_ in CAMPAIGN_NOUNS:
                agents += _done_by(g)
    agents += _attackers_told_beside(trigger)
    for agent in list(agents):  # "blamed the coalition for airstrikes that killed"
        if agent.dep_ != "pobj" or agent.head.lower_ != "for":
            continue
        held = agent.head.head
        if held.lemma_ in BLAME_VERBS:
            agents[:0] = [c for c in held.children if c.dep_ == "dobj"]
        elif held.dep_ == "dobj" and held.head.lemma_ in BLAME_VERBS:
            agents.insert(0, held)
    return agents


def _object_read_as_subject(trigger: Token) -> bool:
    """Return whether the parse made the object of the attack before the
    trigger its subject: in "Turkish forces struck Daesh gun emplacements
    ... killing 50 terrorists", the emplacements did not kill; the forces
    did."""
    return trigger.tag_ == "VBG" and trigger.head.lemma_ in ATTACK_VERBS


def dependent(token: Token, relation: str) -> Token | None:
    """Return the token's first dependent in `relation` ("dobj", "pobj"...)."""
    return next((c for c in token.children if c.dep_ == relation), None)


def subject_of(verb: Token) -> Token | None:
    """Return the verb's own subject, if the parse gives it one."""
    return dependent(verb, "nsubj")


def clause_subject(verb: Token) -> Token | None:
    """Return the verb's subject or, for a participle or joined clause
    ("..., killing six", "rocked the city claiming eight"), the subject of
    the verb it hangs from."""
    while True:
        subject = subject_of(verb)
        climbs = verb.dep_ in ("advcl", "xcomp", "conj") and verb != verb.head
        if subject is not None or not climbs:
            return subject
        verb = verb.head


def _object_of_modifier(trigger: Token) -> bool:
    """Return whether the trigger is a past tense that spaCy hung from the
    noun before it, though it takes an object and so is the sentence's
    verb: "a missile fired by Syrian forces killed 18 civilians" parsed as
    forces [who] killed 18; the noun is who killed. A passive modifier
    ("the 18 civilians killed in the strike") has no object, and "...
    targeted ISIL strongholds killing 31" tells what the subject did, not
    the strongholds. Nor who holds a place: "bombardment on a neighbourhood
    controlled by rebels killed five"."""
    if (
        trigger.dep_ != "acl"
        or trigger.tag_ not in ("VBD", "VBN")
        or not any(c.dep_ == "dobj" for c in trigger.children)
    ):
        return False
    held_by = trigger.head.head  # "by" in "controlled by rebels"
    return not (held_by.dep_ == "agent" and held_by.head.lower_ in TERRITORY_SUFFIXES)


CAUSE_PREPOSITIONS = frozenset({"in", "by", "from", "during"})


def _cause_preps(trigger: Token) -> list[Token]:
    """Return the prepositions under the trigger that may say what killed:
    "killed in airstrikes", "killed by the regime". A toll told with the
    wounded may leave them to the last of the two: "135 civilians have been
    killed and hundreds more injured in airstrikes by the Assad regime"."""

    def causes(token: Token) -> list[Token]:
        return [
            c
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in CAUSE_PREPOSITIONS
        ]

    if preps := causes(trigger):
        return preps
    for joined in (c for c in trigger.children if c.dep_ == "conj"):
        told = [joined, *(c for c in joined.children if c.dep_ in ("amod", "acl"))]
        if preps := [p for t in told for p in causes(t)]:
            return preps
    return []


def _attackers_told_beside(trigger: Token) -> list[Token]:
    """Return who attacked in the clause that tells how the dead died: "At
    least 18 people were killed when Islamic State jihadists attacked a
    town". Not a passive ("when their helicopter was shot down"), nor a verb
    that is no attack ("when the army retook the town")."""
    attackers = []
    for clause in told_how(trigger):
        if clause.lemma_ in ATTACK_VERBS:
            attackers += [c for c in clause.children if c.dep_ == "nsubj"]
    return attackers


def told_how(trigger: Token) -> list[Token]:
    """Return the clauses under the trigger that tell how the dead died:
    "when Islamic State jihadists attacked a town", "as warplanes struck"."""
    return [
        clause
        for clause in trigger.children
        if clause.dep_ == "advcl"
        and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in ATTACK_CLAUSE_MARKS
            for c in clause.children
        )
    ]


def _antecedent(trigger: Token) -> Token:
    """Return the noun a relative "that" or "which" stands for as the killer:
    "airstrikes" in "airstrikes that killed", and "a massacre that the
    Red Crescent says killed", past the teller."""
    head = trigger.head
    if trigger.dep_ == "ccomp" and head.lemma_ in REPORT_VERBS and head.dep_ == "relcl":
        return head.head
    return head


def _done_by(noun: Token) -> list[Token]:
    """Return whom the phrase of `noun` says the attack was by: "attacks by
    the Assad regime", "a missile fired by Syrian forces", "strikes allegedly
    carried out by government troops"."""
    done_by = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            done_by += child.children
        elif child.dep_ == "acl":
            done_by += _passive_agents(child)
    return done_by


def _passive_agents(verb: Token) -> list[Token]:
    """Return who a passive verb's "by" names: "forces" in "fired by forces"."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children]


def find_perpetrator(
    trigger: Token, actors: list[ActorMention], victims: tuple[int, int]
) -> str | None:
    """Return the name of the actor who did the killing, if the parse says.

    Not one named among the victims (character offsets `victims`, empty
    when the trigger comes first): in the headline "47 Leaders of Ahrar
    al-Sham Killed" spaCy makes the leaders the subject of "Killed", yet they
    are who died.
    """
    for agent in _agents(trigger):
        mention = _mention_in(agent, actors, claimant=False)
        if mention is not None and not inside_span(*victims, mention):
            return mention.name
    return None


def inside_span(start: int, end: int, mention) -> bool:
    """Return whether `mention` lies within character offsets start..end."""
    return start <= mention.start and mention.end <= end


def _reporter(trigger: Token) -> Token | None:
    """Return the subject of the reporting verb governing `trigger`, if any."""
    for verb in [trigger, *trigger.ancestors]:
        for child in verb.children:
            if (source := _according_to(child)) is not None:
                return source
        if (subject := _reporting_subject(verb)) is not None:
            return subject
    return None


def _according_to(token: Token) -> Token | None:
    """Return X of "according to X" when `token` is its "according"."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = dependent(to, "pobj") if to else None
    return source if source is not None and _may_tell(source) else None


def _reporting_subject(verb: Token) -> Token | None:
    """Return who says or blames, if `verb` is a reporting verb with a subject."""
    if verb.lemma_ not in CLAIMING_VERBS or verb.pos_ != "VERB":
        return None
    # Given two subjects, the parse has lost a clause boundary: "... killed
    # 20 operatives who were plotting attacks abroad US Secretary of Defense
    # Ashton Carter said" has the dead for a subject too.
    subjects = (c for c in verb.children if c.dep_ == "nsubj")
    return next((subject for subject in subjects if _may_tell(subject)), None)


def _may_tell(subject: Token) -> bool:
    """Return whether `subject` may be someone who tells: not a pronoun, an
    attack ("the attack claimed the lives of 12", "air strikes left ...") nor
    people counted ("eight persons", "six others")."""
    return not (
        subject.lower_ in PRONOUNS
        or subject.lower_ in ATTACK_NOUNS
        or subject.like_num
        # "eight persons", "twenty Islamic State operatives"
        or any(t.dep_ == "nummod" for left in subject.lefts for t in left.subtree)
    )


def find_claimant(trigger: Token, context: SentenceContext) -> str | None:
    """Return who reports the figure: a claimant's name, else the reporter's words.

    The parse's reporter of the figure first, then the nearest registered
    source that is not among the dead ("killed 22 Red Crescent volunteers":
    the Red Crescent did not say so), then whoever reports in the sentence.
    """
    claimants = [m for m in context.actors if m.is_claimant]
    reporter = _reporter(trigger)
    if reporter is not None:
        mention = _mention_in(reporter, claimants, claimant=True)
        # The one who says this figure, even if a registered source says
        # another in the same sentence ("media said 22, while the
        # Observatory put the toll at 24").
        return mention.name if mention is not None else _words(reporter)
    victims = [c for c in trigger.children if c.dep_ in VICTIM_DEPS]
    sources = [m for m in claimants if not any(_among(m, v) for v in victims)]
    if sources:
        return nearest(trigger.idx, sources).name
    if context.teller_before is not None:  # '"... 50 others injured" he said'
        return context.teller_before
    reporter = next(
        (
            subject
            for verb in context.span
            if verb.lemma_ in REPORT_VERBS
            and (subject := _reporting_subject(verb)) is not None
        ),
        None,
    )
    return None if reporter is None else _words(reporter)


TELLING_PRONOUNS = frozenset("he she".split())


def told_by_pronoun(sent: SentSpan) -> bool:
    """Return whether a reporting verb of `sent` has "he" or "she" for subject
    (with no reporter of its own, a figure in the sentence is theirs)."""
    return any(
        verb.lemma_ in CLAIMING_VERBS
        and verb.pos_ == "VERB"
        and any(
            c.dep_ == "nsubj" and c.lower_ in TELLING_PRONOUNS for c in verb.children
        )
        for verb in sent
    )


def sentence_teller(sent: SentSpan, actors: list[ActorMention]) -> str | None:
    """Return who `sent` says tells something: the first reporting verb's
    subject ("official Leys al-Faris told Anadolu Agency"), a registered
    source by its name, anyone else by their words."""
    claimants = [m for m in actors if m.is_claimant]
    for verb in sent:
        subject = _reporting_subject(verb)
        if subject is None:
            continue
        mention = _mention_in(subject, claimants, claimant=True)
        if mention is not None:
            return mention.name
        # a person by the whole name, which the parse may have split
        name = next((e for e in person_names(sent) if subject in e), None)
        return name.text.lower() if name is not None else _words(subject)
    return None


def person_names(sent: SentSpan) -> list[SentSpan]:
    """Return the spans of the PERSON entities inside `sent` (unlabelled),
    those `sent.ents` would give: `sent.ents` reads every entity of the
    document again for each sentence, five times as slow over FA-KES."""
    doc, names, i = sent.doc, [], sent.start
    while i < sent.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end <= sent.end and doc[i].ent_type_ == "PERSON":
            names.append(doc[i:end])
        i = end
    return names


def _among(mention: ActorMention, victims: Token) -> bool:
    """Return whether `mention` names whom a figure counts: "22 Red Crescent
    volunteers", "three workers from the White Helmets". Only between the
    count and its noun, or in a "from" right after the noun: a stripped
    comma's parse hangs "... the Observatory said" on the noun too."""
    count = dependent(victims, "nummod")
    if count is None:
        return False
    if count.idx <= mention.start and mention.end <= victims.idx:
        return True
    doc = victims.doc
    after = doc[victims.i + 1] if victims.i + 1 < len(doc) else None
    if after is None or after.lower_ != "from":
        return False
    return after.idx < mention.start < after.right_edge.idx + len(after.right_edge)


def _words(reporter: Token) -> str | None:
    """Return the reporter's phrase in lower case, without its determiner."""
    start, end = _extent(reporter)
    words = reporter.doc.char_span(start, end, alignment_mode="expand")
    first = next((t.i for t in words if t.pos_ != "DET"), None)
    return None if first is None else words.doc[first : words.end].text.lower()


# "the site of a chemical attack", "the scene of a 2013 massacre": a place told
# by what once happened there
PLACE_HISTORY_NOUNS = frozenset({"site", "scene"})


def other_times(sent: SentSpan) -> list[tuple[int, int]]:
    """Return the character spans of the sentence's phrases that tell of
    another incident, some time before or after its own: "At least 19
    people were killed ... just hours after a suspected chemical attack
    left dozens dead in Khan Sheikhun"; or that name a place by what once
    happened there: "around Khan Sheikhun, the site of a deadly April chemical
    attack"."""
    spans = []
    for word in sent[1:]:
        if word.lower_ not in ("after", "before"):
            continue
        time = word.nbor(-1)
        if time.lower_ not in TIME_UNITS:
            continue
        if time.dep_ == "pobj" and time.head.lower_ in PERIOD_PREPOSITIONS:
            continue  # "killed in the days after Palmyra fell": a time, not news
        if word.dep_ == "mark":  # "hours after an attack left dozens dead"
            last = word.head.right_edge
        elif (told := _phrase_told(word)) is not None:
            last = told
        else:
            continue
        spans.append((time.idx, last.idx + len(last)))
    for site in sent:  # "Khan Sheikhun, the site of a deadly April chemical attack"
        if site.lower_ in PLACE_HISTORY_NOUNS and _an_incident_of_its_own(site):
            spans.append((site.idx, site.right_edge.idx + len(site.right_edge)))
    return spans


def _an_incident_of_its_own(site: Token) -> bool:
    """Return whether "the site of ..." names an incident of its own: "a
    deadly attack", "the 2013 massacre", "the regime's chemical attack in
    April"; not "the scene of the bombing", the one being told."""
    told = [g for o in site.children if o.lower_ == "of" for g in o.children]
    return any(
        any(c.lower_ in ("a", "an") for c in noun.children) for noun in told
    ) or (bool(told) and any(t.ent_type_ == "DATE" for t in site.subtree))


def _phrase_told(after: Token) -> Token | None:
    """Return the last word of the phrase "after" heads: its object, with
    what the object's own clauses tell ("days after a bombing that killed
    120"), or the clause the parse missed ("a day after airstrikes on a
    school left 35 dead")."""
    obj = next((c for c in after.children if c.dep_ in ("pobj", "pcomp")), None)
    if obj is None:
        return None
    last = obj
    for child in obj.rights:
        # "days after a chemical attack a woman was killed": no relative
        # word, so the parse wrongly hung the sentence's news on the attack
        if child.dep_ == "relcl" and not any(
            w.tag_ in RELATIVE_TAGS or w.lower_ == "that" for w in child.lefts
        ):
            break
        last = child.right_edge
    following = last.nbor(1) if last.i + 1 < last.sent.end else None
    if following is not None and following.tag_ in FINITE_TAGS:
        last = following.right_edge
    return last


def told_apart(spans: list[tuple[int, int]], one: int, other: int) -> bool:
    """Return whether the characters `one` and `other` lie in different
    incidents: one inside a phrase of `other_times`, the other not (or in
    another such phrase)."""

    def phrase(char: int) -> tuple[int, int] | None:
        return next((s for s in spans if s[0] <= char < s[1]), None)

    return phrase(one) != phrase(other)


def find_place(trigger: Token, context: SentenceContext) -> PlaceMatch | None:
    """Return where the figure happened: the sentence's place after the trigger.

    The most precise wins, then one after "in", "at" or "the town of"
    (not "near", a landmark), then the nearest: "in the town of Mayadeen in
    Deir al-Zor province" is Mayadeen, "in the town of Jayrud near
    Damascus" Jayrud.
    """
    text, offset = context.span.text, context.span.start_char
    # the figure's own incident's places, else those of the one the
    # sentence tells beside it ("The attack in Idlib came a day after air
    # strikes killed 26 people in the province")
    places = context.told_with(trigger, context.places) or context.places
    after = [p for p in places if p.start >= trigger.idx]
    governed = [p for p in after if _told_where(text[: p.start - offset].split()[-2:])]
    for choice in (after, places):
        if choice:
            return min(
                choice,
                key=lambda p: (
                    p.country != "SY",  # a dateline's "Beirut" is not where
                    PRECISION_RANK.get(p.precision, 9),
                    p not in governed,
                    p.start,
                ),
            )
    return None


def _told_where(before: list[str]) -> bool:
    """Return whether the words `before` a place say the dead were there."""
    words = [word.lower() for word in before]
    return bool(words) and (
        words[-1] in PLACE_PREPOSITIONS
        or (len(words) == 2 and words[1] == "of" and words[0] in SETTLEMENT_NOUNS)
    )


def find_date(
    trigger: Token, context: SentenceContext
) -> tuple[DateMention | None, bool]:
    """Return when the figure happened, and whether that is only when it
    was told: the sentence's date nearest the trigger, unless a verb of
    telling takes it ("the monitor said on Sunday"), which serves only when
    the sentence has no other."""
    doc = trigger.doc
    dates = context.told_with(trigger, context.dates)
    told = [d for d in dates if _told_on(doc, d)]
    happened = nearest(trigger.idx, [d for d in dates if d not in told])
    if happened is not None:
        return happened, False
    when = nearest(trigger.idx, told)
    return when, when is not None


def _told_on(doc: Doc, mention: DateMention) -> bool:
    """Return whether the nearest verb above the date is one of telling:
    "a statement released Saturday", "the group said on Monday". Not when
    the date tells of an attack on the way: "IS also claimed an October 2
    bomb attack"."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    for token in span.root.ancestors:
        if token.pos_ == "NOUN" and token.lower_ in ATTACK_NOUNS:
            return False
        if token.pos_ in ("VERB", "AUX"):
            return token.lemma_ in RELEASE_VERBS
    return False


def nearest(position: int, mentions: list):
    """Return the mention that starts closest to `position`, or None."""
    if not mentions:
        return None
    return min(mentions, key=lambda m: abs(m.start - position))
