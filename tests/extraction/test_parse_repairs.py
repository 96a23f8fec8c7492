"""cw_parse_repairs: a clause's subject that the parser took for the object of
the verb before it is given back to the clause."""

import pytest

from events.extraction.parse_repairs import parse_repairs


def subjects(doc) -> list[tuple[str, str]]:
    return [(t.text, t.head.text) for t in doc if t.dep_ in ("nsubj", "nsubjpass")]


REPAIRS = [
    # the model joins "killed" to "rushed", whose subject is the coalition's
    (
        "Hariri said the coalition rushed to punish the criminals but insists on "
        "ignoring Assads warplanes have killed thousands of children.",
        ("warplanes", "killed"),
    ),
    (
        "The father wept on learning his son had been killed in the shelling.",
        ("son", "killed"),
    ),
    (
        "The mother screamed after hearing her children had died in the strike.",
        ("children", "died"),
    ),
    (
        "The Observatory called on the experts to visit the areas to ensure aid "
        "could be delivered and to launch an investigation.",
        ("aid", "delivered"),
    ),
]


@pytest.mark.parametrize(("sentence", "subject"), REPAIRS)
def test_the_clause_gets_its_subject_back(bare_nlp, sentence, subject):
    doc = bare_nlp(sentence)
    assert subject not in subjects(doc)  # the model's misparse
    repaired = parse_repairs(doc)
    assert subject in subjects(repaired)
    taker = next(t for t in repaired if t.text == subject[0]).head
    assert taker.dep_ == "ccomp"  # the clause hangs from the verb that takes it


# The object of a verb that takes no clause stays its object: the pictures
# have shown, the vote could come.
UNTOUCHED = [
    "Pictures of the city posted using the hashtag have shown dozens of injured "
    "children.",
    "A vote on passing the Syria resolution could come on Thursday.",
    "Rebels attacked the town and have killed ten soldiers.",
]


@pytest.mark.parametrize("sentence", UNTOUCHED)
def test_other_parses_are_left_alone(bare_nlp, sentence):
    before = [(t.dep_, t.head.i) for t in bare_nlp(sentence)]
    after = [(t.dep_, t.head.i) for t in parse_repairs(bare_nlp(sentence))]
    assert after == before


@pytest.mark.parametrize(
    "sentence",
    ["Of those killed six were children.", "Of the dead 14 were rebels."],
)
def test_a_fronted_of_phrase_gives_back_the_count(bare_nlp, sentence):
    # a lost comma: the model makes the count the object of "Of"
    doc = bare_nlp(sentence)
    count = doc[3]
    assert (count.dep_, count.head.text) == ("pobj", "Of")
    repaired = parse_repairs(doc)
    assert (count.dep_, count.head.text) == ("nsubj", "were")
    of = repaired[0]
    assert [t.text for t in of.children if t.dep_ == "pobj"] == [repaired[2].text]


# spaCy reads "the opposition claims" as a noun phrase, the subject of "killed"
REPORTS = [
    (
        "Syria's government was behind a chemical massacre near Damascus that "
        "the opposition claims killed hundreds.",
        "opposition",
    ),
    (
        "Amnesty condemned the raid on the market that the rebel command claims "
        "killed 40 people.",
        "command",
    ),
]


@pytest.mark.parametrize(("sentence", "teller"), REPORTS)
def test_a_reporting_verb_read_as_a_noun_becomes_the_verb(bare_nlp, sentence, teller):
    doc = bare_nlp(sentence)
    killed = next(t for t in doc if t.lower_ == "killed")
    report = doc[killed.i - 1]
    assert (report.dep_, report.head) == ("nsubj", killed)  # the model's misparse
    relative = doc[report.left_edge.i - 1]
    parse_repairs(doc)
    assert (report.pos_, report.dep_) == ("VERB", "relcl")
    assert (teller, report.text) in subjects(doc)
    assert (killed.dep_, killed.head) == ("ccomp", report)
    assert (relative.dep_, relative.head, relative.tag_) == ("nsubj", killed, "WDT")


def test_a_reporting_noun_that_is_a_noun_is_left_alone(bare_nlp):
    sentence = "The opposition claims were denied by the government."
    before = [(t.dep_, t.head.i) for t in bare_nlp(sentence)]
    after = [(t.dep_, t.head.i) for t in parse_repairs(bare_nlp(sentence))]
    assert after == before


def test_the_repair_runs_before_the_components(nlp):
    names = [name for name, _ in nlp.pipeline]
    assert names.index("cw_parse_repairs") < names.index("cw_actors")
    assert names.index("cw_parse_repairs") > names.index("parser")


def test_the_killer_is_the_subject_given_back(nlp):
    doc = nlp(REPAIRS[0][0])
    [figure] = doc._.casualties
    assert (figure.kind, figure.low) == ("killed", 2000)
    assert figure.perpetrator == "Syrian government forces"  # not the coalition


def test_the_teller_given_a_verb_is_the_claimant_not_the_killer(nlp):
    doc = nlp(REPORTS[0][0])
    [figure] = doc._.casualties
    assert (figure.kind, figure.low) == ("killed", 200)
    assert (figure.perpetrator, figure.claimed_by) == (None, "opposition")
