"""cw_casualties: numbers of people killed, injured, displaced, detained, missing.

`find_figures(sent)` reads one sentence and returns `Figure`s: a number linked
to a casualty trigger through the dependency parse (or, failing that, a short
window in the same clause). The `cw_casualties` component turns them into
`types.CasualtyFigure`s with the perpetrator, claimant, place and date of the
sentence and sets doc._.casualties. Pure: no Django.

Decisions:
- "people" count as PEOPLE_VICTIMS ("civilians"), as FA-KES labels them.
- A bare count ("killing six", "the toll at 24") has victims "unknown".
- "millions more displaced" is a displaced figure (low 2,000,000) that takes
  the victims of the figure before it; like every figure, it is cumulative
  when its clause gives a period ("since 2011"), as dates.is_period() judges.
- "since Saturday", "over the past 24 hours" date one battle's toll: not
  cumulative. A whole year ("in 2016"), "a total of", "in total" are.
"""

import re
from dataclasses import dataclass
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SentSpan

from events.extraction.dates import is_period
from events.extraction.types import (
    ActorMention,
    CasualtyFigure,
    DateMention,
    PlaceMatch,
    Span,
)

# FA-KES labels "a bomb blast killed six people" as six civilians: in the dev set
# 100 "N people killed" figures equal nb_civilians and 3 equal nb_noncivilians.
PEOPLE_VICTIMS = "civilians"
CUMULATIVE_MIN_KILLED = 10_000  # a toll this large is a running total

