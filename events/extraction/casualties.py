"""cw_casualties: numbers of people killed, injured, displaced, detained, missing.

`find_figures(sent)` reads one sentence and returns `Figure`s: a number linked
to a casualty trigger through the dependency parse (or, failing that, a short
window in the same clause), as casualty_triggers.py finds it. The
`cw_casualties` component turns them into `types.CasualtyFigure`s with the
perpetrator, claimant, place and date of the sentence (casualty_links.py) and
sets doc._.casualties. Numbers are parsed by numbers.py; the word lists are
data/casualty_words.json. Pure: no Django.

Decisions:
- "people" count as PEOPLE_VICTIMS ("civilians"), as FA-KES labels them.
- A bare count ("killing six", "the toll at 24") has victims "unknown".
- One person told of singly ("a child was killed", "killing an ISIS
  commander", "killing the commander Abu Taha") is a figure of one, marked
  `single`; beside a toll, the event counts it as one of the dead (events.py),
  not as a rival count. A bare name does not say who died, so it is no figure.
- "millions more displaced" is a displaced figure (low 2,000,000) that takes
  the victims of the figure before it; like every figure, it is cumulative
  when its clause gives a period ("since 2011"), as dates.is_period() judges.
- "since Saturday", "over the past 24 hours" date one battle's toll: not
  cumulative. A whole year ("in 2016"), "in total", "the total number of"
  are, and "a total of" in the present perfect ("a total of 43 civilians
  have been killed").
- "Dozens", "scores", "several hundred" are `vague`: the event counts them
  only when no claim gives a number.
- A toll the report has since updated ("had initially given a toll of 22")
  is marked `superseded`: still a claim, not counted in the event's bounds.
- A toll told in parts ("11 soldiers and 17 rebels were killed", "29 fighters
  were killed along with six jihadists") adds a figure for the sum (victims
  "mixed" when civilians and combatants); the parts, and breakdowns such as
  "including 4 children", are marked part_of_total and events count the total.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SentSpan

from events.extraction.casualty_links import (
    ATTACK_NOUNS,
    CAMPAIGN_NOUNS,
    INTRANSITIVE,
    LOSS_VERBS,
    REPORT_VERBS,
    SentenceContext,
    dependent,
    find_claimant,
    find_date,
    find_perpetrator,
    find_place,
    inside_span,
    load_casualty_words,
    person_names,
    sentence_teller,
    subject_of,
    told_by_pronoun,
    told_how,
)
from events.extraction.casualty_triggers import (
    CLAIM,
    DISPLACED,
    INCLUDING,
    INJURED,
    KILLED,
    KILLED_OR_INJURED,
    PEOPLE_OBJECT_VERBS,
    PERIOD_NOUNS,
    PERSON_NOUNS,
    QUANT_HEADS,
    TAKEN,
    TOLL_NOUNS,
    TRIGGERS,
    active_verb,
    companion_joint,
    companions_leader,
    counted_noun,
    dep_trigger,
    family_of,
    more_after,
    not_a_count,
    noun_chain,
    number_root,
    objects_of,
    part_of_toll,
    tallied_noun,
    trigger_kind,
    verb_of,
    window_trigger,
)
from events.extraction.dates import WEEKDAYS, is_period

# Number and parse_numbers are part of this module's interface (tests import them).
from events.extraction.nlp import doc_text
from events.extraction.numbers import VAGUE, Number, parse_numbers
from events.extraction.types import CasualtyFigure, Span

# FA-KES labels "a bomb blast killed six people" as six civilians: in the dev set
# 100 "N people killed" figures equal nb_civilians and 3 equal nb_noncivilians.
PEOPLE_VICTIMS = "civilians"
REMAINS = frozenset({"bodies", "corpses"})  # "65 bodies of civilians"
CUMULATIVE_MIN_KILLED = 10_000  # a toll this large is a running total
CUMULATIVE_MIN_KILLED_SO_FAR = 1_000  # ... or this large, "have been killed"
# no one attack wounds this many: "the war has ... wounded at least 1 million"
CUMULATIVE_MIN_INJURED = 10_000
# the whole war: "killed in the Syrian conflict"
WAR_NOUNS = frozenset("war conflict uprising insurgency crisis".split())

WORDS = load_casualty_words()
CIVILIAN_NOUNS = WORDS["civilian_nouns"]
PEOPLE_NOUNS = WORDS["people_nouns"]
COMBATANT_NOUNS = WORDS["combatant_nouns"]
UNCLASSED_NOUNS = WORDS["unclassed_nouns"]  # "33 young men": who they were is unsaid
CIVILIAN_GROUPS = WORDS["civilian_groups"]
HOUSEHOLDS = WORDS["household_nouns"]  # "2,000 families fled"; not six dead
DETAILS = dict.fromkeys(WORDS["children_nouns"], "children")
DETAILS |= dict.fromkeys(WORDS["women_nouns"], "women")
MIXED_PARTS = COMBATANT_NOUNS | {"civilians", "civilian"}
EARLIER = WORDS["earlier_words"]  # "had initially given a toll of 22"
TELLING_VERBS = REPORT_VERBS | {"give"}  # "... had initially given a toll of 22"

NEGATIONS = frozenset("not no without nor".split())  # "not a single civilian"
CLAUSE_BREAKS = frozenset("; while whereas".split())
TOTAL_CUES = re.compile(
    r"\bin total\b|\boverall\b|\btotal (?:death )?toll\b|"
    r"\btotal number\b|"  # "brought the total number of soldiers killed to 18"
    # many attacks told as one: "21 people were killed in such attacks"
    r"\bin such (?:attacks|strikes|raids|bombings|incidents|blasts)\b|"
    r"\btoll since\b|\bcumulative\b|\baltogether\b|"
    r"\b(?:this|that|last) (?:week|month|year) alone\b|"  # "in this month alone"
    # "the two-week-old battle has cost", "the ongoing bombing campaign",
    # "in the escalating bombing campaign"
    r"\b(?:\w+-(?:day|week|month|year)-old|(?:ongoing|escalating|relentless)"
    r"(?: \w+)?) (?:battle|offensive|campaign|siege|war|conflict|fighting)\b|"
    r"\b(?:in|during|throughout) (?:19|20)\d\d\b|"  # a whole year: "killed in 2016"
    # days on end: "Seven days of airstrikes had left 75 civilians dead"
    r"\b(?:three|four|five|six|seven|eight|nine|ten|several|\d+) days of\b|"
    r"\b(?:\w+ )?(?:weeks|months|years) of (?:\w+ )?(?:air ?strikes|raids|bombing|"
    r"bombings|shelling|bombardment|fighting|clashes|attacks)\b|"
    r"\b(?:each|every|per) (?:day|week|month)\b|"  # a rate: "dozens killed each day"
    # a campaign's length: "on the forty-fifth consecutive day", "for 12 straight days"
    r"\b(?:consecutive|straight) (?:days?|weeks?|months?)\b"
)
PERIOD_LEADS = frozenset(
    "since between from so during throughout over in within for".split()
)
# "since Saturday" dates a battle's tally, not a running total of the war.
SHORT_SINCE = re.compile(
    r"^since (?:(?:early|late|last|this) )?(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|yesterday|dawn|morning|midnight|the (?:morning|"
    r"evening|weekend|attack|strike|blast|explosion|bombing))\b"
)
# is_period() takes "during the past 24 hours" for a span; it dates a day's toll.
SHORT_SPAN = re.compile(
    r"^\w+ the (?:past|last|previous) (?:(?:24|48|72|twenty-four|few) hours|day|"
    r"night|two days)\b"
)
# "last month", "this year", "in the past year": a whole month or year ...
WHOLE_PERIOD_MARKS = frozenset("last this past previous".split())
# ... of attacks named by no count noun in the singular: "fire", "shelling"
MASS_ATTACK_NOUNS = frozenset("fire shelling bombardment".split())
RELATIVE_PRONOUNS = frozenset("that which".split())
SUPERLATIVE = re.compile(
    r"\b(?:deadliest|bloodiest|worst|heaviest|biggest|largest|highest|first|most)\b"
)


@dataclass(frozen=True)
class Figure:
    """One casualty figure of a sentence; offsets index doc.text.

    `trigger` is the doc index of the casualty word; `detail` is "children" or
    "women"; `side` is whose combatants they were, when the phrase says.
    """

    kind: str
    low: int | None
    high: int | None
    victims: str
    cumulative: bool
    start: int
    end: int
    text: str
    trigger: int
    detail: str | None = None
    side: str | None = None
    part_of_total: bool = False
    single: bool = False
    vague: bool = False


# --- victims and periods -------------------------------------------------------


def _victim_noun(root: Token, noun: Token | None) -> Token | None:
    """Return the noun that says who the counted were: "civilians" in "65
    civilians", "65 bodies of civilians" and "the number of civilians"."""
    if noun is not None and noun.lower_ not in QUANT_HEADS | REMAINS:
        return noun
    holder = noun if noun is not None else root
    for child in holder.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return dependent(child, "pobj")
    return None


