"""cw_casualties: number parsing, figure finding, and the spaCy component."""

from datetime import date

import pytest
import spacy

from events.extraction.casualties import (
    PEOPLE_VICTIMS,
    find_figures,
    parse_numbers,
)
from events.extraction.casualty_links import other_times
from events.extraction.types import ActorMention, DateMention, PlaceMatch, Span


def figures(nlp, text: str) -> list[tuple]:
    doc = nlp(text)
    return [
        (f.kind, f.low, f.high, f.victims, f.cumulative)
        for sent in doc.sents
        for f in find_figures(sent)
    ]


def numbers(nlp, phrase: str) -> list[tuple]:
    doc = nlp.make_doc(f"They counted {phrase} people.")
    for _, proc in nlp.pipeline[:-1]:
        doc = proc(doc)
    return [(n.low, n.high) for n in parse_numbers(doc[:])]


# --- numbers --------------------------------------------------------------------------

NUMBERS = [
    ("1,200", [(1200, 1200)]),
    ("six", [(6, 6)]),
    ("twenty-five", [(25, 25)]),
    ("a hundred", [(100, 100)]),
    ("two hundred", [(200, 200)]),
    ("two hundred and fifty", [(250, 250)]),
    ("1.5 million", [(1_500_000, 1_500_000)]),
    ("a dozen", [(12, 12)]),
    ("dozen", [(12, 12)]),
    ("dozens of", [(24, None)]),
    ("tens of", [(20, None)]),
    ("scores of", [(40, None)]),
    ("hundreds of", [(200, None)]),
    ("thousands of", [(2000, None)]),
    ("millions of", [(2_000_000, None)]),
    ("tens of thousands of", [(20_000, None)]),
    ("hundreds of thousands of", [(200_000, None)]),
    ("several hundred", [(200, None)]),
    ("3,000 to 4,000", [(3000, 4000)]),
    ("between 20 and 30", [(20, 30)]),
    # a range whose upper end is qualified: its bound, open for "more than"
    ("killed from 500 to well over 1000", [(500, None)]),
    ("killed from 10 to nearly 30", [(10, 30)]),
    # a toll that rose from one count to another is the latter
    ("rose from 500 to more than 1000", [(500, 500), (1000, None)]),
    ("20-30", [(20, 30)]),
    ("two or three", [(2, 3)]),
    ("at least 22", [(22, None)]),
    ("more than 5", [(5, None)]),
    ("over 5", [(5, None)]),
    ("upwards of 5", [(5, None)]),
    ("more than a dozen", [(12, None)]),
    # a fraction of a scale word counted with "a"
    ("half a dozen", [(6, 6)]),
    ("more than a quarter of a million", [(250_000, None)]),
    ("nearly half of a million", [(None, 500_000)]),
    ("a third a million", [(1_000_000, 1_000_000)]),
    ("5 or more", [(5, None)]),
    ("nearly 5", [(None, 5)]),
    ("almost 5", [(None, 5)]),
    ("up to 5", [(None, 5)]),
    ("at most 5", [(None, 5)]),
    ("fewer than 5", [(None, 5)]),
    ("about 5", [(5, 5)]),
    ("around 5", [(5, 5)]),
    ("some 5", [(5, 5)]),
    ("roughly 5", [(5, 5)]),
    ("approximately 5", [(5, 5)]),
    ("an estimated 5", [(5, 5)]),
    ("one", [(1, 1)]),
    ("no one", []),
    ("the first", []),
    ("2.5", []),
]


@pytest.mark.parametrize(("phrase", "expected"), NUMBERS)
def test_parse_numbers(nlp, phrase, expected):
    assert numbers(nlp, phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "vague"),
    [
        ("dozens of", True),
        ("tens of thousands of", True),
        ("several hundred", True),
        ("a dozen", False),
        ("two hundred", False),
        ("at least 22", False),
    ],
)
def test_a_count_told_loosely_is_vague(nlp, phrase, vague):
    (number,) = parse_numbers(nlp(f"They counted {phrase} people.")[:])
    assert number.vague is vague


# --- figures: kinds and links ---------------------------------------------------------

CIV, COMB, UNK = "civilians", "combatants", "unknown"