KILLED, INJURED, KILLED_OR_INJURED = "killed", "injured", "killed_or_injured"
DISPLACED, DETAINED, MISSING = "displaced", "detained", "missing"
TRIGGER_WORDS = {
    KILLED: "kill killed killing kills die died dies dying dead death deaths toll "
    "lives slay slain massacre massacred execute executed executing bodies perish "
    "perished fatalities martyred murder murdered behead beheaded eliminate "
    "eliminated eliminating",
    INJURED: "wound wounded wounding injure injured injuring injuries injury hurt",
    KILLED_OR_INJURED: "casualty casualties",
    DISPLACED: "displace displaced displacing displacement flee fled fleeing "
    "uproot uprooted",
    DETAINED: "detain detained arrest arrested abduct abducted kidnap kidnapped "
    "capture captured",
    MISSING: "missing disappear disappeared",
}
TRIGGERS = {w: kind for kind, words in TRIGGER_WORDS.items() for w in words.split()}
NOUN_ONLY_TRIGGERS = frozenset("lives bodies toll".split())
TAKEN = frozenset("prisoner prisoners hostage hostages".split())  # "taken hostage"
# Verbs whose subject is the killer, not the killed ("militants killed five").
INTRANSITIVE = frozenset("die perish flee disappear dead missing".split())

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
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
YEAR = re.compile(r"^(?:19|20)\d\d$")
MONTHS = frozenset(
    """january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
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
NOT_A_COUNT_ENTS = frozenset("DATE TIME MONEY PERCENT ORDINAL QUANTITY".split())

CIVILIAN_NOUNS = frozenset(
    """civilian civilians resident residents villager villagers child children kid
    kids boy boys girl girls infant infants baby babies minor minors woman women
    family families relative relatives detainee detainees prisoner prisoners
    worshipper worshippers worshiper worshipers patient patients student students
    pupil pupils schoolchildren refugee refugees displaced evacuee evacuees
    passenger passengers inhabitant inhabitants citizen citizens journalist
    journalists doctor doctors nurse nurses medic medics worker workers farmer
    farmers shepherd shepherds mourner mourners victim victims
    volunteer volunteers staff staffers employee employees activist activists
    rescuer rescuers teacher teachers reporter reporters protester protesters
    demonstrator demonstrators syrians""".split()
)
PEOPLE_NOUNS = frozenset("people persons person individuals individual".split())
COMBATANT_NOUNS = frozenset(
    """fighter fighters militant militants soldier soldiers troop troops member
    members rebel rebels jihadist jihadists gunman gunmen insurgent insurgents
    terrorist terrorists personnel officer officers guard guards recruit recruits
    combatant combatants forces militiaman militiamen militia servicemen
    policemen commander commanders operative operatives extremist extremists
    mercenary mercenaries conscript conscripts elements attackers bomber bombers
    islamists loyalists leader leaders""".split()
)
CIVILIAN_GROUPS = frozenset("family families staff crew team defence defense".split())
DETAILS = {"children": "children", "child": "children", "kids": "children"}
DETAILS |= dict.fromkeys("boys girls infants babies minors".split(), "children")
DETAILS |= {"women": "women", "woman": "women"}
# Counted nouns that are never people: "40 vehicles", "two miles", "$2bn"...
NOT_PEOPLE = frozenset(
    """vehicle vehicles car cars bus buses truck trucks tank tanks jet jets plane
    planes aircraft helicopter helicopters drone drones missile missiles rocket
    rockets shell shells bomb bombs barrel barrels round rounds mortar mortars
    weapon weapons kilometre kilometres kilometer kilometers km kms mile miles
    metre metres meter meters yard yards feet foot acre acres hectare hectares
    square dollar dollars euro euros pound pounds lira liras percent per year years
    month months week weeks day days hour hours minute minutes second seconds time
    times head heads mission missions village villages town towns city cities area
    areas hill hills position positions checkpoint checkpoints base bases building
    buildings house houses home homes school schools hospital hospitals mosque
    mosques site sites target targets strike strikes airstrike airstrikes raid
    raids attack attacks sortie sorties point points ton tons tonne tonnes kg
    case cases country countries province provinces district districts
    neighbourhood neighbourhoods neighborhood neighborhoods street streets camp
    camps facility facilities bn billion""".split()
)
PERSON_NOUNS = CIVILIAN_NOUNS | PEOPLE_NOUNS | COMBATANT_NOUNS
MIXED_PARTS = COMBATANT_NOUNS | {"civilians", "civilian"}
QUANT_HEADS = frozenset("total number tally group minimum".split())
INCLUDING = frozenset("including among".split())
ARG_DEPS = frozenset("nsubj nsubjpass dobj attr oprd dative".split())
MODIFIER_DEPS = frozenset("amod acl relcl appos".split())
NUM_DEPS = frozenset("nummod quantmod compound amod nmod npadvmod".split())
REPORT_VERBS = frozenset(
    "say report tell claim announce state confirm add estimate document put".split()
)
BLAME_VERBS = frozenset("blame accuse".split())
ATTACK_NOUNS = frozenset(
    """strike strikes airstrike airstrikes raid raids shelling bombardment attack
    attacks bombing bombings explosion blast fire clashes offensive assault ambush
    missile missiles rocket rockets bomb bombs barrel shells""".split()
)
PLACE_PREPOSITIONS = (["in"], ["near"], ["at"])  # the word before a place
PRONOUNS = frozenset("he she it they we i you who which that this".split())
CLAUSE_BREAKS = frozenset("; while whereas".split())
TOTAL_CUES = re.compile(
    r"\ba total of\b|\bin total\b|\boverall\b|\btotal (?:death )?toll\b|"
    r"\btoll since\b|\bcumulative\b|\baltogether\b|"
    r"\b(?:this|that|last) (?:week|month|year) alone\b|"  # "in this month alone"
    r"\b(?:\w+-(?:day|week|month|year)-old|ongoing) (?:battle|offensive|campaign|"
    r"siege|war|conflict|fighting)\b|"  # "the two-week-old battle has cost"
    r"\b(?:in|during|throughout) (?:19|20)\d\d\b"  # a whole year: "killed in 2016"
)
PERIOD_LEADS = frozenset(
    "since between from so during throughout over in within".split()
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
CAMPAIGN_NOUNS = frozenset(
    "battle fighting offensive campaign war conflict siege violence clash "
    "bombardment operation insurgency".split()
)
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


@dataclass(frozen=True)
class Number:
    """A number in a sentence: doc token indices and its bounds."""

    first: int  # doc index of the first token of the number proper
    last: int
    start: int  # doc index where the phrase starts, qualifier included
    low: int | None
    high: int | None


# --- numbers ------------------------------------------------------------------


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
    start, low, high = _qualify(doc, first, last, floor, low, high)
    return Number(first, last, start, low, high)


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
            numbers.append(number)
        i = last + 1
    return numbers


# --- linking a number to its trigger -------------------------------------------


def _trigger_kind(token: Token) -> str | None:
    text = token.lower_
    if text in TAKEN and token.i > 0 and token.doc[token.i - 1].lemma_ == "take":
        return DETAINED
    kind = TRIGGERS.get(text) or TRIGGERS.get(token.lemma_.lower())
    if kind is None or (text in NOUN_ONLY_TRIGGERS and token.pos_ == "VERB"):
        return None
    if any(child.dep_ == "neg" for child in token.children):
        return None
    return kind


def _root(doc: Doc, number: Number) -> Token:
    """Return the token of the number whose head lies outside it."""
    for token in doc[number.first : number.last + 1]:
        if not number.first <= token.head.i <= number.last or token.head == token:
            return token
    return doc[number.last]


def _counted(root: Token, end: int) -> Token | None:
    """Return the noun the number counts ("35 civilians"), if any."""
    head = root.head
    if root.dep_ in NUM_DEPS and head.i > root.i and head.pos_ in ("NOUN", "PROPN"):
        return head
    if head.i < root.i or root.dep_ not in ARG_DEPS:  # "October 3 2016 21 fighters"
        for token in root.doc[root.i + 1 : min(root.i + 5, end)]:
            if token.lower_ in PERSON_NOUNS:
                return token
            if token.pos_ not in ("ADJ", "NOUN", "PROPN"):
                break
    return None


def _chain(start: Token) -> list[Token]:
    """Return `start` and the noun phrases it sits in: "a total of", "deaths of"."""
    chain = [start]
    token = start
    while len(chain) < 6:
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
            grand = head.head
            if grand.lower_ not in QUANT_HEADS and _trigger_kind(grand) is None:
                break
            token = grand
        elif token.dep_ == "pobj" and head.lower_ in INCLUDING and head.head != head:
            token = head.head
        elif token.dep_ == "conj" and head.i < token.i and head.pos_ in ("NOUN", "NUM"):
            token = head
        else:
            break
        chain.append(token)
    return chain


def _victim_argument(noun: Token, verb: Token) -> bool:
    """Return whether `noun`, an argument of trigger `verb`, is its victim."""
    if noun.dep_ == "dobj" and verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return False  # a misparse: "those killed [,] at least 160 people were hurt"
    if noun.dep_ != "nsubj" or verb.lemma_ in INTRANSITIVE or verb.pos_ != "VERB":
        return True
    # "Five killed in Aleppo": a headline's passive without its auxiliary.
    return not any(child.dep_ in ("dobj", "dative") for child in verb.children)


def _modifier_ok(trigger: Token) -> bool:
    if trigger.dep_ == "relcl":
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
        return passive or trigger.lemma_ in INTRANSITIVE
    return trigger.tag_ in ("VBN", "JJ") or trigger.pos_ in ("ADJ", "NOUN")


def _dep_trigger(chain: list[Token], triggers: dict[int, str]) -> int | None:
    """Return the doc index of the trigger the parse links to this number."""
    for token in chain:
        if token.i in triggers:
            return token.i
        for child in token.children:  # "dozen killed", "20 others wounded"
            if (
                child.i in triggers
                and child.dep_ in MODIFIER_DEPS
                and _modifier_ok(child)
            ):
                return child.i
    root = chain[-1]
    head = root.head
    if head.i in triggers and root.dep_ in ARG_DEPS and _victim_argument(root, head):
        return head.i
    verb = None
    if root.dep_ in ARG_DEPS:
        verb = head
    elif root.dep_ == "pobj" and head.lower_ in ("to", "at"):
        if head.head.i in triggers:  # "the death toll at 24"
            return head.head.i
        verb = head.head
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ == "conj" and child.i in triggers and root.dep_ in ARG_DEPS:
            own = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            if not own and _victim_argument(root, child):  # "rounded up and executed"
                return child.i
        if child == root or child.dep_ not in ARG_DEPS | {"acomp", "xcomp", "ccomp"}:
            continue
        # "left 10 dead", "toll rose to 112", "five were found dead"
        target = child
        if child.i not in triggers:
            target = next(
                (g for c in child.children if c.lower_ == "of" for g in c.children),
                child,
            )
        if target.i in triggers and (target.pos_ != "VERB" or target.tag_ == "VBN"):
            return target.i
    return None


def _window_trigger(
    doc: Doc, number: Number, noun: Token | None, triggers, taken: set[int], sent
) -> int | None:
    """Return a trigger right after the counted phrase or right before the number."""
    i = max(number.last, noun.i if noun is not None else number.last) + 1
    for token in doc[i : min(i + 4, sent.end)]:
        if token.i in triggers:
            acts = token.lemma_ not in INTRANSITIVE and any(
                c.dep_ == "dobj" and c.i + 1 not in triggers for c in token.children
            )  # "three suicide bombers killed two people": the agents
            return None if acts else token.i
        if token.pos_ not in ("AUX", "ADV", "PART") or token.i in taken:
            break
    for token in reversed(doc[max(number.start - 3, sent.start) : number.start]):
        if token.i in triggers:  # "Strike on Town Kills 5 Soldiers" (title case)
            return token.i
        if token.pos_ not in ("DET", "ADV", "AUX") or token.i in taken:
            break
    return None


def _skipped(doc: Doc, number: Number, noun: Token | None, person: bool) -> bool:
    """Return whether the number counts money, time, distance or the like."""
    before = doc[number.start - 1].lower_ if number.start > 0 else ""
    if (
        before in ("$", "no", "£", "€")
        or noun is not None
        and noun.lower_ in NOT_PEOPLE
    ):
        return True
    after = doc[number.last + 1 : number.last + 2].text.lower()
    if after in ("%", "percent"):
        return True
    near = doc[max(number.first - 1, 0) : number.last + 2]
    if any(token.lower_.rstrip(".") in MONTHS for token in near):
        return True  # "12 June 2016", "Jul 2015"
    if number.first == number.last and YEAR.match(doc[number.first].text):
        dated = number.first > 0 and doc[number.first - 1].like_num  # "August 12 2016"
        return dated or noun is None or noun.i != number.last + 1
    if person:
        return False
    tokens = doc[number.first : number.last + 1]
    return any(token.ent_type_ in NOT_A_COUNT_ENTS for token in tokens)


# --- victims and periods -------------------------------------------------------


def _victim_noun(root: Token, noun: Token | None) -> Token | None:
    if noun is not None and noun.lower_ not in QUANT_HEADS:
        return noun
    holder = noun if noun is not None else root
    for child in holder.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _victims(noun: Token | None, actors) -> tuple[str, str | None, str | None]:
    """Return (victims, detail, side) for the counted noun."""
    if noun is None:
        return "unknown", None, None
    found = _victim_class(noun, actors)
    if found[0] != "unknown":
        return found
    head = noun.head  # "two Syrian activists" parsed as "two Syrian" + "activists"
    if noun.dep_ in ("compound", "amod", "nmod") and head.i > noun.i:
        return _victim_class(head, actors)
    for conj in noun.children:  # "70 regime and rebel fighters"
        if conj.dep_ == "conj" and not any(c.dep_ == "nummod" for c in conj.children):
            return _victim_class(conj, actors)
    return found


def _victim_class(noun: Token, actors) -> tuple[str, str | None, str | None]:
    text = noun.lower_
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
    words = {c.lower_ for c in modifiers}
    if text in ("members", "member"):
        groups = {
            w.lower_
            for c in noun.children
            if c.lower_ == "of"
            for g in c.children
            for w in (g, *g.children)
        }
        if (words | groups) & CIVILIAN_GROUPS:  # "family members", "members of staff"
            return "civilians", None, None
    if text in CIVILIAN_NOUNS or "civilian" in words:
        return "civilians", DETAILS.get(text), None
    if text in PEOPLE_NOUNS:
        parts = {
            g.lower_ for c in noun.children if c.lower_ in INCLUDING for g in c.children
        }
        if parts & MIXED_PARTS:  # "82 people including 58 civilians": not all are
            return "unknown", None, None
        return PEOPLE_VICTIMS, None, None
    if text in COMBATANT_NOUNS or noun.lemma_ in COMBATANT_NOUNS:
        return "combatants", None, _side(noun, actors)
    return "unknown", None, None


def _side(noun: Token, actors) -> str | None:
    doc = noun.doc
    start, end = doc[noun.left_edge.i].idx, noun.idx + len(noun)
    for mention in actors or ():
        if not mention.is_claimant and start <= mention.start and mention.end <= end:
            return mention.side
    kept = [
        t
        for t in doc[noun.left_edge.i : noun.i]
        if t.pos_ in ("PROPN", "ADJ", "NOUN", "VERB") or t.text == "-"
    ]
    while kept and kept[0].text == "-":
        kept.pop(0)
    if not kept:
        return None
    return doc[kept[0].i : kept[-1].i + 1].text.lower()


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
        if expression.startswith("since") and (
            SHORT_SINCE.match(expression)
            or SUPERLATIVE.search(doc[start:lead].text.lower())
        ):
            continue
        if is_period(expression):
            return True
    return False


def _running_tally(trigger: Token) -> bool:
    """Return whether a prolonged activity "has killed" the figure so far.

    "The battle in Latakia has killed some 300 fighters": a war, battle or
    siege in the present perfect gives its toll to date, not one incident's.
    """
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    if not any(c.dep_ == "aux" and c.lower_ in {"has", "have"} for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in CAMPAIGN_NOUNS


# --- figures ---------------------------------------------------------------------


def _candidates(sent: SentSpan) -> bool:
    has_number = has_trigger = False
    for token in sent:
        text = token.lower_
        has_number = has_number or text in VAGUE or token.like_num or text == "dozen"
        has_trigger = (
            has_trigger or text in TRIGGERS or token.lemma_ in TRIGGERS or text in TAKEN
        )
        if has_number and has_trigger:
            return True
    return False


def find_figures(sent: SentSpan) -> list[Figure]:
    """Return the casualty figures of one sentence, left to right."""
    if not _candidates(sent):
        return []
    triggers = {t.i: kind for t in sent if (kind := _trigger_kind(t))}
    numbers = parse_numbers(sent) if triggers else []
    if not numbers:
        return []
    doc = sent.doc
    actors = doc._.actors if Doc.has_extension("actors") else None
    links = _links(sent, numbers, triggers)
    linked = {link.trigger for link in links}
    periods = {}
    figures = []
    for link in links:
        kind = _combined_kind(doc, link.trigger, triggers, linked)
        victims, detail, side = _victims(_victim_noun(link.root, link.noun), actors)
        if victims == "unknown" and figures and _is_more(doc, link.number):
            victims = figures[-1].victims  # "and millions more displaced"
        segment = _segment(sent, link.trigger)
        if segment not in periods:
            periods[segment] = _has_period(doc, *segment)
        running = _running_tally(doc[link.trigger])
        figures.append(
            _figure(
                doc, link, kind, (victims, detail, side), periods[segment] or running
            )
        )
    return figures


@dataclass(frozen=True)
class _Link:
    number: Number
    trigger: int
    root: Token
    noun: Token | None


def _links(sent: SentSpan, numbers: list[Number], triggers: dict) -> list[_Link]:
    """Return the numbers linked to a trigger: by the parse, else by position."""
    doc = sent.doc
    links, pending = [], []
    for number in numbers:
        root = _root(doc, number)
        noun = _counted(root, sent.end)
        victim = _victim_noun(root, noun)
        person = victim is not None and (
            victim.lower_ in PERSON_NOUNS or victim.i in triggers
        )
        if _skipped(doc, number, noun, person):
            continue
        trigger = _dep_trigger(_chain(noun if noun is not None else root), triggers)
        if trigger is not None:
            links.append(_Link(number, trigger, root, noun))
        elif victim is None or person:
            pending.append(_Link(number, -1, root, noun))
    taken = {link.number.last for link in links}
    for link in pending:
        trigger = _window_trigger(doc, link.number, link.noun, triggers, taken, sent)
        if trigger is not None:
            links.append(_Link(link.number, trigger, link.root, link.noun))
            taken.add(link.number.last)
    return sorted(links, key=lambda link: link.number.start)


def _figure(doc: Doc, link: _Link, kind: str, victims: tuple, period: bool) -> Figure:
    number = link.number
    best = number.low if number.low is not None else number.high
    large = kind in (KILLED, KILLED_OR_INJURED) and best >= CUMULATIVE_MIN_KILLED
    tokens = [number.start, number.last, link.trigger]
    if link.noun is not None:
        tokens.append(link.noun.i)
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
    )


def _combined_kind(doc: Doc, trigger: int, triggers: dict, linked: set[int]) -> str:
    """Return killed_or_injured for "killed and wounded" with one number."""
    kind = triggers[trigger]
    pair = {KILLED, INJURED}
    if kind not in pair:
        return kind
    for other in (trigger + 2, trigger - 2):
        between = doc[min(trigger, other) + 1].lower_ if 0 <= other < len(doc) else ""
        if (
            between in ("and", "or")
            and triggers.get(other) in pair - {kind}
            and other not in linked
        ):
            return KILLED_OR_INJURED
    return kind


def _is_more(doc: Doc, number: Number) -> bool:
    return doc[number.last + 1 : number.last + 2].text.lower() in ("more", "others")


# --- the spaCy component -----------------------------------------------------------


@dataclass(frozen=True)
class _Sentence:
    """What a sentence offers a figure: its span and the mentions inside it."""

    span: SentSpan
    actors: list[ActorMention]
    places: list[PlaceMatch]
    dates: list[DateMention]


@Language.component("cw_casualties")
def casualty_extractor(doc: Doc) -> Doc:
    """Set doc._.casualties to the casualty figures of `doc`, by position."""
    actors = list(doc._.actors or ())
    places = list(doc._.places or ())
    dates = list(doc._.dates or ())
    figures = []
    for sent in doc.sents:
        found = find_figures(sent)
        if not found:
            continue
        inside = partial(_inside, sent.start_char, sent.end_char)
        context = _Sentence(
            sent,
            [m for m in actors if inside(m)],
            [p for p in places if inside(p)],
            [d for d in dates if inside(d) and not is_period(d.text)],
        )
        figures.extend(_casualty(context, figure) for figure in found)
    doc._.casualties = sorted(figures, key=lambda figure: figure.start)
    return doc


def _inside(start: int, end: int, mention) -> bool:
    return start <= mention.start and mention.end <= end


def _casualty(context: _Sentence, figure: Figure) -> CasualtyFigure:
    sent = context.span
    trigger = sent.doc[figure.trigger]
    return CasualtyFigure(
        kind=figure.kind,
        low=figure.low,
        high=figure.high,
        victims=figure.victims,
        perpetrator=_perpetrator(trigger, context.actors),
        claimed_by=_claimant(trigger, context),
        place=_place(trigger, context),
        date=_nearest(trigger.idx, context.dates),
        cumulative=figure.cumulative,
        sentence=Span(sent.start_char, sent.end_char, sent.text),
        start=figure.start,
        end=figure.end,
        text=figure.text,
    )


def _extent(token: Token) -> tuple[int, int]:
    """Return the characters of `token`'s phrase, relative clauses left out."""
    left = token.left_edge
    right = token
    for child in token.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl"):
            break
        right = child.right_edge
    return left.idx, right.idx + len(right)


def _mention_in(token: Token, mentions, *, claimant: bool):
    start, end = _extent(token)
    for mention in mentions:
        if mention.is_claimant == claimant and start <= mention.start < end:
            return mention
    return None


def _agents(trigger: Token) -> list[Token]:
    """Return the tokens that may name who did the killing, best first."""
    agents = [g for c in trigger.children if c.dep_ == "agent" for g in c.children]
    subject = next((c for c in trigger.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is not None and subject.tag_ in ("WDT", "WP"):
        subject = trigger.head  # "airstrikes that killed 35 civilians"
    verb = trigger
    while (
        subject is None
        and verb.dep_ in ("advcl", "xcomp", "conj")
        and verb != verb.head
    ):
        verb = verb.head  # "..., killing six": the subject of the main verb
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and trigger.lemma_ not in INTRANSITIVE:
        agents.append(subject)
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "by", "from", "during"):
            agents.extend(
                g
                for g in prep.children
                if g.lower_ in ATTACK_NOUNS or prep.lower_ == "by"
            )
    for agent in list(agents):  # "blamed the coalition for airstrikes that killed"
        if agent.dep_ != "pobj" or agent.head.lower_ != "for":
            continue
        held = agent.head.head
        if held.lemma_ in BLAME_VERBS:
            agents[:0] = [c for c in held.children if c.dep_ == "dobj"]
        elif held.dep_ == "dobj" and held.head.lemma_ in BLAME_VERBS:
            agents.insert(0, held)
    return agents


def _perpetrator(trigger: Token, actors: list[ActorMention]) -> str | None:
    for agent in _agents(trigger):
        mention = _mention_in(agent, actors, claimant=False)
        if mention is not None:
            return mention.name
    return None


def _reporter(trigger: Token) -> Token | None:
    """Return the subject of the reporting verb governing `trigger`, if any."""
    for verb in [trigger, *trigger.ancestors]:
        for child in verb.children:
            if child.lower_ == "according":
                to = next((c for c in child.children if c.lower_ == "to"), None)
                obj = (
                    next((g for g in to.children if g.dep_ == "pobj"), None)
                    if to
                    else None
                )
                if obj is not None:
                    return obj
        if verb.lemma_ in REPORT_VERBS | BLAME_VERBS and verb.pos_ == "VERB":
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in PRONOUNS:
                return subject
    return None


def _claimant(trigger: Token, context: _Sentence) -> str | None:
    reporter = _reporter(trigger)
    claimants = [m for m in context.actors if m.is_claimant]
    if reporter is not None:
        mention = _mention_in(reporter, claimants, claimant=True)
        if mention is not None:
            return mention.name
    if claimants:
        return _nearest(trigger.idx, claimants).name
    if reporter is None:
        reporter = next(
            (
                c
                for t in context.span
                if t.lemma_ in REPORT_VERBS and t.pos_ == "VERB"
                for c in t.children
                if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS
            ),
            None,
        )
    if reporter is None:
        return None
    start, end = _extent(reporter)
    words = reporter.doc.char_span(start, end, alignment_mode="expand")
    first = next((t.i for t in words if t.pos_ != "DET"), None)
    return None if first is None else words.doc[first : words.end].text.lower()


PRECISION_RANK = {
    "exact": 0,
    "district": 1,
    "governorate": 2,
    "region": 3,
    "country": 4,
}


def _place(trigger: Token, context: _Sentence) -> PlaceMatch | None:
    """Return where the figure happened: the sentence's place after the trigger.

    The most precise wins, then one after in/near/at, then the nearest:
    "in the town of Mayadeen in Deir al-Zor province" is Mayadeen.
    """
    places, text, offset = context.places, context.span.text, context.span.start_char
    after = [p for p in places if p.start >= trigger.idx]
    governed = [
        p for p in after if text[: p.start - offset].split()[-1:] in PLACE_PREPOSITIONS
    ]
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


def _nearest(position: int, mentions: list):
    if not mentions:
        return None
    return min(mentions, key=lambda m: abs(m.start - position))