NOUN_LOOKAHEAD = 4


def _noun_after(doc: Doc, number: Number) -> Token | None:
    """Return a victim noun a few words after the number the parse left alone.

    Headlines parse badly: in "kill 8 IS group militants" the count is not
    attached to "militants", but the noun that follows it is what it counts.
    """
    for token in doc[number.last + 1 : number.last + 1 + NOUN_LOOKAHEAD]:
        if token.is_punct or (
            token.pos_ in {"VERB", "AUX", "ADP", "CCONJ"} and not token.is_upper
        ):
            return None  # an acronym ("IS") mis-tagged as a verb does not stop it
        if token.like_num or active_verb(token):
            return None  # "Kills 3 Wounds 20 Militants": the next count's noun
        if token.lower_ in PERSON_NOUNS:
            return token
    return None


def _victims(noun: Token | None, actors) -> tuple[str, str | None, str | None]:
    """Return (victims, detail, side) for the counted noun."""
    if noun is None:
        return "unknown", None, None
    found = _victim_class(noun, actors)
    if found[0] != "unknown":
        # "troops and state employees" with one number: not all were fighters
        others = {_victim_class(c, actors)[0] for c in _uncounted_conjuncts(noun)}
        if others & {"civilians", "combatants"} - {found[0]}:
            return "mixed", None, None
        return found
    head = noun.head  # "two Syrian activists" parsed as "two Syrian" + "activists"
    if noun.dep_ in ("compound", "amod", "nmod") and head.i > noun.i:
        return _victim_class(head, actors)
    for conj in noun.children:  # "70 regime and rebel fighters"
        if conj.dep_ == "conj" and not any(c.dep_ == "nummod" for c in conj.children):
            return _victim_class(conj, actors)
    return found


def _uncounted_conjuncts(noun: Token) -> list[Token]:
    """Return the nouns joined to `noun` by "and" that the same number counts:
    "troops and employees"; not "11 soldiers and 17 rebels", nor "12 fighters
    and (members of) their families", a phrase of its own."""
    return [
        conj
        for conj in noun.children
        if conj.dep_ == "conj"
        and not any(c.dep_ == "nummod" for c in conj.children)
        and not any(t.dep_ in ("det", "poss") for t in conj.subtree)
    ]


def _victim_class(noun: Token, actors) -> tuple[str, str | None, str | None]:
    text = noun.lower_
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
    words = {c.lower_ for c in modifiers}
    armed = _armed_group(noun, actors) if text in MEMBER_NOUNS else None
    if armed is not None and not words & CIVILIAN_GROUPS:
        # "members of the NDF", "people of a local armed group"
        return "combatants", None, _side(armed, actors)
    if text in ("members", "member"):
        groups = {w.lower_ for g in objects_of(noun, {"of"}) for w in (g, *g.children)}
        owner = _possessor(noun)
        if owner is not None:  # "the volunteer group said two of its members"
            groups |= {w.lower_ for w in (owner, *owner.children)}
        if (words | groups) & CIVILIAN_GROUPS:  # "family members", "members of staff"
            return "civilians", None, None
    if text in CIVILIAN_NOUNS or "civilian" in words:
        return "civilians", DETAILS.get(text), None
    if text in PEOPLE_NOUNS:
        if _aboard_military_aircraft(noun) or _fighters_either_way(noun, actors):
            return "combatants", None, None
        parts = {g.lower_ for g in objects_of(noun, INCLUDING)}
        # "82 people including 58 civilians": not all are
        if parts & MIXED_PARTS or _not_all_civilians(noun, actors):
            return "unknown", None, None
        return PEOPLE_VICTIMS, None, None
    if text in COMBATANT_NOUNS or noun.lemma_ in COMBATANT_NOUNS:
        if words & UNPROVEN:  # "executed 48 alleged rebels": who they were is a claim
            return "unknown", None, None
        return "combatants", None, _side(noun, actors)
    group = _group_named(noun, actors)
    if group is not None:  # "killed 35 Daesh": the group's fighters
        return "combatants", None, group.side
    if text in UNCLASSED_NOUNS and _fighters_either_way(noun, actors):
        return "combatants", None, None
    return "unknown", None, None


UNPROVEN = frozenset({"alleged", "suspected"})

AIRCRAFT = frozenset(
    "helicopter helicopters chopper choppers warplane warplanes jet jets "
    "aircraft plane planes".split()
)
NOT_MILITARY = frozenset("civilian passenger passengers cargo commercial".split())


def _aboard_military_aircraft(people: Token) -> bool:
    """Return whether the people counted were on board an aircraft the
    sentence names, not a civilian one: "A Russian military helicopter was
    shot down ... killing all five people on board" counts its crew and
    officers, who are military. A sentence that names no aircraft ("all
    five people on board were assumed dead") counts people as any other."""
    sentence = people.sent
    aboard = any(
        t.lower_ == "aboard" or (t.lower_ == "board" and t.head.lower_ == "on")
        for t in sentence
    )
    return aboard and any(
        t.lower_ in AIRCRAFT and not {c.lower_ for c in t.children} & NOT_MILITARY
        for t in sentence
    )


MEMBER_NOUNS = PEOPLE_NOUNS | {"member", "members"}
ARMED_GROUP_WORDS = frozenset({"armed", "militia", "militias"})


def _armed_group(noun: Token, actors) -> Token | None:
    """Return the armed group that "members of" or "people of" names: a
    belligerent ("the National Defence Forces"), fighters ("members of the
    forces") or an armed group ("a local armed group"). The Civil Defence and
    the Red Crescent are not belligerents."""
    for group in objects_of(noun, {"of"}):
        words = {group.lower_} | {c.lower_ for c in group.children}
        if (
            _belligerent_at(group, actors) is not None
            or group.lower_ in COMBATANT_NOUNS
            or words & ARMED_GROUP_WORDS
        ):
            return group
    return None


