"""cw_events: ACLED types, actors and roles, claims side by side, no traps."""

from datetime import date

import pytest

from events.extraction.pipeline import extract

PUBLISHED = date(2017, 5, 30)  # a Tuesday


def events(nlp, text: str) -> list[tuple]:
    """Return (event type, sub-event type, place, perpetrator, killed) per event."""
    result = extract(text, published=PUBLISHED, nlp=nlp)
    return [
        (
            e.event_type,
            e.sub_event_type,
            e.place.name if e.place else None,
            e.perpetrator,
            e.killed_best,
        )
        for e in result.events
    ]


def best_and_high(nlp, text: str) -> list[tuple]:
    """Return (best, high) of the dead per event."""
    found = extract(text, published=PUBLISHED, nlp=nlp).events
    return [(e.killed_best, e.killed_high) for e in found]


def only_event(nlp, text: str):
    """Return the one event of `text` (the test fails if there are more)."""
    (event,) = extract(text, published=PUBLISHED, nlp=nlp).events
    return event


def killed_bounds(event) -> tuple:
    return event.killed_low, event.killed_best, event.killed_high


REMOTE = "Explosions/Remote violence"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A car bomb exploded in Azaz on Monday, killing 12 civilians.",
            [(REMOTE, "Remote explosive/landmine/IED", "Azaz", None, 12)],
        ),
        (
            "A suicide bomber blew himself up in Qamishli, killing 5 people.",
            [(REMOTE, "Suicide bomb", "Qamishli", None, 5)],
        ),
        (
            "Regime helicopters dropped barrel bombs on Daraya, killing 9 civilians.",
            [
                (
                    REMOTE,
                    "Air/drone strike",
                    "Darayya",
                    "Syrian government forces",
                    9,
                )
            ],
        ),
        (
            "Rebels shelled the Hamdaniyah district of Aleppo, killing three "
            "civilians.",
            [
                (
                    REMOTE,
                    "Shelling/artillery/missile attack",
                    "Aleppo",
                    "Syrian opposition groups",
                    3,
                )
            ],
        ),
        (
            "A chemical attack on Khan Shaykhun killed at least 58 people.",
            [(REMOTE, "Chemical weapon", "Khan Shaykhun", None, 58)],
        ),
        # Any name for the poison: "chemical substances", "toxic gases".
        (
            "Chemical substances were used in the attack on Khan Shaykhun which "
            "left at least 100 people killed.",
            [(REMOTE, "Chemical weapon", "Khan Shaykhun", None, 100)],
        ),
        (
            "Shells containing toxic gases hit Marea, killing two civilians.",
            [(REMOTE, "Chemical weapon", "Marea", None, 2)],
        ),
        (
            "ISIS executed 15 civilians in al-Mayadin.",
            [
                (
                    "Violence against civilians",
                    "Attack",
                    "al-Mayadin",
                    "Islamic State",
                    15,
                )
            ],
        ),
        # captives killed are an attack, an abduction has no dead
        (
            "ISIS abducted 20 Christians in Hasakah and killed 15 of them.",
            [
                (
                    "Violence against civilians",
                    "Attack",
                    "Al-Hasakah",
                    "Islamic State",
                    15,
                )
            ],
        ),
        (
            "ISIS kidnapped 15 Assyrian Christians in Hasakah.",
            [
                (
                    "Violence against civilians",
                    "Abduction/forced disappearance",
                    "Al-Hasakah",
                    "Islamic State",
                    None,
                )
            ],
        ),
        # an execution by its manner, not a fight
        (
            "ISIS killed 33 young men near al-Mayadin. ISIS members slit the "
            "throats of the men on Wednesday.",
            [
                (
                    "Violence against civilians",
                    "Attack",
                    "al-Mayadin",
                    "Islamic State",
                    33,
                )
            ],
        ),
        (
            "Clashes between the SDF and ISIS in Hajin killed 20 fighters.",
            [("Battles", "Armed clash", "Hajin", "Syrian Democratic Forces", 20)],
        ),
        # a sortie is an aircraft's flight
        (
            "The source said the sorties resulted in killing 17 terrorists in "
            "Kanasba in Lattakia countryside.",
            [(REMOTE, "Air/drone strike", "Kinnsibba", None, 17)],
        ),
        # plurals name the act as the singular does
        (
            "Regime snipers positioned in the al-Izaa district fired into the "
            "besieged Zabadieh district killing two civilians.",
            [
                (
                    "Violence against civilians",
                    "Attack",
                    None,
                    "Syrian government forces",
                    2,
                )
            ],
        ),
        (
            "Bombardments on Douma killed 12 civilians on Monday.",
            [(REMOTE, "Shelling/artillery/missile attack", "Douma", None, 12)],
        ),
        (
            "Twin suicide blasts hit a checkpoint in Homs on Monday, killing four "
            "people.",
            [(REMOTE, "Suicide bomb", "Homs", None, 4)],
        ),
        # "gas kills" is a gas attack; bombs "dropped" are air strikes
        (
            "Gas killed 90 people in Douma on Wednesday.",
            [(REMOTE, "Chemical weapon", "Douma", None, 90)],
        ),
        (
            "Bombs dropped by the regime killed 49 people in Aleppo on Monday.",
            [(REMOTE, "Air/drone strike", "Aleppo", "Syrian government forces", 49)],
        ),
        # warplanes that bomb strike from the air
        (
            "Syrian and Russian warplanes bomb Idlib, killing 12 civilians on Monday.",
            [(REMOTE, "Air/drone strike", "Idlib", "Syrian government forces", 12)],
        ),
        # bombs dropped are air strikes, however they are described ...
        (
            "The regime killed at least 28 people in al-Bab on Saturday when its "
            "warplanes dropped massive makeshift bombs on the town.",
            [(REMOTE, "Air/drone strike", "al-Bab", "Syrian government forces", 28)],
        ),
        # ... and so are bombs made to be dropped from the air
        (
            "Russian jets dropped cluster bombs on Aleppo on Tuesday, killing 10 "
            "civilians.",
            [(REMOTE, "Air/drone strike", "Aleppo", "Russia", 10)],
        ),
        # a bombing counted twice or thrice is bombs set off, not air raids
        (
            "At least 17 people were killed in a triple bombing in Damascus on Monday.",
            [(REMOTE, "Remote explosive/landmine/IED", "Damascus", None, 17)],
        ),
        (
            "A suspected gas attack on Douma killed 40 civilians on Monday.",
            [(REMOTE, "Chemical weapon", "Douma", None, 40)],
        ),
        # a neighbour lends its act, not the protests the war began with
        (
            "One man was killed on Friday in Douma. The war started as a peaceful "
            "protest movement in 2011.",
            [("Battles", "Armed clash", "Douma", None, 1)],
        ),
        (
            "Two women were stoned to death for adultery in Raqqa on Friday.",
            [("Violence against civilians", "Attack", "Raqqa", None, 2)],
        ),
        # gunmen killed are no shooting, and "pro-regime" did not attack
        (
            "An IS attack on an oil field near Palmyra killed at least 30 "
            "pro-regime gunmen on Tuesday.",
            [("Battles", "Armed clash", "Palmyra", "Islamic State", 30)],
        ),
        (
            "Gunmen killed five people in Homs on Monday.",
            [("Violence against civilians", "Attack", "Homs", None, 5)],
        ),
        (
            "ISIL decapitated three men in Deir Ezzor on Monday.",
            [
                (
                    "Violence against civilians",
                    "Attack",
                    "Deir ez-Zor",
                    "Islamic State",
                    3,
                )
            ],
        ),
        # a counterattack is fought on the ground, whatever the lead's weapon
        (
            "Air strikes on Raqqa killed 25 civilians on Tuesday, a monitor said. "
            "More than 40 troops were killed in an IS counterattack near Tabqa on "
            "Monday.",
            [
                (REMOTE, "Air/drone strike", "Raqqa", None, 25),
                ("Battles", "Armed clash", "Tabqa", "Islamic State", 40),
            ],
        ),
        # a weapon held or made is not the weapon used
        (
            "Russian jets struck a chemical weapons factory in Raqqa on Tuesday, "
            "killing 12 militants.",
            [(REMOTE, "Air/drone strike", "Raqqa", "Russia", 12)],
        ),
    ],
)
def test_acled_types_from_the_words(nlp, text, expected):
    assert events(nlp, text) == expected


def test_the_act_the_lead_names_more_closely_gives_the_type(nlp):
    text = (
        "A suicide bombing struck a rebel headquarters in Idlib on Tuesday. "
        "The bombing killed six fighters, the Observatory said."
    )
    assert [
        (e.sub_event_type, e.killed_best) for e in extract(text, nlp=nlp).events
    ] == [("Suicide bomb", 6)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dead "also" killed in clashes are not the air strikes' dead
        (
            "Air strikes by regime warplanes killed 26 people in Idlib. At least "
            "327 people have also been killed in clashes in Aleppo.",
            [("Air/drone strike", 26), ("Armed clash", 327)],
        ),
        # a bare "attack" still takes the weapon its neighbour names
        (
            "Air strikes by regime warplanes killed 26 people in Idlib. Another "
            "five people were killed in an attack on Aleppo.",
            [("Air/drone strike", 26), ("Air/drone strike", 5)],
        ),
    ],
)
def test_other_dead_keep_the_act_their_sentence_names(nlp, text, expected):
    assert [
        (e.sub_event_type, e.killed_best) for e in extract(text, nlp=nlp).events
    ] == expected