KINDS = [
    ("A bomb blast killed six people.", [("killed", 6, 6, PEOPLE_VICTIMS, False)]),
    ("Five civilians were killed in the raid.", [("killed", 5, 5, CIV, False)]),
    ("Four people died in the blast.", [("killed", 4, 4, CIV, False)]),
    (
        "The strike left 10 dead and 20 wounded.",
        [
            ("killed", 10, 10, UNK, False),
            ("injured", 20, 20, UNK, False),
        ],
    ),
    ("22 dead in Aleppo car bomb", [("killed", 22, 22, UNK, False)]),
    (
        "A Russian air strike hit a market in Idlib, killing six.",
        [
            ("killed", 6, 6, UNK, False),
        ],
    ),
    ("The death toll rose to 112 on Sunday.", [("killed", 112, 112, UNK, False)]),
    # an attack "claims" the people it counts; a source claims what it says
    (
        "A terrorist car bomb rocked Masaken Barzeh neighborhood in Damascus city "
        "on Tuesday claiming eight and injuring 14 citizens.",
        [("killed", 8, 8, CIV, False), ("injured", 14, 14, CIV, False)],
    ),
    (
        "Its air strikes last week near Manbij claimed more than 100 civilians "
        "including children.",
        [("killed", 100, None, CIV, False)],
    ),
    (
        "Syrian state media claimed 49 opposition fighters were killed.",
        [("killed", 49, 49, COMB, False)],
    ),
    ("IS claimed 20 attacks in Raqqa.", []),
    ("The Aamaq agency claimed 160 civilians.", []),
    # the parse hangs "to 61" from the time before it, not from "raised"
    (
        "A Syrian war monitoring group on Tuesday raised the death toll from "
        "airstrikes on a market in a northern opposition-held town in Syria the "
        "previous day to 61 as rescue workers continued searching for victims.",
        [("killed", 61, 61, CIV, False)],
    ),
    # "dozens more wounded" tells a second toll, whatever the parse joins it to
    (
        "There are at least 56 dead including 11 children and dozens more wounded "
        "including some in critical condition.",
        [
            ("killed", 56, None, UNK, False),
            ("killed", 11, 11, CIV, False),
            ("injured", 24, None, CIV, False),
        ],
    ),
    # and so does "107 others were wounded", the parse joining them to the
    # women the martyrs included
    (
        '"Twenty-five people fell as martyrs including women and children and '
        "more than 107 others were wounded after the explosion of the two car "
        'bombs" a half-hour apart SANA said.',
        [
            ("killed", 25, 25, CIV, False),
            ("injured", 107, None, CIV, False),
        ],
    ),
    (
        "On Wednesday 10 civilians were killed including a child and 37 others "
        "were injured in similar terrorist attacks on residential neighborhoods.",
        [
            ("killed", 10, 10, CIV, False),
            ("killed", 1, 1, CIV, False),
            ("injured", 37, 37, CIV, False),
        ],
    ),
    # a modal with "have" hedges a past toll; it is still told
    (
        "At least 20 people may have been killed in the strike.",
        [("killed", 20, None, CIV, False)],
    ),
    # a tally counts whom its "of" names: "the number of people killed"
    (
        "The number of people killed in the air strike has risen to 21.",
        [("killed", 21, 21, CIV, False)],
    ),
    (
        "The number of rebel fighters killed in the battles rose to 39.",
        [("killed", 39, 39, COMB, False)],
    ),
    (
        "The toll of civilians killed in the raids has risen to 30.",
        [("killed", 30, 30, CIV, False)],
    ),
    # ... and so does a toll that names them before it or after "among"
    (
        "The civilian death toll in the coalition airstrike rose to 20.",
        [("killed", 20, 20, CIV, False)],
    ),
    ("The death toll among civilians rose to 20.", [("killed", 20, 20, CIV, False)]),
    ("The Aleppo death toll rose to 20.", [("killed", 20, 20, UNK, False)]),
    # a toll that rises to a number in a title-case headline, which the model
    # reads as a date
    (
        "Death Toll in Blast Targeting Evacuees From Besieged Towns in Aleppo "
        "Rises to 70.",
        [("killed", 70, 70, UNK, False)],
    ),
    ("Temperatures rose to 40 in Aleppo on Monday.", []),
    (
        "The governor put the death toll at six and the number of injured at 28.",
        [("killed", 6, 6, UNK, False), ("injured", 28, 28, UNK, False)],
    ),
    # the model reads "16 earlier" as a time, and hangs the count from it
    (
        "Kurdish police put the death toll at 16 earlier.",
        [("killed", 16, 16, UNK, False)],
    ),
    ("Two days earlier the army retook the town.", []),
    (
        "The Observatory reported the deaths of 35 civilians.",
        [
            ("killed", 35, 35, CIV, False),
        ],
    ),
    ("The strike claimed the lives of 15 civilians.", [("killed", 15, 15, CIV, False)]),
    ("Five people lost their lives in the shelling.", [("killed", 5, 5, CIV, False)]),
    ("The bodies of 20 people were found.", [("killed", 20, 20, CIV, False)]),
    ("ISIS executed 12 soldiers in the town.", [("killed", 12, 12, COMB, False)]),
    ("Gunmen massacred 30 villagers.", [("killed", 30, 30, CIV, False)]),
    ("Five soldiers were found dead.", [("killed", 5, 5, COMB, False)]),
    ("At least 13 people were wounded.", [("injured", 13, None, CIV, False)]),
    (
        "Seven people were injured and 3 were hurt.",
        [
            ("injured", 7, 7, CIV, False),
            ("injured", 3, 3, UNK, False),
        ],
    ),
    ("The clashes caused 30 casualties.", [("killed_or_injured", 30, 30, UNK, False)]),
    (
        "12 people were killed and wounded.",
        [
            ("killed_or_injured", 12, 12, CIV, False),
        ],
    ),
    (
        "Nine soldiers were killed or wounded.",
        [
            ("killed_or_injured", 9, 9, COMB, False),
        ],
    ),
    ("The fighting displaced 5,000 people.", [("displaced", 5000, 5000, CIV, False)]),
    ("Thousands of residents fled the town.", [("displaced", 2000, None, CIV, False)]),
    ("Security forces arrested 30 people.", [("detained", 30, 30, CIV, False)]),
    ("Militants abducted 12 students.", [("detained", 12, 12, CIV, False)]),
    ("Five aid workers were kidnapped.", [("detained", 5, 5, CIV, False)]),
    ("Three soldiers were captured.", [("detained", 3, 3, COMB, False)]),
    ("Five people were taken hostage.", [("detained", 5, 5, CIV, False)]),
    ("Seven people are still missing.", [("missing", 7, 7, CIV, False)]),
    (
        "Government forces killed 10 civilians and 5 fighters in the attack.",
        [
            ("killed", 10, 10, CIV, False),
            ("killed", 5, 5, COMB, False),
            ("killed", 15, 15, "mixed", False),  # the toll, told in parts
        ],
    ),
    (
        "The Observatory reported the deaths of 35 civilians, including 12 children.",
        [
            ("killed", 35, 35, CIV, False),
            ("killed", 12, 12, CIV, False),
        ],
    ),
    (
        "A car bomb killed six people and wounded 20 others in Azaz on Sunday.",
        [
            ("killed", 6, 6, CIV, False),
            ("injured", 20, 20, CIV, False),
        ],
    ),
    ("Between 20 and 30 people were killed.", [("killed", 20, 30, CIV, False)]),
    (
        "Scores of people were killed and hundreds were wounded.",
        [
            ("killed", 40, None, CIV, False),
            ("injured", 200, None, CIV, False),
        ],
    ),
    ("Dozens of civilians were killed.", [("killed", 24, None, CIV, False)]),
    ("Up to a hundred civilians died.", [("killed", None, 100, CIV, False)]),
    ("Almost a dozen civilians were killed.", [("killed", None, 12, CIV, False)]),
    (
        "The army eliminated 75 terrorists near Daraa.",
        [("killed", 75, 75, COMB, False)],
    ),
    (
        "Activists said around 41 rebels were rounded up and executed by the group.",
        [("killed", 41, 41, COMB, False)],
    ),
    # The subject of an active killing verb is the killer, not a victim.
    (
        "Three suicide bombers killed two people near the police headquarters.",
        [("killed", 2, 2, CIV, False)],
    ),
    (
        "Twenty militants stormed the town and killed 5 civilians.",
        [("killed", 5, 5, CIV, False)],
    ),
    (
        "As well as those killed, at least 160 people were injured.",
        [("injured", 160, None, CIV, False)],
    ),
    # Families count the displaced, though not the dead.
    (
        "More than 2,000 families fled the town.",
        [("displaced", 2000, None, CIV, False)],
    ),
    # "killed" tagged a participle of "attack"; the number is still its own
    (
        "A terrorist car bomb attack killed at least 44 and injured 140 others on "
        "Wednesday.",
        [("killed", 44, None, UNK, False), ("injured", 140, 140, UNK, False)],
    ),
    # Headlines without their commas.
    (
        "27-07-2016 Syria Dozens Martyred Injured in Qamishli ISIL Terrorist Attack.",
        [("killed_or_injured", 24, None, UNK, False)],
    ),
    (
        "Fri Apr 15 2016 6 Killed 12 Wounded in Al-Nusra Front Shelling of Aleppo.",
        [("killed", 6, 6, UNK, False), ("injured", 12, 12, UNK, False)],
    ),
    (
        "Fri Apr 8 2016 23 Killed Over 100 Injured in Jaysh al-Islam Chemical Attack.",
        [("killed", 23, 23, UNK, False), ("injured", 100, None, UNK, False)],
    ),
    (
        "27 Jul 2016 At least 48 people dead over 100 injured after truck bomb "
        "exploded.",
        [("killed", 48, None, CIV, False), ("injured", 100, None, UNK, False)],
    ),
    (
        "28-05-2016 One Killed Others Injured in Terrorist Attacks in Damascus.",
        [("killed", 1, 1, UNK, False)],
    ),
    (
        "Seven dead 20 wounded in central Damascus blast Monitor AFP Sunday 1 Feb "
        "2015 At least seven people were killed and 20 wounded when a blast ripped "
        "through a bus.",
        [
            ("killed", 7, 7, UNK, False),
            ("injured", 20, 20, UNK, False),
            ("killed", 7, None, CIV, False),
            ("injured", 20, 20, CIV, False),
        ],
    ),
    # "IS" is the group, not the verb the model takes it for ("35 is jihadists")
    (
        "35 IS jihadists killed in clashes with Syria Kurds.",
        [("killed", 35, 35, COMB, False)],
    ),
    # A name between the number and the people it qualifies, in brackets or not.
    (
        "Airstrikes killed at least 22 Syrian Arab Red Crescent [SARC] volunteers.",
        [("killed", 22, None, CIV, False)],
    ),
    (
        "Airstrikes in Aleppo province killed at least 22 Red Crescent [SARC] "
        "volunteers Monday including a senior official as well a number of "
        "civilians local sources said.",
        [("killed", 22, None, CIV, False)],
    ),
    (
        "At least 23 ISIS (Daesh) militants have been killed by Turkish artillery "
        "fire and US airstrikes in northern Syria a Turkish broadcaster claims.",
        [("killed", 23, None, COMB, False)],
    ),
    (
        "The coalition has killed more than twenty Islamic State (ISIL or Daesh) "
        "operatives who were developing plans to launch attacks abroad.",
        [("killed", 20, None, COMB, False)],
    ),
    # A headline's source after its figure is not who died.
    (
        "Syria air strikes kill 32 Monitor AFP Monday 2 Feb 2015 Syrian government "
        "air strikes on opposition-held towns killed at least 32 people.",
        [("killed", 32, 32, UNK, False), ("killed", 32, None, CIV, False)],
    ),
    # One object for two verbs; one subject for two verbs, the killer of both.
    (
        "A jihadist group has publicly executed and crucified nine men.",
        [("killed", 9, 9, UNK, False)],
    ),
    (
        "A motorcycle bomber killed at least 16 people and wounded 40 Tuesday in a "
        "suicide attack on a Kurdish-populated district of Hasakeh an official said.",
        [("killed", 16, None, CIV, False)],
    ),
    # A side losing its own people: "lost" counts only people.
    (
        "The group said ISIL lost 13 of its fighters as it took control of Markada.",
        [("killed", 13, 13, COMB, False)],
    ),
    (
        "Damascus lost more than 40 troops and militia in the counter-attack.",
        [("killed", 40, None, COMB, False)],
    ),
    # Who the victims were before they died does not make them a figure of
    # that kind: the verb whose object they are does.
    (
        "A car bombing killed at least 26 displaced people in eastern Syria.",
        [("killed", 26, None, CIV, False)],
    ),
    (
        "Six injured civilians died in hospital on Saturday.",
        [("killed", 6, 6, CIV, False)],
    ),
    (
        "Since 2011 the country has found itself in the clutches of militancy "
        "which has so far killed hundreds of thousands and displaced millions.",
        [
            ("killed", 200_000, None, UNK, True),
            ("displaced", 2_000_000, None, UNK, True),
        ],
    ),
    # a breakdown set off by dashes or commas stands between the counted
    # people and what befell them
    (
        "The air strike hit the town on Friday leaving 23 civilians, among them "
        "nine children, dead.",
        [("killed", 23, 23, CIV, False)],
    ),
    # A military statement "destroys" the fighters it kills.
    (
        "The military and self-defense forces destroyed over 60 terrorists.",
        [("killed", 60, None, COMB, False)],
    ),
    # Headlines in title case, after a date line.
    (
        "Wed Jul 29 2015 Israeli Strike on Syrian Town Kills 5 Soldiers",
        [
            ("killed", 5, 5, COMB, False),
        ],
    ),
    (
        "30 April 2016 25 civilians killed 80 injured in rocket attacks on Aleppo",
        [
            ("killed", 25, 25, CIV, False),
            ("injured", 80, 80, UNK, False),
        ],
    ),
    # The participle right after a bare number is its own, whatever the
    # parse makes the number the object of.
    (
        "57 Civilians killed 150 Injured in Continued Terrorist Attacks on Aleppo",
        [
            ("killed", 57, 57, CIV, False),
            ("injured", 150, 150, UNK, False),
        ],
    ),
    (
        "The hospitals had received more than 822 wounded and more than 270 dead "
        "bodies.",
        [
            ("injured", 822, None, UNK, False),
            ("killed", 270, None, UNK, False),
        ],
    ),
    (
        "The strike killed 4 injured 10 in Idlib.",
        [
            ("killed", 4, 4, UNK, False),
            ("injured", 10, 10, UNK, False),
        ],
    ),
    # a headline's title case participle, which spaCy tags a proper noun
    (
        "Massacre Continues 88 Killed & Injured in Aleppo",
        [("killed_or_injured", 88, 88, UNK, False)],
    ),
    # the participle after the number is its own though another number follows,
    # unless a casualty word before the number takes it ("killed 4 injured 10")
    (
        "Rocket Attacks on Aleppo 11 Killed 44 Injured",
        [("killed", 11, 11, UNK, False), ("injured", 44, 44, UNK, False)],
    ),
    (
        "The strike killed at least 4 injured 10 in Idlib.",
        [("killed", 4, None, UNK, False), ("injured", 10, 10, UNK, False)],
    ),
    # two numbers before one noun: the nearer counts it, the farther is the
    # object of the verb before it, and the participle between is the nearer's
    (
        "Daesh kidnapped 900 Executed 18 People in Aleppo",
        [("detained", 900, 900, UNK, False), ("killed", 18, 18, CIV, False)],
    ),
    (
        "Kurds kill 83 Injured 100 ISIS Terrorists Near Efrin",
        [("killed", 83, 83, UNK, False), ("injured", 100, 100, COMB, False)],
    ),
    # a verb's bare form after a number is the next clause's verb, though
    # spaCy tags "injure" a noun: the number before it is not injured
    (
        "Terrorist Attack on Damascus kill 5 injure 50",
        [("killed", 5, 5, UNK, False), ("injured", 50, 50, UNK, False)],
    ),
    (
        "Terrorist Attack on Damascus Kill 5 Injure 50",
        [("killed", 5, 5, UNK, False), ("injured", 50, 50, UNK, False)],
    ),
    (
        "Mortar fire in Damascus kills 12 wounds 50",
        [("killed", 12, 12, UNK, False), ("injured", 50, 50, UNK, False)],
    ),
    (
        "Terrorist Attack Kills Two Injures Three in Aleppo city.",
        [("killed", 2, 2, UNK, False), ("injured", 3, 3, UNK, False)],
    ),
    # but an intransitive one counts it, and a plural without a number after
    # it is a noun
    ("Five die in Aleppo shelling", [("killed", 5, 5, UNK, False)]),
    # a count of martyrs is a count of the dead
    (
        "A motorcycle bomb went off near the mosque in Latakia city leaving 5 martyrs.",
        [("killed", 5, 5, UNK, False)],
    ),
    # ... and so do those who fell as martyrs, not what the martyrs include
    (
        "Twenty-five people fell as martyrs including women and children, SANA said.",
        [("killed", 25, 25, CIV, False)],
    ),
    (
        "A source said that bodies of two martyrs and several injured civilians "
        "arrived in the hospital.",
        [("killed", 2, 2, CIV, False)],
    ),
    # done "to death" kills; "sentenced to death" does not
    (
        "Two women were stoned to death for adultery in Raqqa on Friday.",
        [("killed", 2, 2, CIV, False)],
    ),
    ("Two men were sentenced to death in Raqqa on Friday.", []),
    # without its "and", the second verb hangs from the first one's object
    (
        "A suicide bomber killed 30 people injured 90 on Monday in an attack "
        "targeting a wedding party in the province of Hasakeh.",
        [("killed", 30, 30, CIV, False), ("injured", 90, 90, UNK, False)],
    ),
    # without its comma, the source's name becomes the subject the dead hang from
    (
        "According to the paramilitary group Hezbollah more than 30 Nusra Front "
        "militants including three commanders were killed by the Syrian army.",
        [("killed", 30, None, COMB, False), ("killed", 3, 3, COMB, False)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), KINDS)
def test_kinds_and_links(nlp, sentence, expected):
    assert figures(nlp, sentence) == expected


VICTIMS = [
    ("ISIS killed 12 residents.", [("killed", 12, 12, CIV, False)]),
    (
        "The strike killed 4 worshippers and 3 patients.",
        [
            ("killed", 4, 4, CIV, False),
            ("killed", 3, 3, CIV, False),
            ("killed", 7, 7, CIV, False),
        ],
    ),
    (
        "Airstrikes killed 8 family members of ISIS fighters.",
        [
            ("killed", 8, 8, CIV, False),
        ],
    ),
    (
        "Russian jets killed 15 members of medical staff.",
        [("killed", 15, 15, CIV, False)],
    ),
    ("The raid killed 9 detainees.", [("killed", 9, 9, CIV, False)]),
    ("The blast killed 20 militants.", [("killed", 20, 20, COMB, False)]),
    (
        # AFP's French-influenced spelling
        "Sixteen combattants were killed in the clashes.",
        [("killed", 16, 16, COMB, False)],
    ),
    (
        "Clashes killed 14 jihadists and five rebels.",
        [
            ("killed", 14, 14, COMB, False),
            ("killed", 5, 5, COMB, False),
            ("killed", 19, 19, COMB, False),
        ],
    ),
    (
        "At least 18 pro-government forces were killed.",
        [
            ("killed", 18, None, COMB, False),
        ],
    ),
    (
        "At least 70 regime and rebel fighters have been killed.",
        [
            ("killed", 70, None, COMB, False),
        ],
    ),
    (
        "The strike killed 82 people including 58 civilians.",
        [
            ("killed", 82, 82, UNK, False),
            ("killed", 58, 58, CIV, False),
        ],
    ),
    (
        "Security forces killed at least 60 protesters.",
        [("killed", 60, None, CIV, False)],
    ),
    (
        "The murder of two Syrian activists was condemned.",
        [("killed", 2, 2, CIV, False)],
    ),
    ("The strike killed 12 cows.", [("killed", 12, 12, UNK, False)]),
    ("Two Russian airmen were killed.", [("killed", 2, 2, COMB, False)]),
    # "people" are civilians unless the sentence says some were fighters, or
    # that no one knows
    (
        "At least 23 people, most of them from the Ahrar al-Sham militant group, "
        "were killed by a truck bomb.",
        [("killed", 23, None, UNK, False)],
    ),
    (
        "It added that 24 other people were killed without specifying whether "
        "they were civilians or Daesh fighters.",
        [("killed", 24, 24, UNK, False)],
    ),
    (
        "Air strikes killed 47 people, most of them women.",
        [("killed", 47, 47, CIV, False)],
    ),
    (
        "At least 17 people, mostly rebels, were killed in a car bomb blast.",
        [("killed", 17, None, UNK, False)],
    ),
    (
        "At least 17 people most members of Syrian opposition groups were killed "
        "in a car bomb blast.",
        [("killed", 17, None, UNK, False)],
    ),
    (
        "At least 17 people, mostly civilians, were killed in a car bomb blast.",
        [("killed", 17, None, CIV, False)],
    ),
    (
        # and the child a part of the two (test_totals_and_parts)
        "Two people, one of them a child, killed in a terrorist rocket attack.",
        [("killed", 2, 2, CIV, False), ("killed", 1, 1, CIV, False)],
    ),
    ("The shelling killed three brothers.", [("killed", 3, 3, CIV, False)]),
    # a family of six is six people, not six households
    (
        "An air strike killed a family of seven in Idlib.",
        [("killed", 7, 7, CIV, False)],
    ),
    ("A family of five was killed in the strike.", [("killed", 5, 5, CIV, False)]),
    # communities, clergy and "lives" are no fighters
    (
        "Activists said around 15 young Assyrians had been killed by the group.",
        [("killed", 15, 15, CIV, False)],
    ),
    (
        "Shells landed in the market claiming two lives and injuring three people.",
        [("killed", 2, 2, CIV, False), ("injured", 3, 3, CIV, False)],
    ),
]


VICTIMS += [
    # a breakdown the parse hangs on the verb still says not all were civilians
    (
        "An earlier attack on Shaer in July left 270 people dead including "
        "soldiers and pro-regime fighters.",
        [("killed", 270, 270, UNK, False)],
    ),
    (
        "Warplanes killed at least 72 people including several children in a "
        "rebel-held town.",
        [("killed", 72, None, CIV, False)],
    ),
    # ... and so does a sentence after it that says who the dead were
    (
        "At least 29 people were killed in a suicide bombing at a border crossing. "
        "According to the Observatory the casualties included fighters from the "
        "Free Syrian Army.",
        [("killed", 29, None, UNK, False)],
    ),
    (
        "At least 12 people were killed in a car bomb attack. The attack targeted "
        "a ceremony. The victims included opposition figures, rebels and local "
        "officials.",
        [("killed", 12, None, UNK, False)],
    ),
    (
        "At least 12 people were killed in a car bomb attack. The victims "
        "included women and children.",
        [("killed", 12, None, CIV, False)],
    ),
    (
        "The air force conducted 60 strikes killing at least 70 people. Twelve "
        "children and 11 fighters were among the dead it said.",
        [
            ("killed", 70, None, UNK, False),
            ("killed", 12, 12, CIV, False),
            ("killed", 11, 11, COMB, False),
            ("killed", 23, 23, "mixed", False),
        ],
    ),
    (
        "Fighting broke out in which 17 people were killed, two of them ambulance "
        "crew. Four Kurdish militiamen and 11 jihadists made up the rest of the "
        "dead the watchdog said.",
        [
            ("killed", 17, 17, UNK, False),
            ("killed", 4, 4, COMB, False),
            ("killed", 11, 11, COMB, False),
            ("killed", 15, 15, COMB, False),
        ],
    ),
    (
        "At least 12 people were killed in a car bomb attack. Among the dead were "
        "three children.",
        [("killed", 12, None, CIV, False), ("killed", 3, 3, CIV, False)],
    ),
    # doubt only about which side they fought on: fighters either way
    (
        "The group has killed 33 young men near Mayadeen. It says its not clear "
        "who the men were and whether they were Syrian troops or rebels.",
        [("killed", 33, 33, COMB, False)],
    ),
    (
        "A blast killed 12 people in Idlib. It was unclear whether the dead were "
        "soldiers or members of the National Defence Forces.",
        [("killed", 12, 12, COMB, False)],
    ),
    # ... not about whether they fought at all, nor about others
    (
        "The group has killed 33 young men near Mayadeen. It says it is not clear "
        "whether they were civilians or rebels.",
        [("killed", 33, 33, UNK, False)],
    ),
    (
        "The group has killed 33 young men near Mayadeen. Nobody knows whether "
        "the attackers were soldiers or rebels.",
        [("killed", 33, 33, UNK, False)],
    ),
    # the dead's bodies: whose they were says who was killed
    (
        "At least 65 bodies of civilians have been found in Qaryatayn.",
        [("killed", 65, None, CIV, False)],
    ),
    ("Rescuers found 12 corpses of soldiers.", [("killed", 12, 12, COMB, False)]),
    # A headline parse leaves the count unattached; the noun after it counts.
    (
        "Coalition air strikes Turkish army kill 8 IS group militants Report",
        [("killed", 8, 8, COMB, False)],
    ),
]


# A leader and a number of his companions: the toll counts him too, and the
# companions are of his kind when their own noun does not say.
VICTIMS += [
    (
        "Ramadan al-Sabta alongside nine of his comrades were killed in a battle.",
        [("killed", 10, 10, COMB, False)],
    ),
    (
        "The commander and four of his bodyguards were killed in the strike.",
        [("killed", 5, 5, COMB, False)],
    ),
    (  # parsed as an apposition of "commander"
        "The commander Abu Omar and four of his bodyguards were killed in the strike.",
        [("killed", 5, 5, COMB, False)],
    ),
    (
        "The army killed a terrorist commander as well as five of his entourage.",
        [("killed", 6, 6, COMB, False)],
    ),
    (
        "An air strike killed the ISIS leader along with three of his aides.",
        [("killed", 4, 4, COMB, False)],
    ),
    # "N others", "N other militants": besides the one person told first
    (
        "Abdel-Moneim said his son and 12 other militants were killed in a tunnel.",
        [("killed", 13, 13, COMB, False)],
    ),
    (
        "The commander was killed along with five others.",
        [("killed", 6, 6, COMB, False)],
    ),
    # ... not besides a list, nor besides a part of another toll
    (
        "A source said a child and two women and nine others were injured.",
        [
            ("injured", 1, 1, CIV, False),
            ("injured", 2, 2, CIV, False),
            ("injured", 9, 9, CIV, False),
            ("injured", 12, 12, CIV, False),
        ],
    ),
    (
        "On Wednesday 10 civilians were killed including a child and 37 others "
        "were injured.",
        [
            ("killed", 10, 10, CIV, False),
            ("killed", 1, 1, CIV, False),
            ("injured", 37, 37, CIV, False),
        ],
    ),
    # No one person before them: the number alone.
    (
        "Nine of his comrades were killed in the battle.",
        [("killed", 9, 9, COMB, False)],
    ),
    (
        "The army and five of its soldiers were hit; five of its soldiers died.",
        [("killed", 5, 5, COMB, False)],
    ),
]


# Members are of the group they belong to; "its" members are of the group
# that tells of them.
VICTIMS += [
    (
        "The volunteer group said one of its best-known members died.",
        [("killed", 1, 1, CIV, False)],
    ),
    (
        "The Syrian Civil Defence said three of its members were killed.",
        [("killed", 3, 3, CIV, False)],
    ),
    (
        "Hezbollah said five of its members were killed in Qusayr.",
        [("killed", 5, 5, COMB, False)],
    ),
    # Members or people of an armed group are its fighters: the Civil Defence
    # in the words above is not one, the National Defence Forces are.
    (
        "Two members of Syria's National Defence Forces were killed.",
        [("killed", 2, 2, COMB, False)],
    ),
    (
        "Seven people of a local armed group were also killed.",
        [("killed", 7, 7, COMB, False)],
    ),
    (
        "Eight members of the Civil Defence were killed in the raid.",
        [("killed", 8, 8, CIV, False)],
    ),
]

# One number for fighters and civilians together: the victims are mixed. A
# phrase of its own after "and" is not counted by the number.
VICTIMS += [
    (
        "Scores of Syrian troops and state employees were killed.",
        [("killed", 40, None, "mixed", False)],
    ),
    (
        "The attack killed 12 fighters and their families.",
        [("killed", 12, 12, COMB, False)],
    ),
]


# A number the parse hangs on a word before it still counts the people after
# it, through a hyphenated name ("Idleb province 10 Jaish al-Fateh terrorists",
# its comma lost) and in a headline.
VICTIMS += [
    (
        "In the neighboring Idleb province 10 Jaish al-Fateh terrorists were "
        "killed and 19 others were injured in airstrikes.",
        [("killed", 10, 10, COMB, False), ("injured", 19, 19, COMB, False)],
    ),
    (
        "Syrian Army Kill 7 Al-Nusra Gunmen in Daraa",
        [("killed", 7, 7, COMB, False)],
    ),
]


# The people on board a military aircraft are its crew and officers; on board
# a passenger plane or a bus they are people, as anywhere.
VICTIMS += [
    (
        "A Russian military helicopter was shot down over Syria on Monday killing "
        "all five people on board.",
        [("killed", 5, 5, COMB, False)],
    ),
    (
        "A passenger plane crashed killing all 40 people on board.",
        [("killed", 40, 40, CIV, False)],
    ),
    (
        "A bomb hit a bus near the helicopter base killing 20 people.",
        [("killed", 20, 20, CIV, False)],
    ),
]

# A noun said once for two coordinated verbs counts both numbers' people.
VICTIMS += [
    (
        "The Syrian army killed 28 and wounded 30 Daesh militants in the city.",
        [("killed", 28, 28, COMB, False), ("injured", 30, 30, COMB, False)],
    ),
    (
        "The attack killed five soldiers and injured 12.",
        [("killed", 5, 5, COMB, False), ("injured", 12, 12, COMB, False)],
    ),
    # the class carries over, not the detail: the wounded are not all children
    (
        "Five children were killed and 12 injured.",
        [("killed", 5, 5, CIV, False), ("injured", 12, 12, CIV, False)],
    ),
    # a noun of its own, however vague, is not overridden
    (
        "The strike killed five soldiers and wounded 12 people.",
        [("killed", 5, 5, COMB, False), ("injured", 12, 12, CIV, False)],
    ),
    # two counts of one kind: nothing is shared
    (
        "Rebels killed 5 and the army killed 12 militants.",
        [("killed", 5, 5, UNK, False), ("killed", 12, 12, COMB, False)],
    ),
]

# Fighters only by allegation are not known to have been fighters.
VICTIMS += [
    (
        "Regime forces killed 48 alleged rebels in Hardatnin village.",
        [("killed", 48, 48, UNK, False)],
    ),
    (
        "US strikes killed 12 suspected militants.",
        [("killed", 12, 12, UNK, False)],
    ),
]

# One person told of singly is a count of one; "a" in "a dozen", a killer's
# "a", a teller's "a" and a negated "a" are not.
SINGLES = [
    ("A soldier was killed in the attack.", [("killed", 1, 1, COMB, False)]),
    ("A gunman killed a policeman in Homs.", [("killed", 1, 1, COMB, False)]),
    ("A 12-year-old boy was among those killed.", [("killed", 1, 1, CIV, False)]),
    (
        "The attack killed a child and wounded a woman.",
        [("killed", 1, 1, CIV, False), ("injured", 1, 1, CIV, False)],
    ),
    (
        "Two soldiers and an officer were killed.",
        [
            ("killed", 2, 2, COMB, False),
            ("killed", 1, 1, COMB, False),
            ("killed", 3, 3, COMB, False),
        ],
    ),
    # the determiner counts a person joined to its own noun too
    (
        "A woman and child were killed after terrorists shelled Damascus.",
        [
            ("killed", 1, 1, CIV, False),
            ("killed", 1, 1, CIV, False),
            ("killed", 2, 2, CIV, False),
        ],
    ),
    # ... and so does a possessive: "his daughter" is one more
    (
        "A man and his daughter were killed in the shelling.",
        [
            ("killed", 1, 1, CIV, False),
            ("killed", 1, 1, CIV, False),
            ("killed", 2, 2, CIV, False),
        ],
    ),
    # "a man" counts one whose side the word does not tell; the age is no count
    ("A 60-year-old man was killed by a sniper.", [("killed", 1, 1, UNK, False)]),
    ("Daesh has killed 33 young men in the east.", [("killed", 33, 33, UNK, False)]),
    ("A dozen soldiers were killed.", [("killed", 12, 12, COMB, False)]),
    (
        "The army killed a terrorist commander as well as five of his entourage.",
        [("killed", 6, 6, COMB, False)],
    ),
    (
        "A motorcycle bomber killed at least 16 civilians outside a bakery.",
        [("killed", 16, None, CIV, False)],
    ),
    (
        "A rebel commander said 20 soldiers were killed.",
        [("killed", 20, 20, COMB, False)],
    ),
    ("A doctor at the hospital confirmed the death toll.", []),
    ("Not a single civilian was killed.", []),
    ("A family of six was killed.", [("killed", 6, 6, CIV, False)]),
    ("A Syrian activist who fled to Turkey spoke to reporters.", []),
    # a name with what the person was counts one; a bare name, a relative
    # named beside him, or a named teller does not
    (
        "The army targeted the militants' gatherings in Qalamoun, killing the "
        "terrorist commander Abu Taha, sources said.",
        [("killed", 1, 1, COMB, False)],
    ),
    (
        "Abu Abdelrahman Salqeen, the leader of Ahrar al-Sham, was killed on "
        "Tuesday in a suicide bombing.",
        [("killed", 1, 1, COMB, False)],
    ),
    ("Journalist Marie Colvin was killed in Homs.", [("killed", 1, 1, CIV, False)]),
    # the title may stand before an honorific the parse hangs it from
    (
        "A bomb went off on Friday killing the Imam Sheikh Salman al-Afandi.",
        [("killed", 1, 1, CIV, False)],
    ),
    # the title the name stands beside, before or after it
    (
        "The army killed the terrorist commander Abu Taha.",
        [("killed", 1, 1, COMB, False)],
    ),
    (
        "Karam Ammoun another terrorist leader was also killed.",
        [("killed", 1, 1, COMB, False)],
    ),
    # "another" counts one like "a"; not in "another 15", a number already
    (
        "A woman and her three children as well as another child were killed.",
        [
            ("killed", 1, 1, CIV, False),
            ("killed", 3, 3, CIV, False),
            ("killed", 1, 1, CIV, False),
            ("killed", 5, 5, CIV, False),
        ],
    ),
    (
        "The army captured another 15 terrorists in the raid.",
        [("detained", 15, 15, COMB, False)],
    ),
    (
        "Abu Firas al-Suri, his son and at least 20 jihadists were killed.",
        [("killed", 20, None, COMB, False)],
    ),
    (
        "Journalist Zouhir al-Shimale placed the death toll at 50.",
        [("killed", 50, 50, UNK, False)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SINGLES)
def test_one_person_told_of_singly(nlp, sentence, expected):
    assert figures(nlp, sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), VICTIMS)
def test_victims(nlp, sentence, expected):
    assert figures(nlp, sentence) == expected


def parts(nlp, text: str) -> list[tuple]:
    doc = nlp(text)
    return sorted(
        (f.low, f.high, f.victims, f.part_of_total)
        for sent in doc.sents
        for f in find_figures(sent)
    )


# A toll told in parts: the parts are kept and marked, their sum is a figure of
# its own; a breakdown ("including 4 children") is part of the figure it breaks
# down, which already is the total.
TOTALS = [
    # the family's members are part of the toll that includes them
    (
        "He said 10 people were killed including an Iraqi family of four.",
        [(4, 4, CIV, True), (10, 10, CIV, False)],
    ),
    (
        "Eleven regime fighters and 17 Daesh fighters were killed in the attack.",
        [(11, 11, COMB, True), (17, 17, COMB, True), (28, 28, COMB, False)],
    ),
    (  # misparsed: both nouns the subject of "killed"
        "Some 120 ISIS fighters and 60 foreign mercenaries were killed, it said.",
        [(60, 60, COMB, True), (120, 120, COMB, True), (180, 180, COMB, False)],
    ),
    (
        "At least 29 fighters from the Hazm movement were killed along with six "
        "Nusra Front fighters.",
        [(6, 6, COMB, True), (29, None, COMB, True), (35, None, COMB, False)],
    ),
    (
        "Two women and three children were killed in the shelling of Douma.",
        [(2, 2, CIV, True), (3, 3, CIV, True), (5, 5, CIV, False)],
    ),
    (
        "The strikes killed 5 civilians and 3 soldiers in Idlib on Monday.",
        [(3, 3, COMB, True), (5, 5, CIV, True), (8, 8, "mixed", False)],
    ),
    (
        "The bombing killed 10 civilians, including 4 children, in Idlib.",
        [(4, 4, CIV, True), (10, 10, CIV, False)],
    ),
    # "five of them", "12 of whom" after a toll: a part of it, and who they were
    (
        "The Britain-based Syrian Observatory for Human Rights says 34 people were "
        "killed 6 of them women or children.",
        [(6, 6, CIV, True), (34, 34, CIV, False)],
    ),
    (
        "At least 20 people were killed, five of them children, the monitor said.",
        [(5, 5, CIV, True), (20, None, CIV, False)],
    ),
    (
        "Airstrikes killed 35 people, 12 of whom were women.",
        [(12, 12, CIV, True), (35, 35, CIV, False)],
    ),
    (  # not a part of the abducted: who died of them is told by its own verb
        "Gunmen abducted 10 workers and five of them were killed.",
        [(5, 5, UNK, False), (10, 10, CIV, False)],
    ),
    # Who some of the dead were: parts of a toll told elsewhere.
    (
        "The Observatory said at least 14 of the dead were rebels.",
        [(14, None, COMB, True)],
    ),
    (
        # spaCy parses "the killed" as the number's modifier
        "Two of the killed in Jayrud were medical staff, he said.",
        [(2, 2, CIV, True)],
    ),
    (
        "Abdel Rahman said 10 of those killed were believed to be civilians.",
        [(10, 10, CIV, True)],
    ),
    ("Three soldiers were among those killed in the attack.", [(3, 3, COMB, True)]),
    (
        "Among the dead were five children and two women.",
        [(2, 2, CIV, True), (5, 5, CIV, True), (7, 7, CIV, True)],
    ),
    (  # a stripped comma makes them the subject of "said"
        "Among the dead were seven people killed as they queued to buy yoghurt at "
        "a market in the Bustan al-Qasr neighbourhood the monitoring group said.",
        [(7, 7, CIV, True)],
    ),
    # what a toll includes is part of it, and "of whom" parts of that part
    (
        "The dead included 109 evacuees 13 of whom were women.",
        [(13, 13, CIV, True), (109, 109, CIV, True)],
    ),
    (
        "The toll includes 126 people killed by rebel shelling of Aleppo city.",
        [(126, 126, CIV, True)],
    ),
    ("The victims included 51 children.", []),
    ("Fifteen of the wounded were in critical condition.", []),
    # "among them" parsed as a second subject of the verb
    (
        "At least 11 civilians among them three children were killed Thursday in "
        "regime barrel bomb attacks.",
        [(3, 3, CIV, True), (11, None, CIV, False)],
    ),
    (  # after a dateline, which the sentence splitter now cuts off
        "Date of publication 25 August 2016 Fifteen civilians among them 11 "
        "children were killed in a barrel bomb attack.",
        [(11, 11, CIV, True), (15, 15, CIV, False)],
    ),
    # a toll told before its part, fronted: "Of those killed, six were ..."
    ("Of those killed six were children.", [(6, 6, CIV, True)]),
    ("Of those killed, six were children.", [(6, 6, CIV, True)]),
    ("Of the dead 14 were rebels.", [(14, 14, COMB, True)]),
    # children among fighters were fighters
    (
        "At least 287 IS fighters among them 26 minors had been killed.",
        [(26, 26, COMB, True), (287, None, COMB, False)],
    ),
    # a part whose noun tells not who they were was of the toll it is part of
    (
        "The strikes killed 20 civilians including 5 men.",
        [(5, 5, CIV, True), (20, 20, CIV, False)],
    ),
    # Not parts of one toll: different kinds, or a bare "with" of enemies.
    (
        "The attack killed 12 people and wounded 30 others in Aleppo.",
        [(12, 12, CIV, False), (30, 30, CIV, False)],
    ),
    (
        "Five soldiers were killed in clashes with 200 rebels near Hama.",
        [(5, 5, COMB, False)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), TOTALS)
def test_totals_and_parts(nlp, sentence, expected):
    assert parts(nlp, sentence) == expected


def test_people_are_civilians_as_fakes_labels_them():
    assert PEOPLE_VICTIMS == "civilians"


DETAILS = [
    ("Airstrikes killed 11 children.", "children", None),
    ("Airstrikes killed five women.", "women", None),
    ("Coalition strikes killed 20 ISIS fighters.", None, "isis"),
    # With cw_actors in the pipeline the side is the registry's, not the word.
    ("At least 40 regime soldiers were killed.", None, "government"),
    # No registered actor named with them: the side stays unknown.
    ("Nearly 30 foreign-sponsored Takfiri terrorists were killed.", None, None),
    # The group's name for its fighters: "killed 35 Daesh".
    ("Syrian troops killed 35 Daesh in Palmyra.", None, "isis"),
    # Those "ISIL lost" are ISIL's.
    ("ISIL also lost 15 militants in the attack.", None, "isis"),
    # The members' group names their side.
    ("The raid killed 15 members of Ahrar al-Sham.", None, "opposition"),
]


@pytest.mark.parametrize(("sentence", "detail", "side"), DETAILS)
def test_detail_and_side(nlp, sentence, detail, side):
    [figure] = find_figures(next(nlp(sentence).sents))
    assert (figure.detail, figure.side) == (detail, side)


def test_side_comes_from_the_actor_mention_inside_the_phrase(nlp):
    text = "Coalition strikes killed 20 Daesh fighters."
    doc = nlp.make_doc(text)
    start = text.index("Daesh")
    doc._.actors = [
        ActorMention("Islamic State", "jihadist", "isis", start, start + 5, "Daesh")
    ]
    for _, proc in nlp.pipeline[:-1]:
        doc = proc(doc)
    [figure] = find_figures(next(doc.sents))
    assert (figure.victims, figure.side) == (COMB, "isis")


# --- figures: cumulative totals -------------------------------------------------------

CUMULATIVE = [
    (
        "So far this year, 500 civilians have died in air strikes.",
        [
            ("killed", 500, 500, CIV, True),
        ],
    ),
    ("In total, 45 people were killed in the attack.", [("killed", 45, 45, CIV, True)]),
    ("The overall death toll reached 300.", [("killed", 300, 300, UNK, True)]),
    ("More than 100 people were killed in 2016.", [("killed", 100, None, CIV, True)]),
    (
        "Since the start of the war, 6,000 children have been killed.",
        [
            ("killed", 6000, 6000, CIV, True),
        ],
    ),
    (
        "The war has killed more than 280,000 people.",
        [
            ("killed", 280_000, None, CIV, True),
        ],
    ),
    (
        "About 25,000 people had fled the fighting over the last six months.",
        [
            ("displaced", 25_000, 25_000, CIV, True),
        ],
    ),
    # Days and hours date one battle's toll; superlatives compare, they don't sum.
    (
        "The Observatory said 24 people had been killed over the past 24 hours.",
        [
            ("killed", 24, 24, CIV, False),
        ],
    ),
    (
        "At least 132 militants have been killed since Saturday.",
        [
            ("killed", 132, None, COMB, False),
        ],
    ),
    (
        "At least 15 were killed, the deadliest attack since 2015.",
        [
            ("killed", 15, None, UNK, False),
        ],
    ),
    (
        "The strike killed 5 civilians; 200 have died since 2014.",
        [
            ("killed", 5, 5, CIV, False),
            ("killed", 200, 200, UNK, True),
        ],
    ),
]


CUMULATIVE += [
    # thousands, uncounted, are a running total; a counted toll that large is
    # one incident's ("killing more than 1400 people with chemical weapons")
    ("Air raids kill thousands.", [("killed", 2000, None, UNK, True)]),
    ("Thousands more civilians killed.", [("killed", 2000, None, CIV, True)]),
    ("The attack killed more than 1400 people.", [("killed", 1400, None, CIV, False)]),
    # the toll of days, weeks or years of attacks
    (
        "Seven days of airstrikes across the province had left more than 75 "
        "civilians dead.",
        [("killed", 75, None, CIV, True)],
    ),
    (
        "The White Helmets said that 45 people have been killed in three days of "
        "regime attacks on Eastern Ghouta.",
        [("killed", 45, 45, CIV, True)],
    ),
    (
        "Two weeks of fighting in Aleppo left more than 300 people dead.",
        [("killed", 300, None, CIV, True)],
    ),
    (
        "Last week 545 civilians were killed in the escalating bombing campaign by "
        "the regime and Russian air forces.",
        [("killed", 545, 545, CIV, True)],
    ),
    # ... not a day or two of them, told as one battle's toll
    (
        "At least 88 rebel and regime forces have been killed in two days of "
        "clashes for control of strategic sites in Daraa.",
        [("killed", 88, None, COMB, False)],
    ),
    # A prolonged activity in the present perfect gives its toll to date.
    (
        "The battle in Latakia has killed some 300 fighters, the Observatory said.",
        [("killed", 300, 300, COMB, True)],
    ),
    (
        "The two-week-old battle for Zabadani has cost the lives of at least "
        "63 rebels.",
        [("killed", 63, None, COMB, True)],
    ),
    (
        "This outrageous escalation in Aleppo has killed more than 670 people.",
        [("killed", 670, None, CIV, True)],
    ),
    (
        "The crackdown on protesters has killed 120 people, activists say.",
        [("killed", 120, 120, CIV, True)],
    ),
    ("In this month alone 37 patients have died.", [("killed", 37, 37, CIV, True)]),
    # A period of fighting that "has killed": a toll so far.
    (
        "A month of infighting in Deir ez-Zor has killed nearly 300 fighters.",
        [("killed", None, 300, COMB, True)],
    ),
    # ... and so does a side's toll "in the battle" in the present perfect.
    (
        "According to the Observatory ISIS has lost 463 fighters in the battle.",
        [("killed", 463, 463, COMB, True)],
    ),
    # Thousands "have been killed": a toll so far.
    (
        "At least 6000 ISIS militants have been killed.",
        [("killed", 6000, None, COMB, True)],
    ),
    # the dead of the whole war, however few
    (
        "The Monday downing brought the toll for Russian soldiers killed in the "
        "Syrian conflict to 18.",
        [("killed", 18, 18, COMB, True)],
    ),
    (
        "Reporters Without Borders recently reported 23 journalists killed in "
        "Syria's 30-month war.",
        [("killed", 23, 23, CIV, True)],
    ),
    (
        "Five soldiers were killed in the battle for the town.",
        [("killed", 5, 5, COMB, False)],
    ),
    # ... but not when the clause names the one attack that killed them
    (
        "At least 1300 people have been killed in a nerve gas attack on the "
        "Ghouta region.",
        [("killed", 1300, None, CIV, False)],
    ),
    (
        "More than 2,000 people have been killed in the attacks on the city.",
        [("killed", 2000, None, CIV, True)],
    ),
    # A whole month or year of attacks, none named singly, adds them up ...
    (
        "Last month nearly 1200 Syrian civilians were killed, mostly in air raids.",
        [("killed", None, 1200, CIV, True)],
    ),
    (
        "Cross-border fire from Syria has claimed 21 lives and wounded dozens of "
        "others in Kilis this year.",
        [("killed", 21, 21, CIV, True), ("injured", 24, None, UNK, True)],
    ),
    # ... but one attack, or a day, told in that month is an incident
    (
        "Last month an air strike killed 20 people in Idlib.",
        [("killed", 20, 20, CIV, False)],
    ),
    (
        "Last month 20 people were killed when warplanes struck a market in Idlib.",
        [("killed", 20, 20, CIV, False)],
    ),
    (
        "Earlier this month dozens of militants were killed in operations in "
        "Latakia on Friday.",
        [("killed", 24, None, COMB, False)],
    ),
    # One raid's toll stays an incident, and so does a bombardment's, which
    # may last hours; told with a span, it is a period total.
    ("Airstrikes have killed 20 people in Idlib.", [("killed", 20, 20, CIV, False)]),
    (
        "Severe bombardment on Syria's biggest city has killed at least 84 "
        "civilians, the monitor said.",
        [("killed", 84, None, CIV, False)],
    ),
    (
        "Regime bombardment of Eastern Ghouta in the last two weeks has killed "
        "more than 100 people.",
        [("killed", 100, None, CIV, True)],
    ),
    ("A day of heavy bombing has killed 20 people.", [("killed", 20, 20, CIV, False)]),
    # Days of anything, and a campaign told through "that", tally so far.
    (
        "Six days of heavy bombing have killed dozens.",
        [("killed", 24, None, UNK, True)],
    ),
    (
        "It was the fifth day of a major offensive that has left dozens dead.",
        [("killed", 24, None, UNK, True)],
    ),
    (
        "The army hit back, sparking fierce fighting that has left dozens dead.",
        [("killed", 24, None, UNK, True)],
    ),
    # Days and weeks uncounted, or "in the days after": more than one day's toll.
    (
        "Hundreds of civilians have been killed over the past few days in Aleppo.",
        [("killed", 200, None, CIV, True)],
    ),
    (
        "The group has executed tens of its own fighters in recent days.",
        [("killed", 20, None, COMB, True)],
    ),
    (
        "Scores of soldiers were killed in the days after Palmyra fell to IS.",
        [("killed", 40, None, COMB, True)],
    ),
    (
        "The raids were scaled down after hundreds were killed in a week of bombing.",
        [("killed", 200, None, UNK, True)],
    ),
    (
        "The bombing killed hundreds of people in late September and early October.",
        [("killed", 200, None, CIV, True)],
    ),
    (
        "Over 500 civilians were killed in one week in the ongoing bombing campaign.",
        [("killed", 500, None, CIV, True)],
    ),
    (
        "A gas attack killed at least 213 people, the worst use of poison gas in "
        "the two-year-old civil war.",
        [("killed", 213, None, CIV, False)],
    ),
    # A rate is no incident's toll.
    (
        "Dozens of people are being killed each day in eastern Aleppo.",
        [("killed", 24, None, CIV, True)],
    ),
    # A comparison over a span is no span's toll.
    (
        "The car bomb killed 20 people, the deadliest attack in a year.",
        [("killed", 20, 20, CIV, False)],
    ),
    # "a total of" adds up one operation; "have been killed" keeps a tally
    (
        "A total of 14 Daesh terrorists were killed in northern Syria during an "
        "operation on Tuesday.",
        [("killed", 14, 14, COMB, False)],
    ),
    (
        "A total of 43 civilians have been killed in the process.",
        [("killed", 43, 43, CIV, True)],
    ),
    (
        "A total of 21 people were killed and more than 70 others wounded in "
        "such attacks.",
        [("killed", 21, 21, CIV, True), ("injured", 70, None, CIV, True)],
    ),
    (
        "The clinics reported 294 wounded and 33 dead in a total of seven mass "
        "influxes for the first six months of 2016.",
        [("injured", 294, 294, UNK, True), ("killed", 33, 33, UNK, True)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CUMULATIVE)
def test_cumulative(nlp, sentence, expected):
    assert figures(nlp, sentence) == expected


# --- figures: what is not a casualty count --------------------------------------------

NOTHING = [
    "the ministers' claim that the RAF has not caused any civilian casualties",
    # a time and a date in a page's "updated" stamp
    "Death Toll in Blast Rises to 70 REUTERS Middle East 1735 "
    "15.04.2017(updated 2033 15.04.2017) Get short URL",
    "No casualties were reported, and no one was killed in the attack.",
    "The convoy passed without casualties.",
    "Some 3,000 ISIS fighters are holed up in the city where strikes killed civilians.",
    "The third strike killed the commander on 12 June 2016.",
    "The offensive killed the commander in 2015, 24 hours after the truce.",
    "The strikes destroyed 17 buses and killed the driver.",
    "Rebels fled 5 km to the south after 10 vehicles were destroyed.",
    "The blast killed the mayor, who had won 60 percent of the vote.",
    "Officials paid $500 to the families of those killed.",
    "The group lost 40 tanks and fled two miles east.",
    "The strikes destroyed 12 of the group's bases.",
    # a vague count of what is no people, beside a trigger
    "I saw death with my own eyes with bodies lying on the way and dozens of "
    "trucks and civilian cars.",
    "They hit the army, destroying tens of their vehicles and killing soldiers.",
    "One video showed the bodies lying in the street.",
    "The army lost control of the town on Sunday.",
    "ISIL has not lost any fighters in the strikes.",
    # a number of families is no count of the dead
    "Abdel Rahman said all the dead were from six families.",
    "An airstrike killed two families in Idlib.",
    # a bare number says not what was lost
    "The SDF has lost at least 89 since the offensive began.",
    # what may yet happen: a projection, not a toll
    "The death toll could reach dozens of civilians who came to the mosque.",
    "An assault on the city may kill thousands of civilians, the UN warned.",
]


@pytest.mark.parametrize("sentence", NOTHING)
def test_not_a_count(nlp, sentence):
    assert figures(nlp, sentence) == []


# --- figures: the seed articles -------------------------------------------------------

SEEDS = [
    (
        "The strikes hit an ISIS prison in al-Mansoura town, leaving dozen killed and "
        "wounded.",
        [("killed_or_injured", 12, 12, UNK, False)],
    ),
    (
        "Muhab Hussein, Raqqa-based activist, said the U.S. strikes have also killed "
        "two people on Raqqa-Aleppo road",
        [("killed", 2, 2, CIV, False)],
    ),
    (
        "The U.S.-led coalition says some 3,000 to 4,000 ISIS fighters are thought to "
        "be holed up in Raqqa city where they continue to erect defenses.",
        [],
    ),
    (
        "Between April 23 and May 23 of this year, the U.S.-led had also killed a "
        "total of 225 civilians in Syria, the Britain-based Syrian Observatory for "
        "human Rights said.",
        [("killed", 225, 225, CIV, True)],
    ),
    (
        "Earlier this month, the US military said that coalition air strikes in Iraq "
        'and Syria had "unintentionally" killed a total of 352 civilians since 2014.',
        [
            ("killed", 352, 352, CIV, True),
        ],
    ),
    (
        "It brought the total number of members of the Russian forces killed in "
        "Syria to 18.",
        [("killed", 18, 18, UNK, True)],
    ),
    # Decision: "millions more displaced" is a displaced figure (low 2,000,000),
    # cumulative like the killed figure it is coordinated with, victims inherited.
    (
        "More than 470,000 people have been killed and millions more displaced since "
        "Syria's conflict broke out in March 2011",
        [
            ("killed", 470_000, None, CIV, True),
            ("displaced", 2_000_000, None, CIV, True),
        ],
    ),
    # no one attack wounds a million: the war's wounded are a running total
    (
        "The United Nations says the war has killed more than 220000 people and "
        "wounded at least 1 million.",
        [
            ("killed", 220_000, None, CIV, True),
            ("injured", 1_000_000, None, CIV, True),
        ],
    ),
    (
        "The chemical attack killed 1,400 people and injured thousands.",
        [("killed", 1400, 1400, CIV, False), ("injured", 2000, None, CIV, False)],
    ),
    (
        "Meanwhile in Damascus, the Syrian government blamed the U.S.-led coalition "
        "for airstrikes that killed 35 civilians late Thursday in the town of Mayadeen "
        "in Deir al-Zor province.",
        [("killed", 35, 35, CIV, False)],
    ),
    (
        "Rights groups said that the vast quantities of ordnance dropped since the "
        "start of Operation Shader against IS in 2014 seriously undermined the claim "
        "by ministers that the RAF has not caused any civilian casualties in the "
        "three-year-long bombing campaign.",
        [],
    ),
    (
        "Dillon said that at least 40 vehicles belonging to ISIS have attempted to "
        "rescue the stranded jihadists.",
        [],
    ),
    ("They rode on 17 buses bound for extremist-held areas farther east.", []),
    (
        "Pence did not refer to the dead during the speech he gave before 184 heads of "
        "American diplomatic missions across the world.",
        [],
    ),
    ("Tesla hit with $2bn truck lawsuit", []),
    (
        "The U.S.-backed Syrian Democratic Forces militias are just two miles far from "
        "the first neighborhoods of Raqqa.",
        [],
    ),
    (
        "Pro-government media said the strikes killed at least 22 people, while the "
        "Observatory put the toll at 24",
        [
            ("killed", 22, None, CIV, False),
            ("killed", 24, 24, UNK, False),
        ],
    ),
    (
        "On Thursday, the Syrian Observatory for Human Rights said that over the past "
        "24 hours, around 2,200 people had fled, including 180 ISIS members, to camps "
        "run by the SDF.",
        [
            # not all of them were civilians
            ("displaced", 2200, 2200, UNK, False),
            ("displaced", 180, 180, COMB, False),
        ],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SEEDS)
def test_seed_sentences(nlp, sentence, expected):
    assert figures(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It had initially given a death toll of 22.", [(22, True)]),
        ("The watchdog had earlier reported 12 dead in the strikes.", [(12, True)]),
        ("The monitor, which earlier gave a toll of 20, said more died.", [(20, True)]),
        (
            "126 people were killed, the Observatory said, updating a previous "
            "toll of 112 dead.",
            [(126, False), (112, True)],
        ),
        # the telling, not the killing, is what came earlier
        (
            "An earlier death toll from the strike on Urum al-Joz reported 15 "
            "people were killed.",
            [(15, True)],
        ),
        (
            "Earlier it was reported that airstrikes on Idlib have killed at least "
            "24 people.",
            [(24, True)],
        ),
        # another, earlier incident is no earlier toll of this one
        (
            "An earlier attack by IS fighters on Shaer left 270 people dead.",
            [(270, False)],
        ),
        ("Air strikes killed 30 people earlier on Monday.", [(30, False)]),
    ],
)
def test_an_earlier_toll_since_updated_is_superseded(nlp, text, expected):
    assert [(f.low, f.superseded) for f in nlp(text)._.casualties] == expected


def test_figure_phrase_runs_from_number_to_trigger(nlp):
    text = "Officials said 35 civilians were killed in Mayadeen."
    [figure] = find_figures(next(nlp(text).sents))
    assert (figure.start, figure.end, figure.text) == (
        15,
        39,
        "35 civilians were killed",
    )
    assert text[figure.start : figure.end] == figure.text


# --- the component --------------------------------------------------------------------


def mention(text, phrase, name, side="other", *, claimant=False, kind="other"):
    start = text.index(phrase)
    return ActorMention(
        name, kind, side, start, start + len(phrase), phrase, is_claimant=claimant
    )


def place(text, phrase, admin1="Deir ez-Zor"):
    start = text.index(phrase)
    return PlaceMatch(
        phrase, 35.0, 40.0, "SY", admin1, "07", None, "city", "PPL",
        start, start + len(phrase), phrase,
    )  # fmt: skip


def when(text, phrase, value):
    start = text.index(phrase)
    return DateMention(value, "day", start, start + len(phrase), phrase)


def run(nlp, text, *, actors=None, places=None, dates=None):
    """Run the model and cw_casualties on `text` with hand-set mentions."""
    doc = nlp.make_doc(text)
    doc._.actors, doc._.places, doc._.dates = actors, places, dates
    for name, proc in nlp.pipeline:
        if name.startswith("cw_") and name not in {
            "cw_line_breaks",
            "cw_parse_repairs",
            "cw_casualties",
        }:
            continue  # keep the hand-set mentions
        doc = proc(doc)
    return doc._.casualties


def test_component_links_perpetrator_claimant_place_and_date(nlp):
    text = (
        "The fighting went on. U.S.-led coalition airstrikes killed 35 civilians in "
        "Mayadeen on Thursday, the Syrian Observatory for Human Rights said."
    )
    [figure] = run(
        nlp,
        text,
        actors=[
            mention(text, "U.S.-led coalition", "US-led coalition", "coalition"),
            mention(text, "Syrian Observatory for Human Rights", "SOHR", claimant=True),
        ],
        places=[place(text, "Mayadeen")],
        dates=[when(text, "Thursday", date(2017, 5, 25))],
    )
    sentence_start = text.index("U.S.-led")
    assert figure.kind == "killed"
    assert (figure.low, figure.high, figure.victims) == (35, 35, CIV)
    assert figure.perpetrator == "US-led coalition"
    assert figure.claimed_by == "SOHR"
    assert figure.place.name == "Mayadeen"
    assert figure.date.value == date(2017, 5, 25)
    assert figure.cumulative is False
    assert figure.sentence == Span(sentence_start, len(text), text[sentence_start:])
    assert figure.text == "killed 35 civilians"
    assert text[figure.start : figure.end] == "killed 35 civilians"


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        (
            "At least 19 people were killed in Douma just hours after a suspected "
            "chemical attack left dozens dead in Khan Sheikhun.",
            [
                "hours after a suspected chemical attack left dozens dead in Khan "
                "Sheikhun"
            ],
        ),
        # the object's relative clause is part of it ...
        (
            "The evacuation resumed on Wednesday days after a bombing that killed "
            "more than 120 evacuees.",
            ["days after a bombing that killed more than 120 evacuees"],
        ),
        # ... not the news the parse hangs on the object without one
        (
            "Just days after a deadly chemical attack a woman was killed and 25 "
            "others on a bus were wounded in Homs.",
            ["days after a deadly chemical attack"],
        ),
        # nor a clause the parse missed
        (
            "Six children were killed in rebel rocket attacks in Aleppo on Thursday "
            "just a day after airstrikes on a school in Idlib left 35 people dead.",
            ["day after airstrikes on a school in Idlib left 35 people dead"],
        ),
        # "in the days after" is when, and a bare "after" tells the cause
        ("Scores of Syrian troops were killed in the days after Palmyra fell.", []),
        ("Five people were killed after a car bomb exploded in Azaz.", []),
    ],
)
def test_another_incident_told_some_time_apart(nlp, sentence, phrases):
    doc = nlp(sentence)
    assert [doc.text[a:b] for s in doc.sents for a, b in other_times(s)] == phrases


def test_component_another_incident_told_a_day_apart_lends_no_links(nlp):
    text = (
        "Rebel forces shelled a school in Aleppo on Thursday, just a day after "
        "dozens of children were killed in airstrikes on a school in Idlib."
    )
    [figure] = run(
        nlp,
        text,
        actors=[mention(text, "Rebel forces", "Syrian opposition groups")],
        places=[place(text, "Aleppo"), place(text, "Idlib")],
        dates=[when(text, "Thursday", date(2016, 10, 27))],
    )
    assert (figure.low, figure.perpetrator, figure.place.name) == (24, None, "Idlib")
    assert figure.date is None


@pytest.mark.parametrize(
    ("text", "names", "where"),
    [
        # "near" names a landmark; "the town of" where the dead were
        (
            "Shelling killed 43 people in the town of Jayrud near Damascus.",
            ["Jayrud", "Damascus"],
            "Jayrud",
        ),
        (
            "Shelling killed 43 people near Damascus in Jayrud.",
            ["Damascus", "Jayrud"],
            "Jayrud",
        ),
        # "the neighbourhood of" may name the city around the quarter
        (
            "Rockets killed three in the Shahba neighbourhood of Aleppo.",
            ["Shahba", "Aleppo"],
            "Shahba",
        ),
        # "in the days after" is a time, not another incident: its place is
        # where the dead were, not the troops' home
        (
            "Scores of troops from Homs were killed in the days after Palmyra fell.",
            ["Homs", "Palmyra"],
            "Palmyra",
        ),
    ],
)
def test_component_the_place_the_dead_were_in(nlp, text, names, where):
    [figure] = run(nlp, text, places=[place(text, name) for name in names])
    assert figure.place.name == where


def test_component_a_toll_without_a_place_of_its_own_keeps_the_sentences(nlp):
    # the place of the incident told beside it
    text = (
        "The attack in Idlib came a day after air strikes by Russian "
        "warplanes killed 26 people in the province."
    )
    [figure] = run(nlp, text, places=[place(text, "Idlib")])
    assert figure.place.name == "Idlib"


def test_component_agent_of_passive_and_participle(nlp):
    text = (
        "Five civilians were killed by ISIS in Raqqa. Russian air strikes hit a market "
        "in Idlib, killing six people, activists said."
    )
    passive, participle = run(
        nlp,
        text,
        actors=[
            mention(text, "ISIS", "Islamic State", "isis"),
            mention(text, "Russian", "Russia", "government"),
        ],
        places=[place(text, "Raqqa"), place(text, "Idlib")],
    )
    assert (passive.perpetrator, passive.place.name) == ("Islamic State", "Raqqa")
    assert passive.claimed_by is None
    assert (participle.perpetrator, participle.claimed_by) == ("Russia", "activists")
    assert participle.place.name == "Idlib"


def test_component_attacker_is_not_what_the_attack_hit(nlp):
    text = (
        "A suicide blast near the headquarters of Ahrar al-Sham in Idlib injured "
        "30 people. Coalition strikes on Islamic State positions killed 12 fighters. "
        "A car bomb outside a stronghold of the regime wounded 45 people."
    )
    near, on, outside = run(
        nlp,
        text,
        actors=[
            mention(text, "Ahrar al-Sham", "Ahrar al-Sham", "rebel"),
            mention(text, "Coalition", "US-led coalition", "coalition"),
            mention(text, "Islamic State", "Islamic State", "isis"),
            mention(text, "regime", "Syrian government forces", "government"),
        ],
        places=[place(text, "Idlib")],
    )
    assert (near.kind, near.low, near.perpetrator) == ("injured", 30, None)
    assert (on.kind, on.low, on.perpetrator) == ("killed", 12, "US-led coalition")
    assert (outside.kind, outside.low, outside.perpetrator) == ("injured", 45, None)


def test_component_the_dead_group_did_not_kill_its_own(nlp):
    # spaCy makes a headline's victims the subject of "Killed"; a group named
    # between the number and "Killed" is whose men died, not the killer. One
    # named before the toll still is: "the toll from ISIS attacks rose to 30".
    text = (
        "47 Leaders of Ahrar al-Sham Killed in Idlib Blast. "
        "The toll from the ISIS attacks rose to 30."
    )
    leaders, toll = run(
        nlp,
        text,
        actors=[
            mention(text, "Ahrar al-Sham", "Ahrar al-Sham", "rebel"),
            mention(text, "ISIS", "Islamic State", "isis"),
        ],
        places=[place(text, "Idlib")],
    )
    assert (leaders.low, leaders.perpetrator) == (47, None)
    assert (toll.low, toll.perpetrator) == (30, "Islamic State")


def test_component_a_headlines_bare_participle_names_no_killer(nlp):
    # "Killed" without its auxiliary: the group before the toll is whose men
    # died ("Al-Nusra Spokesman Son 20 Terrorists Killed"), not who killed them
    text = "Al-Nusra Spokesman Son 20 Terrorists Killed in Idleb Strikes."
    [figure] = run(
        nlp, text, actors=[mention(text, "Al-Nusra", "al-Nusra Front", "jihadist")]
    )
    assert (figure.low, figure.perpetrator) == (20, None)


def test_component_a_name_the_parse_cuts_short_still_names_the_killer(nlp):
    # spaCy makes "Partys" a verb: the subject is "military wing" alone, and
    # the name runs into it from before
    text = (
        "Kurdish Democratic Union Partys military wing dubbed Peoples Protection "
        "Units killed 17 Turkish servicemen."
    )
    [figure] = run(
        nlp,
        text,
        actors=[
            mention(text, "Democratic Union Partys military wing", "YPG", "kurdish")
        ],
    )
    assert (figure.low, figure.perpetrator) == (17, "YPG")


def test_component_a_toll_told_with_the_wounded_shares_their_attacker(nlp):
    # "in airstrikes ... by the Assad regime" hangs from "injured", the last of
    # the two, and "by" from the first of the two attacks
    text = (
        "Activists said that at least 135 civilians have been killed and hundreds "
        "more injured in airstrikes and barrel bomb attacks by the Assad regime "
        "on the province over the past three days."
    )
    figures = run(
        nlp,
        text,
        actors=[mention(text, "Assad regime", "Syrian government forces", "gov")],
    )
    assert [(f.kind, f.perpetrator) for f in figures] == [
        ("killed", "Syrian government forces"),
        ("injured", "Syrian government forces"),
    ]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Hundreds of people were killed in Eastern Ghouta in chemical weapons "
            "strikes allegedly carried out by government troops in August 2013.",
            "government troops",
        ),
        (
            "Early on Monday more than 300 shells fired by opposition groups hit "
            "western neighborhoods in Aleppo killing five people.",
            "opposition groups",
        ),
        # an operation or a campaign by them
        (
            "A total of 14 Daesh terrorists were killed in northern Syria during "
            "an operation by Turkish Armed Forces on Tuesday.",
            "Turkish Armed Forces",
        ),
        (
            "At least 545 people have been killed in the escalating bombing "
            "campaign by the Assad regime since Tuesday.",
            "Assad regime",
        ),
    ],
)
def test_component_whom_the_attack_was_by_killed(nlp, text, phrase):
    [figure] = run(nlp, text, actors=[mention(text, phrase, "Doer", "other")])
    assert figure.perpetrator == "Doer"


