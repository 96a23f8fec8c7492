"""Date resolver: expressions -> (date, precision), periods, publication dates,
and the cw_dates component on sentences from the seeds."""

from datetime import date

import pytest

from events.extraction.dates import is_period, publication_date, resolve
from events.extraction.types import DateMention
from tests.conftest import seed_path

SUNDAY = date(2017, 5, 28)  # seed 000's publication date
MONDAY = date(2017, 5, 22)
JAN_2 = date(2017, 1, 2)


def date_mentions(nlp, text: str, published: date | None) -> list[DateMention]:
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)._.dates


# --- resolve ------------------------------------------------------------------

WEEKDAY_CASES = [
    ("on Saturday", SUNDAY, date(2017, 5, 27)),
    ("late Thursday", SUNDAY, date(2017, 5, 25)),
    ("Saturday night", SUNDAY, date(2017, 5, 27)),
    ("early on Monday", SUNDAY, date(2017, 5, 22)),
    ("Wednesday's attack", SUNDAY, date(2017, 5, 24)),
    ("Wednesday’s strike", SUNDAY, date(2017, 5, 24)),
    ("on Tuesday night", SUNDAY, date(2017, 5, 23)),
    ("Friday morning", SUNDAY, date(2017, 5, 26)),
    ("Sunday", SUNDAY, SUNDAY),  # same weekday as publication: that day
    ("on Monday", MONDAY, MONDAY),
    ("on Tuesday", MONDAY, date(2017, 5, 16)),
    ("Last Friday", SUNDAY, date(2017, 5, 26)),
    ("last Sunday", SUNDAY, date(2017, 5, 21)),  # "last" never means today
    ("Saturday, May 27", SUNDAY, date(2017, 5, 27)),
]
NAMED_DAY_CASES = [
    ("yesterday", SUNDAY, date(2017, 5, 27)),
    ("late yesterday", SUNDAY, date(2017, 5, 27)),
    ("yesterday evening", SUNDAY, date(2017, 5, 27)),
    ("today", SUNDAY, SUNDAY),
    ("earlier today", SUNDAY, SUNDAY),
    ("this morning", SUNDAY, SUNDAY),
    ("last night", SUNDAY, date(2017, 5, 27)),
    ("overnight", SUNDAY, SUNDAY),
    ("two days ago", SUNDAY, date(2017, 5, 26)),
    ("the past 24 hours", SUNDAY, SUNDAY),
    ("the past 48 hours", SUNDAY, SUNDAY),
    ("the past two days", SUNDAY, SUNDAY),
    ("yesterday", JAN_2, date(2017, 1, 1)),
]
MONTH_DAY_CASES = [
    ("May 18", SUNDAY, date(2017, 5, 18)),
    ("18 May", SUNDAY, date(2017, 5, 18)),
    ("on May 18", SUNDAY, date(2017, 5, 18)),
    ("May 18th", SUNDAY, date(2017, 5, 18)),
    ("the 18th of May", SUNDAY, date(2017, 5, 18)),
    ("Sept. 3", SUNDAY, date(2016, 9, 3)),
    ("May 29", SUNDAY, date(2017, 5, 29)),  # a day's slack for time zones
    ("May 30", SUNDAY, date(2016, 5, 30)),  # further ahead: last year's
    ("December 30", JAN_2, date(2016, 12, 30)),
    ("January 1", JAN_2, date(2017, 1, 1)),
    ("February 29", date(2017, 3, 1), date(2016, 2, 29)),
    ("April 23 of this year", SUNDAY, date(2017, 4, 23)),
    ("April 23 of last year", SUNDAY, date(2016, 4, 23)),
]
ABSOLUTE_DAY_CASES = [
    "May 18, 2017",
    "18 May 2017",
    "2017-05-18",
    "on 18 May 2017",
    "Thursday, 18 May 2017",
]


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    WEEKDAY_CASES + NAMED_DAY_CASES + MONTH_DAY_CASES,
)
def test_resolve_relative_days(expression, published, expected):
    assert resolve(expression, published) == (expected, "day")


@pytest.mark.parametrize("published", [SUNDAY, JAN_2, None])
@pytest.mark.parametrize("expression", ABSOLUTE_DAY_CASES)
def test_resolve_absolute_day_needs_no_publication(expression, published):
    assert resolve(expression, published) == (date(2017, 5, 18), "day")


