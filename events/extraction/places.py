"""cw_places: the gazetteer geocoder.

Candidate names are runs of capitalised tokens (with Arabic articles and
hyphens inside: "al-Baghuz al-Fawqani", "Deir ez-Zor"). Each run is looked up
in the gazetteer by spelling-insensitive key, longest first, then by
consonant skeleton where spaCy or a preposition marks it as a place. A name
that several entries share is settled by the governorate in focus (the
sentence's, then the article's), then Syria first, then population. Places
overwrite spaCy's entity labels, so "al-Mansoura" tagged PERSON becomes GPE.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from events.extraction.actors import POSSESSIVES
from events.extraction.casualty_links import CLAIMING_VERBS, LOSS_VERBS
from events.extraction.gazetteer import (
    SYRIA,
    Gazetteer,
    GazetteerEntry,
    default_gazetteer,
)
from events.extraction.names import ARTICLES, name_key, name_tokens, skeleton
from events.extraction.types import PlaceMatch

MAX_NAME_TOKENS = 6
# What a place is called: "the town of Mayadeen", "a town ... captured by".
PLACE_NOUNS = frozenset(
    """
    town village city province governorate district countryside suburb
    suburbs outskirts neighbourhood neighborhood
    """.split()
)
# Words before a name that make it a place even if spaCy thinks otherwise.
LOCATIVE_CUES = PLACE_NOUNS | frozenset(
    "in at near into to toward towards from outside around across of".split()
)
# Words after a name that widen it to its governorate or surroundings.
GOVERNORATE_WORDS = frozenset({"province", "governorate"})
AROUND_WORDS = frozenset({"countryside", "outskirts", "suburbs", "desert", "region"})
SAME_REGION = {"13": "08"}  # Damascus lies in Rif Dimashq, "Damascus countryside"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = PLACE_LABELS | {"PERSON", "ORG"}
# Tokens spaCy has labelled as these are never place names ("Two", "40%").
# DATE and NORP are not among them: spaCy labels "in the town of Mayadeen" a
# date and a headline's "in Aleppo" a nationality; adjectives of nationality
# are ruled out by DEMONYMS instead.
NOT_PLACE_LABELS = frozenset({"CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
CALENDAR_WORDS = frozenset(
    """
    january february march april may june july august september october
    november december monday tuesday wednesday thursday friday saturday sunday
    ramadan eid
    """.split()
)
# Abbreviations of prose that some place is also called: "Aka" is Acre's
# alternate name, and "also known as" in "Amin al-Ruz Aka Abu Malik".
PROSE_ABBREVIATIONS = frozenset({"aka", "a.k.a", "a.k.a."})
# Adjectives of nationality: never place names, whatever spaCy labels them.
DEMONYMS = frozenset(
    """
    syrian syrians iraqi iraqis turkish kurdish kurd kurds russian iranian
    american lebanese jordanian israeli arab arabs british french european
    palestinian saudi qatari emirati egyptian afghan chechen
    """.split()
)
# Capitals that stand for their governments ("accused Damascus of", "Moscow
# denied", "pro-Damascus media").
CAPITALS = frozenset(
    "damascus moscow ankara tehran washington baghdad beirut amman riyadh".split()
)
# ... as the subject or object of a verb a government does: the data file's
# verbs of telling and blaming ("Damascus said", "accused Moscow of"), of
# losing ("Damascus lost more than 40 troops"), and these.
GOVERNMENT_VERBS = (
    frozenset(
        """
        deny reject urge warn insist agree respond condemn demand support back
        threaten vow call ask send write request submit protest sign propose
        """.split()
    )
    | CLAIMING_VERBS
    | LOSS_VERBS
)
# "the Syrian capital", "Syrias capital": Damascus; but not a group's
# "de facto Syrian capital" or "self-declared" one (Raqqa)
CAPITAL_WORDS = frozenset({"capital", "capitals"})
SYRIA_WORDS = frozenset({"syrian", "syria", "syrias", "syria's"})
GROUP_CAPITAL_WORDS = frozenset(
    "facto self-declared self-proclaimed declared proclaimed its their group "
    "group's groups caliphate".split()
)
# Names many cities' quarters share: only the city's own tells which.
GENERIC_NAMES = frozenset({"old city", "new city"})
# Words that make a name a quarter of a city: "al-Midan neighbourhood", "the
# district of Midan".
QUARTER_WORDS = frozenset("neighbourhood neighborhood district quarter".split())
QUARTER_OPENERS = frozenset(f"{word} of" for word in QUARTER_WORDS)
# How alike (difflib's ratio of the keys) a spelling found by its consonant
# skeleton must be to a name of the entry.
MIN_SPELLING_LIKENESS = 0.7
# Entries that are likely only with a cue or spaCy's agreement.
MIN_UNCUED_POPULATION = 1000
MIN_CITY_POPULATION = 50_000


@dataclass
class _Candidate:
    start: int  # token offsets
    end: int
    entries: list[GazetteerEntry]
    fuzzy: bool


class PlaceGeocoder:
    """Resolve place names against the gazetteer; set doc._.places."""

    def __init__(
        self, gazetteer: Gazetteer, english_words: frozenset[str] = frozenset()
    ):
        self.gazetteer = gazetteer
        # what "the Syrian capital" names (see _capital)
        self.damascus = next(
            (e for e in gazetteer.by_key.get("damascus", ()) if e.country == SYRIA),
            None,
        )
        # Fuzzy matching is for transliterated names, not English words
        # ("Shrine" is not the village of Sharan).
        self.english_words = english_words

    def __call__(self, doc: Doc) -> Doc:
        blocked = self._actor_tokens(doc)
        capital = self._capital(doc, blocked)
        blocked.update(i for span in capital for i in range(span.start, span.end))
        candidates = self._candidates(doc, blocked)
        focus = self._focus(doc, candidates)
        places = []
        spans = []
        for candidate in candidates:
            entry = self._choose(doc, candidate, focus)
            if entry is None:
                continue
            span = doc[candidate.start : candidate.end]
            places.append(self._match(doc, span, entry))
            spans.append(Span(doc, span.start, span.end, label="GPE"))
        if capital and self.damascus is not None:
            for span in capital:
                places.append(self._match(doc, span, self.damascus))
                spans.append(Span(doc, span.start, span.end, label="GPE"))
            places.sort(key=lambda p: p.start)
        doc._.places = places
        doc.ents = filter_spans(
            spans + [e for e in doc.ents if not _overlaps(e, spans)]
        )
        return doc

    # --- candidates ----------------------------------------------------------

    @staticmethod
    def _capital(doc: Doc, blocked: set[int]) -> list[Span]:
        """Return the spans that call Damascus "the Syrian capital" or
        "Syria's capital"; not "the Islamic State group's de facto Syrian
        capital", "its Syrian capital Raqqa" or "Syrian capital of the
        jihadists"."""
        found = []
        for token in doc[1:]:
            if token.lower_ not in CAPITAL_WORDS or token.i in blocked:
                continue
            start = token.i - 1
            if doc[start].lower_ in POSSESSIVES and start > 0:
                start -= 1  # "Syria 's capital"
            if doc[start].lower_ not in SYRIA_WORDS:
                continue
            before = {t.lower_ for t in doc[max(0, start - 3) : start]}
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if before & GROUP_CAPITAL_WORDS or (
                after is not None and (after.lower_ == "of" or after.pos_ == "PROPN")
            ):
                continue
            found.append(doc[start : token.i + 1])
        return found

    @staticmethod
    def _actor_tokens(doc: Doc) -> set[int]:
        """Token indices inside actor names ("Deir Ezzor Military Council")."""
        blocked: set[int] = set()
        for mention in doc._.actors or ():
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and len(span) > 1:
                blocked.update(range(span.start, span.end))
        return blocked

    def _candidates(self, doc: Doc, blocked: set[int]) -> list[_Candidate]:
        candidates = []
        i = 0
        while i < len(doc):
            token = doc[i]
            if i in blocked or not _may_start(doc, token):
                i += 1
                continue
            found = self._longest(doc, i, blocked)
            if found is None:
                i += 1
                continue
            if _after_prefix(doc, i) or _where_based(doc, found.end):
                i = found.end  # the rest of a longer name; a group's seat
                continue
            candidates.append(found)
            i = found.end
        return candidates

    def _longest(self, doc: Doc, start: int, blocked: set[int]) -> _Candidate | None:
        end = start
        while (
            end < len(doc)
            and end - start < MAX_NAME_TOKENS
            and end not in blocked
            and _may_continue(doc[end], first=end == start)
        ):
            end += 1
        for stop in range(end, start, -1):
            span = doc[start:stop]
            if not span[-1].is_alpha or span[-1].lower_ in ARTICLES:
                continue
            tokens = name_tokens(span.text)
            first_words = self.gazetteer.first_words
            if not tokens or (
                tokens[0] not in first_words and tokens[0][:-1] not in first_words
            ):
                continue
            if _prefix_only(doc, span, end):
                continue  # "Tall" of "Tall Tawil" is not the town of At Tall
            entries = self._exact(tokens)
            if entries:
                return _Candidate(start, stop, list(entries), fuzzy=False)
        # Fuzzy (skeleton) lookup only where something says "place".
        for stop in range(min(end, start + 3), start, -1):
            span = doc[start:stop]
            if (
                not span[-1].is_alpha
                or not _place_context(doc, span)
                or all(self._english(t.lower_) for t in span if t.is_alpha)
                or _a_quarter(doc, span)
                or _qualifies_a_named_place(doc, span)
                or self._first_of_longer_name(doc, span)
            ):
                continue
            entries = self._spelled_like(span.text)
            if entries:
                return _Candidate(start, stop, entries, fuzzy=True)
        return None

    def _first_of_longer_name(self, doc: Doc, span: Span) -> bool:
        """Return whether the span starts a longer name the gazetteer lacks:
        "Masaken" of "Masaken Hanano", "Jabal" of "Jabal Akrad", "Kafr" of
        "Kafr Awid" only look like Maskanah, Jablah and Kefraya. The next
        word is a name that is neither English nor a place of its own, as
        the next town of a list run together by stripped commas ("Ghanto
        Talbeesah and Zafarana") is."""
        if span.end >= len(doc):
            return False
        after = doc[span.end]
        if not (after.is_title and after.is_alpha) or self._english(after.lower_):
            return False
        return not self._spelled_as_place(after.text)

    def _spelled_as_place(self, word: str) -> bool:
        """Return whether `word` names a place, however spelled."""
        tokens = name_tokens(word)
        return bool((tokens and self._exact(tokens)) or self._spelled_like(word))

    def _spelled_like(self, text: str) -> list[GazetteerEntry]:
        """Return the places `text` spells with small changes. Spelling
        variants are an Arabic-name problem: Syria's own places and the
        curated list only ("Syrias" must not become Iraq's Soris)."""
        bones, key = skeleton(text), name_key(text)
        return [
            e
            for e in self.gazetteer.by_skeleton.get(bones, ())
            if (e.country == SYRIA or e.curated) and _spelled_alike(key, bones, e)
        ]

    def _english(self, word: str) -> bool:
        """Return whether `word` is an English word or its plural or third
        person ("Kills" in a headline is no spelling of the town of Kilis)."""
        words = self.english_words
        return word in words or (word.endswith("s") and word[:-1] in words)

    def _exact(self, tokens: tuple[str, ...]) -> list[GazetteerEntry]:
        """Entries under the key of `tokens`, or of it without a possessive s."""
        key = " ".join(tokens)
        entries = self.gazetteer.by_key.get(key)
        if not entries and len(tokens[-1]) > 4 and key.endswith("s"):
            # Apostrophes stripped from the text: "Syrias war" is "Syria's war".
            entries = self.gazetteer.by_key.get(key[:-1])
        return entries or []

    # --- disambiguation ------------------------------------------------------

    def _focus(self, doc: Doc, candidates: list[_Candidate]) -> dict:
        """Governorates named unambiguously, per sentence and in the article."""
        article: Counter = Counter()
        by_sentence: dict[int, Counter] = {}
        regions: dict[int, set[str]] = {}  # governorates named as such
        at: dict[int, str] = {}  # the governorate of the name at a token
        for candidate in candidates:
            syrian = {e.admin1_code for e in candidate.entries if e.country == SYRIA}
            if len(syrian) != 1:
                continue
            code = syrian.pop()
            span = doc[candidate.start : candidate.end]
            sentence = span.sent.start
            article[code] += 1
            by_sentence.setdefault(sentence, Counter())[code] += 1
            if all(e.precision != "country" for e in candidate.entries):
                at[candidate.start] = code  # (not "in Syria")
            if _names_region(doc, span):
                regions.setdefault(sentence, set()).add(region_code(code))
        return {
            "article": article,
            "sentence": by_sentence,
            "region": regions,
            "at": at,
        }

    def _choose(
        self, doc: Doc, candidate: _Candidate, focus: dict
    ) -> GazetteerEntry | None:
        span = doc[candidate.start : candidate.end]
        if not self._plausible(doc, span, candidate):
            return None
        abroad = _names_abroad(span)
        entries = [
            e for e in candidate.entries if e.country == SYRIA or e.curated or abroad(e)
        ]
        if not entries:
            return None
        sentence = focus["sentence"].get(span.sent.start, Counter())
        article = focus["article"]

        def rank(entry: GazetteerEntry) -> tuple:
            return (
                sentence[entry.admin1_code] if entry.country == SYRIA else 0,
                article[entry.admin1_code] if entry.country == SYRIA else 0,
                entry.country == SYRIA,
                entry.precision == "exact",
                entry.population,
                entry.curated,
            )

        entry = max(entries, key=rank)
        where = region_code(entry.admin1_code) if entry.country == SYRIA else None
        regions = focus["region"].get(span.sent.start, set())
        lies_in = _lies_in(doc, span, focus["at"])
        if self._guess(candidate, entry) and (
            # "Hadar village in Quneitra province" is not al-Hadir
            (regions and where not in regions and not _names_region(doc, span))
            # "Mallah Farms in Aleppo" is not Suwayda's Malah
            or (lies_in is not None and where != lies_in)
        ):
            return None
        return self._widen(doc, span, entry)

    def _plausible(self, doc: Doc, span: Span, candidate: _Candidate) -> bool:
        """Return whether the name reads as a place here."""
        labels = {t.ent_type_ for t in span if t.ent_type_}
        if labels & PLACE_LABELS or _cued(doc, span) or self._owned(doc, span):
            return True
        # Inside a longer person name ("Muhab Hussein") it is part of the
        # name, unless it is a city or region no one is named after ("Aleppo
        # Monitor", "Eastern Gouta Monitor" in a headline).
        notable = max(e.population for e in candidate.entries)
        well_known = notable >= MIN_CITY_POPULATION or any(
            e.precision in {"governorate", "region", "country"}
            for e in candidate.entries
        )
        for entity in doc.ents:
            if well_known:
                break
            if (
                entity.label_ == "PERSON"
                and entity.start < span.end
                and span.start < entity.end
                and (entity.start < span.start or entity.end > span.end)
            ):
                return False
        if candidate.fuzzy:
            return False
        return notable >= MIN_UNCUED_POPULATION or any(
            e.curated for e in candidate.entries
        )

    def _owned(self, doc: Doc, span: Span) -> bool:
        """Return whether a country or governorate owns the name: "Syria's
        Afrin", "Syrias Afrin" (which spaCy may take for a person)."""
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lower_ in POSSESSIVES and span.start > 1:
            before = doc[span.start - 2]
        if before is None or not before.is_title:
            return False
        return any(
            e.precision in {"country", "governorate"}
            for e in self._exact(name_tokens(before.text))
        )

    @staticmethod
    def _guess(candidate: _Candidate, entry: GazetteerEntry) -> bool:
        """Return whether choosing `entry` is a guess a governorate named
        beside it can overrule: a spelling variant, or a village that shares
        its name with others GeoNames lacks ("Hadar village in Quneitra" is
        not Aleppo's al-Hadir)."""
        small = entry.population < MIN_CITY_POPULATION and not entry.curated
        return candidate.fuzzy or (entry.precision == "exact" and small)

    def _widen(self, doc: Doc, span: Span, entry: GazetteerEntry) -> GazetteerEntry:
        """Use the governorate for "<name> province" when the name is its seat."""
        following = _word_after(doc, span)
        if following in GOVERNORATE_WORDS and entry.precision == "exact":
            governorate = self.gazetteer.governorate(entry.country, entry.admin1_code)
            if governorate is not None:
                return governorate
        return entry

    @staticmethod
    def _match(doc: Doc, span: Span, entry: GazetteerEntry) -> PlaceMatch:
        precision = entry.precision
        before = doc[span.start - 2 : span.start] if span.start >= 2 else doc[0:0]
        after = _word_after(doc, span)
        if precision == "exact" and (
            after in AROUND_WORDS or any(t.lower_ in AROUND_WORDS for t in before)
        ):
            precision = "district"  # "the western countryside of Raqqa"
        return PlaceMatch(
            name=entry.name,
            latitude=entry.latitude,
            longitude=entry.longitude,
            country=entry.country,
            admin1=entry.admin1_name,
            admin1_code=entry.admin1_code,
            geonameid=entry.geonameid,
            precision=precision,
            feature_type=entry.feature_type,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
        )


