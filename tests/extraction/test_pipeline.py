"""extract()/extract_many(): batching, processes, failures, the JSON contract."""

import json
from datetime import date

import pytest

from events.extraction.contract import to_contract
from events.extraction.pipeline import ArticleText, extract, extract_many
from tests.conftest import seed_path

SEEDS = [
    seed_path(p).read_text(encoding="utf-8") for p in "000 001 002 003 004".split()
]


def test_extract_returns_the_components_findings(nlp):
    result = extract(
        "Airstrikes killed 35 civilians late Thursday in the town of Mayadeen.",
        published=date(2017, 5, 27),
        nlp=nlp,
    )
    (event,) = result.events
    assert (event.sub_event_type, event.place.name, event.killed_best) == (
        "Air/drone strike",
        "al-Mayadin",
        35,
    )
    assert (event.date, event.date_precision) == (date(2017, 5, 25), "day")
    assert result.published == date(2017, 5, 27)


def test_two_processes_give_the_same_results_in_order(nlp):
    articles = [ArticleText(text) for text in SEEDS]

    one = list(extract_many(articles, nlp=nlp))
    two = list(extract_many(articles, nlp=nlp, n_process=2, batch_size=1))

    assert [r.as_dict() for r in two] == [r.as_dict() for r in one]


def test_a_failing_article_fails_alone(nlp, monkeypatch):
    from events.extraction import places

    original = places.PlaceGeocoder.__call__

    def explode_on_palmyra(self, doc):
        if "Palmyra" in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(places.PlaceGeocoder, "__call__", explode_on_palmyra)
    results = list(
        extract_many(
            [ArticleText("Shelling hit Douma."), ArticleText("In Palmyra.")], nlp=nlp
        )
    )

    assert [r.error for r in results] == ["", "RuntimeError: boom"]
    assert [p.name for p in results[0].places] == ["Douma"]


def test_the_contract_has_every_documented_key(nlp):
    result = extract(SEEDS[1], nlp=nlp)
    record = json.loads(json.dumps(to_contract(result, article_id="001", title="t")))

    assert set(record) == {
        "id",
        "title",
        "published",
        "actors",
        "places",
        "casualties",
        "events",
    }
    assert set(record["places"][0]) == {
        "name",
        "lat",
        "lon",
        "country",
        "admin1",
        "admin1_code",
        "geonameid",
        "precision",
        "start",
        "end",
    }
    assert set(record["casualties"][0]) == {
        "kind",
        "low",
        "high",
        "victims",
        "victims_inferred",
        "victim_detail",
        "victim_side",
        "part_of_total",
        "superseded",
        "vague",
        "perpetrator",
        "claimed_by",
        "place",
        "date",
        "date_told",
        "cumulative",
        "text",
        "start",
        "end",
    }
    assert set(record["events"][0]) >= {
        "date",
        "date_precision",
        "event_type",
        "sub_event_type",
        "place",
        "lat",
        "lon",
        "admin1",
        "admin1_code",
        "geo_precision",
        "actors",
        "perpetrator",
        "killed",
        "killed_low",
        "killed_high",
        "injured",
        "civilian_targeting",
        "summary",
        "evidence",
    }
    assert all(a["kind"] for a in record["actors"])
    assert "Syrian Observatory for Human Rights" not in [
        a["name"] for a in record["actors"]
    ]


@pytest.mark.parametrize("text", ["", "   ", "Tesla hit with $2bn lawsuit."])
def test_text_without_conflict_news_gives_nothing(nlp, text):
    result = extract(text, nlp=nlp)
    assert (result.casualties, result.events) == ((), ())


def test_the_unstated_dead_of_a_clash_are_inferred_fighters(nlp):
    text = "Forty people were reported dead in clashes between rival groups in Douma."
    result = extract("40 dead in clashes between rival groups in Douma.", nlp=nlp)
    (figure,) = result.casualties
    assert (figure.victims, figure.victims_inferred) == ("combatants", True)
    # Said outright, the victims are not inferred.
    result = extract(text.replace("people", "civilians"), nlp=nlp)
    assert [(f.victims, f.victims_inferred) for f in result.casualties] == [
        ("civilians", False)
    ]


def test_victims_carry_their_detail_and_side(nlp):
    text = (
        "Airstrikes killed 11 children in Douma. "
        "Coalition strikes killed 20 ISIS fighters in Hajin."
    )
    result = extract(text, nlp=nlp)
    assert [
        (c.low, c.victims, c.victim_detail, c.victim_side) for c in result.casualties
    ] == [(11, "civilians", "children", None), (20, "combatants", None, "isis")]


@pytest.mark.parametrize(
    "text, second_sentence",
    [
        ("Heading\n\nThe strikes hit Raqqa.", "The strikes hit Raqqa."),
        ('Heading\n\n"We will fight," he said.', '"We will fight," he said.'),
        ("Heading\n(AFP) Air strikes hit Raqqa.", "(AFP) Air strikes hit Raqqa."),
        ("Heading\n\n<b>Raqqa</b> was hit.", "<b>Raqqa</b> was hit."),
    ],
)
def test_a_line_break_starts_a_sentence_with_its_opening_mark(
    nlp, text, second_sentence
):
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences[:2] == ["Heading", second_sentence]


@pytest.mark.parametrize(
    ("text", "first_sentences"),
    [
        # scraped text runs the dateline into the lead
        (
            "16 July 2015 At least 11 civilians were killed in al-Bab.",
            ["16 July 2015", "At least 11 civilians were killed in al-Bab."],
        ),
        (
            "Fri Jul 1 2016 40 Terrorists Killed in Latest Army Offensive in Aleppo.",
            [
                "Fri Jul 1 2016",
                "40 Terrorists Killed in Latest Army Offensive in Aleppo.",
            ],
        ),
        # ... or between the headline and the lead, headline and dateline whole
        (
            "Syria fighting kills 132 Islamic State fighters Monitor Reuters "
            "Wednesday 25 Feb 2015 At least 132 militants have been killed.",
            [
                "Syria fighting kills 132 Islamic State fighters Monitor",
                "Reuters Wednesday 25 Feb 2015",
                "At least 132 militants have been killed.",
            ],
        ),
    ],
)
def test_a_dateline_is_a_sentence_of_its_own(nlp, text, first_sentences):
    sentences = [s.text for s in nlp(text).sents]
    assert sentences[: len(first_sentences)] == first_sentences


def test_a_date_that_runs_into_a_word_is_not_cut_off(nlp):
    # the token "23.10.2017(updated" holds the date's end: no cut at "2340"
    doc = nlp("23.10.2017(updated 2340 23.10.2017) Get short URL")
    assert not [s for s in doc.sents if s.text.startswith("2340")]


@pytest.mark.parametrize(
    "text",
    [
        "At least 287 IS fighters among them 26 minors had been killed.",
        "35 IS jihadists killed in clashes with Syria Kurds.",
    ],
)
def test_is_reads_as_the_group_not_a_verb(bare_nlp, nlp, text):
    # the bare model takes "IS" for "is"; the pipeline reads it as ISIL
    def is_tags(doc):
        return [t.pos_ for t in doc if t.text == "IS"]

    assert is_tags(bare_nlp(text)) == ["AUX"]
    assert is_tags(nlp(text)) == ["PROPN"]
