"""Mending two misparses of the statistical parser before the components read it.

Scraped news text often loses its commas and "that"s, and the small model
then hangs the subject of a complement clause from the verb before it as
its object: in "ignoring Assads warplanes have killed thousands" and "after
learning his son had died", spaCy makes "warplanes" and "son" objects of
"ignoring" and "learning", and joins "killed" and "died" to the sentence's
first verb, whose subject then reads as theirs (the coalition killed; the
man who cried died). And in "Of those killed six were children" it makes
"six" the object of "Of", leaving "were" without a subject. In "a massacre
that the opposition claims killed hundreds" it reads "the opposition claims"
as a noun phrase, the subject of "killed", though the opposition only tells.
`cw_parse_repairs` gives the clause its subject, "were" its count back and
"claims" its verb, so that every later component reads the same mended tree.
Pure: no Django.
"""

from spacy.language import Language
from spacy.tokens import Doc, Token

from events.extraction.casualty_links import load_casualty_words

# Verbs whose object may be a clause's subject: "believed its experience
# would help", "ensure aid could be delivered". Not "using the hashtag have
# shown", "passing the resolution could come": their object is theirs.
CLAUSE_VERBS = load_casualty_words()["clause_verbs"]
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Reporting verbs whose third person the parse may take for a plural noun.
REPORTS_READ_AS_NOUNS = frozenset({"claims", "says", "alleges"})


@Language.component("cw_parse_repairs")
def parse_repairs(doc: Doc) -> Doc:
    """Give back their subjects to the clauses the parse joined to another
    verb, to "were" the count that a fronted "Of those killed" took, and to
    a relative clause the reporting verb read as a noun."""
    for verb, subject in [(v, s) for v in doc if (s := _subject_taken(v)) is not None]:
        taker = subject.head
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        subject.head, subject.dep_ = verb, "nsubjpass" if passive else "nsubj"
        verb.head, verb.dep_ = taker, "ccomp"
    for verb, count in [(v, c) for v in doc if (c := _count_taken(v)) is not None]:
        of = count.head
        words = [t for t in count.lefts if t.i > of.i]  # "those killed", "the dead"
        count.head, count.dep_ = verb, "nsubj"
        if words and not any(c.dep_ == "pobj" for c in of.children):
            whole = words[-1]
            whole.head, whole.dep_ = of, "pobj"
            for word in words[:-1]:
                word.head = whole
    for verb, taken in [(v, t) for v in doc if (t := _report_taken(v)) is not None]:
        _make_report_verb(verb, *taken)
    return doc


def _report_taken(verb: Token) -> tuple[Token, Token] | None:
    """Return the reporting verb the parse read as the subject noun of the
    relative clause `verb`, and the relative pronoun: in "a massacre that the
    opposition claims killed hundreds" spaCy makes "claims" a noun heading
    "the opposition" and the subject of "killed"."""
    if verb.i == 0:
        return None
    report = verb.doc[verb.i - 1]
    if (
        report.lower_ not in REPORTS_READ_AS_NOUNS
        or report.dep_ != "nsubj"
        or report.head != verb
        or not any(c.dep_ == "compound" for c in report.lefts)
    ):
        return None
    start = report.left_edge.i  # "... massacre that [the opposition claims]"
    if start < 2:
        return None
    relative, noun = verb.doc[start - 1], verb.doc[start - 2]
    if (
        relative.lower_ not in ("that", "which")
        or relative.head != verb
        or noun.pos_ not in ("NOUN", "PROPN")
    ):
        return None
    return report, relative


def _make_report_verb(verb: Token, report: Token, relative: Token) -> None:
    """Mend "a massacre that [the opposition claims] killed hundreds" into
    the tree spaCy gives "an attack that the Red Crescent says killed": the
    teller is the subject of the reporting verb, which modifies the noun
    before "that", and "that" is the subject of the clause it tells."""
    teller = [c for c in report.lefts if c.dep_ == "compound"][-1]
    for word in list(report.lefts):
        if word != teller:
            word.head = teller
    teller.head, teller.dep_ = report, "nsubj"
    report.tag_, report.pos_, report.lemma_ = "VBZ", "VERB", report.lower_[:-1]
    report.head, report.dep_ = verb.doc[relative.i - 1], "relcl"
    verb.head, verb.dep_ = report, "ccomp"
    relative.tag_, relative.dep_ = "WDT", "nsubj"  # "that" is what killed


def _count_taken(verb: Token) -> Token | None:
    """Return the number a fronted "of" phrase took from "were", which has no
    subject: in "Of those killed six were children", a text whose comma was
    lost, spaCy makes "six" the object of "Of". (Asked of every word: the
    lemma, which turns away nearly all of them, is asked first.)"""
    if verb.lemma_ != "be" or verb.i == 0:
        return None
    count = verb.doc[verb.i - 1]
    of = count.head
    if not (
        count.like_num
        and count.dep_ == "pobj"
        and of.lower_ == "of"
        and of.dep_ == "prep"
        and of.head == verb
    ):
        return None
    return None if any(c.dep_ in SUBJECTS for c in verb.children) else count


def _subject_taken(verb: Token) -> Token | None:
    """Return the noun before `verb`'s auxiliaries that the parse made the
    object of a verb taking a clause, when `verb` has no subject of its own."""
    if verb.dep_ != "conj" or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    auxiliaries = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass")]
    if not auxiliaries or auxiliaries[0].i == verb.sent.start:
        return None
    noun = verb.doc[auxiliaries[0].i - 1]
    taker = noun.head
    if (
        noun.dep_ != "dobj"
        or noun.pos_ not in ("NOUN", "PROPN", "PRON")
        or taker.lemma_ not in CLAUSE_VERBS
        or taker.i > noun.i
        or taker in verb.subtree  # the tree must stay a tree
    ):
        return None
    return noun