LIES_IN_GAP = 2  # words between a name and the "in" that says where it lies


def _lies_in(doc: Doc, span: Span, at: dict[int, str]) -> str | None:
    """Return the governorate the text says `span` lies in, by the Syrian
    place named right after it: "Mallah Farms in Aleppo" (a word or two,
    then "in", then the place)."""
    for gap in range(LIES_IN_GAP + 1):
        word = span.end + gap
        if word + 1 >= len(doc):
            return None
        if doc[word].lower_ == "in":
            code = at.get(word + 1)
            return region_code(code) if code is not None else None
        if not doc[word].is_alpha:
            return None
    return None


def _word_after(doc: Doc, span: Span) -> str:
    """Return the lower-case word right after `span` ("" at the end)."""
    return doc[span.end].lower_ if span.end < len(doc) else ""


def _names_region(doc: Doc, span: Span) -> bool:
    """Return whether a name stands for its governorate where something
    happened: "Quneitra province", "the countryside of Hama", "rural Aleppo",
    "Damascus countryside", what lies "in Aleppo city"; not where someone
    came "from"."""
    after = _word_after(doc, span)
    before = [t.lower_ for t in doc[max(span.start - 4, 0) : span.start]]
    if "from" in before:
        return False
    return (
        after in GOVERNORATE_WORDS
        or after == "countryside"
        or before[-1:] == ["rural"]
        or before[-2:] == ["countryside", "of"]
        or (after == "city" and before[-1:] == ["in"])  # "... in Aleppo city"
    )