@pytest.mark.parametrize(
    ("taker", "expected"),
    [
        # a capture told after air strikes is a capture, not another strike
        ("Rebels", ("Non-state actor overtakes territory", "Syrian opposition groups")),
        # ... and who took it is named with it: not the air strikes' doer
        ("Troops", ("Armed clash", None)),
    ],
)
def test_a_capture_keeps_its_own_act_and_taker(nlp, taker, expected):
    text = (
        "Russian air strikes killed 12 civilians in Idlib on Monday. "
        f"{taker} seized the town of Kafr Nabl in Idlib province on Tuesday."
    )
    strikes, capture = extract(text, published=PUBLISHED, nlp=nlp).events
    assert (strikes.sub_event_type, strikes.perpetrator) == (
        "Air/drone strike",
        "Russia",
    )
    assert (capture.sub_event_type, capture.perpetrator) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # air strikes that back the actor are not what the sentence tells
        (
            "The Syrian army, backed by Russian airstrikes, captured the town of "
            "Atareb in Aleppo province on Monday.",
            [("Government regains territory", None)],
        ),
        (
            "Kurdish fighters backed by US-led air strikes killed 20 jihadists in "
            "clashes near Kobani on Monday.",
            [("Armed clash", 20)],
        ),
        (
            "Backed by Russian airstrikes, government forces pressed a battle to "
            "retake areas of Deir Ezzor province on Monday.",
            [],
        ),
        # ... unless the backing is what it tells
        (
            "The offensive was backed by air strikes that killed 12 civilians in "
            "Raqqa on Monday.",
            [("Air/drone strike", 12)],
        ),
    ],
)
def test_strikes_that_back_an_actor_are_not_the_act(nlp, text, expected):
    found = extract(text, published=PUBLISHED, nlp=nlp).events
    assert [(e.sub_event_type, e.killed_best) for e in found] == expected


@pytest.mark.parametrize(
    ("text", "sub_event_type", "perpetrator"),
    [
        (
            "Syrian government forces recaptured Palmyra on Sunday.",
            "Government regains territory",
            "Syrian government forces",
        ),
        (
            "ISIS fighters seized the town of al-Qaryatayn on Tuesday.",
            "Non-state actor overtakes territory",
            "Islamic State",
        ),
        # the doer of the clause a participle hangs from takes the place
        (
            "On Tuesday the SDF made an important advance, taking full control of "
            "the town of al-Sousa in Deir ez-Zor.",
            "Non-state actor overtakes territory",
            "Syrian Democratic Forces",
        ),
        (
            "The Syrian army on Wednesday established full control of al-Masasneh "
            "village in the countryside of Hama.",
            "Government regains territory",
            "Syrian government forces",
        ),
    ],
)
def test_territory_changes_by_who_took_it(nlp, text, sub_event_type, perpetrator):
    [(event_type, sub, _, perp, killed)] = events(nlp, text)
    assert (event_type, sub, perp, killed) == (
        "Battles",
        sub_event_type,
        perpetrator,
        None,
    )


def test_a_capture_that_only_tells_what_a_place_is_is_no_event(nlp):
    text = (
        "At least 18 people were killed Thursday when Islamic State group "
        "jihadists attacked a town in northern Syria recently captured by Kurdish "
        "forces, a monitor said."
    )
    [(_, sub, _, _, killed)] = events(nlp, text)
    assert (sub, killed) == ("Attack", 18)  # what IS did, not the capture


@pytest.mark.parametrize(
    "text",
    [
        "In September the army announced an operation to recapture Aleppo.",
        "Regime forces have been battling to recapture Jobar from the opposition.",
        "Government forces were unable to recapture Palmyra on Monday.",
    ],
)
def test_a_capture_only_set_out_to_do_is_no_event(nlp, text):
    assert events(nlp, text) == []


def test_a_capture_achieved_is_an_event(nlp):
    text = "Government forces managed to recapture Palmyra on Monday."
    [(_, sub, _, perpetrator, _)] = events(nlp, text)
    assert (sub, perpetrator) == (
        "Government regains territory",
        "Syrian government forces",
    )


def test_a_capture_after_days_of_fighting_is_an_event(nlp):
    # the fighting kept up for days is no incident; the capture is one
    text = (
        "Rebels seized the town of Jisr al-Shughur in Idlib on Saturday after days "
        "of fighting."
    )
    [(_, sub, place, perpetrator, _)] = events(nlp, text)
    assert (sub, place, perpetrator) == (
        "Non-state actor overtakes territory",
        "Jisr al-Shughur",
        "Syrian opposition groups",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a group without aircraft raids on the ground, and its toll is of fighters
        (
            "ISIS fighters seized the Shaer gas field near Palmyra on Thursday. "
            "On Friday the death toll from the raid rose to 115, the monitor said.",
            [("Battles", "Armed clash", "Islamic State", 115, "combatants")],
        ),
        # an air force's raids stay air strikes
        (
            "Russian raids on Saraqib killed 12 civilians on Friday.",
            [(REMOTE, "Air/drone strike", "Russia", 12, "civilians")],
        ),
        # so do raids an article leads with as air raids, whoever it names
        # (and who fled them did not carry them out)
        (
            "Air raids on Raqqa killed 25 civilians, the monitor said. "
            "ISIS fighters fled the raids, which killed 25 people.",
            [(REMOTE, "Air/drone strike", None, 25, "civilians")],
        ),
    ],
)
def test_raids_are_from_the_air_unless_the_raider_has_no_aircraft(nlp, text, expected):
    result = extract(text, published=PUBLISHED, nlp=nlp)
    assert [
        (
            e.event_type,
            e.sub_event_type,
            e.perpetrator,
            e.killed_best,
            e.claims[0].victims,
        )
        for e in result.events
    ] == expected


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        (
            "A chemical attack killed 58 people in Khan Shaykhun on Tuesday. "
            "Washington blamed the Syrian government for the attack.",
            "Syrian government forces",
        ),
        (
            "A car bomb killed 12 people in Azaz on Monday. "
            "The Islamic State group claimed responsibility for the attack.",
            "Islamic State",
        ),
        (
            "An air strike killed 14 civilians in Tabqa on Sunday. Residents "
            "searched the rubble. The monitor said the strike was carried out by "
            "Russian planes.",
            "Russia",
        ),
        # who claims the attack carried it out
        (
            "A double suicide bomb attack hit a police station in Damascus on "
            "Monday, killing at least 17 people. The Islamic State group on "
            "Tuesday claimed the attack in a statement.",
            "Islamic State",
        ),
        # ... not who claimed earlier ones
        (
            "A bomb killed 16 civilians in Hasakeh city on Tuesday. It was not "
            "clear who carried out the attack but the Islamic State group has "
            "claimed previous bombings in the region.",
            None,
        ),
        (
            "A bomb killed 16 civilians in Hasakeh city on Tuesday. It was not "
            "clear who carried out the attack; the Islamic State group has "
            "claimed bombings in the region before.",
            None,
        ),
        # who is said to be behind it, unless denying it
        (
            "A suicide bomb blast struck Douma on Sunday, killing 14 fighters "
            "from Jaish al-Islam. The Islamic State group is believed to be behind "
            "the suicide attack.",
            "Islamic State",
        ),
        (
            "A chemical attack killed 90 people in Ghouta on Monday. The "
            "government denied that regime forces were behind the attack.",
            None,
        ),
        # the attack blamed on someone, however the parse hangs "on"
        (
            "A car bomb killed 34 people in Hama on Monday. "
            "The attack was blamed on rebels.",
            "Syrian opposition groups",
        ),
        (
            "A missile killed 18 civilians in Aleppo on Tuesday. "
            "The Observatory said so, blaming the attack on forces loyal to Assad.",
            "Syrian government forces",
        ),
        # an accusation about another place and year is not this event's
        (
            "A car bomb killed 12 people in Azaz on Monday. Residents fled the town. "
            "Rescuers searched the rubble. Shops stayed shut. Schools closed. "
            "In August 2013 hundreds died in Eastern Ghouta in strikes carried out "
            "by government troops.",
            None,
        ),
        # nor one about an act of another kind the article tells of too
        (
            "Just days after a chemical attack a woman was killed and 25 others "
            "on a bus were wounded in Homs on Saturday. The bomb had gone off on "
            "a bus transporting workers. On Tuesday in a chemical attack blamed "
            "on the Assad regime some 100 civilians were killed.",
            None,
        ),
    ],
)
def test_the_lead_event_takes_whom_the_article_holds_responsible(
    nlp, text, perpetrator
):
    event = extract(text, published=PUBLISHED, nlp=nlp).events[0]
    assert event.perpetrator == perpetrator
    if perpetrator:
        accusation = text.rsplit(". ", 1)[-1]
        assert event.evidence[-1].text.endswith(accusation)
        assert [a.role for a in event.actors if a.name == perpetrator] == [
            "perpetrator"
        ]
        # the actor's words in that sentence are the field's evidence
        (named,) = event.field_evidence["actors"]
        assert named.text in accusation
        assert f" by {perpetrator} in " in event.summary


