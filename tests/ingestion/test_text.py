"""Pure text helpers: hashing, dates, page chrome, titles, near-duplicates."""

from datetime import date

import pytest

from events.ingestion.text import (
    FINGERPRINT_SAMPLE,
    DerivedMetadata,
    clean_text,
    content_hash,
    date_only_line,
    dateline_end,
    derive_metadata,
    fingerprints,
    first_sentence,
    inner_dateline,
    is_chrome,
    is_heading,
    leading_date,
    normalize_for_hash,
    parse_metadata_date,
    similarity,
)
from tests.conftest import seed_path

BODY = (
    "The army said on Friday that it had retaken the town of Mayadeen after "
    "weeks of fighting with militants in the eastern desert. More followed."
)
BODY_TITLE = (
    "The army said on Friday that it had retaken the town of Mayadeen after "
    "weeks of fighting with militants in the eastern…"
)


def seed_text(prefix: str) -> str:
    return clean_text(seed_path(prefix).read_text(encoding="utf-8"))


# --- normalisation and identity -------------------------------------------


def test_normalize_for_hash():
    assert (
        normalize_for_hash("  Army\tRETAKES\n\n the  town  ") == "army retakes the town"
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Army retakes the town.", "Army retakes the town.", True),
        ("Army retakes the town.", "  ARMY retakes\n\nthe   town. ", True),
        ("Army retakes the town.", "Army retakes the town!", False),
        ("Army retakes the town.", "Army retook the town.", False),
    ],
)
def test_content_hash_ignores_only_whitespace_and_case(a, b, same):
    assert (content_hash(a) == content_hash(b)) is same


def test_content_hash_is_sha256_hex():
    assert content_hash("a b") == (
        "c8687a08aa5d6ed2044328fa6a697ab8e96dc34291e8c2034ae8c38e6fcc6d65"
    )


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("nul\x00 byte", "nul byte"),
        ("\n\n  padded  \n\n", "padded"),
        (" \r\n\x00 ", ""),
    ],
)
def test_clean_text(text, cleaned):
    assert clean_text(text) == cleaned