def region_code(code: str) -> str:
    """The admin1 code a governorate cue is compared by: the countryside of
    Damascus (Rif Dimashq) and the city are one."""
    return SAME_REGION.get(code, code)


def _may_start(doc: Doc, token) -> bool:
    if not (token.is_title or token.is_upper or token.lower_ in ARTICLES):
        return False  # most words: asked first, as it is asked of every word
    if (
        token.ent_type_ in NOT_PLACE_LABELS
        or token.lower_ in CALENDAR_WORDS
        or token.lower_ in PROSE_ABBREVIATIONS
        or token.lower_ in DEMONYMS
        or _stands_for_government(doc, token)
    ):
        return False
    if token.lower_ in ARTICLES:
        # "al-Mansoura", "Al Mayadin"; not the conjunction in "as Raqqa falls".
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        return token.is_title or (following is not None and following.text == "-")
    return token.is_alpha and (token.is_title or (token.is_upper and len(token) > 2))


# Words that begin Arabic place names ("Tall Tawil", "Ain Issa", "Khan
# Shaykhun"): alone, before more of a name, they are not the place.
TOPONYM_PREFIXES = frozenset(
    """
    tal tall tell tel deir dayr ain ayn ein khan bab kafr kfar jisr ras umm abu
    bir jabal jebel wadi qasr maarat beit bayt mazraat hayy tariq tareeq jamiat
    jamiyet jamiyat karm karam
    """.split()
)


