"""Page furniture inside the text: other stories' headlines yield nothing."""

import pytest

from events.extraction.chrome import chrome_spans, title_span
from events.extraction.pipeline import extract

TITLE = "Double bomb attack kills 31 in Syrian Kurdish city state TV"
SHARE_BAR = (
    f"Wed 27 Jul 2016 {TITLE} AFP Print Tweet Views 729 Related IS group claims "
    f"responsibility for attack on Syrian town {TITLE} -A double bomb attack "
    "killed 31 people in Qamishli on Wednesday."
)
TRAILING = (
    "US jets killed at least 15 civilians in Raqqa. Source TRTWorld and agencies "
    "Related News Syrian regime attacks kill 16 civilians in Idlib Category News"
)


@pytest.mark.parametrize(
    ("text", "title", "chrome"),
    [
        (
            SHARE_BAR,
            TITLE,
            [
                "Print Tweet Views 729 Related IS group claims responsibility for "
                "attack on Syrian town "
            ],
        ),
        (
            TRAILING,
            None,
            [
                "Related News Syrian regime attacks kill 16 civilians in "
                "Idlib Category News"
            ],
        ),
        # Without the title repeated, the headlines end where the lead sentence
        # opens, the last opener before its full stop ...
        (
            "Aleppo tunnel blast AFP Print Tweet Views 1430 Related 43 civilians "
            "dead in bombardment of Syria rebel-held areas Monitor UN pleads for "
            "truce in Syrias Aleppo Nearly 40 Syrian soldiers were killed when "
            "rebels blew up a tunnel in Aleppo city a monitor said Friday.",
            "Aleppo rebel tunnel blast killed 38 regime forces monitor",
            [
                "Print Tweet Views 1430 Related 43 civilians dead in bombardment "
                "of Syria rebel-held areas Monitor UN pleads for truce in Syrias "
                "Aleppo "
            ],
        ),
        # ... and with none, its end is unknown: nothing hidden.
        (SHARE_BAR.replace(f"town {TITLE}", "town"), TITLE, []),
        ("Airstrikes killed 12 in Douma.", None, []),
        # A view count before the list of other stories.
        (
            "Troops advanced. Get short URL 85 Related Daesh Commander Killed",
            None,
            ["85 Related Daesh Commander Killed"],
        ),
        (
            "Troops advanced. Islamic State Rises (1881) Related Explosion in Syrian "
            "Mosque Leaves At Least 25 Dead",
            None,
            ["(1881) Related Explosion in Syrian Mosque Leaves At Least 25 Dead"],
        ),
        # A keyword list before the story ends where a sentence opens ...
        (
            "8 July 2015 Rebels attacked. Tags Syria Ahrar al-Sham Nusra Front "
            "airstrikes A double suicide bombing killed eight.",
            None,
            ["Tags Syria Ahrar al-Sham Nusra Front airstrikes "],
        ),
        (
            "Tags Nusra Front Aleppo Syria war. A suicide bomber killed 25 soldiers.",
            None,
            ["Tags Nusra Front Aleppo Syria war. "],
        ),
        # ... unless the sentence came with it: its end is unknown.
        (
            "Tags Syria Idlib Ariha Government air raids on a town killed at least "
            "27 people on Monday. The raids came amid fighting.",
            None,
            [],
        ),
        # Before the comment box, it runs to the end.
        (
            "Troops advanced. Tags Daesh Syria Raqqa Community standardsDiscussion "
            "Comment via Facebook",
            None,
            [
                "Tags Daesh Syria Raqqa Community standardsDiscussion "
                "Comment via Facebook"
            ],
        ),
        # A photo credit and another story's headline, up to a dateline ...
        (
            "The coalition captured a chemist. Sputnik Dmitriy Vinogradov Syrian "
            "Airstrikes Kill Over 100 Daesh Fighters in Hama Province WASHINGTON "
            "(Sputnik) The coalition has killed more than twenty operatives.",
            None,
            [
                "Sputnik Dmitriy Vinogradov Syrian Airstrikes Kill Over 100 Daesh "
                "Fighters in Hama Province "
            ],
        ),
        # ... or to where the next sentence opens: the capitalised word before
        # its first lowercase word, with the small words between ...
        (
            "More militants were eliminated. Sputnik Dmitriy Vinogradov Russian "
            "Su-24 Warplane Crashes in Syria All Crew Members Dead Earlier in the "
            "day Konashenkov said the US had cut its operation.",
            None,
            [
                "Sputnik Dmitriy Vinogradov Russian Su-24 Warplane Crashes in Syria "
                "All Crew Members Dead "
            ],
        ),
        (
            "The site was hit. AP Photo Felipe Dana US Missile Attack on Syria "
            "Attempt to Divert Attention From Mosul - Moscow According to the "
            "governor the village was damaged.",
            None,
            [
                "AP Photo Felipe Dana US Missile Attack on Syria Attempt to Divert "
                "Attention From Mosul - Moscow "
            ],
        ),
        # ... or at an opener, a quote; a name's lowercase part ("ez-Zor") is
        # the headline's
        (
            "It fell. Sputnik HKMET DURGUN Forces Recapture Oil Field in Deir ez-Zor "
            "Province The town had a large Christian minority. REUTERS Rodi Said "
            'Liberated From Daesh "After the regime retook it the residents fled."',
            None,
            [
                "Sputnik HKMET DURGUN Forces Recapture Oil Field in Deir ez-Zor "
                "Province ",
                "REUTERS Rodi Said Liberated From Daesh ",
            ],
        ),
        # A credit before a caption hides only the name; "Reuters reported"
        # is a sentence, nothing hidden.
        (
            "It fell. REUTERS Hosam Katan A rebel fighter attends a rally.",
            None,
            ["REUTERS Hosam Katan "],
        ),
        ("It fell. Reuters reported that 20 were killed.", None, []),
        (
            "It rose to 20. Flickr U.S. Department of Defense At Least 10 Civilians "
            "Die in US-Led Coalitions Strikes Near Raqqa - Reports DAMASCUS "
            "(Sputnik) Earlier in the day SANA said 20 were killed.",
            None,
            [
                "Flickr U.S. Department of Defense At Least 10 Civilians Die in "
                "US-Led Coalitions Strikes Near Raqqa - Reports "
            ],
        ),
        # Sputnik's share widget: a topic headline and its story count, then
        # the view and comment counts (zeros for none), then the lead, which
        # may open with a number of its own
        (
            "07.07.2015Get short URL Topic Violence Erupts as Islamic State Rises "
            "(1881) 0 25 A suicide bomber blew himself up in Aleppo.",
            None,
            ["Get short URL Topic Violence Erupts as Islamic State Rises (1881) 0 25 "],
        ),
        (
            "09.04.2017Get short URL 0 85 12 Daesh terrorists were killed.",
            None,
            ["Get short URL 0 85 "],
        ),
        (
            "21.08.2013Get short URL 0 0 0 Syrian forces fired rockets.",
            None,
            ["Get short URL 0 0 0 "],
        ),
        # an agency's credit with the year, up to the dateline
        (
            "It fell. AFP 2018 Ayham al-Mohammad Syrian Army Kills Wounds Dozens "
            "Daesh Militants in Deir ez-Zor MOSCOW (Sputnik) According to SANA "
            "three were hurt.",
            None,
            [
                "AFP 2018 Ayham al-Mohammad Syrian Army Kills Wounds Dozens Daesh "
                "Militants in Deir ez-Zor "
            ],
        ),
    ],
)
def test_chrome_spans(text, title, chrome):
    assert [text[start:end] for start, end in chrome_spans(text, title)] == chrome