UNSURE_WHO = re.compile(
    r"\bwhether (?:they|the dead|the victims) were (?:civilians|fighters)"
)
OF_THEM = frozenset({"them", "whom"})
# words that open a phrase about some of the people counted: "mostly rebels"
PORTION = frozenset(
    "most mostly mainly largely many majority half some predominantly".split()
)
LOOKAHEAD = 6
LATER_SENTENCES = 3  # how far on "the victims included fighters" may come
VICTIM_NOUNS = frozenset({"victims", "casualties", "dead"})


def _not_all_civilians(noun: Token, actors) -> bool:
    """Return whether the words after "N people" say some were fighters, or
    that no one knows: "23 people, most of them from Ahrar al-Sham", "17
    people, mostly members of opposition groups", "24 other people, without
    specifying whether they were civilians"; or whether a sentence after it
    says so (_fighters_among_victims_later)."""
    doc, sent = noun.doc, noun.sent
    if UNSURE_WHO.search(doc[noun.i : sent.end].text.lower()):
        return True
    after = doc[noun.i + 1 : min(noun.i + 1 + LOOKAHEAD, sent.end)]
    opener = next((t for t in after if _opens_portion(t)), None)
    if opener is None:
        # "left 270 people dead including soldiers": the parse may hang the
        # breakdown on the verb
        named = [
            who
            for token in after
            if token.lower_ == "including"
            for part in token.children
            if part.dep_ == "pobj"
            for who in (part, *part.conjuncts)
        ]
    else:
        named = []
        for token in doc[opener.i + 1 : min(opener.i + 1 + LOOKAHEAD, sent.end)]:
            if token.pos_ in ("VERB", "AUX"):  # "one of them a child killed in ..."
                break
            if token.pos_ in ("NOUN", "PROPN"):
                named.append(token)
    return _any_fighter(named, actors) or _fighters_among_victims_later(sent, actors)


def _fighters_among_victims_later(sent: SentSpan, actors) -> bool:
    """Return whether one of the next few sentences says fighters were among
    the dead: "At least 29 people were killed ... the casualties included
    fighters from the Free Syrian Army", "Twelve children and 11 fighters were
    among the dead", "Four Kurdish militiamen and 11 jihadists made up the
    rest of the dead"."""
    return any(
        dead.lower_ in VICTIM_NOUNS and _names_fighters(dead, actors)
        for later in _sentences_after(sent)
        for dead in later
    )


def _sentences_after(sent: SentSpan) -> Iterator[SentSpan]:
    """Yield the next LATER_SENTENCES sentences after `sent`, as far as the
    text goes."""
    doc = sent.doc
    for _ in range(LATER_SENTENCES):
        if sent.end >= len(doc):
            return
        sent = doc[sent.end].sent
        yield sent


def _names_fighters(dead: Token, actors) -> bool:
    """Return whether the clause that says who "the dead" were names fighters
    among them: the nouns of its subject or object ("Four Kurdish militiamen
    and 11 jihadists"), not the words about the dead nor a clause inside
    ("civilians in the town, which fell to insurgents")."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "those") for c in dead.children):
        return False
    verb = next((a for a in dead.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    named = [
        noun
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and dead not in c.subtree
        for noun in (c, *c.conjuncts, *(a for a in c.children if a.dep_ == "appos"))
    ]
    return _any_fighter(named, actors)


def _fighters_either_way(noun: Token, actors) -> bool:
    """Return whether the text, in the figure's sentence or one of the next
    few, doubts only which side the dead fought on: "its not clear who the
    men were and whether they were Syrian troops or rebels" (fighters either
    way); not "whether they were civilians or fighters"."""
    for sent in (noun.sent, *_sentences_after(noun.sent)):
        for whether in sent:
            if whether.lower_ == "whether" and whether.i > noun.i:
                sides = _sides_doubted(whether, noun)
                if sides and all(_fighters(side, actors) for side in sides):
                    return True
    return False


def _sides_doubted(whether: Token, counted: Token) -> list[Token]:
    """Return X and Y of "whether they were X or Y", when "they" are the
    dead `counted`."""
    verb = whether.head
    if verb.lemma_ != "be" or not _says_the_dead(subject_of(verb), counted):
        return []
    return [n for c in verb.children if c.dep_ == "attr" for n in (c, *c.conjuncts)]


def _says_the_dead(subject: Token | None, counted: Token) -> bool:
    """Return whether `subject` stands for the dead counted: "they", "the
    dead", "the victims", "the men"."""
    return subject is not None and (
        subject.lower_ == "they"
        or subject.lower_ in VICTIM_NOUNS
        or subject.lemma_ == counted.lemma_
    )


def _fighters(noun: Token, actors) -> bool:
    """Return whether `noun`, read as the head of a counted phrase, names
    fighters: "troops", "members of the NDF". (Not `_any_fighter`, which
    also takes a word inside a belligerent's name, "Ahrar" of "Ahrar
    al-Sham", and reads "alleged rebels" as fighters; tried as one, they
    differ in two articles of 804.)"""
    if noun.lower_ in PEOPLE_NOUNS | UNCLASSED_NOUNS:
        return False  # "men or women" says no side
    return _victim_class(noun, actors)[0] == "combatants"


def _any_fighter(nouns, actors) -> bool:
    """Return whether one of `nouns` says fighters ("rebels") or is part of a
    belligerent's name ("Ahrar al-Sham")."""
    return any(
        noun.lower_ in COMBATANT_NOUNS or _belligerent_at(noun, actors)
        for noun in nouns
    )


def _opens_portion(token: Token) -> bool:
    """ "mostly", "most", or the "them" of "two of them": words after "N
    people" that begin saying who some of them were."""
    if token.lower_ in OF_THEM:
        return token.i > 0 and token.doc[token.i - 1].lower_ == "of"
    return token.lower_ in PORTION


def _belligerent_at(token: Token, actors):
    """Return the belligerent whose name `token` is part of, if any."""
    start, end = token.idx, token.idx + len(token)
    return next(
        (
            m
            for m in actors or ()
            if not m.is_claimant and m.start <= start and end <= m.end
        ),
        None,
    )


def _group_named(noun: Token, actors):
    """Return the belligerent whose name follows the number ("35 Daesh",
    "12 Islamic State"), if the counted noun is in it."""
    mention = _belligerent_at(noun, actors)
    if mention is None:
        return None
    doc = noun.doc
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is not None and span.start > 0 and doc[span.start - 1].like_num:
        return mention
    return None


def _loser_side(trigger: Token, actors) -> str | None:
    """Return the side of the subject of "lost": the side whose fighters died."""
    if trigger.lemma_ not in LOSS_VERBS:
        return None
    subject = subject_of(trigger)
    mention = None if subject is None else _belligerent_at(subject, actors)
    return None if mention is None else mention.side


def _possessor(noun: Token) -> Token | None:
    """Return who "its"/"their" stands for before `noun`, if the parse says.

    Taken as the subject of the verb that reports the figure: in "The
    volunteer group said one of its members died", "its" is the group's.
    """
    if not any(
        c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children
    ):
        return None
    for verb in noun.ancestors:
        subject = subject_of(verb)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            return subject
    return None


