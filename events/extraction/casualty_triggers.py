"""Linking a number to its casualty trigger word ("killed", "wounded", "displaced").

`dep_trigger()` follows the dependency parse from the counted phrase to a
trigger; `window_trigger()` falls back to a trigger right after the counted
phrase or right before the number. `trigger_kind()` says which kind of figure a
word triggers, and `not_a_count()` drops numbers that count money, time,
distance or dates. Used by casualties.py; the word lists are
data/casualty_words.json. Pure: no Django.
"""

import re

from spacy.tokens import Doc, Token

from events.extraction.casualty_links import (
    ATTACK_NOUNS,
    INTRANSITIVE,
    LOSS_VERBS,
    REPORT_VERBS,
    clause_subject,
    dependent,
    load_casualty_words,
    subject_of,
)
from events.extraction.numbers import RISE_VERBS, VAGUE, Number

KILLED, INJURED, KILLED_OR_INJURED = "killed", "injured", "killed_or_injured"
DISPLACED, DETAINED, MISSING = "displaced", "detained", "missing"
KINDS = (KILLED, INJURED, KILLED_OR_INJURED, DISPLACED, DETAINED, MISSING)
CLAIM = "claim"  # an attack "claims" its dead: see _claims_people

WORDS = load_casualty_words()
TRIGGER_WORDS = {kind: WORDS[f"{kind}_triggers"] for kind in KINDS}
TRIGGERS = {w: kind for kind, words in TRIGGER_WORDS.items() for w in words}
NOUN_ONLY_TRIGGERS = WORDS["noun_only_triggers"]
# Verbs that kill only when their object counts people: "lost 13 fighters",
# "destroyed over 60 terrorists"
PEOPLE_OBJECT_VERBS = LOSS_VERBS | WORDS["destroy_verbs"]
TAKEN = WORDS["taken_nouns"]  # "taken hostage"
# Counted nouns that are never people: "40 vehicles", "two miles", "$2bn"...
NOT_PEOPLE = WORDS["not_people"]
# "the toll at 16 earlier": the model reads a time, with no unit of time
TIME_ADVERBS = frozenset({"earlier", "later"})
# Nouns of a span of time: "last month", "two years of bombardment"
PERIOD_NOUNS = frozenset("day week month year".split())
PERSON_NOUNS = (
    WORDS["civilian_nouns"]
    | WORDS["people_nouns"]
    | WORDS["combatant_nouns"]
    | WORDS["unclassed_nouns"]
)
QUANT_HEADS = WORDS["quantity_nouns"]
# "a family of six": the number counts the family's members
FAMILY = frozenset({"family"})
TOLL_NOUNS = QUANT_HEADS | NOUN_ONLY_TRIGGERS  # "the number of", "the toll of"
# Others besides those told before: "five more deaths", "another 42 people"
MORE = WORDS["more_words"]
ANOTHER = WORDS["another_words"]
# Who a headline credits, after its figure: "Air strikes kill 32 - Monitor"
HEADLINE_SOURCES = WORDS["headline_sources"]