@pytest.mark.parametrize(
    ("expression", "published", "expected", "precision"),
    [
        ("earlier this month", SUNDAY, date(2017, 5, 1), "month"),
        ("this month", SUNDAY, date(2017, 5, 1), "month"),
        ("Earlier this month", JAN_2, date(2017, 1, 1), "month"),
        ("last month", SUNDAY, date(2017, 4, 1), "month"),
        ("last month", JAN_2, date(2016, 12, 1), "month"),
        ("the end of the month", SUNDAY, date(2017, 5, 1), "month"),
        ("April", SUNDAY, date(2017, 4, 1), "month"),
        ("in June", SUNDAY, date(2016, 6, 1), "month"),
        ("last week", SUNDAY, date(2017, 5, 15), "week"),
        ("last week", MONDAY, date(2017, 5, 15), "week"),
        ("earlier this week", SUNDAY, date(2017, 5, 22), "week"),
        ("this week", SUNDAY, date(2017, 5, 22), "week"),
        ("this week", MONDAY, date(2017, 5, 22), "week"),
        ("the past week", SUNDAY, date(2017, 5, 22), "week"),
        ("the past week", MONDAY, date(2017, 5, 15), "week"),  # mostly last week
        ("three weeks ago", SUNDAY, date(2017, 5, 1), "week"),
        ("last year", SUNDAY, date(2016, 1, 1), "year"),
        ("last year", JAN_2, date(2016, 1, 1), "year"),
        ("earlier this year", SUNDAY, date(2017, 1, 1), "year"),
        ("a year ago", SUNDAY, date(2016, 1, 1), "year"),
        ("two months ago", JAN_2, date(2016, 11, 1), "month"),
        ("the year before", SUNDAY, date(2016, 1, 1), "year"),
        ("the month earlier", JAN_2, date(2016, 12, 1), "month"),
        # from publication, "after" is the future: the sentence's date only
        ("the month after", SUNDAY, None, "unknown"),
    ],
)
def test_resolve_relative_spans(expression, published, expected, precision):
    assert resolve(expression, published) == (expected, precision)


@pytest.mark.parametrize("published", [SUNDAY, None])
@pytest.mark.parametrize(
    ("expression", "expected", "precision"),
    [
        ("in 2014", date(2014, 1, 1), "year"),
        ("2014", date(2014, 1, 1), "year"),
        ("March 2011", date(2011, 3, 1), "month"),
        ("in March 2011", date(2011, 3, 1), "month"),
        ("mid-March 2011", date(2011, 3, 1), "month"),
        ("Sept. 2017", date(2017, 9, 1), "month"),
    ],
)
def test_resolve_absolute_years_and_months(expression, published, expected, precision):
    assert resolve(expression, published) == (expected, precision)


@pytest.mark.parametrize(
    ("expression", "published", "expected", "precision"),
    [
        ("since March 2011", None, date(2011, 3, 1), "month"),
        ("since 2014", None, date(2014, 1, 1), "year"),
        ("during 2017", None, date(2017, 1, 1), "year"),
        ("Between April 23 and May 23 of this year", SUNDAY, date(2017, 4, 23), "day"),
        ("between 23 April and 23 May 2016", None, date(2016, 4, 23), "day"),
        ("from 2011 to 2014", None, date(2011, 1, 1), "year"),
        ("between 3 and 5 May 2017", None, date(2017, 5, 3), "day"),
        ("between 3 and 5 May", SUNDAY, date(2017, 5, 3), "day"),
        ("since last Wednesday", SUNDAY, date(2017, 5, 24), "day"),
        ("so far this year", SUNDAY, date(2017, 1, 1), "year"),
        ("since the beginning of the year", SUNDAY, date(2017, 1, 1), "year"),
    ],
)
def test_resolve_period_gives_its_start(expression, published, expected, precision):
    assert resolve(expression, published) == (expected, precision)


RELATIVE_EXPRESSIONS = [
    "on Saturday", "late Thursday", "Saturday night", "early on Monday",
    "Wednesday's attack", "on Tuesday night", "last Friday", "yesterday", "today",
    "last night", "overnight", "this morning", "earlier today", "May 18", "18 May",
    "on May 18", "December 30", "earlier this month", "this month", "last month",
    "last week", "earlier this week", "this week", "the past week", "last year",
    "the past 24 hours", "the past two days", "two days ago", "April",
    "Between April 23 and May 23 of this year", "so far this year",
]  # fmt: skip