@pytest.mark.parametrize(
    ("text", "phrases", "perpetrator"),
    [
        # who attacked in the clause that tells how they died
        (
            "At least 18 people were killed Thursday when Islamic State group "
            "jihadists attacked a town in northern Syria, a monitor said.",
            ["Islamic State group"],
            "Islamic State group",
        ),
        (
            "Two Russian pilots were killed in Syria after DAESH shot down a "
            "helicopter near Palmyra.",
            ["DAESH"],
            "DAESH",
        ),
        # not the attack told as what came before the strikes that killed
        (
            "At least 45 people were killed in Syrian government air strikes on "
            "opposition areas around Damascus after rebels fired dozens of mortar "
            "rounds at the capital.",
            ["Syrian government", "rebels"],
            "Syrian government",
        ),
        # nor whose helicopter was shot down, nor a verb of no attack
        (
            "Two airmen were killed when their Russian helicopter was shot down.",
            ["Russian"],
            None,
        ),
        (
            "Five soldiers were killed when the army retook the town.",
            ["army"],
            None,
        ),
    ],
)
def test_component_the_attack_told_with_when_names_the_killer(
    nlp, text, phrases, perpetrator
):
    actors = [mention(text, phrase, phrase, "other") for phrase in phrases]
    [figure] = run(nlp, text, actors=actors)
    assert figure.perpetrator == perpetrator