def test_conflicting_claims_stay_side_by_side(nlp):
    text = (
        "Pro-government media said the strikes killed at least 22 people in Douma "
        "on Monday, while the Observatory put the toll at 24."
    )
    event = only_event(nlp, text)

    assert [(c.low, c.high, c.claimed_by) for c in event.claims] == [
        (22, None, "pro-government media"),
        (24, 24, "Syrian Observatory for Human Rights"),
    ]
    assert killed_bounds(event) == (22, 22, 24)
    assert (event.date, event.date_precision) == (date(2017, 5, 29), "day")
    assert event.civilian_targeting


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # parts of one toll are added up, not taken for sources disagreeing
        ("Eleven regime fighters and 17 IS fighters were killed in Palmyra.", 28),
        ("An air strike killed 10 civilians, including 4 children, in Idlib.", 10),
        # a breakdown sentences later belongs to the toll told before it
        (
            "An air strike killed 20 people in Saraqeb on Monday. Rescue workers "
            "searched the rubble for hours. The town's hospital was also hit. "
            "Residents fled north. The Observatory said five of the dead were "
            "children.",
            20,
        ),
        # one person told of beside the toll is one of the dead, not a rival count
        (
            "A suicide blast killed 45 people in Idlib on Sunday. "
            "A commander of the Nusra Front was killed in the blast.",
            45,
        ),
        (
            "US-led air strikes killed at least 20 Islamic State fighters in Raqqa "
            "on Sunday. One civilian was also killed in the air strikes, he said.",
            20,
        ),
        # a part told again by itself, as a headline, is still a part
        (
            "Russia says kills 7 Nusra Front field commanders in Syria air strike. "
            "A Russian air strike killed 49 Nusra Front militants including seven "
            "of its field commanders in Idlib province.",
            49,
        ),
        (
            "Regime raids on Aleppo killed 31 civilians on Friday, including 10 "
            "when their bus was hit. The 10 civilians killed on the bus were "
            "fleeing the city, the civil defence said.",
            31,
        ),
        # a headline run into its lead tells one toll twice, not two parts
        (
            "4 citizens killed in terrorist rocket attack in Homs city At least "
            "four citizens were killed due to a terrorist rocket attack on Homs.",
            4,
        ),
    ],
)
def test_the_event_counts_a_toll_told_in_parts_once(nlp, text, killed):
    result = extract(text, published=PUBLISHED, nlp=nlp)
    (event,) = result.events
    # the article's figures are the event's claims, parts marked alike
    assert set(event.claims) <= set(result.casualties)

    assert killed_bounds(event) == (
        killed,
        killed,
        killed,
    )


def test_roles_perpetrator_and_target(nlp):
    text = "U.S.-led coalition airstrikes hit an ISIS prison in al-Mansoura town."
    event = only_event(nlp, text)
    assert [(a.name, a.role) for a in event.actors] == [
        ("US-led coalition", "perpetrator"),
        ("Islamic State", "target"),
    ]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # those a toll counts were hit, whatever the parse makes of them
        (
            "Peshmerga fighters shot dead six ISIS suicide bombers near Kobani on "
            "Monday.",
            [("Kurdish Peshmerga", "perpetrator"), ("Islamic State", "target")],
        ),
        (
            "YPG fighters killed 20 members of the Islamic State near Kobani on "
            "Monday.",
            [("YPG", "perpetrator"), ("Islamic State", "target")],
        ),
    ],
)
def test_the_side_a_toll_counts_is_the_target(nlp, text, roles):
    assert [(a.name, a.role) for a in only_event(nlp, text).actors] == roles


def test_the_wounded_told_with_the_dead_join_their_event(nlp):
    # the 28 wounded are told with the four dead, who joined the event of the
    # six wounded before them: no event of the 28 wounded alone
    text = (
        "A police source said that terrorists fired 10 rocket shells on al-Midan "
        "neighborhood in the morning. The source added later that 6 persons were "
        "injured including a young girl when terrorists fired a rocket shell and "
        "explosive rounds on al-Hamadaniah area. Later in the evening the source "
        "said that four people were killed and 28 people were injured due to "
        "rocket attacks by terrorists on New Aleppo and al-Muhafaza neighborhoods."
    )
    events = extract(text, published=PUBLISHED, nlp=nlp).events
    assert [e.killed_best for e in events] == [4]


def test_whom_a_sentence_blames_was_not_hit(nlp):
    text = (
        "Rebels shelled Aleppo on Monday killing 10 people and the government "
        "blamed the Turkish army for arming them."
    )
    roles = {a.name: a.role for a in only_event(nlp, text).actors}
    assert roles["Turkish forces"] == "other"


@pytest.mark.parametrize(
    "accusation",
    [
        "Activists accused Syrian government forces of launching a gas attack "
        "that killed 20 people in Douma on Tuesday.",
        # the parser hangs "of" on the accused, not on "accused"
        "Human Rights Watch has accused the Syrian regime of conducting at least "
        "eight chemical attacks using chlorine gas on residential areas during "
        "the battle for Douma last year that killed at least 20 civilians.",
        # a participle hung on the act names whom its teller blames
        "On Tuesday activists stated that 20 people were killed in a chemical "
        "weapon attack in Douma blaming the Syrian army for the incident.",
    ],
)
def test_whom_a_sentence_accuses_of_an_attack_carried_it_out(nlp, accusation):
    # not only for the lead event: the accused is the act's agent
    text = "A car bomb killed five people in Azaz on Monday. " + accusation
    events = extract(text, published=PUBLISHED, nlp=nlp).events
    assert [(e.sub_event_type, e.perpetrator, e.killed_best) for e in events] == [
        ("Remote explosive/landmine/IED", None, 5),
        ("Chemical weapon", "Syrian government forces", 20),
    ]
    roles = {a.name: a.role for a in events[1].actors}
    assert roles["Syrian government forces"] == "perpetrator"