@pytest.mark.parametrize("expression", RELATIVE_EXPRESSIONS)
def test_resolve_relative_without_publication_is_unknown(expression):
    assert resolve(expression, SUNDAY)[0] is not None
    assert resolve(expression, None) == (None, "unknown")


@pytest.mark.parametrize(
    "expression",
    [
        "Mayadeen",
        "recent weeks",
        "two weeks",
        "annually",
        "early summer",
        "the past ten days",
        "the past year",
        "the late night",
        "February 30",
        "",
    ],
)
def test_resolve_unrecognised_is_unknown(expression):
    assert resolve(expression, SUNDAY) == (None, "unknown")


# --- is_period ----------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "since 2011",
        "since the start of the war",
        "since March 2011",
        "Since last Wednesday",
        "between April 23 and May 23",
        "between 3 and 5 May 2017",
        "Between 21 and 26 of September",
        "Between April 23 and May 23 of this year",
        "from 2011 to 2014",
        "so far this year",
        "over the past six months",
        "over the last few weeks",
        "in the past year",
        "over the past ten days",
        "in recent weeks",
        "during 2017",
        "throughout the war",
        "six-year-long",
        "the three-year-long bombing campaign",
        "since the beginning of the year",
        "killed 352 civilians since 2014",
        "over the past few days",
        "in recent days",
        "in the days after the town fell",
        "in a week of intense bombing",
        "within two months",
        "in one week",
        "in late September and early October",
        "for the first six months of 2016",
        "in the first half of the year",
    ],
)
def test_is_period(expression):
    assert is_period(expression)


@pytest.mark.parametrize(
    "expression",
    [
        "on Saturday",
        "late Thursday",
        "May 18",
        "in 2014",
        "March 2011",
        "last week",
        "the past week",
        "last year",
        "yesterday",
        "the past 24 hours",
        "over the past 24 hours",
        "in the past two days",
        "earlier this month",
        "between 20 and 30 people were killed",
        "fighting between the SDF and ISIS",
        "from the north to the south",
        "killed during the attack",
        "a 24-hour truce",
        "over the past few hours",
        "in a week that saw heavy fighting",
        "in two weeks ago",
        "in late September",
    ],
)
def test_is_not_period(expression):
    assert not is_period(expression)


# --- publication_date ---------------------------------------------------------

HEADING = "US Killing 'Fighters' Around Stalled ISIS Convoy"
BODY = (
    "The U.S.-led coalition battling the Islamic State said Friday that it had "
    "pulled back surveillance aircraft following a convoy stalled in the Syrian "
    "desert at Russia's request."
)
BANNER = "Tuesday, 21 May 2019\nLatest news\n"


@pytest.mark.parametrize(
    ("text", "explicit", "expected"),
    [
        (
            f"{HEADING}\n\n10 September 2017\n\n{BODY}",
            date(2017, 9, 11),
            date(2017, 9, 11),
        ),
        (BODY, date(2017, 9, 11), date(2017, 9, 11)),
        (f"{HEADING}\n\n10 September 2017\n\n{BODY}", None, date(2017, 9, 10)),
        (f"{BANNER}{HEADING}\n\n{BODY}", None, None),  # the site's "today"
        (f"{BANNER}{HEADING}\n\n10 September 2017\n\n{BODY}", None, date(2017, 9, 10)),
        (BODY, None, None),
        # a page stamp run into the story's first words
        (f"Published July 21 2015 {BODY}", None, date(2015, 7, 21)),
        (f"Last updated at Jun 142016 BEIRUT {BODY}", None, date(2016, 6, 14)),
    ],
)
def test_publication_date(text, explicit, expected):
    assert publication_date(text, explicit) == expected


def test_publication_date_of_seed_003_skips_the_banner():
    text = seed_path("003").read_text(encoding="utf-8")
    assert publication_date(text, None) == date(2017, 9, 10)


# --- the cw_dates component ---------------------------------------------------