def _prefix_only(doc: Doc, span: Span, run_end: int) -> bool:
    """Return whether `span` is a lone name prefix of a longer run: "Tall" of
    "Tall Tawil", "Bab" of "Bab al-Saghir" (the town is al-Bab)."""
    return (
        len(span) == 1
        and span[0].lower_ in TOPONYM_PREFIXES
        and span.end < run_end
        and (doc[span.end].is_title or doc[span.end].lower_ in ARTICLES)
    )


def _after_prefix(doc: Doc, start: int) -> bool:
    """Return whether a name at `start` ends a longer name begun by a prefix
    the gazetteer does not know whole: "Tariq al-Bab" and "Bab Tadmor" are
    quarters of Aleppo and Homs, not the towns of al-Bab and Palmyra."""
    return (
        start > 0
        and doc[start - 1].lower_ in TOPONYM_PREFIXES
        and doc[start - 1].is_title
    )


def _where_based(doc: Doc, end: int) -> bool:
    """Return whether "-based" follows a name: "the Istanbul-based commission"
    says where a group sits, not where anything happened."""
    return doc[end : end + 2].text.lower() in {"-based", "- based"}


def _stands_for_government(doc: Doc, token) -> bool:
    """Return whether a capital's name means its government here."""
    if token.lower_ not in CAPITALS:
        return False
    before = doc[token.i - 2 : token.i].text.lower() if token.i >= 2 else ""
    if before in {"pro-", "anti-"}:
        return True
    return token.dep_ in {"nsubj", "dobj"} and token.head.lemma_ in GOVERNMENT_VERBS