@pytest.mark.parametrize(
    ("text", "perpetrators"),
    [
        # the act's own words name its doer before the clause's subject
        (
            "Regime forces fended off an attack by rebel fighters on the Zahra "
            "neighbourhood of Aleppo on Tuesday killing 12 soldiers.",
            ["Syrian opposition groups"],
        ),
        (
            "Syrian air strikes killed 70 people in Douma on Friday after a rebel "
            "rocket attack killed 10 people in Damascus on Thursday.",
            ["Syrian government forces", "Syrian opposition groups"],
        ),
        (
            "More than 30 Syrian rebels were killed in an IS group suicide blast "
            "in Atmeh on Sunday.",
            ["Islamic State"],
        ),
        # a group's men act for it: "ISILs terrorists fired"
        (
            "Two Syrians were killed and 5 others were injured due to a terrorist "
            "rocket attack on al-Qosour and al-Jora residential neighborhoods in "
            "Deir Ezzor city. A source in the province told SANA reporter that "
            "ISILs terrorists fired 6 rocket shells on al-Qosour and al-Joura "
            "neighborhoods in Deir Ezzor city claiming the lives of a man and a "
            "woman.",
            ["Islamic State"],
        ),
        # ... not its spokesman or its media
        (
            "Al-Nusra Spokesman Son 20 Terrorists Killed in Idleb Strikes. A Nusra "
            "Front spokesman said air strikes killed 20 militants in Idlib on "
            "Sunday.",
            [None],
        ),
        (
            "ISIS media published photos of the shelling that killed 12 people in "
            "Deir Ezzor on Monday.",
            [None],
        ),
        # who managed or tried to do it did it
        (
            "Syrian Army Kills 40 al-Nusra Front Members in Damascus Ambush. Syrian "
            "army managed to claim on Monday most of al-Nusra Front group members "
            "during an ambush while trying to sneak to the East Ghota in Damascus "
            "countryside.",
            ["Syrian government forces"],
        ),
        # "the army" is the army named before it
        (
            "Syrian Army Kills 48 ISIL Terrorists in Deir Ezzor. In Daraa "
            "al-Balad the military source said that the army carried out intensive "
            "strikes against gatherings of al-Nusra terrorists in al-Karak "
            "neighborhood killing 8 terrorists.",
            ["Syrian government forces", "Syrian government forces"],
        ),
        # who suffered a blow in strikes did not strike
        (
            "On Tuesday at least six Takfiri militants were killed in attacks in "
            "the provinces of Hama and Idlib. Jaish "
            "al-Fateh terrorists suffered another blow in similar strikes on their "
            "hideouts in the province of Idlib.",
            [None],
        ),
        # jets thought to be someone's are theirs
        (
            "Fighter jets also believed to be Russian struck the town of Urum al "
            "Kubra in the western Aleppo countryside where five civilians were "
            "killed.",
            ["Russia"],
        ),
        # a group's militants act for it, with or without its "group"
        (
            "Militants of the so-called Jaysh al-Islam terrorist group fired "
            "rocket shells on Thursday at residential neighborhoods in Damascus "
            "killing three civilians.",
            ["Jaysh al-Islam"],
        ),
        # a bomber from a group acts for it
        (
            "A suicide bomber from the Nusra Front terrorist group blew himself up "
            "at an army outpost in Aleppo Monday killing at least 25 Syrian Army "
            "soldiers.",
            ["al-Nusra Front"],
        ),
        # a group named past other words before its "group"
        (
            "A Syrian rebel Islamist group has launched a rocket attack on "
            "residential areas of Damascus leaving at least three killed.",
            ["Syrian opposition groups"],
        ),
        # its members who died in a blast did not set it off
        (
            "Twenty-five members of Al-Nusra Front including a leader of the "
            "jihadist group died in an explosion inside a mosque in the city of "
            "Ariha in Idlib province.",
            [None],
        ),
        # of doers named together, the first
        (
            "Twenty-three civilians were killed in al-Mayadin on Thursday. The "
            "monitor did not know whether Syrian regime or Russian warplanes "
            "carried out the strikes.",
            ["Syrian government forces"],
        ),
        # an act a neighbour tells in more words is still done by whom the
        # anchor's own words say
        (
            "The Syrian government, its ally Russia and a US-led coalition have "
            "all carried out air strikes against IS in Raqa. The Observatory said "
            "there were fresh air strikes against the city on Wednesday, one of "
            "which hit the town hall. The coalition said it had carried out two "
            "strikes near Raqa on Monday hitting a bridge used by the jihadists.",
            ["Syrian government forces", "US-led coalition"],
        ),
        # who made the weapons did not use them
        (
            "A chemical attack killed 72 people in Khan Sheikhun on Tuesday. "
            "Russia insisted that the chemicals were dispersed when Syrian "
            "warplanes bombed a facility where rebels were building chemical "
            "weapons.",
            [None],
        ),
        # who did what the act led up to did not do the act, unless that is
        # an attack too
        (
            "The Damascus suburb of Daraya was evacuated by rebels on Friday "
            "after relentless bombing.",
            [None],
        ),
        (
            "Regime forces seized Baba Amr in Homs on Friday after 27 days of "
            "heavy shelling.",
            ["Syrian government forces"],
        ),
        # who hit what the act's "of" names did not do the act
        (
            "Ten civilians were killed in Aleppo on Wednesday in shelling on "
            "residential neighborhoods. Army units then targeted the sources of "
            "the shelling and destroyed a number of mortar launchers.",
            [None],
        ),
        # who backs the doer is not the doer, though the parser may say so
        (
            "In the Qalamoun region west of the capital Damascus government "
            "forces backed by the Lebanese terrorist group Hezbollah seized areas "
            "outside Zabadani the last rebel-controlled town in the area.",
            ["Syrian government forces"],
        ),
        (
            "Syrian troops withdrew as fighters backed by Hezbollah seized the "
            "town of Qusayr on Monday.",
            ["Hezbollah"],
        ),
        # a pronoun stands for the doer of the clause that tells of it, else
        # for the last actor named
        (
            "The US-led coalition which launched an air war against IS in Syria "
            "last September said it had carried out air strikes against Raqqa on "
            "Monday.",
            ["US-led coalition"],
        ),
        (
            "Islamic State which has fought the Syrian army and Kurdish militias "
            "has made rapid gains in Syria since it seized the town of Mayadin on "
            "Monday.",
            ["Islamic State"],
        ),
        (
            "Syrian government forces on Monday repelled a renewed opposition "
            "assault southwest of Aleppo forcing opposition forces to retreat "
            "from positions they seized a day earlier.",
            ["Syrian opposition groups"],
        ),
        # a headline the parse cannot read: who did it where the toll is told
        # again
        (
            "21-03-2016 Syrian Army Kills 30 ISIL Terrorists in Aleppo Northern "
            "Countryside. The Syrian army units continued on Monday their military "
            "operations against ISIL across the country destroying their "
            "weaponry. Aleppo The Syrian Army repelled a fierce attack on its posts "
            "in Kfar Saghir village in Aleppo northern countryside killing more "
            "than 30 terrorists according to Al-Manar reporter.",
            ["Syrian government forces"],
        ),
    ],
)
def test_who_did_the_act(nlp, text, perpetrators):
    events = extract(text, published=PUBLISHED, nlp=nlp).events
    assert [e.perpetrator for e in events] == perpetrators


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        # who fired rockets elsewhere did not fire these
        (
            "Rockets killed seven people in Aleppo on Tuesday. In Deir Ezzor, ISIS "
            "fired rockets at the city's neighbourhoods on Tuesday, killing two.",
            None,
        ),
        (
            "Rockets killed seven people in Aleppo on Tuesday. Residents fled the "
            "area. Shops stayed shut. Rebels have fired rockets at the western "
            "districts all week.",
            "Syrian opposition groups",
        ),
    ],
)
def test_who_did_such_acts_in_the_same_governorate_did_this_one(nlp, text, perpetrator):
    event = extract(text, published=PUBLISHED, nlp=nlp).events[0]
    assert event.perpetrator == perpetrator


# The same article twice: once saying no one claimed the bombing, which
# leaves its doer unknown though a group owned a similar bombing before.
SIMILAR_BOMBING = (
    "A car bomb killed 20 people in Homs on Wednesday.{} Al-Nusra Front said it "
    "was behind a similar car bombing in the city in May."
)


@pytest.mark.parametrize(
    ("claim", "perpetrator"),
    [
        ("", "al-Nusra Front"),
        (" There was no immediate claim of responsibility for the attack.", None),
        (" No group has claimed responsibility for the bombing.", None),
        (" No one immediately claimed responsibility.", None),
    ],
)
def test_a_bombing_no_one_claimed_takes_no_doer_from_another(nlp, claim, perpetrator):
    text = SIMILAR_BOMBING.format(claim)
    event = extract(text, published=PUBLISHED, nlp=nlp).events[0]
    assert (event.killed_best, event.perpetrator) == (20, perpetrator)


def test_the_lead_starts_after_a_dateline(nlp):
    # The article's weapon is named in the lead's second sentence; the toll's
    # sentence says only "the attack".
    text = (
        "16 July 2015 Eleven die in al-Bab. Regime helicopters dropped barrel bombs "
        "on the town of al-Bab on Thursday. The town is held by the Islamic State "
        "group. Residents said the attack killed 11 civilians."
    )
    # "Eleven die" and "killed 11 civilians" are one toll told twice
    [event] = extract(text, published=PUBLISHED, nlp=nlp).events
    told = "Residents said the attack killed 11 civilians."
    assert told in [evidence.text for evidence in event.evidence]
    assert (event.sub_event_type, event.perpetrator) == (
        "Air/drone strike",
        "Syrian government forces",
    )


def test_a_headline_and_its_lead_tell_one_incident(nlp):
    text = (
        "US-led strike kills 18 civilians in Syrias Raqa Monitor AFP Tuesday 3 Oct "
        "2017 A US-led coalition air strike killed at least 18 civilians on Tuesday "
        "in Raqqa the Syrian Observatory for Human Rights said."
    )
    event = only_event(nlp, text)
    assert (event.sub_event_type, event.perpetrator, event.killed_best) == (
        "Air/drone strike",
        "US-led coalition",
        18,
    )
    assert event.summary.endswith("the Syrian Observatory for Human Rights said.")
    assert len(event.claims) == 2  # the headline's and the lead's


TITLE = "Three killed in terrorist attacks in Aleppo"


@pytest.mark.parametrize(
    ("body", "title", "victims"),
    [
        # the story names only civilians dead: the headline's three are too,
        # and the figure says it was inferred
        (
            "Earlier two persons including a child were killed in rocket attacks on "
            "al-Hamadaniyeh. A woman was killed in al-Midan.",
            TITLE,
            ("civilians", True),
        ),
        # soldiers and civilians, or nobody named: who the three were is unknown
        (
            "Two soldiers were killed on a checkpoint. A woman was killed in al-Midan.",
            TITLE,
            ("unknown", False),
        ),
        ("Shells fell on al-Midan on Sunday.", TITLE, ("unknown", False)),
        # without the title the opening words are no headline
        (
            "Earlier two persons including a child were killed in rocket attacks on "
            "al-Hamadaniyeh. A woman was killed in al-Midan.",
            None,
            ("unknown", False),
        ),
    ],
)
def test_a_headlines_bare_count_is_of_the_dead_the_story_names(
    nlp, body, title, victims
):
    text = f"30 October 2016 {TITLE}. {body}"
    result = extract(text, title=title, published=PUBLISHED, nlp=nlp)
    [headline] = [f for f in result.casualties if f.text == "Three killed"]
    assert (headline.victims, headline.victims_inferred) == victims


def test_a_news_agency_dateline_parts_the_headline_from_its_lead(nlp):
    text = (
        "Three killed in Idlib\n\nBEIRUT, February 2, 2016 (Reuters) - "
        "Government shelling killed 3 people in Idlib on Monday, activists said."
    )
    result = extract(text, nlp=nlp)
    (event,) = result.events
    assert result.published == date(2016, 2, 2)
    assert (event.sub_event_type, event.killed_best, event.date) == (
        "Shelling/artillery/missile attack",
        3,
        date(2016, 2, 1),
    )