@pytest.mark.parametrize(
    ("text", "phrases", "killed", "perpetrator"),
    [
        # spaCy hangs "killed" from "forces", as if forces [who were] killed
        (
            "A missile fired by Syrian forces killed at least 18 civilians on "
            "Tuesday in a residential neighbourhood of the old quarter of Aleppo "
            "city a monitoring group said.",
            ["Syrian forces"],
            18,
            "Syrian forces",
        ),
        (
            "A massive bomb blast claimed by the Daesh terror group killed at "
            "least 44 people and wounded dozens on Wednesday.",
            ["Daesh terror group"],
            44,
            "Daesh terror group",
        ),
        # not who holds the place hit
        (
            "Aerial bombardment on a residential neighbourhood controlled by "
            "Syrias rebels killed at least five civilians on Sunday.",
            ["rebels"],
            5,
            None,
        ),
        # nor the place a "killing" follows: the subject struck it
        (
            "The Syrian warplanes targeted ISIL strongholds in Raqqa province "
            "killing 31 terrorists including commanders.",
            ["ISIL"],
            31,
            None,
        ),
        # nor what was struck, which spaCy may make the subject of "killing"
        (
            "On May 2 Turkish forces struck Daesh gun emplacements and ammunition "
            "dumps in the Suran regions on the Syrian side of the border initially "
            'killing "50 terrorists."',
            ["Turkish forces", "Daesh"],
            50,
            "Turkish forces",
        ),
        # nor who tells, whose "claims" spaCy reads as the subject noun
        (
            "Syria's government was behind a chemical massacre near Damascus that "
            "the opposition claims killed hundreds.",
            ["opposition"],
            200,
            None,
        ),
        # nor who says so in the relative clause
        (
            "Saudi Arabia called for a meeting on reports of a chemical attack that "
            "opposition groups say killed hundreds of people in Syria.",
            ["opposition groups"],
            200,
            None,
        ),
        # and a blame reaches past who tells to the attack
        (
            "Washington blames the Syrian government for the attack which it says "
            "kills more than 1400 people.",
            ["Washington", "Syrian government"],
            1400,
            "Syrian government",
        ),
    ],
)
def test_component_a_verb_parsed_as_a_noun_modifier_names_the_noun(
    nlp, text, phrases, killed, perpetrator
):
    actors = [mention(text, phrase, phrase, "other") for phrase in phrases]
    [figure] = [f for f in run(nlp, text, actors=actors) if f.kind == "killed"]
    assert (figure.low, figure.perpetrator) == (killed, perpetrator)


