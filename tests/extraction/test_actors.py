"""cw_actors: registry aliases, context references, claimants apart."""

import pytest


def actors(nlp, text: str) -> list[tuple[str, str, bool]]:
    """Return (text, canonical name, is_claimant) of each actor mention."""
    return [(a.text, a.name, a.is_claimant) for a in nlp(text)._.actors]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ISIS fighters attacked the town.",
            [("ISIS fighters", "Islamic State", False)],
        ),
        ("Daesh claimed the attack.", [("Daesh", "Islamic State", False)]),
        ("IS seized the village.", [("IS", "Islamic State", False)]),
        # "is" in lower case is the verb, not the group.
        ("The town is quiet.", []),
        ("The SAA shelled the area.", [("SAA", "Syrian government forces", False)]),
        (
            "Regime troops advanced.",
            [("Regime troops", "Syrian government forces", False)],
        ),
        (
            "The Syrian regular forces carried out an ambush.",
            [("Syrian regular forces", "Syrian government forces", False)],
        ),
        ("Tiger Forces entered the town.", [("Tiger Forces", "Tiger Forces", False)]),
        (
            "The International Coalition struck.",
            [("International Coalition", "US-led coalition", False)],
        ),
        ("CJTF-OIR said so.", [("CJTF-OIR", "US-led coalition", False)]),
        ("The RAF flew sorties.", [("RAF", "United Kingdom forces", False)]),
        (
            "Deir Ezzor Military Council fighters advanced.",
            [("Deir Ezzor Military Council", "Syrian Democratic Forces", False)],
        ),
        ("The YPG held the line.", [("YPG", "YPG", False)]),
        # the party's armed wing is the YPG, not the party
        (
            "The PYD's armed wing shelled the village.",
            [("PYD's armed wing", "YPG", False)],
        ),
        ("HTS took Saraqeb.", [("HTS", "Hay'at Tahrir al-Sham", False)]),
        ("Jabhat al-Nusra fighters", [("Jabhat al-Nusra", "al-Nusra Front", False)]),
        ("Jaysh al-Islam withdrew.", [("Jaysh al-Islam", "Jaysh al-Islam", False)]),
        # whose the aircraft are thought to be
        (
            "Fighter jets also believed to be Russian struck the town.",
            [("jets also believed to be Russian", "Russia", False)],
        ),
        (
            "Warplanes thought to be Syrian bombed Douma.",
            [("Warplanes thought to be Syrian", "Syrian government forces", False)],
        ),
        ("Islam Army fired rockets.", [("Islam Army", "Jaysh al-Islam", False)]),
        ("Ahrar al-Sham fought.", [("Ahrar al-Sham", "Ahrar al-Sham", False)]),
        ("Hezbollah sent men.", [("Hezbollah", "Hezbollah", False)]),
        ("The PMF crossed.", [("PMF", "Popular Mobilization Forces", False)]),
        (
            "The Free Syrian Army held out.",
            [("Free Syrian Army", "Free Syrian Army", False)],
        ),
    ],
)
def test_registry_aliases(nlp, text, expected):
    assert actors(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian air strikes hit Idlib.", [("Russian air strikes", "Russia", False)]),
        # what kind of force they are
        (
            "Russian fighter jets struck Turmanin.",
            [("Russian fighter jets", "Russia", False)],
        ),
        (
            "Turkish ground forces entered Jarabulus.",
            [("Turkish ground forces", "Turkish forces", False)],
        ),
        ("Jordanian helicopters fired.", [("Jordanian helicopters", "Jordan", False)]),
        ("Turkish troops entered.", [("Turkish troops", "Turkish forces", False)]),
        ("The regime bombed Douma.", [("regime", "Syrian government forces", False)]),
        ("Rebels shelled the city.", [("Rebels", "Syrian opposition groups", False)]),
        # Only the government flies among Syrian forces: "a Syrian air strike".
        (
            "A Syrian air strike hit the camp.",
            [("Syrian air strike", "Syrian government forces", False)],
        ),
        (
            "Syrian aviation bombed Khan Shaikhoun.",
            [("Syrian aviation", "Syrian government forces", False)],
        ),
        ("US-led strikes hit Raqqa.", [("US-led strikes", "US-led coalition", False)]),
        # Whoever leads forces, and any force or attack noun after "-led".
        (
            "A US-led raid killed 40 soldiers.",
            [("US-led raid", "US-led coalition", False)],
        ),
        (
            "The U.S.-led air strike hit a bridge.",
            [("U.S.-led air strike", "US-led coalition", False)],
        ),
        (
            "The US-led military said it was investigating.",
            [("US-led military", "US-led coalition", False)],
        ),
        (
            "Kurdish-led fighters entered Manbij.",
            [("Kurdish-led fighters", "Syrian Democratic Forces", False)],
        ),
        ("A Saudi-led strike hit Sanaa.", []),
        # An adjective says what they are; a proper noun makes a name.
        (
            "Syrian Islamist rebels shelled a rally.",
            [("Islamist rebels", "Syrian opposition groups", False)],
        ),
        ("Assads regime bombed it.", [("regime", "Syrian government forces", False)]),
        # a headline's "Syria rebels" are Syrian rebels, not a name
        (
            "Syria rebel infighting kills 45 fighters.",
            [("rebel", "Syrian opposition groups", False)],
        ),
        # a headline's "Syria army" is the Syrian army, with or without the
        # possessive; a name after "Syrian" keeps its adjective
        (
            "Syria army shelling kills 43 as Syrias opposition and Syria's "
            "government trade blame.",
            [
                ("Syria army", "Syrian government forces", False),
                ("Syrias opposition", "Syrian opposition groups", False),
                ("Syria's government", "Syrian government forces", False),
            ],
        ),
        ("Syria Democratic Forces were named.", []),
        # Someone else's government is not the Syrian government.
        ("The Iraqi government protested.", []),
        # Assad's forces, with or without the apostrophe.
        (
            "Assads Air Force killed 65 civilians.",
            [("Assads Air Force", "Syrian government forces", False)],
        ),
        (
            "Assad's warplanes struck Douma.",
            [("Assad's warplanes", "Syrian government forces", False)],
        ),
        # any one-word name's possessive that lost its apostrophe
        (
            "Russias Aerospace Forces killed 304 ISILs militants, SANAs "
            "correspondent said.",
            [
                ("Russias", "Russia", False),
                ("ISILs", "Islamic State", False),
                ("SANAs", "SANA", True),
            ],
        ),
        (
            "Russias Defense Ministry said 80 militants were killed.",
            [("Russias Defense Ministry", "Russian Defence Ministry", True)],
        ),
        # Forces loyal to Assad, however he is titled; not to anyone else.
        (
            "Forces loyal to the Syrian dictator Bashar al-Assad shelled Douma.",
            [
                (
                    "Forces loyal to the Syrian dictator Bashar al-Assad",
                    "Syrian government forces",
                    False,
                )
            ],
        ),
        ("Troops loyal to Haftar advanced on Tripoli.", []),
        # "anti-" names whom they are against, not who they are.
        (
            "The US-led anti-Daesh coalition killed 20 militants.",
            [("coalition", "US-led coalition", False)],
        ),
        ("Anti-regime protesters marched in Daraa.", []),
        # a patron before "-backed" or "-linked" describes the group named
        # next; alone before a bare noun it still names the fighters' side
        (
            "Iran-backed Hezbollah fighters shelled Zabadani.",
            [("Hezbollah fighters", "Hezbollah", False)],
        ),
        (
            "The ISIS-affiliated Khalid ibn al-Walid Army and Russia-backed "
            "Syrian troops fought.",
            [
                ("Khalid ibn al-Walid Army", "Khalid ibn al-Walid Army", False),
                ("Syrian troops", "Syrian government forces", False),
            ],
        ),
        (
            "ISIS-linked militants shelled Daraa.",
            [("ISIS", "Islamic State", False)],
        ),
        # A bare word refers back to the name it ends: the opposition's
        # Syrian Coalition is not the US-led coalition.
        (
            "The Syrian Coalition condemned the bombing, the Coalition said.",
            [
                ("Syrian Coalition", "Syrian National Coalition", True),
                ("Coalition", "Syrian National Coalition", True),
            ],
        ),
        (
            "US-led coalition jets struck Raqqa, the coalition said.",
            [
                ("US-led coalition", "US-led coalition", False),
                ("coalition", "US-led coalition", False),
            ],
        ),
        # a body a bare reference qualifies is theirs, and "a" coalition or
        # government is a new one; a sentence's "A" makes no name of the word
        # after it
        (
            "The largest rebel coalition attacked Aleppo.",
            [("rebel", "Syrian opposition groups", False)],
        ),
        (
            "An opposition coalition launched an assault.",
            [("opposition", "Syrian opposition groups", False)],
        ),
        (
            "Syrias opposition government met. They will form a government.",
            [
                ("Syrias opposition", "Syrian opposition groups", False),
            ],
        ),
        (
            "Idlib is held by a coalition of rebel groups.",
            [("rebel groups", "Syrian opposition groups", False)],
        ),
        (
            "A rebel attack killed five people.",
            [("rebel", "Syrian opposition groups", False)],
        ),
        # (a coalition's strikes are still the US-led coalition's)
        (
            "A coalition air strike hit Raqqa.",
            [("coalition air strike", "US-led coalition", False)],
        ),
        # "the jihadists" are a jihadist group's, never a rebel one's
        (
            "The FSA officers executed by the jihadists had been kidnapped.",
            [("FSA", "Free Syrian Army", False)],
        ),
        (
            "ISIS fought the FSA. The officers executed by the jihadists were found.",
            [
                ("ISIS", "Islamic State", False),
                ("FSA", "Free Syrian Army", False),
                ("the jihadists", "Islamic State", False),
            ],
        ),
        # "the army" is the army named before it, whichever that is
        (
            "The Iraqi army shelled the town. The army said 12 militants died.",
            [("Iraqi army", "Iraqi forces", False), ("army", "Iraqi forces", False)],
        ),
        # else the Syrian army, as SANA writes "army units" ...
        (
            "Army units established control over Minian town.",
            [("Army", "Syrian government forces", False)],
        ),
        # ... but not a rebel "Army", nor where another state's army is named
        (
            "The Free Syrian Army said the army shelled the town.",
            [
                ("Free Syrian Army", "Free Syrian Army", False),
                ("army", "Syrian government forces", False),
            ],
        ),
        ("The army said 12 militants died as Turkeys troops crossed.", []),
        (
            "The army said 12 militants died near the Iraqi forces.",
            [
                ("Iraqi forces", "Iraqi forces", False),
            ],
        ),
        # other references may mean a rebel group
        (
            "The FSA shelled the town. The group said it had taken the hill.",
            [
                ("FSA", "Free Syrian Army", False),
                ("The group", "Free Syrian Army", False),
            ],
        ),
    ],
)
def test_context_references(nlp, text, expected):
    assert actors(nlp, text) == expected