def test_others_told_beside_the_dead_are_not_other_incidents(nlp):
    text = (
        "Sat Nov 12 2016 2 Killed 10 Injured in Shelling in Aleppo. Two people have "
        "been killed and 10 other people have been injured in a shelling of the "
        "Sulaymaniyah neighborhood of Aleppo on Saturday."
    )
    event = only_event(nlp, text)
    assert (event.killed_best, event.injured) == (2, 10)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "One woman was killed in an air strike on Saturday on the town of Khan "
            "Sheikhun, a monitor said. The death was the first in the town since a "
            "suspected chemical weapons attack on Tuesday that killed 87 civilians.",
            date(2017, 4, 8),
            [(date(2017, 4, 4), 87), (date(2017, 4, 8), 1)],
        ),
        # told on Thursday, so not Friday's dead
        (
            "Activists said that at least 10 civilians were killed in airstrikes by "
            "Russian forces on Idlib city on Friday morning. The civil administration "
            "of Idlib on Thursday announced the mobilization of medical services "
            "after airstrikes by Russian jets that left at least 38 civilians killed.",
            date(2016, 7, 22),
            [(date(2016, 7, 21), 38), (date(2016, 7, 22), 10)],
        ),
        # a month that holds neither day of the other toll
        (
            "The last attack on Sayyida Zeinab on April 25 killed at least seven "
            "and wounded dozens. A string of Daesh bombings near the shrine in "
            "February left 134 people dead most of them civilians according to "
            "the Observatory.",
            date(2016, 6, 11),
            [(date(2016, 2, 1), 134), (date(2016, 4, 25), 7)],
        ),
    ],
)
def test_a_toll_of_another_day_is_another_incident(nlp, text, published, expected):
    events = extract(text, published=published, nlp=nlp).events
    assert sorted((e.date, e.killed_best) for e in events) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what happened "hours after" or "a day after" another incident
        # takes no type, place, doer or date from that one
        (
            "At least 19 people were killed in Douma on Friday just hours after "
            "a suspected chemical attack left dozens dead in Khan Sheikhun.",
            [
                ("Attack", 19, None, "Douma", date(2017, 5, 26)),
                ("Chemical weapon", 24, None, "Khan Shaykhun", PUBLISHED),
            ],
        ),
        (
            "Thirty civilians were killed on Saturday in intensive Syrian air "
            "strikes on Jayrud a day after the reported execution of a Syrian "
            "air force pilot.",
            [
                (
                    "Air/drone strike",
                    30,
                    "Syrian government forces",
                    "Jayrud",
                    date(2017, 5, 27),
                )
            ],
        ),
        (
            "Rebel forces hit a school in west Aleppo on Thursday, just a day "
            "after dozens of children were killed in airstrikes on a school in "
            "Idlib.",
            [("Air/drone strike", 24, None, "Idlib", PUBLISHED)],
        ),
    ],
)
def test_an_incident_told_a_day_apart_is_another(nlp, text, expected):
    # the day the sentence names is its own incident's; the other's dead
    # are dated by the publication only
    events = extract(text, published=PUBLISHED, nlp=nlp).events
    assert [
        (e.sub_event_type, e.killed_best, e.perpetrator, e.place.name, e.date)
        for e in events
    ] == expected


def test_a_toll_at_the_very_start_takes_no_day_told_apart(nlp):
    # the toll starts at character 0, which is still where it is told
    text = (
        "80 people were killed in Homs a day after rebels shelled the town on Monday."
    )
    [event] = extract(text, published=PUBLISHED, nlp=nlp).events
    assert (event.killed_best, event.date) == (80, PUBLISHED)


@pytest.mark.parametrize(
    "text",
    [
        "80 people were killed in Homs a day after rebels shelled the town on Monday.",
        "At least 80 people were killed in Homs on Tuesday, a day after rebels "
        "shelled the town.",
    ],
)
def test_the_doer_of_an_act_told_apart_is_not_the_perpetrator(nlp, text):
    # the rebels' shelling is another incident, a day before the killing
    [event] = extract(text, published=PUBLISHED, nlp=nlp).events
    assert (event.killed_best, event.perpetrator) == (80, None)


def test_the_day_a_toll_was_told_sets_no_incident_apart(nlp):
    # the statement came out on Saturday; the killing was on Friday night
    text = (
        "Regime forces killed 48 people in Hardatnin village in Aleppo according to "
        "a statement released Saturday by the Syrian Revolution General Commission. "
        "Regime forces killed 48 civilians by shooting the victims before "
        "withdrawing from the village Friday night."
    )
    event = only_event(nlp, text)
    assert (event.date, event.killed_best) == (date(2017, 5, 26), 48)


def test_the_side_that_lost_fighters_is_the_target(nlp):
    text = "The YPG lost three fighters in clashes in Kobani on Sunday."
    event = only_event(nlp, text)
    assert event.perpetrator is None
    assert [(a.name, a.role) for a in event.actors] == [("YPG", "target")]
    assert event.killed_best == 3


def test_every_field_has_its_evidence(nlp):
    text = "A car bomb exploded in Azaz on Monday, killing 12 civilians."
    event = only_event(nlp, text)
    spans = {
        name: [s.text for s in found] for name, found in event.field_evidence.items()
    }
    assert spans == {
        "event_type": [text],
        "place": ["Azaz"],
        "date": ["Monday"],
        "casualties": ["killing 12 civilians"],
    }
    assert [s.text for s in event.evidence] == [text]


@pytest.mark.parametrize(
    "text",
    [
        # Plans and threats are not events.
        "The SDF said it will launch an assault on Raqqa soon.",
        # Cumulative totals are figures, never point events.
        "More than 470,000 people have been killed since 2011.",
        "Between April 23 and May 23 the coalition killed a total of 225 civilians.",
        # Negations.
        "The RAF has not caused any civilian casualties in Mosul.",
        # Attacks that did not happen.
        "Russian and Syrian air forces halted airstrikes in Aleppo on Tuesday.",
        "The ministry made no mention of any strikes in Idlib.",
        "Neither Russian nor Syrian jets bombed Afrin on Tuesday.",
        "The regime denied the use of chemical weapons in Douma last week.",
        # Nor is a weapon held, made or watched.
        "Chemical weapons inspectors arrived in Douma on Saturday.",
        "The Organization for the Prohibition of Chemical Weapons met in Damascus "
        "on Saturday.",
        "The army destroyed a car bomb in Homs on Monday.",
        # What happens again and again.
        "Rebels in Eastern Ghouta have regularly launched rockets into Damascus.",
        # What was kept up for a span of time: a campaign, not one incident.
        "Most of the city except the battered district of Waar has returned to "
        "regime control after two years of bombardment and siege.",
        # Off-topic passages.
        "Tesla hit with $2bn lawsuit over Autopilot crash.",
        "KXIP vs KKR Live Score: Punjab need 40 runs from 18 balls.",
        # A photo's caption shows the story; it is no incident of its own.
        "People inspect a site hit by air strikes in Idlib province June 12 2016. "
        "(TRT World and Agencies)",
        "A man runs at a site that was hit by air strikes in Aleppo (Reuters Photo)",
        # Force strength, vehicles, distances.
        "Some 3,000 to 4,000 ISIS fighters are holed up in Raqqa.",
        "At least 40 vehicles belonging to ISIS tried to reach the convoy.",
    ],
)
def test_traps_make_no_event(nlp, text):
    assert events(nlp, text) == []


def test_a_news_sentence_before_a_photo_credit_is_still_an_event(nlp):
    # a credit closes a caption told in the present, not a report's past
    text = "Russian jets bombed Idlib on Monday. (TRT World and Agencies)"
    assert len(events(nlp, text)) == 1


def test_neighbouring_sentences_about_different_places_are_two_events(nlp):
    text = (
        "Coalition forces in the al-Omar oilfield struck ISIS areas in the eastern "
        "Deir ez-Zor countryside with surface-to-surface missiles. "
        "Since last Wednesday, the Coalition has escalated its raids on the town "
        "of al-Baghuz al-Fawqani, in the Albu Kamal countryside in Deir ez-Zor "
        "province."
    )
    assert [(sub, place) for _, sub, place, _, _ in events(nlp, text)] == [
        # Placed where the missiles hit, not where they were fired from.
        ("Shelling/artillery/missile attack", "Deir ez-Zor"),
        ("Air/drone strike", "al-Baghuz al-Fawqani"),
    ]


@pytest.mark.parametrize(
    ("text", "place", "killed"),
    [
        # the headline's province and the lead's town, one toll, at the town
        (
            "Syria army kills 32 rebels in Daraa province ambush. Syrian troops "
            "killed 32 rebels in an ambush near the town of Nawa on Sunday, the "
            "Observatory said.",
            "Nawa",
            32,
        ),
        # the countryside of Damascus is the city's: "near Damascus"
        (
            "Twin suicide blasts near Damascus claim 4 martyrs. Twin suicide blasts "
            "targeted a checkpoint in Sayyida Zaynab on Monday claiming 4 martyrs "
            "and 13 injured.",
            "Sayyida Zaynab",
            4,
        ),
        # a city named like its province may be the province again
        (
            "Air strikes kill 25 in Syria's Idlib province. Air strikes killed 25 "
            "people in Idlib on Monday, the Observatory said.",
            "Idlib Governorate",
            25,
        ),
    ],
)
def test_a_town_and_its_governorate_may_tell_one_incident(nlp, text, place, killed):
    event = only_event(nlp, text)
    assert (event.place.name, event.killed_best) == (place, killed)