def test_component_blame_names_the_accused_and_the_accuser(nlp):
    text = (
        "The Syrian government blamed the U.S.-led coalition for airstrikes that "
        "killed 35 civilians late Thursday in the town of Mayadeen."
    )
    [figure] = run(
        nlp,
        text,
        actors=[
            mention(text, "Syrian government", "Syrian government forces"),
            mention(text, "U.S.-led coalition", "US-led coalition", "coalition"),
        ],
        places=[place(text, "Mayadeen")],
    )
    assert figure.perpetrator == "US-led coalition"
    assert figure.claimed_by == "syrian government"
    assert figure.place.name == "Mayadeen"


def test_component_conflicting_claims_keep_their_sources(nlp):
    text = (
        "Pro-government media said the strikes killed at least 22 people, while the "
        "Observatory put the toll at 24"
    )
    media, observatory = run(
        nlp, text, actors=[mention(text, "Observatory", "SOHR", claimant=True)]
    )
    assert (media.low, media.high, media.claimed_by) == (
        22,
        None,
        "pro-government media",
    )
    assert (observatory.low, observatory.claimed_by) == (24, "SOHR")
    media, observatory = run(nlp, text)
    assert media.claimed_by == "pro-government media"
    assert observatory.claimed_by == "observatory"


@pytest.mark.parametrize(
    "text",
    [
        "Regime bombing killed three emergency workers from the White Helmets.",
        "Russian air strikes kill eight White Helmets workers in Idlib.",
    ],
)
def test_component_a_source_among_the_dead_did_not_report_them(nlp, text):
    [figure] = run(
        nlp,
        text,
        actors=[mention(text, "White Helmets", "White Helmets", claimant=True)],
    )
    assert figure.claimed_by is None