def _side(noun: Token, actors) -> str | None:
    """Return the registry side of the actor named with the victims, if any.

    "20 ISIS fighters" -> "isis"; "scores of Takfiri terrorists" names no
    registered actor, so the side stays unknown rather than being guessed.
    """
    doc = noun.doc
    start, end = doc[noun.left_edge.i].idx, noun.idx + len(noun)
    for mention in actors or ():
        if not mention.is_claimant and start <= mention.start and mention.end <= end:
            return mention.side
    return None


def _segment(sent: SentSpan, index: int) -> tuple[int, int]:
    """Return the clause-like stretch of `sent` around token `index`.

    Stretches are split at ";", "while", "whereas".
    """
    start, end = sent.start, sent.end
    for token in sent:
        if token.lower_ in CLAUSE_BREAKS:
            if token.i <= index:
                start = token.i
            else:
                return start, token.i
    return start, end


def _has_period(doc: Doc, start: int, end: int) -> bool:
    """Return whether tokens start..end give a period or say "in total"."""
    if TOTAL_CUES.search(doc[start:end].text.lower()):
        return True
    leads = [t.i for t in doc[start:end] if t.lower_ in PERIOD_LEADS] + [end]
    for lead, following in zip(leads, leads[1:], strict=False):
        # One lead at a time: "in Aleppo during the past day" is two expressions.
        expression = doc[lead : min(following, lead + 8)].text.lower()
        if SHORT_SPAN.match(expression):
            continue
        if expression.startswith("since") and SHORT_SINCE.match(expression):
            continue
        if SUPERLATIVE.search(doc[start:lead].text.lower()):
            continue  # "the deadliest attack since 2011", "... in a year"
        if is_period(expression):
            return True
    return False


def _present_perfect(trigger: Token) -> bool:
    """Return whether the trigger's verb is in the present perfect."""
    verb = verb_of(trigger)
    return any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in {"has", "have"}
        for c in verb.children
    )


def _in_one_attack(trigger: Token) -> bool:
    """Return whether the figure's verb names the one attack that killed:
    "At least 1300 people have been killed in a nerve gas attack" is one
    incident's toll, however large, not a running total."""
    return any(
        g.lower_ in ATTACK_NOUNS
        and g.tag_ == "NN"
        and g.lower_ not in MASS_ATTACK_NOUNS
        and any(d.lower_ in ("a", "an") for d in g.children)
        for g in objects_of(verb_of(trigger), {"in", "by"})
    )


def _running_tally(trigger: Token) -> bool:
    """Return whether a prolonged activity "has killed" the figure so far.

    "The battle in Latakia has killed some 300 fighters": a war, battle or
    siege in the present perfect gives its toll to date, not one incident's.
    """
    if not _present_perfect(trigger):
        return False
    verb = verb_of(trigger)
    if any(  # "ISIS has lost 463 fighters in the battle"
        g.lemma_.lower() in CAMPAIGN_NOUNS
        and any(d.lower_ == "the" for d in g.children)
        for g in objects_of(verb, {"in", "during"})
    ):
        return True
    subject = subject_of(verb)
    if (
        subject is not None
        and subject.lower_ in RELATIVE_PRONOUNS
        and verb.dep_ == "relcl"
    ):
        subject = verb.head  # "an offensive that has left dozens dead"
    if subject is None:
        return False
    lemma = subject.lemma_.lower()
    if lemma in CAMPAIGN_NOUNS:  # "The battle has killed"
        return True
    if lemma not in PERIOD_NOUNS:
        return False
    # "a month of infighting has killed"; "six days of heavy bombing have
    # killed": days of anything are a span.
    spanned = objects_of(subject, {"of"})
    return bool(spanned) and (
        subject.tag_ == "NNS"
        or any(g.lemma_.lower() in CAMPAIGN_NOUNS for g in spanned)
    )


def _over_the_war(trigger: Token) -> bool:
    """Return whether the dead are counted over the whole war: "the toll for
    Russian soldiers killed in the Syrian conflict to 18", "23 journalists
    killed in Syria's 30-month war" (not "in a war of attrition")."""
    return any(
        g.lemma_.lower() in WAR_NOUNS
        and not any(d.lower_ in ("a", "an") for d in g.children)
        for g in objects_of(trigger, {"in", "during"})
    )


def _month_of_attacks(trigger: Token) -> bool:
    """Return whether the figure adds up a whole month or year of attacks:
    "Last month nearly 1200 civilians were killed, mostly from air raids",
    "Earlier this month dozens of militants were killed in operations",
    "Cross-border fire has claimed 21 lives this year". The month or year
    dates the killing, and no single attack or day is named: "In October
    last year a car bombing killed a reporter" tells one."""
    verb = verb_of(trigger)
    clause = [verb, *(c for c in verb.children if c.dep_ == "conj")]
    if not any(_whole_period(child) for word in clause for child in word.children):
        return False
    # "... were killed when warplanes struck a market": one attack
    return not told_how(trigger) and not any(
        (
            token.lower_ in ATTACK_NOUNS
            and token.tag_ == "NN"
            and token.lower_ not in MASS_ATTACK_NOUNS
        )
        or token.lower_ in WEEKDAYS  # "... this month ... on Friday": one day
        for token in trigger.sent
    )


def _whole_period(token: Token) -> bool:
    """Return whether `token` heads "last month", "this year", "earlier this
    month" or "in the past year" said of a verb."""
    if token.dep_ == "prep" and token.lower_ in ("in", "during", "over"):
        token = dependent(token, "pobj") or token
    elif token.dep_ != "npadvmod":
        return False
    return token.lower_ in ("month", "year") and any(
        c.lower_ in WHOLE_PERIOD_MARKS for c in token.children
    )


def _total_so_far(doc: Doc, link: "_Link") -> bool:
    """Return whether the figure is "a total of" people who "have been
    killed": a running total. In the past tense it adds up one operation or
    one day ("A total of 14 Daesh terrorists were killed during an operation
    on Tuesday")."""
    before = doc[max(link.number.start - 3, 0) : link.number.start].text.lower()
    return before == "a total of" and _present_perfect(doc[link.trigger])


# --- figures ---------------------------------------------------------------------


SINGLE_DETERMINERS = frozenset({"a", "an", "another"})
# The quick test of every sentence: words that may count people, and words
# and lemmas that may tell of a loss ("the strikes claimed 100 civilians").
COUNTING_WORDS = frozenset(VAGUE) | {"dozen"} | SINGLE_DETERMINERS
LOSS_WORDS = frozenset(TRIGGERS) | TAKEN
LOSS_LEMMAS = frozenset(TRIGGERS) | PEOPLE_OBJECT_VERBS | {CLAIM}


def _candidates(sent: SentSpan) -> bool:
    has_number = has_trigger = False
    for token in sent:
        has_number = has_number or (
            token.lower_ in COUNTING_WORDS
            or token.like_num
            or token.ent_type_ == "PERSON"  # "killing the commander Abu Taha"
        )
        has_trigger = has_trigger or (
            token.lower_ in LOSS_WORDS or token.lemma_ in LOSS_LEMMAS
        )
        if has_number and has_trigger:
            return True
    return False