def test_a_city_named_like_its_governorate_in_the_lead_may_stand_for_it(nlp):
    # "Syria's Aleppo" in the lead may be the province: Sheikh Maqsoud's six
    text = (
        "Rebel shells kill 6 in Syria's Aleppo. The Observatory reported the toll "
        "on Monday. Six civilians were killed in Sheikh Maqsoud on Monday."
    )
    assert only_event(nlp, text).killed_best == 6
    # in the body "Aleppo" is the city, and Al Hadir's two are other dead
    text = (
        "Clashes went on across the north. The army sent reinforcements. Two "
        "civilians were killed in shelling on Aleppo on Monday. Two civilians were "
        "killed in Al Hadir."
    )
    assert [place for _, _, place, _, _ in events(nlp, text)] == ["Aleppo", "Al Hadir"]


def test_a_province_toll_and_a_towns_other_toll_are_two_events(nlp):
    text = (
        "Air strikes killed 42 people in Idlib province on Sunday, the Observatory "
        "said. The raids on Saraqeb killed 19 people including children."
    )
    assert [(place, killed) for _, _, place, _, killed in events(nlp, text)] == [
        ("Idlib Governorate", 42),
        ("Saraqeb", 19),
    ]


# The same toll told again in the next sentence; only the second names the attacker.
TOLD_AGAIN = (
    "At least 29 Syrian rebels were killed during a counter-offensive near Aleppo. "
    "At least 29 Syrian rebels were killed in clashes with regime troops overnight."
)


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # A headline that names only the country tells the lead's raid.
        (
            "Air raid kills 21 at Syria market Monitor AFP Thursday 24 Apr 2014 An air "
            "strike on a market on Thursday killed at least 21 people in a village of "
            "the north Syrian province of Aleppo a monitoring group said.",
            [21, 21],
        ),
        # The same toll told again in the next sentence is one incident.
        (
            TOLD_AGAIN,
            [29, 29],
        ),
        # ... and so is its count told again nearby, by the same source.
        (
            "A drone strike on Monday killed at least eight members of the "
            "Hezbollah militia in Syria, a monitor said. A drone hit a Hezbollah "
            "position near the town of Sukhna killing eight fighters, the monitor "
            "said.",
            [8, 8],
        ),
        (
            "At least 20 people were killed in barrel bomb attacks on Aleppo on "
            'Saturday. Rescuers searched the rubble. "Twenty people were killed and '
            '30 others injured in the attack" he said.',
            [20, 20, 30],
        ),
    ],
)
def test_a_toll_told_twice_is_one_event(nlp, text, claims):
    event = only_event(nlp, text)
    assert [c.low for c in event.claims] == claims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline's toll told again far down, with a village of its own
        (
            "Syrian Army Kills over 60 ISIL Terrorists in Deir Ezzor. The Syrian "
            "army clashed fiercely with ISIL terrorists near the Deir Ezzor "
            "military airport on Monday. The army destroyed their positions and "
            "vehicles. Residents said the city was calm by evening. The Syrian army "
            "also killed over 60 ISIL terrorists in al-Jafra and in other areas of "
            "Deir Ezzor.",
            [("Armed clash", "Deir ez-Zor", "Syrian government forces", 60)],
        ),
        # (the wounded "others" beside the dead are no other dead)
        (
            "Syrian Army Kills 10 Terrorists in Qalamoun. The Syrian army foiled "
            "an attack on one of its posts in Assal al-Ward in Qalamoun, killing 10 "
            "terrorists and injuring 20 others.",
            [("Armed clash", "Qalamoun", "Syrian government forces", 10)],
        ),
        # ... but not as many killed in another governorate, or by others
        (
            "Air strikes killed 25 civilians in Aleppo on Monday, a monitor said. "
            "Rescuers searched the rubble. Shops stayed shut. Schools closed. Air "
            "strikes killed 25 civilians in Idlib on Monday, activists said.",
            [
                ("Air/drone strike", "Aleppo", None, 25),
                ("Air/drone strike", "Idlib", None, 25),
            ],
        ),
        # ... nor as many killed by another kind of act
        (
            "Syrian Army Kills over 60 ISIL Terrorists in Deir Ezzor. The Syrian "
            "army clashed fiercely with ISIL terrorists near the Deir Ezzor "
            "military airport on Monday. The army destroyed their positions and "
            "vehicles. Residents said the city was calm by evening. Syrian "
            "warplanes also killed over 60 ISIL terrorists in air strikes on "
            "al-Jafra and other areas of Deir Ezzor.",
            [
                ("Armed clash", "Deir ez-Zor", "Syrian government forces", 60),
                ("Air/drone strike", "Deir ez-Zor", "Syrian government forces", 60),
            ],
        ),
        (
            "Rebels Kill 60 Soldiers in Deir Ezzor. The rebels clashed fiercely "
            "with the army near the Deir Ezzor military airport on Monday. The "
            "army lost several positions and vehicles. Residents said the city was "
            "calm by evening. ISIL also killed over 60 soldiers in al-Jafra and in "
            "other areas of Deir Ezzor.",
            [
                ("Armed clash", "Deir ez-Zor", "Syrian opposition groups", 60),
                ("Armed clash", "Deir ez-Zor", "Islamic State", 60),
            ],
        ),
    ],
)
def test_an_event_told_again_far_off_in_all_alike_is_one_event(nlp, text, expected):
    assert [(e[1], e[2], e[3], e[4]) for e in events(nlp, text)] == expected


@pytest.mark.parametrize(
    ("place", "events_wanted"),
    [("Hama", 1), ("Daraa", 2)],  # the same toll of another place is another's
)
def test_a_toll_told_again_further_down_is_the_same_toll(nlp, place, events_wanted):
    text = (
        "At least 25 civilians have been killed in regime airstrikes on Hama on "
        "Thursday. Rebels launched an offensive last week. They took several "
        "villages. The army sent reinforcements. At least 25 civilians have been "
        f"killed by government airstrikes in {place}, the Observatory said."
    )
    assert len(events(nlp, text)) == events_wanted


def test_a_toll_told_again_without_saying_who_died_is_the_same_toll(nlp):
    text = (
        "An airstrike by Russian warplanes on Saturday killed 18 civilians in "
        "Ariha, the Observatory said. Rebels launched an offensive last week. They "
        "took several villages. The army sent reinforcements. The names of all 18 "
        "killed were listed by Ariha Today."
    )
    assert len(events(nlp, text)) == 1


FILLER = (
    "Rebels launched an offensive last week. They took several villages. The army "
    "sent reinforcements. "
)


def test_a_count_told_loosely_again_further_down_is_the_same_toll(nlp):
    text = (
        "A warplane crashed in Ariha on Monday leaving at least 27 people dead, a "
        f"monitoring group said. {FILLER}The Local Coordination Committees said 27 "
        "people were killed."
    )
    event = only_event(nlp, text)
    assert [c.low for c in event.claims] == [27, 27]


def test_the_wounded_told_with_a_toll_told_again_join_its_event(nlp):
    text = (
        "A missile fired by government forces killed at least 18 civilians in "
        f"Aleppo on Tuesday, the Observatory said. {FILLER}It killed 18 civilians "
        "and wounded dozens of others, the Observatory said."
    )
    event = only_event(nlp, text)
    assert (event.killed_best, event.injured) == (18, 24)


@pytest.mark.parametrize(
    ("text", "told_apart"),
    [
        # a few dead: another incident may number as many
        (
            "Rebel shelling killed two people in Damascus on Sunday, SANA said. "
            f"{FILLER}Three suicide bombers killed at least two people near a "
            "police station in Damascus.",
            "killed at least two people",
        ),
        # two incidents number as many: the count tells neither again
        (
            "Airstrikes killed at least 10 people in Raqqa on Monday, activists "
            "said. Another airstrike hit a village in Idlib on Tuesday killing at "
            f"least 10 people. {FILLER}An activist said 10 people were killed.",
            "10 people were killed",
        ),
    ],
)
def test_a_count_far_off_that_may_be_others_is_not_the_same_toll(nlp, text, told_apart):
    last = extract(text, published=PUBLISHED, nlp=nlp).events[-1]
    assert [c.text for c in last.claims] == [told_apart]


RIVAL_FAR_DOWN = (
    "Air strikes killed 22 people in the town of Haas in Idlib on Wednesday, the "
    "Civil Defence said. The team said at least 50 people were wounded. {between}"
    "Parents said they feared for their children. The Idlib News network, which "
    "gave a lower toll of 17 people killed, said the strikes hit as the children "
    "gathered."
)