def test_component_a_source_outside_the_dead_reports_them(nlp):
    text = "Strikes killed eight people in Idlib the White Helmets said."
    [figure] = run(
        nlp,
        text,
        actors=[mention(text, "White Helmets", "White Helmets", claimant=True)],
    )
    assert figure.claimed_by == "White Helmets"


@pytest.mark.parametrize(
    "text",
    [
        # an attack is no teller: "claimed the lives" is not a claim
        "A car bomb claimed the lives of 12 people in Homs.",
        # nor are people counted, whom a stripped comma makes the subject
        '"At least 36 people were killed and 50 others injured in the attack" he said.',
    ],
)
def test_component_what_or_whom_a_figure_counts_did_not_report_it(nlp, text):
    assert {figure.claimed_by for figure in run(nlp, text)} == {None}


@pytest.mark.parametrize(
    ("text", "teller"),
    [
        # a stripped comma gives "said" two subjects: the dead, then the teller
        (
            "The US-led anti-Daesh coalition has killed more than twenty Islamic "
            "State (ISIL or Daesh) operatives who were actively developing plans to "
            "launch terrorist attacks abroad US Secretary of Defense Ashton Carter "
            "said on Wednesday.",
            "us secretary of defense ashton carter",
        ),
        (
            "Separate air raids in northern Syria by regime aircraft and warplanes "
            "of the US-led international coalition killed at least 25 civilians on "
            "Friday a monitoring group said.",
            "monitoring group",
        ),
    ],
)
def test_component_the_teller_is_the_subject_that_is_not_the_dead(nlp, text, teller):
    [figure] = run(nlp, text)
    assert figure.claimed_by == teller