def find_figures(sent: SentSpan) -> list[Figure]:
    """Return the casualty figures of one sentence, left to right."""
    if not _candidates(sent):
        return []
    triggers = {t.i: kind for t in sent if (kind := trigger_kind(t))}
    numbers = _with_singulars(sent, parse_numbers(sent)) if triggers else []
    if not numbers:
        return []
    doc = sent.doc
    actors = doc._.actors if Doc.has_extension("actors") else None
    links = [
        link
        for link in _links(sent, numbers, triggers)
        # "five of the dead were civilians" tells who; "were Kurds" does not
        if (not link.part or _victims(link.noun, actors)[0] != "unknown")
        and not _counts_households(link, triggers)
    ]
    linked = {link.trigger for link in links}
    periods = {}
    figures, nouns = [], []
    for link in links:
        kind = _combined_kind(doc, link.trigger, triggers, linked)
        noun = (
            _victim_noun(link.root, link.noun)
            or _noun_after(doc, link.number)
            or tallied_noun(doc[link.trigger])  # "the number of civilians killed"
        )
        victims, detail, side = _victims(noun, actors)
        if victims == "unknown" and link.leader is not None:  # "his aides"
            victims, detail, side = _victims(link.leader, actors)
        if victims == "combatants" and side is None:  # "ISIL lost 13 fighters"
            side = _loser_side(doc[link.trigger], actors)
        if victims == "unknown" and figures and more_after(doc, link.number.last):
            victims = figures[-1].victims  # "and millions more displaced"
        segment = _segment(sent, link.trigger)
        if segment not in periods:
            periods[segment] = _has_period(doc, *segment)
        running = (
            _running_tally(doc[link.trigger])
            or _total_so_far(doc, link)
            or _month_of_attacks(doc[link.trigger])
            or _over_the_war(doc[link.trigger])
        )
        figure = _figure(
            doc, link, kind, (victims, detail, side), periods[segment] or running
        )
        single = _is_single(link.number)
        figures.append(replace(figure, part_of_total=link.part, single=single))
        nouns.append(noun)
    return _with_totals(doc, links, _nouns_said_once(doc, links, figures, nouns))


def _nouns_said_once(
    doc: Doc, links: list["_Link"], figures: list[Figure], nouns: list
) -> list[Figure]:
    """Return `figures` with a bare count told who it counts by the count of
    the verb it is coordinated with, which says the noun once for both:
    "killed 28 and wounded 30 militants", "killed five soldiers and injured
    12", "Five civilians were killed and 12 injured". Only the class (and
    side) carries over: the wounded of "two children killed and 12 injured"
    are civilians, not all children."""
    told = list(figures)
    for i, figure in enumerate(figures):
        if nouns[i] is not None or figure.victims != "unknown" or figure.single:
            continue
        verb = doc[links[i].trigger]
        partners = [
            other
            for j, other in enumerate(figures)
            if other.kind != figure.kind
            and _verbs_coordinated(verb, doc[links[j].trigger])
        ]
        if len(partners) == 1 and partners[0].victims in ("civilians", "combatants"):
            told[i] = replace(
                figure, victims=partners[0].victims, side=partners[0].side
            )
    return told


def _verbs_coordinated(first: Token, second: Token) -> bool:
    """Return whether "and" joins the two verbs: "killed ... and wounded"."""
    return (first.dep_ == "conj" and first.head == second) or (
        second.dep_ == "conj" and second.head == first
    )


def _counts_households(link: "_Link", triggers: dict) -> bool:
    """Return whether the number counts families, which only the displaced are
    counted in: "the dead were from six families" is no toll of six."""
    noun = _victim_noun(link.root, link.noun)
    return (
        noun is not None
        and noun.lower_ in HOUSEHOLDS
        and family_of(link.root) is None  # "a family of six": six people
        and triggers[link.trigger] != DISPLACED
    )


@dataclass(frozen=True)
class One(Number):
    """A count of one person told of singly: "a soldier", "the commander Abu
    Taha". `person` is the doc index of the noun that says who they were,
    `anchor` that of the word the parse links to the trigger."""

    person: int = -1
    anchor: int = -1


def _is_single(number: Number) -> bool:
    return isinstance(number, One)


def _agent_of(noun: Token, trigger: Token) -> bool:
    """Return whether `noun` is the subject of the active verb `trigger`.

    A headline's "Five killed in Aleppo" drops the passive's auxiliary, so a
    number there is the victim; one person ("a bomber killed") is the killer.
    """
    if trigger.pos_ != "VERB" or trigger.lemma_ in INTRANSITIVE:
        return False
    if noun.dep_ == "nsubj" and noun.head == trigger:
        return True
    if noun.dep_ == "nsubj" and trigger.dep_ == "conj" and trigger.head == noun.head:
        return True  # "a bomber killed 16 people and wounded 30": his verbs both
    # misparsed as "a bomber [who was] killed", but the verb has its own object
    return trigger.head == noun and any(c.dep_ == "dobj" for c in trigger.children)


def _argument_of(name: Token, trigger: int) -> bool:
    """Return whether a named person is the trigger's own victim argument:
    "X was killed", "killing X"; not "activist X said", "X put the toll at"."""
    return name.head.i == trigger and name.dep_ in ("dobj", "nsubjpass", "nsubj")


def _with_singulars(sent: SentSpan, numbers: list[Number]) -> list[Number]:
    """Return `numbers` and a count of one for each person told of singly.

    "A child was killed", "killing an ISIS commander", "another terrorist
    leader was also killed": the article counts one person, linked to its
    trigger like any number. Not "a dozen
    soldiers", which is a number already. A name with what the person was,
    "the terrorist commander Abu Taha", "Salqeen, the leader of Ahrar
    al-Sham", counts one too; a bare name does not say who died.
    """
    doc = sent.doc
    taken = {i for n in numbers for i in range(n.start, n.last + 1)}
    singles = [
        One(token.i, token.i, token.i, 1, 1, person=token.head.i, anchor=token.head.i)
        for token in sent
        if token.lower_ in SINGLE_DETERMINERS
        and token.dep_ == "det"
        and token.i not in taken
        and not any(c.dep_ == "nummod" for c in token.head.children)  # "another 15"
        and not {t.lower_ for t in doc[max(token.i - 2, 0) : token.i]} & NEGATIONS
        and _one_person(token.head)
    ]
    # "a woman and child": the determiner counts the noun joined to its own;
    # "a man and his daughter": so does a possessive
    singles += [
        One(noun.i, noun.i, noun.i, 1, 1, person=noun.i, anchor=noun.i)
        for one in singles
        for noun in doc[one.person].conjuncts
        if noun.i > one.person
        and _one_person(noun)
        and not any(c.dep_ in ("det", "nummod") for c in noun.children)
        and noun.i not in taken
    ]
    counted = {one.person for one in singles}
    for name in (entity.root for entity in person_names(sent)):
        title = _title_of(name)
        if title is not None and title.i not in counted and name.i not in taken:
            i = min(name.i, title.i)
            # what the name stands beside is what the parse links to the
            # trigger: "killing the commander Abu Taha", "killing the Imam
            # Sheikh, Salman al-Afandi"
            beside = name.head == title or name.dep_ == "appos"
            anchor = name.head.i if beside else name.i
            singles.append(One(i, i, i, 1, 1, person=title.i, anchor=anchor))
    if not singles:
        return numbers
    return sorted(numbers + singles, key=lambda number: number.start)


def _one_person(noun: Token) -> bool:
    """Return whether `noun` names one person ("soldier"; not "family")."""
    return noun.tag_ == "NN" and _person_word(noun.lower_)


def _person_word(word: str) -> bool:
    return word in PERSON_NOUNS and word not in CIVILIAN_GROUPS  # "a family of six"