@pytest.mark.parametrize(
    ("between", "killed"),
    [
        # a rival toll far down that tells of "the strikes": the last attack
        # told, with no other attack told since
        ("Schools in the province have been closed for weeks. ", [(17, 22)]),
        # ... but another attack told between may be the one it tells of
        (
            "Warplanes also bombed the town of Saraqeb. ",
            [(22, 22), (None, None), (17, 17)],
        ),
    ],
)
def test_a_rival_toll_far_down_of_the_attack_told_last_is_its_claim(
    nlp, between, killed
):
    text = RIVAL_FAR_DOWN.format(between=between)
    assert best_and_high(nlp, text) == killed


RIVAL_NEXT = (
    "A bomb blast hit a bus convoy waiting to cross into Aleppo on Saturday, killing "
    "and wounding dozens of people evacuated from two villages. The deal had "
    "stalled, leaving thousands of people stranded at two transit points. "
    "Pro-Damascus media outlets said a suicide attacker detonated a car bomb and "
    "{killed}. The Syrian Observatory for Human Rights {said}."
)


@pytest.mark.parametrize(
    ("killed", "said", "bounds"),
    [
        # another source's toll in the next sentence is a rival claim of the
        # dead the sentence before gave, far as the lead is
        (
            "killed at least 22 people",
            "said the death toll was at least 24",
            [(22, 24)],
        ),
        # ... not the source's own count said again
        (
            "killed at least 22 people",
            "also reported eight civilians were killed",
            [(22, 22), (8, 8)],
        ),
    ],
)
def test_a_rival_toll_in_the_next_sentence_is_a_claim_of_the_same_dead(
    nlp, killed, said, bounds
):
    text = RIVAL_NEXT.format(killed=killed, said=said)
    assert best_and_high(nlp, text) == bounds


PARTS = (
    "Rocket attacks killed ten civilians in {where} on Tuesday, SANA said. A "
    "source said rocket shells killed six civilians, police said. {then} a "
    "source said."
)


@pytest.mark.parametrize(
    ("where", "then", "bounds"),
    [
        # the lead's total told in parts: six and four are ten, so the six is
        # no rival claim of the ten
        ("Aleppo", "Four civilians were killed in rocket attacks,", [(10, 10), (4, 4)]),
        # ... not parts on another day, nor in another place
        (
            "Aleppo",
            "On Monday four civilians were killed in rocket attacks,",
            [(6, 10), (4, 4)],
        ),
        (
            "Aleppo",
            "Four civilians were killed in rocket attacks on Deir Ezzor,",
            [(6, 10), (4, 4)],
        ),
        # ... nor a total told of places apart: the six may be all Aleppo's
        (
            "Aleppo and Deir Ezzor",
            "Four civilians were killed in rocket attacks,",
            [(6, 10), (4, 4)],
        ),
    ],
)
def test_a_total_told_in_parts_counts_the_total(nlp, where, then, bounds):
    text = PARTS.format(where=where, then=then)
    assert best_and_high(nlp, text) == bounds


def test_a_total_told_below_the_lead_is_not_summed(nlp):
    # far down, more tolls of the day may follow that are no parts of it
    text = FILLER + PARTS.format(
        where="Aleppo", then="Four civilians were killed in rocket attacks,"
    )
    assert best_and_high(nlp, text) == [(6, 10), (4, 4)]


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        (
            "Air raids on rebel-held districts of Aleppo killed 18 civilians on "
            "Saturday, a monitor said. Eleven civilians including four children were "
            "killed by air raids after midnight in the Bab al-Nasr area and seven "
            "others including a baby were killed in Fardous neighbourhood, the "
            "Observatory said.",
            [(18, 18), (7, 7)],
        ),
        # a part the source gave "earlier"
        (
            "Ten civilians were killed and 16 others were injured as terrorist "
            "groups targeted Salah Eddin neighborhood in Aleppo city with rocket "
            "attacks on Wednesday. A source at Aleppo Police Command said that "
            "terrorist groups targeted Salah Eddin neighborhood with rocket shells "
            "claiming the lives of three civilians. Earlier on Wednesday a source "
            "said that seven civilians were killed due to a terrorist rocket attack "
            "on the same neighborhood.",
            [(10, 10)],
        ),
        # rival claims of the shelling, and two killed in a bombing since: the
        # two twos add up to the four by chance
        (
            "Shelling on the central district of Old Damascus killed four civilians "
            "and wounded seven others, the Observatory said. State news agency SANA "
            "said artillery fire killed two people and wounded nine others in the "
            "Bab Sharqi area. The Observatory said shelling hit several areas of the "
            "capital. On Wednesday three suicide bombers killed at least two people "
            "near the main police headquarters in Damascus.",
            [(2, 4), (2, 2)],
        ),
    ],
)
def test_parts_told_by_the_sources(nlp, text, bounds):
    assert best_and_high(nlp, text) == bounds


def test_a_breakdown_goes_with_the_toll_told_just_before_it(nlp):
    text = (
        "Airstrikes killed at least 22 people in Idlib on Monday. Clashes in Aleppo "
        f"killed at least 49 people on Monday. {FILLER}22 people were killed during "
        f"the airstrikes. {FILLER}The clashes in Aleppo resulted in at least 49 "
        "civilian deaths on Monday. Five children were among the dead."
    )
    idlib, aleppo = extract(text, published=PUBLISHED, nlp=nlp).events
    assert [c.low for c in idlib.claims] == [22, 22]
    assert [c.low for c in aleppo.claims] == [49, 49, 5]


@pytest.mark.parametrize(
    ("after", "place"),
    [
        # the sentence after tells more of the same attack: it says where
        ("The air strikes hit the town of Atareb in Aleppo province.", "Al Atarib"),
        # ... not when it tells of other attacks, or of another day
        ("Government forces are also stepping up air strikes near Damascus.", "Syria"),
        ("On Monday air strikes hit the town of Atareb in Aleppo province.", "Syria"),
    ],
)
def test_the_sentence_after_may_say_where_the_attack_was(nlp, after, place):
    text = (
        "Rebels launched an offensive last week. They took several villages. Air "
        "strikes on a market killed at least 29 civilians in a town in northern "
        f"Syria, a monitor said. {after}"
    )
    event = only_event(nlp, text)
    assert (event.place.name, event.killed_best) == (place, 29)


@pytest.mark.parametrize(
    ("before", "place"),
    [
        # the sentence before tells of a town in another country, by name
        (
            "In Iraq a statement said government forces repelled an ISIS attack on "
            "the town of Haditha in Anbar province.",
            "Hadithah",
        ),
        # ... not a town abroad told bare, nor a town abroad when the figure's
        # sentence tells of an attack of its own
        ("Government forces repelled an ISIS attack on the town of Haditha.", "Raqqa"),
    ],
)
def test_a_figure_told_of_an_attack_abroad_is_placed_there(nlp, before, place):
    text = (
        "U.S.-led coalition aircraft struck Raqqa. Raqqa is the de facto capital of "
        f"the group. {before} At least 20 militants were killed in the failed attack."
    )
    [event] = [
        e for e in extract(text, published=PUBLISHED, nlp=nlp).events if e.killed_best
    ]
    assert (event.place.name, event.killed_best) == (place, 20)


def test_an_attack_of_its_own_takes_no_town_abroad_from_the_sentence_before(nlp):
    text = (
        "U.S.-led coalition aircraft struck Raqqa. In Iraq the group is fighting "
        "for survival in the western part of Mosul. Human Rights Watch said "
        "government forces dropped nerve agents before an April 4 attack that "
        "killed 24 people."
    )
    [event] = [
        e for e in extract(text, published=PUBLISHED, nlp=nlp).events if e.killed_best
    ]
    assert (event.place.name, event.killed_best) == ("Raqqa", 24)  # the lead's town


WEDDING = (
    "A suicide bomber struck a wedding in Hasakeh killing 32 people. The bomber "
    "blew himself up late Monday in the village of Tall Tawil. Rows of seats were "
    "still covered in blood on Tuesday. A witness said he saw a man pass beside him. "
)


def test_wounded_told_far_on_with_no_story_of_their_own_are_the_last_incidents(nlp):
    text = WEDDING + "About 100 people were wounded according to the medical source."
    event = only_event(nlp, text)
    assert (event.killed_best, event.injured) == (32, 100)


def test_wounded_told_with_dead_of_their_own_go_with_those_dead(nlp):
    text = WEDDING + "About 100 people were wounded and three killed, a source said."
    events = extract(text, published=PUBLISHED, nlp=nlp).events
    assert [(e.killed_best, e.injured) for e in events] == [(32, None), (3, 100)]


def test_another_sources_toll_told_far_on_is_a_claim_on_the_last_incident(nlp):
    text = WEDDING + (
        "The Syrian Observatory for Human Rights gave a slightly lower toll of 31 "
        "people killed."
    )
    event = only_event(nlp, text)
    assert (event.killed_low, event.killed_high) == (31, 32)
    assert len(event.claims) == 2