HE_SAID = (
    '"At least 36 people were killed and 50 others injured in the attack" he said.'
)


@pytest.mark.parametrize(
    ("before", "teller"),
    [
        # "he" is who the sentence before named as telling ...
        (
            "A local civil defence official told reporters the market was hit. ",
            "local civil defence official",
        ),
        # ... but not someone named three sentences back
        (
            "A local civil defence official told reporters the market was hit. "
            "Rescuers dug. The market burned. ",
            None,
        ),
    ],
)
def test_component_he_said_is_who_was_named_telling_just_before(nlp, before, teller):
    assert {figure.claimed_by for figure in run(nlp, before + HE_SAID)} == {teller}


def abroad(text, phrase, country):
    start = text.index(phrase)
    return PlaceMatch(
        phrase, 34.0, 36.0, country, "", "", None, "city", "PPLC",
        start, start + len(phrase), phrase,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "city", "where"),
    [
        # the city a page stamp names, run into the story's first word, is its
        # dateline
        (
            "Last updated at Jan 202015 Beirut Syrian government air strikes on "
            "Tuesday killed at least 39 people in the north of the country.",
            ("Beirut", "LB"),
            None,
        ),
        ("Mosul was hit by strikes that killed 20 fighters.", ("Mosul", "IQ"), "Mosul"),
    ],
)
def test_component_a_dateline_is_not_where_they_died(nlp, text, city, where):
    [figure] = run(nlp, text, places=[abroad(text, *city)])
    assert (figure.place.name if figure.place else None) == where