def test_the_group_refers_back_to_the_last_jihadist_actor(nlp):
    text = (
        "The SDF advanced on ISIS positions. The group lost its last pocket on Tuesday."
    )
    assert actors(nlp, text)[-1] == ("The group", "Islamic State", False)


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "the Syrian Observatory for Human Rights said",
            "Syrian Observatory for Human Rights",
        ),
        # the Observatory by a word of its name, its possessive stripped of
        # the apostrophe, or what AFP calls it
        ("according to an Observatory toll", "Syrian Observatory for Human Rights"),
        ("the observatorys chief said", "Syrian Observatory for Human Rights"),
        (
            "a Britain-based monitoring group said",
            "Syrian Observatory for Human Rights",
        ),
        ("State-run SANA news reported", "SANA"),
        ("Lebanese TV channel Al-Mayadin reported", "Al Mayadeen"),
        ("the United Nations said", "United Nations"),
    ],
)
def test_sources_are_claimants_not_belligerents(nlp, text, claimant):
    found = actors(nlp, text)
    assert [(name, is_claimant) for _, name, is_claimant in found] == [(claimant, True)]


def test_a_reference_needs_an_actor_named_before_it(nlp):
    # Nothing precedes "The group" here, so it refers to no one.
    text = "The group was driven out. ISIS then regrouped."
    assert actors(nlp, text) == [("ISIS", "Islamic State", False)]
    text = "ISIS lost Raqqa. The group regrouped."
    assert actors(nlp, text)[-1] == ("The group", "Islamic State", False)


def test_a_capitalised_reference_going_on_for_or_of_starts_a_name(nlp):
    text = (
        "ISIS lost Raqqa. The Organization for the Prohibition of Chemical "
        "Weapons said it was concerned."
    )
    assert actors(nlp, text) == [("ISIS", "Islamic State", False)]