def test_a_sources_count_far_on_without_a_toll_stands_apart(nlp):
    text = (
        WEDDING + "The Syrian Observatory for Human Rights said 85 troops were killed."
    )
    events = extract(text, published=PUBLISHED, nlp=nlp).events
    assert [e.killed_best for e in events] == [32, 85]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "At least 13 civilians died in suspected regime air strikes around Khan "
            "Sheikhun the site of a deadly April chemical attack.",
            "Air/drone strike",
        ),
        (
            "At least 13 civilians died in air strikes by the regime around Khan "
            "Sheikhoun the site of the regimes deadly chemical attack in April.",
            "Air/drone strike",
        ),
        # the scene of the attack being told is its own
        (
            "Twelve people were killed in Azaz on Monday and rescuers rushed to the "
            "scene of the blast.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_a_place_named_by_an_attack_there_once_lends_no_act(nlp, text, sub_event_type):
    assert only_event(nlp, text).sub_event_type == sub_event_type


def test_a_toll_told_again_lends_its_perpetrator(nlp):
    event = only_event(nlp, TOLD_AGAIN)
    assert event.perpetrator == "Syrian government forces"


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Air strikes killed 65 people in Aleppo on Monday, the Observatory said. "
            "Another 42 people were killed in strikes on eastern Aleppo, activists "
            "said.",
            [65, 42],
        ),
        # "also" of a deed: other dead; of a telling: the same dead told by another
        (
            "The Tuesday raids killed at least 27 people in Aleppo, the Observatory "
            "said. Four people were also killed and 14 wounded during rebel fire in "
            "government-held west Aleppo on Tuesday.",
            [27, 4],
        ),
        (
            "A car bomb killed at least six people in Azaz on Sunday, the Observatory "
            "said. State media also reported that four people had been killed.",
            [4],
        ),
        # another attack killed other people, however many
        (
            "An overnight airstrike struck a town held by ISIS in the east killing "
            "at least 10 people, activists said. Another airstrike hit a village in "
            "the northwest on Tuesday killing a woman and nine children.",
            [10, 10],
        ),
        # a bombing and an execution told side by side are two acts, whoever
        # told each
        (
            "A suicide bomber killed four people in a hospital on Sunday, a "
            "monitoring group said. The attack came as the Syrian Observatory for "
            "Human Rights reported that troops had executed 48 people in a "
            "northern village.",
            [4, 48],
        ),
        # ... but a telling that names the first act as well may be its rival
        (
            "Regime shelling killed 43 people in the town of Jayrud on Saturday, "
            "the Observatory said. Activists said 45 people were killed in the "
            "shelling and in executions in the town.",
            [43],
        ),
    ],
)
def test_another_toll_is_another_event_not_a_rival_claim(nlp, text, killed):
    assert [best for *_, best in events(nlp, text)] == killed


def test_a_toll_of_children_is_no_rival_to_the_toll_of_everyone(nlp):
    text = (
        "An air strike killed 13 people at a hospital in Millis on Sunday, MSF "
        "said. Five children were killed, a doctor said."
    )
    event = only_event(nlp, text)
    assert [c.low for c in event.claims] == [13, 5]  # both kept, side by side
    assert killed_bounds(event) == (13, 13, 13)


@pytest.mark.parametrize(
    ("text", "claims", "best"),
    [
        # a toll said to be an earlier one
        (
            "Air strikes killed 126 people in Aleppo on Monday. Rescuers searched "
            "the rubble. The city was quiet on Tuesday. The Observatory said it was "
            "updating a previous toll of 112 dead.",
            [(112, True), (126, False)],
            126,
        ),
        # the smaller tolls told before a toll said to have risen
        (
            "Terrorist groups fired rocket shells on al-Midan neighborhood in Aleppo "
            "city on Saturday leaving 12 civilians dead a source told SANA. State TV "
            "announced that the number of civilians who have been martyred by the "
            "shelling on Saturday has become around 40.",
            [(12, True), (40, False)],
            40,
        ),
    ],
)
def test_the_latest_toll_supersedes_an_earlier_one(nlp, text, claims, best):
    event = only_event(nlp, text)
    assert sorted((c.low, c.superseded) for c in event.claims) == claims
    assert killed_bounds(event) == (best, best, best)


@pytest.mark.parametrize(
    ("later", "events_wanted"),
    [
        # "the blast" tells more of the bombing already told
        ("Residents said the blast hit the market in Azaz.", 1),
        # "the second blast", or one with a day of its own, is another incident
        ("Residents said the second blast hit the market in Azaz.", 2),
        ("Residents said the blast on Sunday hit the market in Azaz.", 2),
    ],
)
def test_the_act_told_again_further_down_is_no_incident_of_its_own(
    nlp, later, events_wanted
):
    text = (
        "A car bomb exploded in Azaz on Monday, killing 12 civilians. Rescuers "
        "searched the rubble for hours. Shops were closed across the town. " + later
    )
    assert len(extract(text, published=PUBLISHED, nlp=nlp).events) == events_wanted


def test_a_toll_its_claimant_told_again_later_is_superseded(nlp):
    text = (
        "Islamic State killed 270 in Syrian gas field battle: monitor. Islamic "
        "State killed 270 soldiers guards and staff when they captured a Syrian "
        "gas field on Thursday in the bloodiest clash yet a monitoring group said "
        "on Saturday. The Syrian Observatory for Human Rights reported on Thursday "
        "that 90 people had been killed and that many were missing after the "
        "attack against the Shaar gas field east of Homs. But on Saturday the "
        "Observatory quoted trusted sources as saying that the Islamic State had "
        "killed and executed 270 people during the assault."
    )
    event = only_event(nlp, text)
    observatory = "Syrian Observatory for Human Rights"
    told = {(c.low, c.superseded) for c in event.claims if c.claimed_by == observatory}
    assert told == {(90, True), (270, False)}
    assert killed_bounds(event) == (270, 270, 270)
    # another claimant's earlier toll is a rival claim, not an update
    rival = text.replace(
        "The Syrian Observatory for Human Rights reported", "Activists reported"
    )
    event = only_event(nlp, rival)
    assert [c.low for c in event.claims if c.superseded] == []


@pytest.mark.parametrize(
    "text",
    [
        "Coalition airstrikes near Manbij killed at least 85 civilians on Tuesday. "
        "Dozens of civilians, mostly families, were killed.",
        "Dozens of civilians were killed near Manbij on Tuesday. Rescuers said "
        "coalition airstrikes had killed at least 85 civilians.",
    ],
)
def test_a_vague_count_beside_a_number_is_the_same_toll_told_loosely(nlp, text):
    event = only_event(nlp, text)
    assert sorted((c.low, c.vague) for c in event.claims) == [(24, True), (85, False)]
    assert killed_bounds(event) == (85, 85, 85)


def test_a_vague_count_alone_is_the_count(nlp):
    event = only_event(nlp, "Dozens of people were killed in Aleppo on Monday.")
    assert killed_bounds(event) == (24, 24, 24)


def test_a_sentence_whose_toll_joined_an_event_is_no_event_of_its_own(nlp):
    text = (
        "Turkish shelling killed at least 20 civilians in Jarabulus on Monday. "
        "Residents fled to the countryside. At least 20 civilians were killed by "
        "Turkish air strikes in Jarabulus, the Observatory said."
    )
    event = only_event(nlp, text)
    assert [c.low for c in event.claims] == [20, 20]


def test_each_sentence_is_evidence_once(nlp):
    text = "12 killed in Aleppo air strikes\n\nResidents fled the town."
    event = only_event(nlp, text)
    assert [s.start for s in event.evidence] == [0]


def test_a_keyword_list_names_no_perpetrator(nlp):
    text = (
        "Tags Syria Islamic State Aleppo At least 11 civilians were killed in "
        "airstrikes on al-Bab on Thursday."
    )
    event = only_event(nlp, text)
    assert (event.place.name, event.perpetrator) == ("al-Bab", None)
    assert event.summary.endswith(
        ": At least 11 civilians were killed in airstrikes on al-Bab on Thursday."
    )


@pytest.mark.parametrize(
    ("lead", "killed"),
    [
        # a teaser told again word for word in the lead, with the dead: one
        # event, not the teaser's without them
        (
            "Three suicide bombers blew themselves up near the police headquarters "
            "in Damascus on Wednesday killing at least one person, the ministry said.",
            [1],
        ),
        # ... a lead in other words tells it again, not word for word
        (
            "At least one person was killed when three suicide bombers struck near "
            "the police headquarters in Damascus on Wednesday, the ministry said.",
            [None, 1],
        ),
    ],
)
def test_a_teaser_the_lead_tells_again_in_full_is_not_an_event_of_its_own(
    nlp, lead, killed
):
    text = (
        "Three suicide bombers blew themselves up near the police headquarters in "
        f"Damascus on Wednesday. Tags Syria Damascus bombing police {lead}"
    )
    events = extract(text, published=PUBLISHED, nlp=nlp).events
    assert [e.killed_best for e in events] == killed


def test_an_act_told_in_a_word_or_two_again_is_not_the_same_telling(nlp):
    text = (
        "The main hospital in Aleppo suspended work on Saturday after it was hit by "
        f"airstrikes. {FILLER}Activists said that 67 people were killed in "
        "airstrikes on Aleppo on Sunday."
    )
    events = extract(text, published=PUBLISHED, nlp=nlp).events
    assert [e.killed_best for e in events] == [None, 67]