YEAR = re.compile(r"^(?:19|20)\d\d$")
DATE_TOKEN = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")  # "15.04.2017"
MONTHS = frozenset(
    """january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
NOT_A_COUNT_ENTS = frozenset("DATE TIME MONEY PERCENT ORDINAL QUANTITY".split())
INCLUDING = frozenset("including among".split())
BREAKDOWN_MARKS = frozenset({"-", "–", "—", ","})
ARG_DEPS = frozenset("nsubj nsubjpass dobj attr oprd dative".split())
MODIFIER_DEPS = frozenset("amod acl relcl appos".split())
NUM_DEPS = frozenset("nummod quantmod compound amod nmod npadvmod".split())
COUNTED_WINDOW = 7  # a misparsed number's people are within this many words
# "The toll could reach dozens", "an offensive may kill thousands": not yet so.
# With "have" the modal hedges a past claim instead: "may have killed 20".
MODALS = frozenset("could may might will 'll".split())


def trigger_kind(token: Token) -> str | None:
    """Return the kind of figure `token` triggers ("killed"...), or None."""
    text = token.lower_
    if text in TAKEN and token.i > 0 and token.doc[token.i - 1].lemma_ == "take":
        return DETAINED
    kind = TRIGGERS.get(text) or TRIGGERS.get(token.lemma_.lower())
    if kind is None and token.pos_ == "VERB":
        kind = _became(token)  # "25 people fell as martyrs"
    if (
        token.lemma_ in PEOPLE_OBJECT_VERBS
        and token.pos_ == "VERB"
        and _counts_people(token)
    ):
        kind = KILLED  # "ISIL lost 13 of its fighters", "destroyed 60 terrorists"
    if token.lemma_ == CLAIM and _claims_people(token):
        kind = KILLED  # "the bombing claimed 5", "... claiming eight"
    if kind is None and _to_death(token):
        kind = KILLED  # "two women were stoned to death"
    if kind is None or (text in NOUN_ONLY_TRIGGERS and not _counting_noun(token)):
        return None
    if any(child.dep_ == "neg" for child in token.children) or _hypothetical(token):
        return None
    return kind


# Verbs that kill when done "to death"; "sentenced to death" does not.
TO_DEATH_VERBS = frozenset(
    "stone beat burn torture starve freeze crush stab hack club".split()
)


def _to_death(verb: Token) -> bool:
    """Return whether `verb` is done "to death": "stoned to death"."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in TO_DEATH_VERBS:
        return False  # (asked of every word: the cheap test first)
    after = verb.doc[verb.i + 1 : verb.i + 3]
    return [t.lower_ for t in after] == ["to", "death"]


def _claims_people(verb: Token) -> bool:
    """Return whether an attack "claims" the people it counts: "a car bomb
    rocked the city claiming eight", "air strikes claimed more than 100
    civilians"; not who claimed a thing was so ("Aamaq claimed 160 civilians
    were killed"). A headline's title-case "Claims 5" is tagged a noun: missed."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return False
    counted = dependent(verb, "dobj")
    if counted is None or not (
        counted.like_num or any(c.dep_ == "nummod" for c in counted.children)
    ):
        return False
    subject = clause_subject(verb)
    return subject is None or subject.lemma_.lower() in ATTACK_NOUNS


def _became(verb: Token) -> str | None:
    """Return the kind of a trigger noun the verb's subject became: killed
    for "fell" in "25 people fell as martyrs"."""
    for noun in objects_of(verb, {"as"}):
        if noun.lower_ in NOUN_ONLY_TRIGGERS:
            return TRIGGERS[noun.lower_]
    return None


def _counting_noun(token: Token) -> bool:
    """Return whether a trigger that is only ever a noun ("lives", "bodies",
    "martyrs") stands as one that may be counted; not a verb's tag, nor what
    the people became ("people fell as martyrs", whose count is the verb's)."""
    return token.pos_ != "VERB" and not (
        token.dep_ == "pobj" and token.head.lower_ == "as"
    )


def verb_of(trigger: Token) -> Token:
    """Return the trigger, or the verb it hangs from: "left" in "has left
    dozens dead", whether "dead" is parsed to hang from "left" or "dozens";
    "reach" in "the toll could reach dozens"."""
    verb = trigger
    for _ in range(2):
        if verb.pos_ in {"VERB", "AUX"} or verb.head == verb:
            break
        verb = verb.head
    return verb


def _hypothetical(trigger: Token) -> bool:
    """Return whether the trigger's verb tells what may yet happen: "the toll
    could reach dozens", "an assault will kill thousands"."""
    verb = verb_of(trigger)
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxiliaries & MODALS) and "have" not in auxiliaries


def _counts_people(verb: Token) -> bool:
    """Return whether the object of "lost" or "destroyed" counts people:
    "lost 463 fighters", "lost 13 of its fighters", "destroyed over 60
    terrorists"; not "lost control", "destroyed 40 vehicles", nor a bare
    "lost 89"."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if any(n.lower_ in PERSON_NOUNS for n in (obj, *objects_of(obj, {"of"}))):
            return True
    return False


def number_root(doc: Doc, number: Number) -> Token:
    """Return the token of the number whose head lies outside it (of its
    upper number, for a widened range: "from 500 to well over 1000")."""
    first = number.linking
    for token in doc[first : number.last + 1]:
        if not first <= token.head.i <= number.last or token.head == token:
            return token
    return doc[number.last]


def more_after(doc: Doc, last: int) -> bool:
    """Return whether the word after a number's `last` token counts people
    besides those told before: "five more", "20 others"."""
    return doc[last + 1 : last + 2].text.lower() in MORE


def objects_of(token: Token, prepositions) -> list[Token]:
    """Return what the prepositions in `prepositions` under `token` govern:
    for "five" in "five of the dead" and {"of"}, [dead]."""
    return [g for c in token.children if c.lower_ in prepositions for g in c.children]


def active_verb(token: Token) -> bool:
    """Return whether `token` is a casualty verb's bare or present form whose
    object is the victims: "injure" in "kill 5 injure 50", "wounds" in
    "kills 12 wounds 50", which spaCy may tag nouns. A number before it
    counts the doers, never the victims. Not "die" ("5 die in blast"), a
    participle, a noun ("killed", "deaths") nor "two martyrs" (a plural is
    a verb only with a number after it, its object)."""
    word = token.lower_
    if word.endswith("s"):
        after = token.nbor() if token.i + 1 < len(token.doc) else None
        if after is None or not (after.like_num or after.lower_ in VAGUE):
            return False
        word = word[:-1]
    verb = word + "ed" in TRIGGERS or word + "d" in TRIGGERS  # "killed", "injured"
    return verb and token.lemma_.lower() not in INTRANSITIVE


def family_of(root: Token) -> Token | None:
    """Return "family" of "a family of six", whose members the number counts."""
    of = root.head
    if root.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ in FAMILY:
        return of.head
    return None


def counted_noun(root: Token, end: int) -> Token | None:
    """Return the noun the number counts ("35 civilians", the members of "a
    family of six"), if any."""
    if (family := family_of(root)) is not None:
        return family
    head = root.head
    if (
        root.dep_ in NUM_DEPS
        and head.i > root.i
        and head.pos_ in ("NOUN", "PROPN")
        and not active_verb(head)
    ):
        if head.tag_ == "NNP" and head.lower_ in HEADLINE_SOURCES:
            return None  # "kill 32 Monitor": the headline's source
        if any(_counts(token, head) for token in root.doc[root.i + 1 : head.i]):
            return None  # "kidnapped 900 Executed 18 People": 18 counts them
        return _person_qualified(head) or head
    if head.i < root.i or root.dep_ not in ARG_DEPS:  # "October 3 2016 21 fighters"
        # the words between may be a hyphenated name: "10 Jaish al-Fateh terrorists"
        for token in root.doc[root.i + 1 : min(root.i + COUNTED_WINDOW, end)]:
            if token.lower_ in PERSON_NOUNS:
                return token
            if token.pos_ not in ("ADJ", "NOUN", "PROPN") and token.tag_ != "HYPH":
                break
    return None


def _counts(token: Token, noun: Token) -> bool:
    """Return whether `token` is a number counting `noun`."""
    return token.like_num and token.head == noun and token.dep_ == "nummod"


def _person_qualified(noun: Token) -> Token | None:
    """Return the people a name qualifies: "volunteers" for "Red Crescent" in
    "22 Red Crescent (SARC) volunteers", which spaCy may give the number."""
    while noun.lower_ not in PERSON_NOUNS:
        if noun.dep_ not in ("compound", "nmod") or noun.head.i < noun.i:
            return None
        noun = noun.head
    return noun


def noun_chain(start: Token) -> list[Token]:
    """Return `start` and the noun phrases it sits in: "a total of", "deaths of",
    the name a title stands beside."""
    chain = [start]
    token = start
    while len(chain) < 6:
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
            grand = head.head
            if grand.lower_ not in QUANT_HEADS and trigger_kind(grand) is None:
                break
            token = grand
        elif token.dep_ == "pobj" and head.lower_ in INCLUDING and head.head != head:
            token = head.head
        elif token.dep_ == "conj" and head.i < token.i and head.pos_ in ("NOUN", "NUM"):
            token = head
        elif (joint := companion_joint(token)) is not None:
            token = joint  # "29 fighters were killed along with six terrorists"
        elif token.dep_ == "appos" and token.tag_ == "NN" and head.tag_ == "NNP":
            token = head  # "Karam Ammoun, another terrorist leader, was killed"
        elif _misread_appos(token):
            token = head  # "According to Hezbollah more than 30 militants were killed"
        else:
            break
        chain.append(token)
    return chain


def _misread_appos(token: Token) -> bool:
    """Return whether a counted plural noun hangs as an appositive from a
    name it does not describe. With the commas gone ("According to Hezbollah
    more than 30 militants were killed"), the parse makes the name the verb's
    subject and the dead its appositive; the dead are the subject."""
    head = token.head
    return (
        token.dep_ == "appos"
        and token.tag_ == "NNS"
        and head.tag_ == "NNP"
        and head.i < token.i
        and head.dep_ in ("nsubj", "nsubjpass")
        and any(c.dep_ == "nummod" for c in token.children)
    )


COMPANION_PREPS = frozenset("alongside with".split())  # "(along) with"


def companion_joint(token: Token) -> Token | None:
    """Return what `token` is counted along with: "killed along with six" -> killed.

    Only "alongside" and "along / together with": a bare "with" also joins
    enemies ("clashes with 200 rebels").
    """
    head = token.head
    if token.dep_ != "pobj" or head.lower_ not in COMPANION_PREPS:
        return None
    if head.lower_ == "alongside":
        return head.head
    before = token.doc[head.i - 1].lower_ if head.i > 0 else ""
    if before not in ("along", "together"):
        return None
    joint = head.head  # "along" heads "with", or both hang off the verb
    return joint.head if joint.lower_ == before else joint


POSSESSIVES = frozenset("his her".split())


def companions_leader(root: Token) -> Token | None:
    """Return the one person a number of his companions were with, if any.

    "the commander and four of his bodyguards", "X alongside nine of his
    comrades", "killed the leader along with three of his aides", "his son
    and 12 other militants", "X was killed along with five others": the
    figure counts the companions, the toll includes the leader too.
    """
    others = root.dep_ == "nummod" and _others(root.head)
    if others:
        root = root.head  # "12 other militants": the phrase is the noun's
    elif not any(
        group.dep_ == "pobj"
        and any(t.dep_ == "poss" and t.lower_ in POSSESSIVES for t in group.children)
        for group in objects_of(root, {"of"})
    ):
        return None
    head = root.head
    after_and = root.i > 0 and root.doc[root.i - 1].lower_ == "and"
    if root.dep_ == "conj" or (root.dep_ == "appos" and after_and):
        leader = head  # "The commander Abu Omar and four of his bodyguards"
    elif root.dep_ == "pobj" and head.lower_ in COMPANION_PREPS:
        # a bare "with" too: "the commander with four of his bodyguards"
        leader = companion_joint(root) or head.head
        if leader.pos_ in ("VERB", "AUX"):  # "killed X along with three of his aides"
            leader = next(
                (c for c in leader.children if c.dep_ in ("dobj", "nsubjpass")), leader
            )  # "X was killed along with five others"
    else:
        return None
    if others and not _alone_before(leader, root):
        return None
    one_person = leader.tag_ == "NN" and leader.lower_ in PERSON_NOUNS
    named = leader.tag_ == "NNP" and leader.ent_type_ in ("PERSON", "")
    return leader if one_person or named else None


def _alone_before(leader: Token, others: Token) -> bool:
    """Return whether `leader` is the one person "N others" are counted
    besides: not one of a list ("a child and two women and nine others"), nor
    part of a toll ("10 civilians were killed including a child and 37 others
    were injured")."""
    if any(c != others for c in leader.conjuncts):
        return False
    return not (leader.dep_ == "pobj" and leader.head.lower_ in INCLUDING)


def _others(root: Token) -> bool:
    """Return whether the number counts others than one told before it: "five
    others", "20 other terrorists"."""
    return root.lower_ == "others" or any(
        c.dep_ == "amod" and c.lower_ == "other" for c in root.children
    )


def part_of_toll(
    root: Token, noun: Token | None, triggers: dict[int, str]
) -> tuple[int, Token] | None:
    """Return (the toll's word, who they were) when a number counts part of a
    toll: "five of the dead were children", "14 of those killed were rebels",
    "10 of the dead were believed to be civilians", "three soldiers were among
    the dead", "among those killed were two women".

    Only with a noun for who they were: "15 of the wounded were in critical
    condition" says nothing the toll did not.
    """
    return (
        _some_of_the_toll(root, triggers)
        or _among_the_toll(noun, triggers)
        or _included_in_the_toll(noun, triggers)
    )


def _some_of_the_toll(root: Token, triggers: dict[int, str]) -> tuple | None:
    """The part_of_toll of "five of the dead were children"."""
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    whole = next(iter(objects_of(root, {"of"})), None)  # "five of the dead"
    if whole is None:  # fronted: "Of those killed, six were children"
        of = next(
            (c for c in root.head.lefts if c.dep_ == "prep" and c.lower_ == "of"),
            None,
        )
        whole = dependent(of, "pobj") if of is not None else None
    trigger = _toll_word(whole, triggers) or _the_killed(root, triggers)
    if trigger is None:
        return None
    verb = root.head
    if verb.lemma_ != "be":  # "were believed to be civilians"
        verb = next(
            (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_ == "be"), None
        )
        if verb is None:
            return None
    predicate = next(
        (c for c in verb.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")),
        None,
    )
    return None if predicate is None else (trigger, predicate)


def _the_killed(root: Token, triggers: dict[int, str]) -> int | None:
    """The toll word of "two of the killed", which spaCy parses as "two
    killed" with a stray "of the" between."""
    doc = root.doc
    return next(
        (
            c.i
            for c in root.children
            if c.dep_ == "acl"
            and c.i in triggers
            and doc[c.i - 2 : c.i].text.lower() == "of the"
        ),
        None,
    )


def _among_the_toll(noun: Token | None, triggers: dict[int, str]) -> tuple | None:
    """The part_of_toll of "three soldiers were among the dead"."""
    if noun is None:
        return None
    first = noun
    while first.dep_ == "conj" and first.head.i < first.i:  # "five children and
        first = first.head  # two women"
    verb = first.head
    if first.dep_ not in ("nsubj", "nsubjpass", "attr"):
        return None
    if verb.lemma_ != "be":
        # a stripped comma misparses "Among the dead were seven people killed
        # ... the group said": "were" is still the word before them
        before = first.left_edge.i - 1
        if before < 0 or noun.doc[before].lemma_ != "be":
            return None
        verb = noun.doc[before]
    whole = next(iter(objects_of(verb, {"among"})), None)
    trigger = _toll_word(whole, triggers)
    return None if trigger is None else (trigger, noun)


def _included_in_the_toll(noun: Token | None, triggers: dict[int, str]) -> tuple | None:
    """The part_of_toll of "the dead included 109 evacuees", "the toll
    includes 126 people killed by rebel shelling", "those killed included 11
    people": what a toll includes is part of it."""
    if noun is None or noun.dep_ != "dobj" or noun.head.lemma_ != "include":
        return None
    whole = subject_of(noun.head)
    trigger = None if whole is None else _toll_trigger(whole, triggers)
    return None if trigger is None else (trigger, noun)


def _toll_word(whole: Token | None, triggers: dict[int, str]) -> int | None:
    """The trigger of "the dead", "those killed", "the people killed"."""
    if whole is None or whole.dep_ != "pobj":
        return None
    return _toll_trigger(whole, triggers)


def _toll_trigger(whole: Token, triggers: dict[int, str]) -> int | None:
    """Return the trigger of a phrase naming a toll: "dead", "toll", the
    "killed" of "those killed"."""
    if whole.i in triggers:
        return whole.i
    modifiers = [c for c in whole.children if c.dep_ in MODIFIER_DEPS]
    return next((c.i for c in modifiers if c.i in triggers), None)


def _victim_argument(noun: Token, verb: Token) -> bool:
    """Return whether `noun`, an argument of trigger `verb`, is its victim."""
    if (
        noun.dep_ == "dobj"
        and verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "amod")
        and (verb.head.tag_ in ("DT", "PRP") or _has_own_verb(noun))
    ):
        # a misparse: "those killed [,] at least 160 people were hurt"; not
        # "an attack killed at least 44", the verb taken for a participle
        return False
    if noun.dep_ == "dobj" and verb.lemma_ in INTRANSITIVE:
        return False  # "dead" takes no object: "48 people dead over 100 injured"
    if noun.dep_ != "nsubj" or verb.lemma_ in INTRANSITIVE or verb.pos_ != "VERB":
        return True
    # "Five killed in Aleppo": a headline's passive without its auxiliary.
    return not any(child.dep_ in ("dobj", "dative") for child in verb.children)


def _has_own_verb(noun: Token) -> bool:
    """ "troops killed in an advance [.] At least 85 troops were killed": the
    second noun, parsed as the participle's object, has a verb of its own."""
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    # "23 Killed Over 100 Injured": the trigger after it is the number's own
    return following is not None and (
        following.lemma_ == "be" or trigger_kind(following) is not None
    )


def _modifier_ok(trigger: Token) -> bool:
    if trigger.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.like_num for c in trigger.children
    ):
        return False  # "killed 30 people injured 90": its own count, a clause
    if trigger.dep_ == "relcl":
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
        return passive or trigger.lemma_ in INTRANSITIVE
    return trigger.tag_ in ("VBN", "JJ") or trigger.pos_ in ("ADJ", "NOUN")


def _trigger_after(number: Token, triggers: dict[int, str]) -> int | None:
    """Return the trigger that follows a bare number as its own participle.

    "57 Civilians killed 150 Injured in attacks", "received 822 wounded and
    270 dead bodies", "Aleppo 11 Killed 44 Injured": spaCy makes 150 the
    object of "killed", 822 that of "received" and 11 a modifier of
    "Aleppo", but the participle right after the number says what it
    counts, whatever its tag (a headline's "6 Killed" is tagged a past
    tense). Not "killed 12 wounded soldiers" (the participle describes the
    noun after it) nor "killed 4 injured 10" (it counts the next number).
    """
    doc = number.doc
    if not number.like_num or number.i + 1 >= len(doc):
        return None
    after = doc[number.i + 1]
    following = doc[after.i + 1] if after.i + 1 < len(doc) else None
    if after.i not in triggers or not _participle_like(after):
        return None
    if following is not None and following.pos_ in ("NOUN", "PROPN"):
        return None  # "killed 12 wounded soldiers": it describes the noun
    if following is not None and following.like_num and _object_of_trigger(number):
        return None  # "killed 4 injured 10": it counts the next number
    return after.i


def _object_of_trigger(number: Token) -> bool:
    """Return whether `number` is the object of a casualty word before it:
    "killed 4", or "kidnapped 900" in the headline "kidnapped 900 Executed
    18 People", which spaCy parses as three words on "People"."""
    head = number.head
    before = head.i < number.i
    if number.dep_ in ARG_DEPS and before and trigger_kind(head) is not None:
        return True
    previous = number.doc[number.i - 1] if number.i > 0 else None
    return previous is not None and trigger_kind(previous) is not None


def _participle_like(token: Token) -> bool:
    """Return whether `token` may be a participle: a headline's title case
    "Killed & Injured" is tagged a proper noun (but "Injure" is no participle)."""
    if active_verb(token):
        return False
    return token.tag_ in ("VBN", "VBD", "JJ") or (
        token.tag_ == "NNP" and token.is_title
    )


def _describes(modifier: Token, noun: Token) -> bool:
    """Return whether a trigger word is an adjective before a noun, saying
    what its people are ("displaced people", "injured civilians"); not a
    title-case headline's own verb ("kidnapped 900 Executed 18 People")."""
    return modifier.dep_ == "amod" and modifier.i < noun.i and modifier.is_lower


def _victims_of_the_head(root: Token, triggers: dict[int, str]) -> bool:
    """Return whether the counted phrase is who its head trigger struck:
    "killed at least 26 displaced people" counts the dead, whatever
    "displaced" says of them."""
    head = root.head
    return head.i in triggers and root.dep_ in ARG_DEPS and _victim_argument(root, head)


def dep_trigger(chain: list[Token], triggers: dict[int, str]) -> int | None:
    """Return the doc index of the trigger the parse links to this number."""
    if (after := _trigger_after(chain[0], triggers)) is not None:
        return after
    for token in chain:
        if token.i in triggers:
            return token.i
        modifiers = [  # "dozen killed", "20 others wounded"
            child
            for child in token.children
            if child.i in triggers
            and child.dep_ in MODIFIER_DEPS
            and _modifier_ok(child)
        ]
        if modifiers and token.like_num:
            # "23 Killed Over 100 Injured": a number's own trigger follows it
            return min(modifiers, key=lambda c: (c.i < token.i, c.i)).i
        if modifiers and not (
            all(_describes(c, token) for c in modifiers)
            and _victims_of_the_head(token, triggers)
        ):
            return modifiers[0].i
    root = chain[-1]
    head = root.head
    if _victims_of_the_head(root, triggers):
        return head.i
    verb = None
    # "put the death toll at 16 earlier": the parse hung the count from the
    # adverb after it, as in "16 days earlier"; the adverb stands for it
    hung = (
        root.dep_ == "npadvmod" and head.lower_ in TIME_ADVERBS and head.dep_ == "pcomp"
    )
    if hung:
        root, head = head, head.head
    if root.dep_ in ARG_DEPS:
        verb = head
    elif (root.dep_ == "pobj" or hung) and head.lower_ in ("to", "at"):
        if head.head.i in triggers:  # "the death toll at 24"
            return head.head.i
        if (tallied := _tallied_trigger(head.head, triggers)) is not None:
            return tallied  # "the number of injured at 28"
        verb = head.head
        if verb.dep_ == "npadvmod" and verb.ent_type_ in ("DATE", "TIME"):
            # "raised the toll ... the previous day to 61": a time takes no
            # "to 61", so the parse hung it one step too low
            verb = verb.head
    if verb is None or (root.dep_ == "nsubj" and verb.lemma_ in REPORT_VERBS):
        return None  # "a doctor confirmed the toll": he told it
    for child in verb.children:
        if child.dep_ == "conj" and child.i in triggers and root.dep_ in ARG_DEPS:
            own = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            if not own and _victim_argument(root, child):  # "rounded up and executed"
                return child.i
        if child == root or child.dep_ not in ARG_DEPS | {"acomp", "xcomp", "ccomp"}:
            continue
        if child.dep_ == "ccomp" and verb.lemma_ in REPORT_VERBS:
            continue  # "a commander said 20 soldiers were killed": he told it
        # "left 10 dead", "toll rose to 112", "five were found dead"
        target = child
        if child.i not in triggers:
            target = next(
                iter(objects_of(child, {"of"})),
                child,
            )
        if target.i in triggers and (target.pos_ != "VERB" or target.tag_ == "VBN"):
            return target.i
        if (tallied := _tallied_trigger(child, triggers)) is not None:
            return tallied  # "the number of people killed has risen to 21"
    shared = verb.head  # "executed and crucified nine men": both verbs' object
    if (
        verb.dep_ == "conj"
        and shared.i in triggers
        and root.dep_ == "dobj"
        and not any(c.dep_ == "dobj" for c in shared.children)
    ):
        return shared.i
    return None


def _tallied_trigger(tally: Token, triggers: dict[int, str]) -> int | None:
    """Return the trigger of what a tally counts: "injured" in "the number of
    injured", "killed" in "the number of people killed"."""
    if tally.lower_ not in QUANT_HEADS:
        return None
    for counted in objects_of(tally, {"of"}):
        if counted.i in triggers:
            return counted.i
        for child in counted.children:
            if child.i in triggers and child.dep_ in ("acl", "amod", "relcl"):
                return child.i
    return None


def tallied_noun(trigger: Token) -> Token | None:
    """Return who a tally counts: "civilians" in "the number of civilians
    killed has risen to 20", "the toll of civilians killed", "the toll for
    soldiers killed", "the death toll among civilians" and "the civilian death
    toll"."""
    toll = trigger
    if trigger.dep_ == "compound" and trigger.head.lower_ in TOLL_NOUNS:
        toll = trigger.head  # "death" of "the death toll"
    if toll.lower_ in TOLL_NOUNS:
        named = objects_of(toll, {"of", "among", "for"}) + [
            child
            for child in toll.children
            if child.dep_ in ("amod", "compound") and trigger_kind(child) is None
        ]
        return next(iter(named), None)
    counted, of = trigger.head, trigger.head.head
    if (
        trigger.dep_ in ("acl", "amod", "relcl")
        and counted.dep_ == "pobj"
        and of.lower_ in ("of", "for")
        and _toll_at(of.head)
    ):
        return counted
    return None


def _toll_at(token: Token) -> bool:
    """Return whether `token` is a toll noun or, as the parse may hang "for"
    from the verb ("brought the toll for soldiers killed ... to 18"), a verb
    whose object is one."""
    return token.lower_ in TOLL_NOUNS or any(
        c.dep_ == "dobj" and c.lower_ in TOLL_NOUNS for c in token.children
    )


def window_trigger(
    doc: Doc, number: Number, noun: Token | None, triggers, taken: set[int], sent
) -> int | None:
    """Return a trigger right after the counted phrase or right before the number.

    `taken` holds the last words of numbers already linked, and the triggers
    that count a number after them ("Executed" in "Executed 18 People").
    """
    i = max(number.last, noun.i if noun is not None else number.last) + 1
    i = _past_a_breakdown(doc, i, sent.end)
    for token in doc[i : min(i + 4, sent.end)]:
        if token.i in triggers and (active_verb(token) or token.i in taken):
            break  # "kill 5 injure 50", "900 Executed 18 People": the next one's
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


BREAKDOWN_WORDS = 8  # words a set-off breakdown of the counted people may take


def _past_a_breakdown(doc: Doc, i: int, end: int) -> int:
    """Return where the words after a counted phrase go on past a breakdown set
    off by dashes or commas: "leaving 23 civilians - including nine children -
    dead"; `i` itself when none stands there."""
    mark = doc[i].text if i + 1 < end else ""
    if mark not in BREAKDOWN_MARKS or doc[i + 1].lower_ not in INCLUDING:
        return i
    for token in doc[i + 2 : min(i + 2 + BREAKDOWN_WORDS, end)]:
        if token.text == mark:
            return token.i + 1
    return i


def not_a_count(doc: Doc, number: Number, noun: Token | None, person: bool) -> bool:
    """Return whether the number counts money, time, distance or the like."""
    before = doc[number.start - 1].lower_ if number.start > 0 else ""
    if (
        before in ("$", "no", "£", "€")
        or noun is not None
        and (noun.lower_ in NOT_PEOPLE or DATE_TOKEN.match(noun.text))
    ):  # "(updated 2033 15.04.2017)" is a time and a date
        return True
    after = doc[number.last + 1 : number.last + 2].text.lower()
    if after in ("%", "percent"):
        return True
    first = number.linking  # a widened range's upper number counts
    near = doc[max(first - 1, 0) : number.last + 2]
    if any(token.lower_.rstrip(".") in MONTHS for token in near):
        return True  # "12 June 2016", "Jul 2015"
    if first == number.last and YEAR.match(doc[first].text):
        dated = first > 0 and doc[first - 1].like_num  # "August 12 2016"
        return dated or noun is None or noun.i != number.last + 1
    if person or _risen_to(doc, number):
        return False
    if after in TIME_ADVERBS:
        return False  # "put the death toll at 16 earlier": the model's time
    tokens = doc[first : number.last + 1]
    return any(token.ent_type_ in NOT_A_COUNT_ENTS for token in tokens)


def _risen_to(doc: Doc, number: Number) -> bool:
    """Return whether a toll rises to the number: "Death Toll in Aleppo Blast
    Rises to 70", where the title case makes the model read a date (and may
    parse "Rises" as a noun)."""
    before = doc[max(number.start - 2, 0) : number.start]
    return (
        len(before) == 2
        and before[1].lower_ == "to"
        and before[0].lemma_.lower() in RISE_VERBS
    )
