"""cw_places: transliteration, disambiguation, precision, PERSON overrides."""

import pytest

from events.extraction.gazetteer import syrian_governorates


def places(nlp, text: str) -> list[tuple[str, str, str, str, str]]:
    """Return (text, name, country, admin1 code, precision) of each place."""
    return [
        (p.text, p.name, p.country, p.admin1_code, p.precision)
        for p in nlp(text)._.places
    ]


@pytest.mark.parametrize(
    "spelling",
    # "Deir ezzor": the rest of a name a prefix begins may be written small
    [
        "Deir al-Zor",
        "Deir ez-Zor",
        "Deir el-Zour",
        "Deir Ezzor",
        "Dayr az Zawr",
        "Deir ezzor",
    ],
)
def test_spellings_of_deir_ez_zor(nlp, spelling):
    found = places(nlp, f"Fighting went on in {spelling} on Monday.")
    assert [(p[1], p[2], p[3]) for p in found] == [("Deir ez-Zor", "SY", "07")]


@pytest.mark.parametrize(
    ("spelling", "name", "admin1"),
    [
        ("Mayadeen", "al-Mayadin", "07"),
        ("Al Mayadin", "al-Mayadin", "07"),
        ("Hassakeh", "Al-Hasakah", "01"),
        ("Al Hasakah", "Al-Hasakah", "01"),
        ("Palmyra", "Palmyra", "11"),
        ("Tadmur", "Palmyra", "11"),
        ("Albu Kamal", "Albu Kamal", "07"),
        ("Abu Kamal", "Albu Kamal", "07"),
        ("al-Baghuz al-Fawqani", "al-Baghuz al-Fawqani", "07"),
        # the supplement's villages, districts and fields GeoNames lacks
        ("al-Tukhar", "Tokhar", "09"),
        ("al-Rashideen", "Rashidin", "09"),
        ("the Shaer gas field", "Shaer gas field", "11"),
        ("Salma", "Salma", "02"),
        # Adra near Damascus, not Daraa (whose ancient name was Adraa)
        ("Adra", "Adra", "08"),
        ("Deraa", "Daraa", "06"),
    ],
)
def test_transliterations_resolve_to_one_place(nlp, spelling, name, admin1):
    found = places(nlp, f"Airstrikes hit {spelling} on Monday.")
    assert [(p[1], p[3]) for p in found] == [(name, admin1)]


def test_mansoura_in_the_raqqa_countryside_is_the_raqqa_one(nlp):
    text = (
        "Airstrikes hit the western countryside of Raqqa on Saturday. "
        "The strikes hit an ISIS prison in al-Mansoura town."
    )
    mansoura = [p for p in places(nlp, text) if p[0] == "al-Mansoura"]
    assert mansoura == [("al-Mansoura", "al-Mansoura", "SY", "04", "exact")]


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        # a name Homs and Aleppo share goes with the city the story is about
        (
            "Car bomb in Syrias Homs kills 10. Ten people were killed at a taxi "
            "stand in Zahraa a district inhabited by Alawites.",
            "al-Zahraa (Homs)",
            "11",
        ),
        (
            "Regime forces fended off an attack by rebel fighters on the Zahra "
            "neighbourhood of Aleppo.",
            "Jamiyat al-Zahra",
            "09",
        ),
        ("Rebels shelled Nubl and Zahraa north of Aleppo.", "Zahraa", "09"),
    ],
)
def test_a_shared_name_goes_with_the_city_in_focus(nlp, text, name, admin1):
    found = [p for p in places(nlp, text) if "Zahra" in p[1]]
    assert [(p[1], p[3]) for p in found] == [(name, admin1)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # spaCy labels both of these PERSON; the gazetteer overrides it.
        ("The strikes hit an ISIS prison in al-Mansoura town.", "al-Mansoura"),
        ("Nouri Mahmoud denied a deal to withdraw to Palmyra desert.", "Palmyra"),
    ],
)
def test_gazetteer_overrides_spacy_person_labels(nlp, text, place):
    doc = nlp(text)
    assert place in [p.text for p in doc._.places]
    assert [e.label_ for e in doc.ents if e.text == place] == ["GPE"]


def test_person_names_are_not_places(nlp):
    text = "Muhab Hussein, Raqqa-based activist, said the strikes killed two."
    assert "Muhab Hussein" not in [p.text for p in nlp(text)._.places]