def test_component_without_other_components(nlp):
    text = "A car bomb killed six people in Azaz on Sunday, according to medics."
    [figure] = run(nlp, text)
    assert (figure.perpetrator, figure.place, figure.date) == (None, None, None)
    assert figure.claimed_by == "medics"


def test_component_skips_period_dates_and_orders_by_position(nlp):
    text = (
        "Since 2011, 400 civilians have been killed in the town. On Monday a strike "
        "killed 3 soldiers and wounded 9 civilians in Hama."
    )
    found = run(
        nlp,
        text,
        dates=[
            when(text, "Since 2011", date(2011, 1, 1)),
            when(text, "On Monday", date(2017, 5, 22)),
        ],
        places=[place(text, "Hama", "Hama")],
    )
    assert [(f.kind, f.best, f.cumulative) for f in found] == [
        ("killed", 400, True),
        ("killed", 3, False),
        ("injured", 9, False),
    ]
    assert found[0].date is None
    assert found[1].date.value == date(2017, 5, 22)
    assert [f.start for f in found] == sorted(f.start for f in found)


@pytest.mark.parametrize(
    ("text", "dates", "expected"),
    [
        # the day the dead were killed, not the day it was told
        (
            "Regime forces killed 12 rebels on Friday, the monitor said on Saturday.",
            {"Friday": date(2017, 5, 26), "Saturday": date(2017, 5, 27)},
            (date(2017, 5, 26), False),
        ),
        # told only when: the figure keeps it, marked
        (
            "Syrian regime forces killed 48 alleged rebels in Hardatnin village "
            "according to a statement released Saturday by the commission.",
            {"Saturday": date(2017, 5, 27)},
            (date(2017, 5, 27), True),
        ),
        (
            "Russian air strikes had killed at least 14 civilians as they were "
            "crossing the river, the Observatory said on Friday.",
            {"Friday": date(2017, 5, 26)},
            (date(2017, 5, 26), True),
        ),
        (
            "A car bomb killed six people in Azaz on Sunday, the monitor said.",
            {"Sunday": date(2017, 5, 28)},
            (date(2017, 5, 28), False),
        ),
        # the day of the attack told of, though a verb of telling takes it
        (
            "IS group also claimed an October 2 bomb attack at a police station "
            "in the capital that killed at least 17 people.",
            {"October 2": date(2017, 10, 2)},
            (date(2017, 10, 2), False),
        ),
    ],
)
def test_component_dates_a_figure_when_its_dead_were_killed(nlp, text, dates, expected):
    [figure] = run(
        nlp, text, dates=[when(text, word, day) for word, day in dates.items()]
    )
    assert (figure.date.value, figure.date_told) == expected


@pytest.mark.parametrize(
    ("text", "dated", "expected"),
    [
        # a sentence that carries on the tally of the one before is a tally too
        (
            "The Observatory documented 5,812 civilians killed over the past year. "
            "Meanwhile rebel fire on regime-held areas killed 1,102 people.",
            None,
            [(5812, True), (1102, True)],
        ),
        (
            "Kilis has been under rocket fire from Syria since mid-January. "
            "Twenty people in Kilis have been killed.",
            None,
            [(20, True)],
        ),
        # with its own date the toll is an incident of its own
        (
            "Kilis has been under rocket fire from Syria since mid-January. "
            "On Monday twenty people in Kilis have been killed.",
            "On Monday",
            [(20, False)],
        ),
        # and a toll told in the past is one, whatever came before
        (
            "Kilis has been under rocket fire from Syria since mid-January. "
            "A rocket killed twenty people in Kilis.",
            None,
            [(20, False)],
        ),
        # a campaign's length is a period; who was among its dead is tallied too
        (
            "The bombing continues in Aleppo on the forty-fifth consecutive day. "
            "At least 502 civilians have been killed in the bombing. Among those "
            "killed were 105 children.",
            None,
            [(502, True), (105, True)],
        ),
        (
            "Strikes killed 30 people in Aleppo on Monday. Among those killed were "
            "10 children.",
            None,
            [(30, False), (10, False)],
        ),
        # parts told over a period make the toll "have been killed" before
        # them a period's; one told in the past stays an incident's
        (
            "At least 327 people have also been killed in clashes in Aleppo. "
            "76 children were among those killed over the last 15 days.",
            None,
            [(327, True), (76, True)],
        ),
        (
            "At least 27 people were killed in clashes in Aleppo on Monday. "
            "Seven children were among those killed over the last 15 days.",
            None,
            [(27, False), (7, True)],
        ),
    ],
)
def test_component_carries_a_tally_into_the_next_sentence(nlp, text, dated, expected):
    dates = [when(text, dated, date(2017, 5, 22))] if dated else []
    found = run(nlp, text, dates=dates)
    assert [(f.best, f.cumulative) for f in found] == expected


def test_component_sets_an_empty_list(nlp):
    assert run(nlp, "The talks in Geneva resumed on Monday.") == []


def test_component_is_registered_without_configuration():
    assert "cw_casualties" in spacy.registry.factories