def _may_continue(token, *, first: bool) -> bool:
    if first:
        return True
    if token.ent_type_ in NOT_PLACE_LABELS or token.lower_ in CALENDAR_WORDS:
        return False
    before = token.doc[token.i - 1]
    return (
        token.is_title
        or token.lower_ in ARTICLES
        or token.text in {"-", "'", "’"}
        or (token.is_upper and len(token) > 2)
        # the rest of a name a prefix begins, written small: "Deir ezzor"
        or (token.is_alpha and before.is_title and before.lower_ in TOPONYM_PREFIXES)
    )


def _place_context(doc: Doc, span: Span) -> bool:
    labels = {t.ent_type_ for t in span}
    return bool(labels & NAME_LABELS) or _cued(doc, span)


def _names_abroad(span: Span) -> Callable[[GazetteerEntry], bool]:
    """Return a test of whether `span` may name a given place abroad. That
    needs a proper name, not a generic one ("Aleppo's Old City" is no
    Jerusalem) or a word of prose ("Can you show me"); and by another of
    the place's names, one that reads as a place here, not as a person's
    ("Khalil said" is no Hebron) or a hospital's ("Al-Quds hospital" is no
    Jerusalem)."""
    key = name_key(span.text)
    if (
        key in GENERIC_NAMES
        or not any(t.pos_ == "PROPN" for t in span)
        or _tail_of_a_name(span)
    ):
        return lambda entry: False
    labels = {t.ent_type_ for t in span if t.ent_type_}
    labelled_a_place = bool(labels) and labels <= PLACE_LABELS
    return lambda entry: labelled_a_place or key == name_key(entry.name)