def test_places_outside_syria_keep_their_country(nlp):
    assert places(nlp, "ISIS fighters fled Raqqa and Mosul, in Iraq.") == [
        ("Raqqa", "Raqqa", "SY", "04", "exact"),
        ("Mosul", "Mosul", "IQ", "15", "exact"),
        ("Iraq", "Iraq", "IQ", "", "country"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place abroad by another of its names, when that reads as a place
        (
            "Government forces repelled an ISIS attack on the town of Haditha in "
            "Anbar province.",
            [("Hadithah", "IQ")],
        ),
        # ... not a person's, a hospital's, a quarter's or prose
        ("PYD spokesman Nawaf Khalil said the claims were false.", []),
        (
            "Doctors at the Al-Quds hospital in Aleppo said four died.",
            [("Aleppo", "SY")],
        ),
        ("Rebels blew up a tunnel in the Old City.", []),
        ('"Can you show me even one fighter here?" he asked.', []),
    ],
)
def test_a_place_abroad_needs_a_name_that_reads_as_a_place(nlp, text, expected):
    assert [(p[1], p[2]) for p in places(nlp, text)] == expected


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        ("Fighting in Homs province went on.", "Homs Governorate", "governorate"),
        (
            "It happened in the Hassakeh province.",
            "Al-Hasakah Governorate",
            "governorate",
        ),
        (
            "Airstrikes hit the eastern Deir ez-Zor countryside.",
            "Deir ez-Zor",
            "district",
        ),
        ("The war in Syria goes on.", "Syria", "country"),
        ("Shelling hit Douma on Monday.", "Douma", "exact"),
    ],
)
def test_precision_follows_the_wording(nlp, text, name, precision):
    assert [(p[1], p[4]) for p in places(nlp, text)] == [(name, precision)]


@pytest.mark.parametrize(
    "text",
    [
        "The attack happened in March.",
        "The Syrian army advanced.",
        "Two people were killed.",
        # a television channel named like a town
        "Lebanese TV channel Al-Mayadin reported the attack.",
        # "also known as", which Acre is also called
        "Soldiers killed Amin Sameer al-Ruz Aka Abu Malik.",
    ],
)
def test_dates_numbers_and_demonyms_are_not_places(nlp, text):
    assert places(nlp, text) == []