def _title_of(name: Token) -> Token | None:
    """Return what the named person was: "commander" in "the commander Abu
    Taha" and in "Abu Taha, the commander of the brigade" ("Journalist Marie
    Colvin" too, which spaCy tags a proper noun)."""
    if name.dep_ == "appos" and _one_person(name.head):
        return name.head  # "killed the terrorist commander Abu Taha"
    for child in _titles_beside(name):
        if any(c.dep_ == "poss" for c in child.children):
            continue  # "Abu Firas, his son and 20 jihadists": another person
        singular_proper = child.tag_ == "NNP" and not child.lower_.endswith("s")
        if _one_person(child) or (singular_proper and _person_word(child.lower_)):
            return child
    return None


def _titles_beside(name: Token) -> list[Token]:
    """Return the words that may say what a named person was: the name's
    appositions and the compounds before it, with theirs ("the Imam Sheikh
    Salman al-Afandi" hangs "Imam" from "Sheikh", not from the name, or the
    name from "Sheikh")."""
    words = []
    if name.dep_ == "appos":  # "the Imam Sheikh, Salman al-Afandi"
        words += [c for c in name.head.children if c.dep_ == "compound"]
    for child in name.children:
        if child.dep_ == "appos":
            words.append(child)
        elif child.dep_ == "compound" and child.i < name.i:
            words.append(child)
            words += [c for c in child.children if c.dep_ == "compound"]
    return words


@dataclass(frozen=True)
class _Link:
    number: Number
    trigger: int
    root: Token
    noun: Token | None
    leader: Token | None = None  # the one the counted companions were with
    part: bool = False  # "five of the dead were children": part of a toll

    @property
    def phrase(self) -> Token:
        """The token that stands for the counted phrase in the parse."""
        if self.leader is not None:
            return self.leader
        return self.noun if self.noun is not None else self.root


def _links(sent: SentSpan, numbers: list[Number], triggers: dict) -> list[_Link]:
    """Return the numbers linked to a trigger: by the parse, else by position."""
    doc = sent.doc
    links, pending = [], []
    for number in numbers:
        root = number_root(doc, number)
        single = _is_single(number)
        noun = doc[number.person] if single else counted_noun(root, sent.end)
        victim = _victim_noun(root, noun)
        person = victim is not None and (
            victim.lower_ in PERSON_NOUNS or victim.i in triggers
        )
        # "dozens of trucks" counts trucks
        if not_a_count(doc, number, noun if noun is not None else victim, person):
            continue
        part = part_of_toll(root, noun, triggers) or _part_of_them(doc, number, links)
        if part is not None:  # "five of the dead were children"
            trigger, counted = part
            links.append(_Link(number, trigger, root, counted, part=True))
            continue
        start = doc[number.anchor] if single else noun if noun is not None else root
        leader = companions_leader(root)
        if leader is not None:  # "the commander and four of his bodyguards": 5
            number = _plus_one(number)
            start = leader
        trigger = _trigger_after_more(doc, number, triggers) or dep_trigger(
            noun_chain(start), triggers
        )
        if (
            single
            and trigger is not None
            and (
                _agent_of(start, doc[trigger])
                or triggers[trigger] == DISPLACED
                or (number.anchor != number.person and not _argument_of(start, trigger))
            )
        ):
            # "a motorcycle bomber killed at least 16 civilians"; and one who
            # fled is someone's story, not a count of the displaced
            continue
        if trigger is not None:
            links.append(_Link(number, trigger, root, noun, leader))
        elif (victim is None or person) and not single:
            pending.append(_Link(number, -1, root, noun, leader))
    # "killed a commander as well as five of his entourage" counts him in the 6
    leaders = {link.leader for link in links if link.leader is not None}
    links = [
        link
        for link in links
        if not (
            _is_single(link.number) and {link.noun, doc[link.number.anchor]} & leaders
        )
    ]
    taken = {link.number.last for link in links} | {
        link.trigger for link in links if link.trigger == link.number.start - 1
    }  # a trigger right before a number counts it: "Executed 18 People"
    for link in pending:
        trigger = window_trigger(doc, link.number, link.noun, triggers, taken, sent)
        if trigger is not None:
            links.append(replace(link, trigger=trigger))
            taken.add(link.number.last)
    links.sort(key=lambda link: link.number.start)
    return _parts_of_them(doc, links, triggers)


# words after a number that make it a part of the toll told before it
PART_CLOSERS = frozenset({"of them", "of whom"})
PART_VERBS = frozenset("were are being was is".split())  # "12 of whom were women"


def _of_them(doc: Doc, number: Number) -> bool:
    """Return whether "of them" or "of whom" follows the number."""
    return doc[number.last + 1 : number.last + 3].text.lower() in PART_CLOSERS


def _who_of_them(doc: Doc, number: Number) -> Token | None:
    """Return who "five of them" were, when the words after the number say:
    "children" in "five of them children", "women" in "12 of whom were women";
    None when they do not say."""
    if not _of_them(doc, number):
        return None
    for token in doc[number.last + 3 : number.last + 7]:
        if token.lower_ in PERSON_NOUNS:
            return token
        if not (token.lower_ in PART_VERBS or token.pos_ in ("DET", "ADJ")):
            return None
    return None


def _part_of_them(doc: Doc, number: Number, links: list[_Link]) -> tuple | None:
    """The part_of_toll of "20 people were killed, five of them children": the
    toll told just before it in the sentence, and who the part were."""
    who = _who_of_them(doc, number)
    # (of a toll, or of a part: "the dead included 109 evacuees 13 of whom
    # were women")
    return (links[-1].trigger, who) if who is not None and links else None


def _parts_of_them(doc: Doc, links: list[_Link], triggers: dict) -> list[_Link]:
    """Return `links` with "two of them" after a toll of the same kind marked
    a part of it: "17 people were killed two of them ambulance crew"."""
    marked: list[_Link] = []
    for link in links:
        tolls = [
            earlier
            for earlier in marked
            if not earlier.part and triggers[earlier.trigger] == triggers[link.trigger]
        ]
        if _of_them(doc, link.number) and tolls and not link.part:
            noun = _who_of_them(doc, link.number) or link.noun
            link = replace(link, trigger=tolls[-1].trigger, noun=noun, part=True)
        marked.append(link)
    return marked


def _trigger_after_more(doc: Doc, number: Number, triggers: dict) -> int | None:
    """Return the trigger right after "more" or "others" after the number,
    or after its auxiliaries: "56 dead including 11 children and dozens more
    wounded", "25 people fell as martyrs including women and children and
    more than 107 others were wounded" tell a second toll, whatever the
    parse joins the number to."""
    if not more_after(doc, number.last):
        return None
    following = doc[number.last + 2 : number.last + 5]  # the words after "more"
    for token in following:
        if token.i in triggers:
            return token.i
        if token.pos_ != "AUX":
            break
    return None


def _plus_one(number: Number) -> Number:
    return replace(
        number,
        low=None if number.low is None else number.low + 1,
        high=None if number.high is None else number.high + 1,
    )