def test_headlines_in_a_related_list_give_no_figures(nlp):
    result = extract(TRAILING, nlp=nlp)
    assert [(c.low, c.text) for c in result.casualties] == [
        (15, "killed at least 15 civilians")
    ]
    assert [p.name for p in result.places] == ["Raqqa"]


def test_a_credited_headline_gives_no_figures(nlp):
    text = (
        "The coalition captured a chemist. Sputnik Dmitriy Vinogradov Syrian "
        "Airstrikes Kill Over 100 Daesh Fighters in Hama Province WASHINGTON "
        "(Sputnik) The coalition has killed more than 20 operatives."
    )
    result = extract(text, nlp=nlp)
    assert [(c.low, c.text) for c in result.casualties] == [
        (20, "killed more than 20 operatives")
    ]
    assert [p.name for p in result.places if p.name.startswith("Hama")] == []


def test_a_share_widget_names_no_actor_and_stands_in_no_evidence(nlp):
    text = (
        "07.07.2015Get short URL Topic Violence Erupts as Islamic State Rises "
        "(1881) 0 25 A suicide bomber from the Nusra Front terrorist group blew "
        "himself up at an army outpost in Aleppo Monday killing at least 25 Syrian "
        "Army soldiers. The number of those injured was not clear."
    )
    result = extract(text, nlp=nlp)
    assert [a.name for a in result.actors] == [
        "al-Nusra Front",
        "Syrian government forces",  # "an army outpost"
        "Syrian government forces",
    ]
    [event] = result.events
    assert (event.sub_event_type, event.killed_best) == ("Suicide bomb", 25)
    assert event.evidence[0].text.startswith("A suicide bomber")


@pytest.mark.parametrize(
    ("text", "title", "span"),
    [
        # the title repeated at the top, after a dateline
        (
            "03-07-2015 Terrorist Blast Kills Imam. A bomb went off.",
            "Terrorist Blast Kills Imam",
            "Terrorist Blast Kills Imam",
        ),
        # a text that does not repeat it, or repeats it only further down
        ("A bomb went off in the mosque.", "Terrorist Blast Kills Imam", None),
        (
            "A bomb went off in the mosque on Friday during the prayers, witnesses "
            "said. Terrorist Blast Kills Imam",
            "Terrorist Blast Kills Imam",
            None,
        ),
        ("A bomb went off.", None, None),
    ],
)
def test_title_span(text, title, span):
    found = title_span(text, title)
    assert (text[found[0] : found[1]] if found else None) == span