def test_every_place_carries_coordinates_and_governorate(nlp):
    (place,) = nlp("Shelling hit Douma on Monday.")._.places
    assert (round(place.latitude, 1), round(place.longitude, 1)) == (33.6, 36.4)
    assert (place.admin1, place.admin1_code, place.country) == (
        "Rif Dimashq",
        "08",
        "SY",
    )
    assert place.geonameid is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name prefix alone is not a place ("Tall" of "Tall Tawil").
        ("A bomber blew himself up in Tall Tawil village.", []),
        # ... nor before an "al-" name: "Bab al-Nayrab" is a quarter, not al-Bab.
        ("A barrel bomb hit the Bab al-Nayrab neighbourhood of Aleppo.", ["Aleppo"]),
        # ... and an "al-" name after one ends that longer name: "Tariq al-Bab"
        # and "Jamiat al-Zahra" are quarters of Aleppo (the supplement has
        # the second).
        ("A market in the Tariq al-Bab district of Aleppo was hit.", ["Aleppo"]),
        ("Shells hit Jamiat al-Zahra in Aleppo.", ["Jamiyat al-Zahra", "Aleppo"]),
        ("An explosion hit Bab Tadmor in Homs.", ["Homs"]),
        ("Shells hit Khan Tuman in southern rural Aleppo.", ["Aleppo"]),
        # "-based" says where a group sits, not where anything happened.
        ("The Istanbul-based commission said 15 were killed in Idlib.", ["Idlib"]),
        # English words are not fuzzy place names ("Shrine" is not Sharan).
        ("Eight died near Sayyeda Zeinab Shrine.", ["Sayyida Zaynab"]),
        # Headline capitals: a region inside a mis-labelled name still counts.
        ("52 Dead as Groups Clash in Eastern Gouta Monitor AFP.", ["Eastern Ghouta"]),
        # Capitals standing for their governments.
        ("The United States accused Damascus of the attack.", []),
        ("Pro-Damascus media said ten were killed.", []),
        ("Damascus lost more than 40 troops in the counter-attack.", []),
        ("Damascus reported the attack to the Security Council.", []),
        ("Earlier on Saturday Damascus sent letters to the UN Secretary-General.", []),
        ("Ankara sent tanks and troops into northern Syria.", ["Syria"]),
        # a spelling found by its consonants must still look like the name;
        # a city's quarter is no town that sounds alike
        ("Rockets hit the al-Midan neighborhood in Aleppo city.", ["Aleppo"]),
        ("Rebels captured Urum al-Kubra west of Aleppo.", ["Aleppo"]),
        (
            "Air strikes hit Talbisseh in Homs province.",
            ["Tallbisah", "Homs Governorate"],
        ),
        ("Clashes in Deir Ezour killed 10 terrorists.", ["Deir ez-Zor"]),
        # the end of a longer name the gazetteer lacks is no place abroad
        ("Daesh attacked the village of Aqareb es Safi in Hama.", ["Hama"]),
        # ... but a name that opens with its article is a name of its own
        ("Troops moved to Iraqi Al Hillah.", ["Al Hillah"]),
        # a spelling guess, or a small village, that the text places in
        # another governorate is not that place ("Malah" is in Suwayda) ...
        (
            "Syrian Army Allies Kill 100 Terrorists in Mallah Farms in Aleppo.",
            ["Aleppo"],
        ),
        ("The shells hit the Shahba Hotel in Aleppo.", ["Aleppo"]),
        # ... while "in Syria" places nothing, and a city is no guess
        (
            "Gunmen attacked a police station in Inkhil in Syrias southern "
            "province of Daraa.",
            ["Inkhil", "Syria", "Daraa"],
        ),
        ("Rebels fled from Homs in Aleppo province.", ["Homs", "Aleppo Governorate"]),
        # a word that only qualifies the town named after it ("Syiran", a
        # misspelt "Syrian") is no spelling of another town (Suran)
        (
            "Syrian bombers pounded the northern Syiran town of Raqqa.",
            ["Raqqa"],
        ),
        # an English word's plural or third person is no spelling of a place
        ("Israeli Strike on Syrian Town Kills 5 Soldiers.", []),
        ("Coalition strikes hit positions of Al-Qaedas fighters in Syria.", ["Syria"]),
        # a country's or governorate's possessive says the next name is a place,
        # though spaCy takes "Syrias Afrin" for a person
        (
            "The YPG destroyed a carrier in northern Syrias Afrin on Thursday.",
            ["Syria", "Afrin"],
        ),
        ("Ankara estimated that 40 fighters had crossed.", []),
        # spaCy calls a headline's "in Aleppo" a nationality (NORP).
        ("35 Dead Dozens Wounded in Terrorist Battle in Aleppo.", ["Aleppo"]),
        # Apostrophes stripped from the text: "Syrias" is Syria's.
        ("Air strikes kill 12 in Syrias Aleppo Monitor.", ["Syria", "Aleppo"]),
        # A village GeoNames lacks is not its namesake in another governorate
        # than the one the sentence places it in; a spelling guess neither.
        (
            "A rocket shell hit Hadar village in Quneitra province.",
            ["Quneitra Governorate"],
        ),
        (
            "Clashes broke out in the village of Qassiab in Hasakeh province.",
            ["Al-Hasakah Governorate"],
        ),
        ("Depots were destroyed in Kafar Hamra in northern rural Aleppo.", ["Aleppo"]),
        # what lies "in Aleppo city" lies in its governorate
        (
            "Militants shelled the areas of al-Midan and al-Muhafaza in Aleppo city.",
            ["Aleppo"],
        ),
        ("Shells fell on Sheikh Maqsoud in Aleppo city.", ["Sheikh Maqsoud", "Aleppo"]),
        # (Adra, now in the supplement, is the Damascus countryside's own)
        ("A car bomb hit Adra in Damascus countryside.", ["Adra", "Damascus"]),
        # ... but Damascus's countryside holds Rankus, and a governorate someone
        # came "from" places nothing.
        (
            "A car bomb killed 70 in Rankus in Damascus countryside.",
            ["Rankus", "Damascus"],
        ),
        (
            "Rebels from Idlib province shelled the town of Qardaha.",
            ["Idlib Governorate", "Al Qardahah"],
        ),
        # the first word of a longer name the gazetteer lacks only looks like a
        # town: Masaken Hanano is no Maskanah, Kafr Awid no Kefraya
        ("A shell hit the Masaken Hanano area in Aleppo.", ["Aleppo"]),
        ("Two were killed in the nearby town of Kafr Awid.", []),
        ("The army took villages in the Jabal Akrad district.", []),
        # ... but a town of a list run together by stripped commas is one
        (
            "Regime forces pounded the towns of Ghanto Talbeesah and Zafarana.",
            ["Al Ghantu"],
        ),
    ],
)
def test_names_that_look_like_places(nlp, text, expected):
    assert [p[1] for p in places(nlp, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nineteen people were killed near the Syrian capital on Tuesday.",
            [("Syrian capital", "Damascus", "SY", "13", "exact")],
        ),
        (
            "Mortars hit Syrias capital on Saturday.",
            [("Syrias capital", "Damascus", "SY", "13", "exact")],
        ),
        # a group's "Syrian capital" is Raqqa
        (
            "Jets struck Raqqa, the Islamic State group's de facto Syrian capital.",
            [("Raqqa", "Raqqa", "SY", "04", "exact")],
        ),
        (
            "Raqqa became the Syrian capital of the jihadists.",
            [("Raqqa", "Raqqa", "SY", "04", "exact")],
        ),
    ],
)
def test_the_syrian_capital_is_damascus(nlp, text, expected):
    assert places(nlp, text) == expected


def test_syrias_fourteen_governorates_are_named_once_in_the_supplement():
    governorates = syrian_governorates()
    assert list(governorates) == [f"{code:02d}" for code in range(1, 15)]
    assert (governorates["07"], governorates["08"], governorates["13"]) == (
        "Deir ez-Zor",
        "Rif Dimashq",
        "Damascus",
    )