def _figure(doc: Doc, link: _Link, kind: str, victims: tuple, period: bool) -> Figure:
    number = link.number
    best = number.low if number.low is not None else number.high
    # A toll this large is a running total; smaller ones too when told in the
    # present perfect ("at least 6,000 militants have been killed") or
    # uncounted ("Air raids kill thousands"). So are 10,000 wounded or more.
    trigger = doc[link.trigger]
    threshold = (
        CUMULATIVE_MIN_KILLED_SO_FAR
        if number.vague or (_present_perfect(trigger) and not _in_one_attack(trigger))
        else CUMULATIVE_MIN_KILLED
    )
    large = (kind in (KILLED, KILLED_OR_INJURED) and best >= threshold) or (
        kind == INJURED and best >= CUMULATIVE_MIN_INJURED
    )
    tokens = [number.start, number.last, link.trigger]
    if link.noun is not None:
        tokens.append(link.noun.i)
    if _is_single(number):
        tokens.append(number.anchor)  # "the commander Abu Taha": his name too
    first, last = min(tokens), max(tokens)
    return Figure(
        kind=kind,
        low=number.low,
        high=number.high,
        victims=victims[0],
        cumulative=period or large,
        start=doc[first].idx,
        end=doc[last].idx + len(doc[last]),
        text=doc[first : last + 1].text,
        trigger=link.trigger,
        detail=victims[1],
        side=victims[2],
        vague=number.vague,
    )


def _combined_kind(doc: Doc, trigger: int, triggers: dict, linked: set[int]) -> str:
    """Return killed_or_injured for "killed and wounded" with one number."""
    kind = triggers[trigger]
    pair = {KILLED, INJURED}
    if kind not in pair:
        return kind
    for other in (trigger + 2, trigger - 2, trigger + 1, trigger - 1):
        if not 0 <= other < len(doc):
            continue
        # "killed and wounded", "killed, wounded", headlines' "Killed & Injured"
        # and "Martyred Injured"
        between = doc[min(trigger, other) + 1 : max(trigger, other)].text.lower()
        if (
            between in ("and", "or", "&", ",", "")
            and triggers.get(other) in pair - {kind}
            and other not in linked
        ):
            return KILLED_OR_INJURED
    return kind


# --- breakdowns and totals ------------------------------------------------------------