# --- dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4/5/17", date(2017, 4, 5)),
        ("4/5/2017", date(2017, 4, 5)),
        ("12/31/99", date(2099, 12, 31)),
        ("2017-04-05", date(2017, 4, 5)),
        ("2017-04-05T10:00:00Z", date(2017, 4, 5)),
        ("5 April 2017", date(2017, 4, 5)),
        ("April 5, 2017", date(2017, 4, 5)),
        ("Sept. 10 2017", date(2017, 9, 10)),
        ("Wed, 05 Apr 2017 10:00:00 GMT", date(2017, 4, 5)),
        ("  2017-04-05  ", date(2017, 4, 5)),
        ("13/13/17", None),
        ("31/12/2017", None),
        ("30 February 2017", None),
        ("yesterday", None),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_metadata_date(value, expected):
    assert parse_metadata_date(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("10 September 2017", date(2017, 9, 10)),
        ("Tuesday, 21 May 2019", date(2019, 5, 21)),
        ("Wed 05 Apr 2017", date(2017, 4, 5)),
        ("September 10, 2017", date(2017, 9, 10)),
        ("Sept. 10 2017", date(2017, 9, 10)),
        ("2017-09-10", date(2017, 9, 10)),
        ("10 September 2017 14:05 GMT", date(2017, 9, 10)),
        ("10 September 2017, 2:05 pm", date(2017, 9, 10)),
        ("10 September 2017 | 14:05", date(2017, 9, 10)),
        ("September 10, 2017 at 14:05 GMT", date(2017, 9, 10)),
        ("Updated 10 September 2017", None),
        ("10 September 2017 - Syria", None),
        ("On 10 September 2017 the army advanced", None),
        ("31 February 2017", None),
        ("no date here", None),
        ("", None),
    ],
)
def test_date_only_line(line, expected):
    assert date_only_line(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wed 05 Apr 2017 Syria attack", (date(2017, 4, 5), 16)),
        ("Wed 05 Apr 2017 at 12:30 Syria attack", (date(2017, 4, 5), 25)),
        ("10 September 2017 The army", (date(2017, 9, 10), 18)),
        # after the words that open a page's stamp
        ("Published April 6 2017 Syrian activists", (date(2017, 4, 6), 23)),
        ("Last updated at Jun 142016 BEIRUT A", (date(2016, 6, 14), 27)),
        ("Syria attack on 5 April 2017", None),
        ("No date at all", None),
    ],
)
def test_leading_date(text, expected):
    assert leading_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16 July 2015 At least 11 civilians", "At least 11 civilians"),
        ("Published April 6 2017 Syrian activists say", "Syrian activists say"),
        ("Date of publication 25 August 2016 Fifteen", "Fifteen"),
        ("15-11-2014 Syrian Army Kills", "Syrian Army Kills"),
        ("Saturday 11 April 2015 18:05 Assad Regime", "Assad Regime"),
        ("AFP Saturday 26 Apr 2014 At least 88", "At least 88"),
        # a stamp that lost the space before its year, then the city filed from
        ("Last updated at Jun 142016 BEIRUT A Daesh attack", "A Daesh attack"),
        ("Last updated at Apr 052017 KHAN SHEIKHUN Syria A", "Syria A"),
        # a city abroad stories are filed from may stand in title case; a
        # Syrian one may open the headline
        ("Last updated at Jan 202015 Beirut Syrian government", "Syrian government"),
        ("16 July 2015 Aleppo Rebels attacked", "Aleppo Rebels attacked"),
        # capitals after a date are no city unless a city's length
        ("16 July 2015 ISIS Fighters attacked", "ISIS Fighters attacked"),
        # a number after the date is no time without its colon
        (
            "Sat Aug 13 2016 200 Jeish Al Fatah Terrorists",
            "200 Jeish Al Fatah Terrorists",
        ),
        ("Syria monitor says 22 killed on 5 April 2017", None),
        # a news agency's dateline, with or without its date
        ("BEIRUT, February 2, 2016 (Reuters) - Syrian forces", "Syrian forces"),
        ("AMMAN, Jordan (AP) — Syrian jets", "Syrian jets"),
        ("Beirut, 3 March 2018 (AFP) - The army", "The army"),
        ("BEIRUT, Feb 2 (Reuters) - Syrian forces", "Syrian forces"),
        # the agency cited inside a sentence is no dateline
        ("Syrian forces shelled the town (Reuters) - a source", None),
    ],
)
def test_dateline_end(text, expected):
    end = dateline_end(text)
    assert (None if end is None else text[end:]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Syria air raids kill 25 civilians Monitor AFP Friday 1 Jul 2016 Separate",
            "AFP Friday 1 Jul 2016 ",
        ),
        ("Ten killed in Raqqa 21 November 2016 SANA reporter", "21 November 2016 "),
        # a date inside the story, after a sentence has ended, is no dateline
        ("Two died. Ghouta: On August 21 2013 the Assad regime", None),
        # nor the date of a phrase, nor one after a word or two
        ("Syrian forces said on 5 May 2017 Rebels withdrew", None),
        ("Damascus 5 May 2017 Rebels withdrew", None),
        ("No date in this headline at all", None),
        (
            "Syria shelling kills 5\nBEIRUT, February 2, 2016 (Reuters) - Syrian",
            "BEIRUT, February 2, 2016 (Reuters) - ",
        ),
        (
            "Syrian army kills 5 BEIRUT, Feb 2 (Reuters) - Syrian forces shelled",
            "BEIRUT, Feb 2 (Reuters) - ",
        ),
        # the dateline opens the text: no headline before it
        ("BEIRUT (Reuters) - Syrian forces shelled the town", None),
    ],
)
def test_inner_dateline(text, expected):
    span = inner_dateline(text)
    assert (None if span is None else text[span[0] : span[1]]) == expected