def _tail_of_a_name(span: Span) -> bool:
    """Return whether `span` ends a longer Arabic name the gazetteer lacks:
    "Safi" of the Hama village "Aqareb es Safi" is not Jordan's Safi, nor
    "Harir" of the Daraa town "Busr al-Harir" Iraq's. A capitalised word and
    a lowercase article (inside a name, not one that opens it: "Al-Alam")
    come before its name."""
    doc = span.doc
    name = next((t for t in span if t.is_alpha and t.lower_ not in ARTICLES), None)
    if name is None:
        return False
    before = [t for t in doc[max(0, name.i - 3) : name.i] if t.text != "-"]
    return (
        len(before) >= 2
        and before[-1].text in ARTICLES  # lowercase: "es", "al"
        and before[-2].is_alpha
        and before[-2].is_title
    )


def _cued(doc: Doc, span: Span) -> bool:
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = _word_after(doc, span)
    return before in LOCATIVE_CUES or after in LOCATIVE_CUES


def _qualifies_a_named_place(doc: Doc, span: Span) -> bool:
    """Return whether `span` only qualifies a place the text names after it:
    "the northern Syiran town of Raqqa" (a misspelt "Syrian") names Raqqa,
    not the town of Suran that "Syiran" is spelt like."""
    after = doc[span.end : span.end + 2]
    return (
        len(after) == 2 and after[0].lower_ in PLACE_NOUNS and after[1].lower_ == "of"
    )


def _a_quarter(doc: Doc, span: Span) -> bool:
    """Return whether the text calls `span` a quarter of a city ("al-Midan
    neighbourhood", "the district of Midan"), which a town that only sounds
    alike is not."""
    after = _word_after(doc, span)
    before = doc[max(0, span.start - 2) : span.start].text.lower()
    return after in QUARTER_WORDS or before in QUARTER_OPENERS


def _overlaps(entity: Span, spans: list[Span]) -> bool:
    return any(entity.start < s.end and s.start < entity.end for s in spans)


def _spelled_alike(key: str, bones: str, entry: GazetteerEntry) -> bool:
    """Return whether a text's spelling (its name `key` and consonant skeleton
    `bones`) spells one of the entry's names with only small changes beyond
    their shared skeleton: "Talbisseh" is Tallbisah, "Efrin" Afrin;
    "al-Midan" is not al-Mayadin, nor "Adra" Daraa."""
    return any(
        SequenceMatcher(None, key, name_key(name)).ratio() >= MIN_SPELLING_LIKENESS
        for name in (entry.name, *entry.alternate_names)
        if skeleton(name) == bones
    )


def english_words(nlp: Language) -> frozenset[str]:
    """Return the English dictionary words the model's lemmatizer knows."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(
        word for pos in ("noun", "verb", "adj", "adv") for word in index.get(pos, [])
    )


@Language.factory("cw_places")
def make_place_geocoder(nlp: Language, name: str) -> PlaceGeocoder:
    return PlaceGeocoder(default_gazetteer(), english_words(nlp))