SEED_000_SATURDAY = (
    "U.S.-led coalition airstrikes killed detainees held by ISIS in the western "
    "countryside of Raqqa on Saturday as the radical group defies Kurdish warning "
    "to surrender by the end of May, activists said."
)
SEED_000_EARLIER = (
    "Earlier this month, the US military said that coalition air strikes in Iraq "
    'and Syria had "unintentionally" killed a total of 352 civilians since 2014.'
)
SEED_000_BETWEEN = (
    "Between April 23 and May 23 of this year, the U.S.-led had also killed a "
    "total of 225 civilians in Syria, the Britain-based Syrian Observatory for "
    "human Rights said."
)
SEED_001_THURSDAY = (
    "Meanwhile in Damascus, the Syrian government blamed the U.S.-led coalition "
    "for airstrikes that killed 35 civilians late Thursday in the town of Mayadeen "
    "in Deir al-Zor province."
)
SEED_001_MAY_18 = (
    "U.S. warplanes struck a convoy and a base of Syrian and allied troops on May "
    "18, in the first such battlefield confrontation between American and Syrian "
    "forces since the conflict began in 2011."
)
SEED_001_OFFENSIVE = (
    "The Observatory said the government seized over 6,000 kilometers (3,700 "
    "miles) since the offensive began earlier this month."
)
SEED_002_THURSDAY = (
    "On Thursday, the Syrian Observatory for Human Rights said that over the past "
    "24 hours, around 2,200 people had fled, including 180 ISIS members, to camps "
    "run by the SDF."
)
SEED_002_SINCE = (
    "Since last Wednesday, the Coalition has escalated its raids on the town of "
    "al-Baghuz al-Fawqani."
)
SEED_003_TUESDAY = (
    "A delivery on Tuesday night ended with the fighters showing apparent signs "
    "of frustration at being pinned down as they attacked each other."
)
SEED_003_HEADER = (
    "Tuesday, 21 May 2019\nLatest news\nMain » US Killing 'Fighters' Around "
    "Stalled ISIS Convoy\n\nUS Killing 'Fighters' Around Stalled ISIS Convoy\n\n"
    "10 September 2017\n\n"
)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            SEED_000_SATURDAY,
            SUNDAY,
            [
                DateMention(date(2017, 5, 27), "day", 99, 107, "Saturday"),
                DateMention(date(2017, 5, 1), "month", 168, 182, "the end of May"),
            ],
        ),
        (
            SEED_000_SATURDAY,
            None,
            [
                DateMention(None, "unknown", 99, 107, "Saturday"),
                DateMention(None, "unknown", 168, 182, "the end of May"),
            ],
        ),
        (
            SEED_000_EARLIER,
            SUNDAY,
            [
                DateMention(date(2017, 5, 1), "month", 0, 18, "Earlier this month"),
                DateMention(date(2014, 1, 1), "year", 140, 150, "since 2014"),
            ],
        ),
        (
            SEED_000_BETWEEN,
            SUNDAY,
            [
                DateMention(
                    date(2017, 4, 23),
                    "day",
                    0,
                    40,
                    "Between April 23 and May 23 of this year",
                )
            ],
        ),
        (
            # The model tags "Mayadeen" as a DATE: it resolves to nothing.
            SEED_001_THURSDAY,
            SUNDAY,
            [DateMention(date(2017, 5, 25), "day", 115, 128, "late Thursday")],
        ),
        (
            SEED_001_MAY_18,
            SUNDAY,
            [
                DateMention(date(2017, 5, 18), "day", 73, 79, "May 18"),
                DateMention(date(2011, 1, 1), "year", 188, 192, "2011"),
            ],
        ),
        (
            SEED_001_OFFENSIVE,
            SUNDAY,
            [DateMention(date(2017, 5, 1), "month", 105, 123, "earlier this month")],
        ),
        (
            SEED_002_THURSDAY,
            SUNDAY,
            [
                DateMention(date(2017, 5, 25), "day", 3, 11, "Thursday"),
                DateMention(SUNDAY, "day", 68, 85, "the past 24 hours"),
            ],
        ),
        (
            SEED_002_SINCE,
            SUNDAY,
            [DateMention(date(2017, 5, 24), "day", 0, 20, "Since last Wednesday")],
        ),
        (
            # The model splits "Tuesday" (DATE) from "night" (TIME).
            SEED_003_TUESDAY,
            date(2017, 9, 10),
            [DateMention(date(2017, 9, 5), "day", 14, 27, "Tuesday night")],
        ),
        (
            # The model splits the weekday off the banner and the day off the
            # dateline; both are read whole.
            SEED_003_HEADER,
            date(2017, 9, 10),
            [
                DateMention(date(2019, 5, 21), "day", 0, 20, "Tuesday, 21 May 2019"),
                DateMention(date(2017, 9, 10), "day", 140, 157, "10 September 2017"),
            ],
        ),
        (
            "Rebels shelled the city yesterday and last night, killing five.",
            SUNDAY,
            [
                DateMention(date(2017, 5, 27), "day", 24, 33, "yesterday"),
                DateMention(date(2017, 5, 27), "day", 38, 48, "last night"),
            ],
        ),
        (
            "Clashes erupted early on Monday and again this morning near Idlib.",
            SUNDAY,
            [
                DateMention(date(2017, 5, 22), "day", 16, 31, "early on Monday"),
                DateMention(SUNDAY, "day", 42, 54, "this morning"),
            ],
        ),
        (
            "Since the start of the war, 400,000 people have been killed.",
            SUNDAY,
            [DateMention(None, "unknown", 0, 26, "Since the start of the war")],
        ),
        (
            "Over the past six months, 300 died. So far this year, 200 died.",
            SUNDAY,
            [
                DateMention(None, "unknown", 0, 24, "Over the past six months"),
                DateMention(date(2017, 1, 1), "year", 36, 52, "So far this year"),
            ],
        ),
        # a stripped comma runs the date into the count after it: the model's
        # "March two" and "Sunday 15" are March and Sunday; a year stays
        (
            "In March two blasts occurred near the cemetery.",
            SUNDAY,
            [DateMention(date(2017, 3, 1), "month", 3, 8, "March")],
        ),
        (
            "On Sunday 15 people were killed in Idlib.",
            SUNDAY,
            [DateMention(SUNDAY, "day", 3, 9, "Sunday")],
        ),
        # ... whatever words qualify what the count counts
        (
            "On Sunday three suicide bombers struck Damascus.",
            SUNDAY,
            [DateMention(SUNDAY, "day", 3, 9, "Sunday")],
        ),
        (
            "On Sunday 15 Syrian soldiers were killed in Idlib.",
            SUNDAY,
            [DateMention(SUNDAY, "day", 3, 9, "Sunday")],
        ),
        (
            "On March 15 2016 rebels shelled Aleppo.",
            SUNDAY,
            [DateMention(date(2016, 3, 15), "day", 3, 16, "March 15 2016")],
        ),
        # "the year before" counts from the date told before it, if any
        (
            "In August 2013 a gas attack killed dozens of children and the year "
            "before 49 children were killed in Houla.",
            SUNDAY,
            [
                DateMention(date(2013, 8, 1), "month", 3, 14, "August 2013"),
                DateMention(date(2012, 1, 1), "year", 58, 73, "the year before"),
            ],
        ),
        (
            "In March 2013 rebels took the town and the month after seven died.",
            SUNDAY,
            [
                DateMention(date(2013, 3, 1), "month", 3, 13, "March 2013"),
                DateMention(date(2013, 4, 1), "month", 39, 54, "the month after"),
            ],
        ),
        (
            "The year before, 12 people were killed there.",
            SUNDAY,
            [DateMention(date(2016, 1, 1), "year", 0, 15, "The year before")],
        ),
    ],
)
def test_component_resolves_mentions(nlp, text, published, expected):
    assert date_mentions(nlp, text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The six-year-long Syrian war has allowed ISIS to seize swathes of Syria.",
        "A three-year-old boy was killed. The girl was three years old.",
        "The ceasefire lasted for two hours.",
        "A 24-hour truce began along the front.",
        "The offensive has been ongoing for over two weeks.",
        "Reporters from Russia Today said the strike hit a school.",
    ],
)
def test_component_skips_durations_ages_and_names(nlp, text):
    assert date_mentions(nlp, text, SUNDAY) == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_component_mentions_are_ordered_substrings(nlp, prefix):
    text = seed_path(prefix).read_text(encoding="utf-8")
    mentions = date_mentions(nlp, text, SUNDAY)
    assert mentions
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert all(text[m.start : m.end] == m.text for m in mentions)