# --- page chrome, headings, datelines ---------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Latest news", True),
        ("  MENU  ", True),
        ("Share:", True),
        ("Skip to main content", True),
        ("Main » US Killing 'Fighters' Around Stalled ISIS Convoy", True),
        ("Syria › Raqqa", True),
        ("Syria > Raqqa", True),
        ("home / world", True),
        ("Home / World", True),
        ("KXIP vs KKR Live Score", True),
        ("Army Retakes Mayadeen", False),
        ("Rockets and Coalition Raids", False),
        ("10 September 2017", False),
    ],
)
def test_is_chrome(line, expected):
    assert is_chrome(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Army Retakes Mayadeen", True),
        ("15 Square Km Under ISIS Control", True),
        ("Syria", False),
        ("Latest news", False),
        ("KXIP vs KKR Live Score", False),
        ("10 September 2017", False),
        (BODY, False),
    ],
)
def test_is_heading(line, expected):
    assert is_heading(line) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(BODY, DerivedMetadata(BODY_TITLE, False, None), id="body-only"),
        pytest.param(
            f"Army Retakes Mayadeen\n\n{BODY}",
            DerivedMetadata("Army Retakes Mayadeen", True, None),
            id="heading",
        ),
        pytest.param(
            f"Army Retakes Mayadeen\n\n10 September 2017\n\n{BODY}",
            DerivedMetadata("Army Retakes Mayadeen", True, date(2017, 9, 10)),
            id="heading-dateline",
        ),
        pytest.param(
            f"Army Retakes Mayadeen\nSeptember 10, 2017 at 14:05 GMT\n{BODY}",
            DerivedMetadata("Army Retakes Mayadeen", True, date(2017, 9, 10)),
            id="heading-dateline-time",
        ),
        pytest.param(
            f"Tuesday, 21 May 2019\nLatest news\nHome » Syria\n\n"
            f"Army Retakes Mayadeen\n\n10 September 2017\n\n{BODY}",
            DerivedMetadata("Army Retakes Mayadeen", True, date(2017, 9, 10)),
            id="banner-date-among-chrome",
        ),
        pytest.param(
            f"Tuesday, 21 May 2019\nLatest news\nHome » Syria\n\n"
            f"Army Retakes Mayadeen\n\n{BODY}",
            DerivedMetadata("Army Retakes Mayadeen", True, None),
            id="banner-date-only",
        ),
        pytest.param(
            f"KXIP vs KKR Live Score\n\n{BODY}",
            DerivedMetadata(BODY_TITLE, False, None),
            id="scoreboard",
        ),
        pytest.param(
            f"Wed 05 Apr 2017 12:30 {BODY}",
            DerivedMetadata(BODY_TITLE, False, date(2017, 4, 5)),
            id="leading-date",
        ),
        pytest.param(
            f"BEIRUT, February 2, 2016 (Reuters) - {BODY}",
            DerivedMetadata(BODY_TITLE, False, date(2016, 2, 2)),
            id="agency-dateline",
        ),
        pytest.param(
            f"Army Retakes Mayadeen\nBEIRUT, 2 February 2016 (AFP) - {BODY}",
            DerivedMetadata("Army Retakes Mayadeen", True, date(2016, 2, 2)),
            id="heading-agency-dateline",
        ),
        pytest.param(
            f"BEIRUT (Reuters) - {BODY}",
            DerivedMetadata(BODY_TITLE, False, None),
            id="agency-dateline-without-date",
        ),
        pytest.param(
            f"Army Retakes Mayadeen Monitor AFP Friday 1 Jul 2016 {BODY}",
            DerivedMetadata("Army Retakes Mayadeen Monitor", False, date(2016, 7, 1)),
            id="headline-dateline-lead",
        ),
        pytest.param(
            "Short.", DerivedMetadata("Short", False, None), id="short-sentence"
        ),
        pytest.param("", DerivedMetadata("", False, None), id="empty"),
    ],
)
def test_derive_metadata(text, expected):
    assert derive_metadata(text) == expected


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        (
            "000",
            DerivedMetadata(
                "U.S.-led coalition airstrikes killed detainees held by ISIS in the "
                "western countryside of Raqqa on Saturday as the…",
                False,
                None,
            ),
        ),
        (
            "001",
            DerivedMetadata(
                "Syrian troops and allied militia have pushed back ISIS militants and "
                "U.S-backed opposition fighters, gaining control of…",
                False,
                None,
            ),
        ),
        (
            "002",
            DerivedMetadata(
                "The Syrian Democratic Forces (SDF), backed by the International "
                "Coalition, are continuing to tighten the noose on the…",
                False,
                None,
            ),
        ),
        (
            "003",
            DerivedMetadata(
                "US Killing 'Fighters' Around Stalled ISIS Convoy",
                True,
                date(2017, 9, 10),
            ),
        ),
        (
            "004",
            DerivedMetadata(
                "US officials have repeatedly said their battle against IS in eastern "
                "Syria's Deir el-Zour has been complicated by the…",
                False,
                None,
            ),
        ),
    ],
)
def test_derive_metadata_of_the_seeds(prefix, expected):
    assert derive_metadata(seed_text(prefix)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army advanced. Then it stopped.", "The army advanced"),
        ("Did the army advance? Yes.", "Did the army advance"),
        ("The U.S.-led coalition struck. Then more.", "The U.S.-led coalition struck"),
        ("No full stop here", "No full stop here"),
        ("  spread \n over   lines.", "spread over lines"),
        ("word " * 30, ("word " * 24).strip() + "…"),
        ("a" * 130, "a" * 120 + "…"),
    ],
)
def test_first_sentence(text, expected):
    assert first_sentence(text) == expected