def _with_totals(doc: Doc, links: list[_Link], figures: list[Figure]) -> list[Figure]:
    """Return `figures` with the parts of a toll marked and their sums added.

    "11 regime fighters and 17 IS fighters were killed" tells one toll of 28 in
    two parts, not two sources disagreeing: the parts are kept (marked
    `part_of_total`) and a figure of 28 is added. "10 civilians, including 4
    children": the children are part of the 10, which already is the total.
    """
    parent = list(range(len(links)))  # siblings joined by "and", "along with"
    figures = list(figures)

    def group(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    # Already parts: "five of the dead were children" (then so is their sum).
    parts = {j for j, figure in enumerate(figures) if figure.part_of_total}
    wholes = {}  # a part -> the toll it is part of
    for j in range(len(links)):
        found = _joined(links, figures, j)
        if found is None:
            continue
        i, how = found
        if how == "part":
            parts.add(j)
            wholes[j] = i
        else:
            parent[group(j)] = group(i)
    groups: dict[int, list[int]] = {}
    for j in range(len(links)):
        groups.setdefault(group(j), []).append(j)
    totals = []
    for members in groups.values():
        whole = next((wholes[j] for j in members if j in wholes), None)
        if whole is not None:  # "including 969 women and 3110 men": all are parts
            for j in members:
                figures[j] = _counted_among(figures[j], figures[whole])
        if len(members) < 2:
            continue
        total = _total(doc, [figures[j] for j in members])
        if total is not None:
            totals.append(replace(total, part_of_total=bool(parts & set(members))))
            parts.update(members)
    marked = [
        replace(figure, part_of_total=True) if j in parts else figure
        for j, figure in enumerate(figures)
    ]
    return marked + totals


def _counted_among(part: Figure, whole: Figure) -> Figure:
    """Return `part` with the victims of the toll it is part of, when its own
    noun says nothing of who they were, or only their age or sex: in "20
    civilians including 5 men" the men were civilians, and in "287 IS
    fighters among them 26 minors" the minors were fighters."""
    fighters = part.detail is not None and whole.victims == "combatants"
    if whole.victims not in ("civilians", "combatants") or not (
        part.victims == "unknown" or fighters
    ):
        return part
    return replace(part, victims=whole.victims, side=whole.side)


def _joined(links: list[_Link], figures: list[Figure], j: int) -> tuple | None:
    """Return (i, "part"|"sibling") when figure j is counted with figure i."""
    token = links[j].phrase
    head = token.head
    if token.dep_ == "conj" and head.i < token.i and _coordinated(head, token):
        joint, how = head, "sibling"  # "11 regime fighters and 17 IS fighters"
    elif (coordinated := _coordinated_before(links[j], links)) is not None:
        # misparsed coordination: "120 ISIS fighters and 60 mercenaries were
        # killed" with both nouns the verb's subject; "11 civilians among them
        # three children were killed", a part so parsed
        joint, how = coordinated
    elif token.dep_ == "pobj" and head.lower_ in INCLUDING:
        joint, how = head.head, "part"  # "10 civilians, including 4 children"
    elif (joint := companion_joint(token)) is not None:
        how = "sibling"  # "29 fighters were killed along with six terrorists"
    else:
        return None
    for i, other in enumerate(links):
        if i == j or figures[i].kind != figures[j].kind:
            continue
        if other.trigger != links[j].trigger:
            continue
        phrase = other.phrase
        if phrase == joint or (joint.i == other.trigger and phrase.head == joint):
            return i, how
    return None


def _coordinated(first: Token, second: Token) -> bool:
    """Return whether a word or a comma joins two conjuncts: spaCy also makes a
    headline run into its lead one ("4 citizens killed in Homs city At least
    four citizens were killed"), which is the same toll twice, not two parts."""
    between = first.doc[first.i + 1 : second.i]
    return any(t.dep_ == "cc" or t.is_punct for t in between)


# words between a toll and a part of it: "11 civilians, among them 3 children"
PART_OPENERS = PART_CLOSERS | {"among them", "among whom"}


def _coordinated_before(this: _Link, links: list[_Link]) -> tuple | None:
    """Return (the earlier counted argument of the same verb, "sibling"|"part")
    when an "and", or an "among them", joins this link's phrase to it (spaCy
    sometimes parses a coordination or an apposition so)."""
    token = this.phrase
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    earlier = [
        link
        for link in links
        if link.phrase.i < token.i
        and link.phrase.head == token.head
        and link.phrase.dep_ == token.dep_
    ]
    if not earlier:
        return None
    nearest = max(earlier, key=lambda link: link.phrase.i).phrase
    joins = (nearest, token.head)
    between = token.doc[nearest.i + 1 : token.i]
    if any(t.lower_ == "and" and t.head in joins for t in between):
        return nearest, "sibling"
    opener = token.doc[nearest.i + 1 : this.number.start]
    words = " ".join(t.lower_ for t in opener if not t.is_punct)
    return (nearest, "part") if words in PART_OPENERS else None


def _total(doc: Doc, parts: list[Figure]) -> Figure | None:
    """Return the figure that sums `parts`, or None when no bound adds up."""
    lows = [f.low for f in parts]
    highs = [f.high for f in parts]
    low = sum(lows) if None not in lows else None
    high = sum(highs) if None not in highs else None
    if low is None and high is None:
        return None
    victims = {f.victims for f in parts}
    if len(victims) == 1:
        kind_of_victims = victims.pop()
    else:
        mixed = victims == {"civilians", "combatants"}
        kind_of_victims = "mixed" if mixed else "unknown"
    details = {f.detail for f in parts}
    sides = {f.side for f in parts}
    start, end = min(f.start for f in parts), max(f.end for f in parts)
    return Figure(
        kind=parts[0].kind,
        low=low,
        high=high,
        victims=kind_of_victims,
        cumulative=any(f.cumulative for f in parts),
        start=start,
        end=end,
        text=doc_text(doc)[start:end],
        trigger=parts[0].trigger,
        detail=details.pop() if len(details) == 1 else None,
        side=sides.pop() if len(sides) == 1 else None,
        vague=any(f.vague for f in parts),
    )


# --- the spaCy component -----------------------------------------------------------


TELLER_SENTENCES = 2  # how far back "he said" looks for who he is


@Language.component("cw_casualties")
def casualty_extractor(doc: Doc) -> Doc:
    """Set doc._.casualties to the casualty figures of `doc`, by position."""
    actors = list(doc._.actors or ())
    places = list(doc._.places or ())
    dates = list(doc._.dates or ())
    figures = []
    previous: tuple[SentSpan, list[Figure]] | None = None
    told_before = 0  # where the figures of the sentence before start in `figures`
    sentences = list(doc.sents)
    for index, sent in enumerate(sentences):
        found = find_figures(sent)
        if not found:
            previous = (sent, found)
            continue
        inside = partial(inside_span, sent.start_char, sent.end_char)
        own_dates = [d for d in dates if inside(d)]
        if not own_dates:  # a toll with its own date or span is told for itself
            found = _carry_tally(sent, found, previous)
        if previous is not None and _parts_of_a_period(found, previous[1]):
            # "At least 327 people have been killed in clashes in Aleppo. 76
            # children were among those killed over the last 15 days": the
            # toll the parts break down was a period's too
            figures[told_before:] = [
                replace(told, cumulative=True) if _tally_to_date(doc, whole) else told
                for told, whole in zip(figures[told_before:], previous[1], strict=True)
            ]
        previous = (sent, found)
        told_before = len(figures)
        context = SentenceContext(
            sent,
            [m for m in actors if inside(m)],
            [p for p in places if inside(p)],
            [d for d in own_dates if not is_period(d.text)],
            _teller_before(sentences, index, actors),
        )
        figures.extend(_casualty(context, figure) for figure in found)
    doc._.casualties = sorted(figures, key=lambda figure: figure.start)
    return doc


def _teller_before(sentences: list[SentSpan], index: int, actors) -> str | None:
    """Return who "he" is in a sentence that says only "he said": who the
    sentences just before named as telling."""
    if not told_by_pronoun(sentences[index]):
        return None
    for sent in reversed(sentences[max(0, index - TELLER_SENTENCES) : index]):
        inside = partial(inside_span, sent.start_char, sent.end_char)
        teller = sentence_teller(sent, [m for m in actors if inside(m)])
        if teller is not None:
            return teller
    return None


CONTINUATIONS = frozenset("meanwhile another and also additionally".split())


def _carry_tally(
    sent: SentSpan, found: list[Figure], previous: tuple | None
) -> list[Figure]:
    """Return `found` marked cumulative when it carries on the tally of the
    sentence before: "... 5,812 civilians over the past year. Meanwhile rebel
    fire killed 1,102 people"; "strikes have intensified since July 31. The
    strikes have killed 122 civilians. Another 327 have been killed in
    fighting". Only for a sentence without a date or span of its own."""
    if previous is None:
        return found
    before, before_figures = previous
    if _parts_of_a_tally(found, before_figures):
        # "At least 502 civilians have been killed [in 45 days]. Among those
        # killed were 105 children": parts of the tally are tallies too
        return [replace(f, cumulative=True) for f in found]
    opening = next((t.lower_ for t in sent if not t.is_punct), "")
    continues = opening in CONTINUATIONS and any(f.cumulative for f in before_figures)
    doc = sent.doc
    if not continues:  # "... since mid-January. Twenty people have been killed"
        perfect = [f for f in found if _present_perfect(doc[f.trigger])]
        if not perfect or not _has_period(doc, before.start, before.end):
            return found
        return [replace(f, cumulative=True) if f in perfect else f for f in found]
    return [replace(f, cumulative=True) for f in found]


def _parts_of_a_tally(found: list[Figure], before: list[Figure]) -> bool:
    """Return whether `found` only breaks down the toll the sentence before
    gave, and that toll was a running or period tally."""
    wholes = _wholes_broken_down(found, before)
    return bool(wholes) and all(f.cumulative for f in wholes)


def _parts_of_a_period(found: list[Figure], before: list[Figure]) -> bool:
    """Return whether `found` only breaks down the toll the sentence before
    gave, told over a period ("... among those killed over the last 15
    days"), and that toll was not yet told as a tally."""
    wholes = _wholes_broken_down(found, before)
    return (
        bool(wholes)
        and all(f.cumulative for f in found)
        and not any(f.cumulative for f in wholes)
    )


def _wholes_broken_down(found: list[Figure], before: list[Figure]) -> list[Figure]:
    """Return the tolls of `before` that `found` breaks down, if it only does."""
    if not found or not all(f.part_of_total for f in found):
        return []
    return [f for f in before if not f.part_of_total and f.kind == found[0].kind]


def _tally_to_date(doc: Doc, figure: Figure) -> bool:
    """Return whether `figure` is a toll "have been killed" so far, which a
    period told after it may span; not "27 were killed on Monday"."""
    return not figure.part_of_total and _present_perfect(doc[figure.trigger])


def _casualty(context: SentenceContext, figure: Figure) -> CasualtyFigure:
    sent = context.span
    trigger = sent.doc[figure.trigger]
    when, date_told = find_date(trigger, context)
    return CasualtyFigure(
        kind=figure.kind,
        low=figure.low,
        high=figure.high,
        victims=figure.victims,
        # the words from the number to the trigger count the victims
        perpetrator=find_perpetrator(
            trigger,
            context.told_with(trigger, context.actors),
            (figure.start, trigger.idx),
        ),
        claimed_by=find_claimant(trigger, context),
        place=find_place(trigger, context),
        date=when,
        cumulative=figure.cumulative,
        sentence=Span(sent.start_char, sent.end_char, sent.text),
        start=figure.start,
        end=figure.end,
        text=figure.text,
        victim_detail=figure.detail,
        victim_side=figure.side,
        part_of_total=figure.part_of_total,
        single=figure.single,
        superseded=_earlier_toll(trigger),
        vague=figure.vague,
        date_told=date_told,
    )


def _earlier_toll(trigger: Token) -> bool:
    """Return whether the figure at `trigger` is a toll since updated.

    "It had initially given a death toll of 22", "had earlier reported 12
    dead", "updating a previous toll of 112": the word marks the telling
    (the nearest verb) or the toll noun, not "an earlier attack left 270
    dead", another incident.
    """
    for token in (trigger, *trigger.ancestors):
        if token.pos_ in ("VERB", "AUX"):
            if token == trigger:  # "reported 15 people were killed": the telling
                continue
            if token.lemma_ not in TELLING_VERBS:
                return False
            # "had earlier reported", and "an earlier death toll reported 15"
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            return any(
                c.lower_ in EARLIER and c.dep_ == "advmod" for c in token.children
            ) or any(_earlier_toll_noun(s) for s in subjects)
        if _earlier_toll_noun(token):  # "a previous toll of 112"
            return True
    return False


def _earlier_toll_noun(token: Token) -> bool:
    """Return whether `token` is a toll noun said to be earlier: "a previous
    toll", "an earlier death toll"."""
    return token.lower_ in TOLL_NOUNS and any(
        c.lower_ in EARLIER and c.dep_ == "amod" for c in token.children
    )