# --- near-duplicate fingerprints ---------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("", "The army advanced.", 0.0),
        ("one two three four five six", "one two three four five six", 1.0),
        ("one two three four five six", "one two three four five seven", 0.5),
        ("one two three four five six", "ONE two, three; four five six!", 1.0),
        ("one two three", "one two three", 1.0),
        ("one two three four five six", "six five four three two one", 0.0),
    ],
)
def test_similarity(a, b, expected):
    assert similarity(a, b) == expected


def test_seeds_000_and_001_share_about_a_quarter_of_their_text():
    assert similarity(seed_text("000"), seed_text("001")) == pytest.approx(
        0.265, abs=0.005
    )


@pytest.mark.parametrize("other", ["002", "003", "004"])
def test_seed_000_shares_little_with_the_others(other):
    assert similarity(seed_text("000"), seed_text(other)) < 0.02


def test_fingerprints_are_a_sorted_content_defined_sample():
    prints = fingerprints(seed_text("000"))
    assert prints == sorted(set(prints))
    assert all(value % FINGERPRINT_SAMPLE == 0 for value in prints)
    assert fingerprints(seed_text("000")) == prints


def test_fingerprints_of_near_duplicates_overlap():
    assert set(fingerprints(seed_text("000"))) & set(fingerprints(seed_text("001")))
    assert not set(fingerprints(seed_text("000"))) & set(fingerprints(seed_text("002")))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith said the town fell. More later.", "Mr. Smith said the town fell"),
        ("Gen. Ali spoke. Then left.", "Gen. Ali spoke"),
    ],
)
def test_first_sentence_skips_abbreviations(text, expected):
    assert first_sentence(text) == expected


def test_banner_date_beside_chrome_is_ignored_without_a_heading():
    text = (
        "Tuesday, 21 May 2019\nLatest news\n\n"
        "Syrian troops and allied militia have pushed back ISIS militants in the "
        "desert, gaining control of a large swath of territory, the media said."
    )
    assert derive_metadata(text).published is None
