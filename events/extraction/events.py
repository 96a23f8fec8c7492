"""cw_events: the event assembler.

An event is anchored on a casualty figure for one incident (killed, injured,
or both, not a cumulative total) or, without one, on a sentence that reports
an attack or a change of territory in the past tense at a named place.
Figures about one incident (same or nearby sentences, same place) are merged
as separate claims, so conflicting tolls stay side by side. The event's type
follows ACLED's codebook from the trigger words in `data/event_triggers.csv`;
its actors, place and date come from the anchor sentence (and its
neighbours), each field with the span it rests on.
"""

import re
from calendar import monthrange
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TextSpan

from events.extraction.casualty_links import (
    ATTACK_NOUNS,
    BLAME_VERBS,
    CLAIMING_VERBS,
    VICTIM_DEPS,
    dependent,
    subject_of,
)
from events.extraction.casualty_triggers import (
    ANOTHER,
    CLAIM,
    PERIOD_NOUNS,
    more_after,
    objects_of,
    trigger_kind,
)
from events.extraction.chrome import in_chrome
from events.extraction.event_context import (
    MIN_NAMED_PRIORITY,
    MIN_STANDALONE_PRIORITY,
    SUPPORT_VERBS,
    Context,
    Hit,
    Trigger,
    is_target,
    load_triggers,
    strongest,
)
from events.extraction.places import PLACE_NOUNS, region_code
from events.extraction.types import (
    ActorMention,
    CasualtyFigure,
    DateMention,
    EventActorRole,
    EventRecord,
    PlaceMatch,
    Span,
)

TERRITORY = "TERRITORY"  # resolved by who took it
# Attacks whose doer is known by its claim, not by its weapon (a warplane's)
CLAIMED_KINDS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED"})
GOVERNMENT_TAKES = "Government regains territory"
NON_STATE_TAKES = "Non-state actor overtakes territory"
ARMED_CLASH = "Armed clash"
UNKNOWN_TAKES = ARMED_CLASH  # a capture by forces the text does not name
GOVERNMENT_SIDE_KINDS = frozenset({"state", "pro_government"})
GOVERNMENT_SIDES = frozenset({"government"})
# "Raids" are air raids in most reports, but a group without aircraft raids on
# the ground: "the toll from the IS raid on the oilfield".
AMBIGUOUS_RAIDS = frozenset({"raid", "raids"})
NO_AIRCRAFT_KINDS = frozenset(
    {"jihadist", "rebel", "kurdish", "pro_government", "other"}
)

# What a weapon names when it is held, made or watched: "chemical weapons
# program", "chemical weapons inspectors".
HOLDING_NOUNS = frozenset(
    "program programme stockpile arsenal facility convention inspector expert "
    "watchdog deal agreement production plant depot factory capability "
    "warehouse".split()
)
# What is done to weapons held: "the destruction of chemical weapons".
DISPOSAL_NOUNS = frozenset(
    "prohibition ban destruction removal possession handover elimination "
    "stockpiling".split()
)
HELD_OF_NOUNS = HOLDING_NOUNS | DISPOSAL_NOUNS  # "the program of", "the ban of"
# What is done to weapons that are not used: "rebels were building chemical
# weapons", "to destroy its chemical weapons".
HOLDING_VERBS = frozenset(
    "build make produce manufacture develop store stockpile possess hide "
    "destroy dismantle remove surrender acquire smuggle".split()
)
ACHIEVING_WORDS = frozenset({"manage", "able", "succeed"})  # "managed to take"
BARE_BOMBS = frozenset({"bomb", "bombs"})  # set off, unless dropped
DROPPED_BOMBS = "dropped bombs"
BOMBED = "bombed"
SHOOTERS = frozenset({"gunmen", "sniper", "snipers"})  # triggers that are people
# A toll told as risen to its latest count: "the toll has risen to 85".
RISEN_TOLL = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|jumped|jumps|increased|"
    r"has become|have become)\b"
)
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})  # "the blast"
ACT_NOUNS = frozenset(
    "attack blast bombing explosion strike airstrike raid bombardment shelling "
    "ambush assault".split()
)
# Words that set one act apart from another told: "the second blast".
SET_APART_WORDS = frozenset({"earlier", "previous", "first", "second", "last"})
INCIDENT_KINDS = frozenset({"killed", "injured", "killed_or_injured"})
ABDUCTION = "Abduction/forced disappearance"
MERGE_WINDOW_SENTENCES = 2
# words of an act told again word for word that make it the same telling
SAME_WORDS = 6
# a count at least this large, told loosely again far off, is the same dead
DISTINCT_COUNT = 10
MAX_PARTS = 4  # a total told in parts: "killing 3 ... 7 were killed"
CONTEXT_SENTENCES = 1
PAST_TAGS = frozenset({"VBD", "VBN"})
FUTURE_MARKERS = frozenset(
    "will would could might may plan plans planned expect expects expected "
    "threaten threatens threatened prepare prepares preparing aim aims".split()
)
# What happens again and again is no one incident: "warplanes regularly bomb"
HABITUAL_MARKERS = frozenset("regularly routinely frequently often".split())
NOT_ONE_INCIDENT = FUTURE_MARKERS | HABITUAL_MARKERS
SUMMARY_CHARS = 240
# Verbs whose object did not happen: "Russian and Syrian air forces halted
# airstrikes", "Moscow denied carrying out the raid".
CEASING_VERBS = frozenset(
    "halt stop suspend cease pause deny refrain avoid prevent".split()
)


@dataclass
class _Draft:
    anchor: int  # sentence index
    figures: list[CasualtyFigure] = field(default_factory=list)
    # every dead of it "also" killed or by "another" attack: others than
    # the neighbouring sentence's, which lends them no act
    others: bool = False


class EventAssembler:
    """Assemble doc._.events from the mentions the earlier components found."""

    def __init__(self, nlp: Language, triggers: tuple[Trigger, ...]):
        self.triggers = {t.phrase: t for t in triggers}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for trigger in triggers:
            self.matcher.add(trigger.phrase, [nlp.make_doc(trigger.phrase)])

    def __call__(self, doc: Doc) -> Doc:
        context = Context.build(doc, self._hits(doc))
        drafts = self._retellings_merged(context, self._drafts(context))
        counted = {}  # claim_key of a figure -> the figure as its event counts it
        for draft in drafts:
            marked = draft.figures
            for mark in CLAIM_MARKERS:
                marked = mark(marked)
            marked = _parts_of_a_sum(context, marked)
            pairs = zip(draft.figures, marked, strict=True)
            counted |= {claim_key(f): m for f, m in pairs}
            draft.figures = marked
        events = []
        for draft in drafts:
            event = self._event(context, draft)
            if event is not None:
                events.append(_infer_victims(event, context))
        if events and events[0].perpetrator is None:
            events[0] = _held_responsible(context, events[0], events[1:])
        inferred = {claim_key(f): f for e in events for f in e.claims}
        figures = [counted.get(claim_key(f), f) for f in context.figures]
        figures = _title_victims(
            [inferred.get(claim_key(f), f) for f in figures], doc._.title_span
        )
        told = {claim_key(f): f for f in figures if f.victims_inferred}
        doc._.events = [
            replace(e, claims=tuple(told.get(claim_key(c), c) for c in e.claims))
            for e in events
        ]
        doc._.casualties = figures
        return doc

    def _hits(self, doc: Doc) -> list[Hit]:
        """Return the trigger matches, longest first where they overlap.

        "barrel bombs" is an air strike, whatever "bombs" alone would say.
        """
        found = sorted(
            self.matcher(doc), key=lambda m: (m[1] - m[2], m[1])
        )  # longest, then earliest
        taken: set[int] = set()
        hits = []
        for key, start, end in found:
            if (
                taken.intersection(range(start, end))
                or in_chrome(doc[start].idx, doc._.chrome)
                or _not_done(doc[start:end].root)
                or _held_not_used(doc[start:end].root)
                or _shooters_hit(doc[start:end].root)
                or _in_support(doc[start:end].root)
            ):
                continue
            trigger = self.triggers[doc.vocab.strings[key]]
            if trigger.phrase in BARE_BOMBS and _dropped(doc[start:end].root):
                # "warplanes dropped massive makeshift bombs"
                trigger = self.triggers[DROPPED_BOMBS]
            elif trigger.phrase in BARE_BOMBS and doc[start].pos_ == "VERB":
                trigger = self.triggers[BOMBED]  # "Russian warplanes bomb Idlib"
            if trigger.sub_event_type == TERRITORY and (
                _tells_of_a_place(doc[start:end].root)
                or _only_meant(doc[start:end].root)
            ):
                continue
            taken.update(range(start, end))
            hits.append(Hit(trigger, start, end))
        return sorted(hits, key=lambda h: h.start)

    # --- anchoring -----------------------------------------------------------

    def _drafts(self, context: "Context") -> list[_Draft]:
        drafts: list[_Draft] = []
        for figure in context.figures:
            if figure.cumulative or figure.kind not in INCIDENT_KINDS:
                continue
            index = context.sentence_of(figure.start)
            more = _adds_more(context.doc, figure)
            draft = self._mergeable(context, drafts, figure, index, more)
            if draft is None:
                drafts.append(_Draft(anchor=index, figures=[figure], others=more))
            else:
                draft.figures.append(figure)
                draft.others = draft.others and more
                # the lead tells in full what its headline told: it anchors
                if draft.anchor == context.headline and index > draft.anchor:
                    draft.anchor = index
        # a sentence whose figure joined an event (its anchor among them)
        # tells of that event
        with_figures = {context.sentence_of(f.start) for d in drafts for f in d.figures}
        for index in range(len(context.sentences)):
            if index in with_figures or any(
                abs(index - d.anchor) <= MERGE_WINDOW_SENTENCES - 1
                and self._same_incident(context, index, d.anchor)
                for d in drafts
            ):
                continue
            told_before = any(d.anchor < index for d in drafts)
            if (
                self._standalone(context, index)
                and not (told_before and _refers_back(context, index))
                and not _told_in_full_below(context, index, with_figures)
            ):
                drafts.append(_Draft(anchor=index))
        return sorted(drafts, key=lambda d: d.anchor)

    def _retellings_merged(
        self, context: "Context", drafts: list[_Draft]
    ) -> list[_Draft]:
        """Return `drafts` with each draft that tells an earlier one's
        incident again merged into it: the same distinct toll ("over 60 ISIL
        terrorists" in the headline and the body) of the same kind of event,
        on the same day, in the same governorate, by the same perpetrator,
        as far as each says. Told far apart, or with another place named
        beside it, the two were drafted apart."""
        kept: list[_Draft] = []
        for draft in drafts:
            best = _killed_best(draft)
            same = next(
                (
                    k
                    for k in kept
                    if best is not None
                    and best >= DISTINCT_COUNT
                    and not _others_dead(context.doc, draft)
                    and _killed_best(k) == best
                    and self._told_alike(context, k, draft)
                ),
                None,
            )
            if same is None:
                kept.append(draft)
            else:
                same.figures = sorted([*same.figures, *draft.figures], key=_start)
                same.others = same.others and draft.others
        return kept

    def _told_alike(self, context: "Context", first: _Draft, second: _Draft) -> bool:
        """Return whether two drafts' events agree in all they say."""
        one, two = self._event(context, first), self._event(context, second)
        if one is None or two is None or one.event_type != two.event_type:
            return False
        regions = {
            (e.place.country, e.place.admin1_code)
            for e in (one, two)
            if _located(e.place) and e.place.admin1_code
        }
        return (
            _agree(one.date, two.date)
            and _agree(one.perpetrator, two.perpetrator)
            and len(regions) < 2
        )

    @staticmethod
    def _same_incident(context: "Context", index: int, other: int) -> bool:
        """Return whether neighbouring sentences may tell of one incident.

        They do unless each names its own Syrian place and they differ:
        missiles from the al-Omar oilfield and raids on al-Baghuz are two.
        """
        here = {
            p.name for p in context.syrian_places(index) if p.precision != "country"
        }
        there = {
            p.name for p in context.syrian_places(other) if p.precision != "country"
        }
        return not (here and there and not here & there)

    @staticmethod
    def _mergeable(
        context: "Context",
        drafts: list[_Draft],
        figure: CasualtyFigure,
        index: int,
        more: bool,
    ) -> _Draft | None:
        # The same count far off tells the same dead again: "leaving at least
        # 27 people dead ... The LCC said 27 people were killed". Not a few
        # dead counted loosely ("at least two"), which another incident may
        # number as well, nor a count two drafts hold.
        distinct = (
            figure.best is not None
            and figure.best >= DISTINCT_COUNT
            and sum(_same_count(figure, d.figures) for d in drafts) == 1
        )
        # A breakdown ("three children were among the dead") and an earlier
        # toll ("it had initially given a toll of 22") belong to the last toll
        # told before them, however far back, though that toll joined an
        # earlier draft; so does the same toll told again further down ("At
        # least 25 civilians have been killed" in the lead and in the body).
        later = figure.part_of_total or figure.superseded
        ordered = sorted(drafts, key=lambda d: d.figures[-1].start) if later else drafts
        # "... the attack killed more than 100 people": the last attack told,
        # however far back, when no other attack was told since
        last_told = _last_attack_told(context, drafts, index)
        for draft in reversed(ordered):  # the latest first
            # "19 were killed ... hours after a gas attack left dozens dead"
            if any(
                context.sentence_of(f.start) == index
                and context.apart(f.start, figure.start)
                for f in draft.figures
            ):
                continue
            far = (
                index - draft.anchor > MERGE_WINDOW_SENTENCES
                and draft is not last_told
                and not _rival_claim(context, figure, index, draft)
                and not (
                    draft is drafts[-1]
                    and _more_of_the_last(context, figure, index, draft)
                )
            )
            told_again = _told_again(figure, draft.figures)
            # (one person or "dozens" told again far off may be others)
            exactly_again = (
                told_again or (distinct and _counted_again(figure, draft.figures))
            ) and not (figure.vague or figure.single)
            # a figure told beside one of the draft's, however far its anchor:
            # "It killed 18 civilians and wounded dozens", the toll told again
            told_beside = any(
                context.same_telling(context.sentence_of(f.start), index)
                for f in draft.figures
            )
            if far and not (later or exactly_again or told_beside):
                continue
            kinds = {f.kind for f in draft.figures}
            if figure.superseded and figure.kind not in kinds:
                continue
            # the same toll, told again or loosely
            retold = told_again or _vaguely_told(figure, draft.figures)
            # (an earlier toll may name the district where the toll names the town)
            if not figure.superseded and _elsewhere_told(
                context, figure, draft.figures, retold
            ):
                continue
            # "an air strike Saturday ... since an attack on Tuesday that killed 87"
            if _on_another_day(figure, draft.figures) and not (later or retold):
                continue
            # "A suicide bomber killed four ... as troops had executed 48"
            if not (later or exactly_again) and _another_act(context, index, draft):
                continue
            same_sentence = context.same_telling(
                context.sentence_of(draft.figures[0].start), index
            )
            # "Another 42 people were killed": other dead; but "Two people
            # were killed and 10 other people injured" sets them apart from
            # the dead told beside them
            if more and not told_beside and figure.kind in kinds:
                continue
            victims = {f.victims for f in draft.figures if f.kind == figure.kind}
            # the wounded told with dead the draft holds: "four people were
            # killed and 28 were injured"
            told_with = figure.kind != "killed" and any(
                f.kind == "killed" and context.sentence_of(f.start) == index
                for f in draft.figures
            )
            # A second figure of the same kind and victims in another
            # sentence is another incident unless a claimant differs, it
            # breaks a toll down ("six children were among the dead"), or it
            # tells the same toll again ("At least 29 rebels were killed ...
            # At least 29 rebels were killed in clashes overnight"), or one
            # of the two is vague ("... killed at least 85 civilians. Dozens
            # of civilians were killed"), or it counts as many however
            # loosely ("killed at least eight members of Hezbollah ...
            # killing eight fighters").
            if (
                not same_sentence
                and not told_with
                and not retold
                and not later
                and not _counted_again(figure, draft.figures)
                and figure.kind in kinds
                and figure.victims in victims
                and figure.claimed_by
                in {f.claimed_by for f in draft.figures if f.kind == figure.kind}
            ):
                continue
            return draft
        return None

    @staticmethod
    def _standalone(context: "Context", index: int) -> bool:
        """Return whether sentence `index` reports an incident on its own."""
        strong = [
            h
            for h in context.hits_in(index)
            if (
                h.trigger.priority >= MIN_STANDALONE_PRIORITY
                or h.trigger.sub_event_type == TERRITORY
            )
            and not _kept_up_for(context.doc, h)
        ]
        local = [p for p in context.syrian_places(index) if p.precision != "country"]
        if not strong or not local or context.has_totals(index):
            return False
        sentence = context.sentences[index]
        if _caption(sentence):
            return False
        past = any(t.tag_ in PAST_TAGS for t in sentence)
        return past and not any(t.lower_ in NOT_ONE_INCIDENT for t in sentence)

    # --- filling -------------------------------------------------------------

    def _event(self, context: "Context", draft: _Draft) -> EventRecord | None:
        told_at = _told_at(context, draft)
        hit = _taking(context, draft) or context.best_hit(
            draft.anchor, lent=not draft.others, at=told_at
        )
        trigger = hit.trigger if hit else None
        place, place_span = self._place(context, draft, hit)
        perpetrator = self._perpetrator(context, draft, hit, place, told_at)
        ground_raid = _ground_raid(context, trigger, perpetrator)
        event_type, sub_event_type, method = self._classify(
            None if ground_raid else trigger, perpetrator, draft, forced=ground_raid
        )
        if event_type is None:
            return None
        when, date_span = self._date(context, draft, told_at)
        killed = _killed(draft)
        injured = [f for f in draft.figures if f.kind == "injured"]
        low, best, high = _bounds(killed)
        civilian = any(f.victims.startswith("civil") for f in draft.figures) or (
            event_type == "Violence against civilians"
        )
        actors = self._actors(context, draft.anchor, perpetrator)
        sentence = context.span_of(draft.anchor)
        evidence = _once([sentence, *(f.sentence for f in draft.figures)])
        field_evidence = {"event_type": [sentence]}
        if place_span:
            field_evidence["place"] = [place_span]
        if date_span:
            field_evidence["date"] = [date_span]
        if draft.figures:
            field_evidence["casualties"] = [
                Span(f.start, f.end, f.text) for f in draft.figures
            ]
        if perpetrator:
            field_evidence["actors"] = [
                Span(perpetrator.start, perpetrator.end, perpetrator.text)
            ]
        return EventRecord(
            event_type=event_type,
            sub_event_type=sub_event_type,
            method=method,
            date=when.value if when else context.published,
            date_precision=(
                when.precision if when else ("week" if context.published else "unknown")
            ),
            place=place,
            geo_precision=place.precision if place else "",
            actors=actors,
            perpetrator=perpetrator.name if perpetrator else None,
            killed_low=low,
            killed_best=best,
            killed_high=high,
            injured=_bounds(injured)[1],
            civilian_targeting=civilian,
            summary=_summary(sub_event_type, perpetrator, place, best, sentence),
            claims=tuple(draft.figures),
            evidence=evidence,
            field_evidence=field_evidence,
        )

    @staticmethod
    def _classify(
        trigger: Trigger | None,
        perpetrator: ActorMention | None,
        draft: _Draft,
        forced: bool = False,
    ) -> tuple[str | None, str, str]:
        """Return ACLED's event type, sub-event type and the method.

        Without a trigger, the toll alone says a clash or an attack on
        civilians; `forced` makes an event of a sentence without a toll too.
        """
        if trigger is None:
            if not draft.figures and not forced:
                return None, "", ""
            if any(f.victims.startswith("civil") for f in draft.figures):
                return "Violence against civilians", "Attack", ""
            return "Battles", ARMED_CLASH, ""
        sub_event_type = trigger.sub_event_type
        if sub_event_type == TERRITORY:
            government = perpetrator is not None and (
                perpetrator.kind in GOVERNMENT_SIDE_KINDS
                or perpetrator.side in GOVERNMENT_SIDES
            )
            sub_event_type = (
                GOVERNMENT_TAKES
                if government
                else NON_STATE_TAKES
                if perpetrator is not None
                else UNKNOWN_TAKES
            )
        if sub_event_type == ABDUCTION and _killed(draft):
            # ACLED: captives killed are an attack ("ISIS began to kill the
            # abducted Christians"), an abduction has no dead
            return trigger.event_type, "Attack", trigger.method
        return trigger.event_type, sub_event_type, trigger.method

    @staticmethod
    def _perpetrator(
        context: "Context",
        draft: _Draft,
        hit: Hit | None,
        place: PlaceMatch | None,
        told_at: int | None,
    ) -> ActorMention | None:
        """Return the actor who carried out the event, if the text says.
        `told_at` is where the anchor sentence tells the toll (`_told_at`)."""
        named = {f.perpetrator for f in draft.figures if f.perpetrator}
        for index in (draft.anchor, draft.anchor - 1):
            for actor in context.belligerents(index):
                if actor.name in named:
                    return actor
        # The agent of the trigger, in the anchor sentence, else the one before
        # (a lead sentence names the attacker, the next gives the toll). Who
        # took a place is named with the taking: not the air strikes' doer
        # told before "Troops seized the town", nor another capture's.
        taking = hit is not None and hit.trigger.sub_event_type == TERRITORY
        for index in (draft.anchor,) if taking else (draft.anchor, draft.anchor - 1):
            # not an act the anchor tells apart: "80 were killed a day after
            # rebels shelled the town" is not the rebels' shelling
            hits = context.acts_told_with(told_at, context.hits_in(index))
            if index != draft.anchor and not hits:
                continue
            triggers = hits[:1]
            if index == draft.anchor and hit is not None:
                # a lent act told in the anchor's own words too, its doer
                # first: "The coalition said it had carried out two strikes"
                own = [
                    h
                    for h in hits
                    if h.trigger.sub_event_type == hit.trigger.sub_event_type
                ]
                triggers = [hit] if hit in hits else [*own, hit]
            for trigger in triggers:
                # a neighbour may lend the anchor its act, with its own actors
                if found := context.doer_of(trigger):
                    return found
        # Else who a toll told again in a later sentence names ("At least 29
        # rebels were killed in clashes with regime troops"), or who did the
        # act it tells of there ("Syrian Army Kills 30 ISIL Terrorists. ...
        # The Syrian Army repelled an attack ... killing more than 30").
        for figure in draft.figures:
            if figure.perpetrator and not figure.single:
                index = context.sentence_of(figure.start)
                for actor in context.belligerents(index):
                    if actor.name == figure.perpetrator:
                        return actor
        told_again = {}  # sentence -> where it tells the toll
        for figure in draft.figures:
            told_again.setdefault(context.sentence_of(figure.start), figure.start)
        for index, at in sorted(told_again.items()):
            if index in (draft.anchor, draft.anchor - 1):
                continue
            for trigger in context.acts_told_with(at, context.hits_in(index))[:1]:
                if found := context.doer_of(trigger):
                    return found
        # Else whoever the article says carried out attacks of this kind,
        # in the same governorate: a roundup's shelling of Quneitra is not
        # that of Aleppo. Not for a bombing no one claimed: "There was no
        # immediate claim of responsibility" before "al-Nusra said it was
        # behind a similar twin bombing in May" leaves the doer unknown.
        if (
            hit is not None
            and not taking
            and not (context.unclaimed and hit.trigger.sub_event_type in CLAIMED_KINDS)
        ):
            for other in context.same_kind_hits(hit.trigger.sub_event_type):
                if _told_of_elsewhere(context, context.hit_sentence(other), place):
                    continue
                if found := context.doer_of(other):
                    return found
        return None

    @staticmethod
    def _actors(
        context: "Context", index: int, perpetrator: ActorMention | None
    ) -> tuple[EventActorRole, ...]:
        """Return the anchor sentence's belligerents with their roles."""
        roles: dict[str, EventActorRole] = {}
        if perpetrator:
            roles[perpetrator.name] = EventActorRole(
                perpetrator.name, perpetrator.kind, "perpetrator"
            )
        for actor in context.belligerents(index):
            if actor.name not in roles:
                hit = context.counted(actor) or is_target(context.doc, actor)
                role = "target" if hit else "other"
                roles[actor.name] = EventActorRole(actor.name, actor.kind, role)
        return tuple(roles.values())

    @staticmethod
    def _place(
        context: "Context", draft: _Draft, hit: Hit | None
    ) -> tuple[PlaceMatch | None, Span | None]:
        placed = [f.place for f in draft.figures if _located(f.place)]
        if placed:
            # the town a retelling names inside the area the first telling
            # named: "kills 60 in Damascus suburb ... in the town of Rankus";
            # not "Idlib", which may be the province again
            place = next(
                (
                    p
                    for p in placed[1:]
                    if _within(context, placed[0], p)
                    and not _wide(context, p)
                    and p.name != p.admin1
                ),
                placed[0],
            )
            return place, _span(place)
        # The anchor sentence, the one before, then the lead (a headline
        # usually says where: "Air strikes kill 12 in Syria's Aleppo"), then
        # the sentence after when it tells more of the same attack ("Air
        # strikes on a market killed 29 civilians in a town in northern Syria.
        # The air strikes hit the town of Atareb").
        # A town abroad only where the sentence names its country (_abroad).
        nearby = range(draft.anchor, draft.anchor - CONTEXT_SENTENCES - 1, -1)
        for index in [*nearby, *context.lead, *_telling_more(context, draft, hit)]:
            places = context.syrian_places(index)
            if not places and (
                index == draft.anchor
                or (index in nearby and _refers_back(context, draft.anchor))
            ):
                places = _abroad(context.places_in(index))
            local = [p for p in places if p.precision != "country"]
            if local:
                return local[0], _span(local[0])
        places = context.places_in(draft.anchor)
        if places:
            return places[0], _span(places[0])
        return None, None

    @staticmethod
    def _date(
        context: "Context", draft: _Draft, told_at: int | None
    ) -> tuple[DateMention | None, Span | None]:
        # when the dead were killed, before when they were told of
        for figure in sorted(draft.figures, key=lambda f: f.date_told):
            if figure.date and figure.date.value:
                return figure.date, _span(figure.date)
        for offset in range(0, CONTEXT_SENTENCES + 1):
            for mention in context.dates_in(draft.anchor - offset):
                if mention.value is None:
                    continue
                if (
                    offset == 0
                    and told_at is not None
                    and context.apart(told_at, mention.start)
                ):
                    continue  # "killed 80 a day after ... on Monday"
                return mention, _span(mention)
        return None, None


def _abroad(places: list[PlaceMatch]) -> list[PlaceMatch]:
    """Return the towns of a sentence that tells of another country by name:
    "In Iraq ... an attack on the town of Haditha". Not a bare foreign town,
    which is mostly where a report was filed or where people fled. (Asked of
    the sentence before only when the figure's sentence refers back to its attack:
    "At least 20 militants were killed in the failed attack".)"""
    countries = {p.country for p in places if p.precision == "country"}
    return [p for p in places if p.country in countries and p.precision != "country"]


def _told_at(context: "Context", draft: _Draft) -> int | None:
    """Return where the anchor sentence tells the draft's toll, if it does."""
    return next(
        (
            f.start
            for f in draft.figures
            if context.sentence_of(f.start) == draft.anchor
        ),
        None,
    )


# A photo's credit, after its caption: "(AFP Photo)", "(TRT World and Agencies)".
PHOTO_CREDIT = (
    r"(?:\((?:[A-Z][\w ]{0,20} Photo|Photo:? [A-Z][\w ]{0,20}|"
    r"TRT World and Agencies)\)|\[click to enlarge\])"
)
CREDIT_AT_END = re.compile(PHOTO_CREDIT + r"[\s.]*$")
CREDIT_AT_START = re.compile(PHOTO_CREDIT)
CREDIT_TOKENS = 8  # a credit is shorter than this
PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def _kept_up_for(doc: Doc, hit: Hit) -> bool:
    """Return whether the act was kept up for a span of time, a campaign and
    not one incident: "after two years of bombardment and siege"."""
    head = doc[hit.start : hit.end].root
    while head.dep_ == "conj":
        head = head.head  # "siege" of "bombardment and siege"
    of = head.head
    return head.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_ in PERIOD_NOUNS


def _telling_more(context: "Context", draft: _Draft, hit: Hit | None) -> list[int]:
    """Return the sentence after the draft's anchor if it tells more of the
    same attack, else []: a trigger of the same kind, and no dead, day or
    "also" of its own ("Assad's forces are also stepping up chlorine
    attacks ... near Damascus", "the late Monday strike on Boukamal" after
    "Another airstrike ... on Tuesday" tell of other attacks)."""
    after = draft.anchor + 1
    if hit is None or after >= len(context.sentences):
        return []
    told = {context.sentence_of(f.start) for f in draft.figures}
    others = {context.sentence_of(f.start) for f in context.figures} - told
    same_kind = any(
        h.trigger.sub_event_type == hit.trigger.sub_event_type
        for h in context.hits_in(after)
    )
    own = (
        after in others
        or context.dates_in(after)
        or _says_also(context.sentences[after])
    )
    return [after] if same_kind and not own else []


def _told_in_full_below(context: "Context", index: int, with_figures: set[int]) -> bool:
    """Return whether a later sentence with dead of an event tells sentence
    `index`'s act in the same words: a teaser over a keyword list ("Three
    suicide bombers blew themselves up near the police headquarters in
    Damascus on Wednesday. Tags Syria Damascus ... Three suicide bombers blew
    themselves up near the police headquarters in Damascus on Wednesday
    killing at least one person"). The later one tells it in full."""
    sentence = context.sentences[index]
    act = sentence.doc[context.hits_in(index)[0].start : sentence.end]
    # the act and what follows it, else the whole sentence: a word or two
    # ("... after being hit by airstrikes") may be told of any attack
    told = act if len(act) >= SAME_WORDS else sentence
    words = told.text.rstrip(" .")
    return any(words in context.sentences[i].text for i in with_figures if i > index)


def _says_also(sentence: TextSpan) -> bool:
    """Return whether `sentence` says "also" anywhere: of its own act ("are
    also stepping up chlorine attacks") or of a telling ("also reported
    eight civilians killed"), it tells of more than the sentence before."""
    return any(t.lower_ == "also" for t in sentence)


def _caption(sentence: TextSpan) -> bool:
    """Return whether `sentence` is a photo's caption: a credit closes it and
    it tells in the present what the picture shows ("A boy cries as he sits on
    the rubble after a missile hit..."). It illustrates the story; it is no
    incident of its own."""
    if sentence.root.tag_ not in PRESENT_TAGS:
        return False
    last = sentence[-CREDIT_TOKENS:].text
    after = sentence.doc[sentence.end : sentence.end + CREDIT_TOKENS].text
    return bool(CREDIT_AT_END.search(last) or CREDIT_AT_START.match(after))


def _told_of_elsewhere(
    context: "Context", index: int, place: PlaceMatch | None
) -> bool:
    """Return whether sentence `index` names only places in governorates
    other than `place`'s (Damascus and its countryside are one)."""
    if place is None or not place.admin1_code:
        return False
    region = region_code(place.admin1_code)
    named = [p for p in context.syrian_places(index) if p.precision != "country"]
    return bool(named) and all(region_code(p.admin1_code) != region for p in named)


def _taking(context: "Context", draft: _Draft) -> Hit | None:
    """Return the capture a draft without dead stands on, which no
    neighbour's act overrules: "The Syrian army on Wednesday established
    full control of al-Masasneh village" beside the air strikes told next."""
    hits = context.hits_in(draft.anchor)
    if draft.figures or any(
        h.trigger.priority >= MIN_STANDALONE_PRIORITY for h in hits
    ):
        return None
    return next((h for h in hits if h.trigger.sub_event_type == TERRITORY), None)


def _tells_of_a_place(trigger: Token) -> bool:
    """Return whether a capture only tells what a place is: "a town in
    northern Syria recently captured by Kurdish forces" is where IS attacked,
    not an event of its own."""
    place = trigger.head
    return (
        trigger.tag_ == "VBN"
        and trigger.dep_ in ("acl", "relcl", "amod")
        and (place.lemma_ in PLACE_NOUNS or place.ent_type_ in ("GPE", "LOC"))
    )


def _only_meant(trigger: Token) -> bool:
    """Return whether a capture is only what someone set out to do: "an
    operation to recapture the whole city", "regime forces have been battling
    to recapture", "They have been unable to recapture". Not "IS managed to
    control the gas fields", "was able to take full control"."""
    return (
        trigger.pos_ == "VERB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
        and trigger.head.lemma_ not in ACHIEVING_WORDS
    )


def _refers_back(context: "Context", index: int) -> bool:
    """Return whether sentence `index` tells more of an attack already told:
    its acts are "the blast", "the bombing", "this attack", with no day of
    their own ("The blast hit the Rashidin area on Aleppo's outskirts")."""
    if context.dates_in(index):
        return False
    hits = context.hits_in(index)
    return bool(hits) and all(
        _definite(context.doc[h.start : h.end].root) for h in hits
    )


def _more_of_the_last(
    context: "Context", figure: CasualtyFigure, index: int, draft: _Draft
) -> bool:
    """Return whether `figure`, told far on in a sentence with no act, day or
    place of its own, tells more of the last incident: its wounded ("About
    100 people were wounded according to the medical source in the city"),
    unless the sentence counts dead of its own; or another source's toll of
    its dead ("The Syrian Observatory gave a slightly lower toll of 31 people
    killed"). Not a count of dead without "toll": "85 troops were killed"
    may sum up several incidents."""
    if context.hits_in(index) or context.dates_in(index) or context.places_in(index):
        return False
    told_here = [f for f in context.figures if context.sentence_of(f.start) == index]
    if figure.kind == "injured":
        return not any(f.kind == "killed" for f in told_here)
    dead = [f for f in draft.figures if f.kind == "killed"]
    return (
        figure.kind == "killed"
        and figure.claimed_by is not None
        and bool(dead)
        and all(f.claimed_by != figure.claimed_by for f in dead)
        and any(t.lemma_ == "toll" for t in context.sentences[index])
    )


def _last_attack_told(
    context: "Context", drafts: list[_Draft], index: int
) -> _Draft | None:
    """Return the draft that sentence `index` refers back to ("the attack
    killed more than 100 people"): the last one told before it, when no
    sentence between tells of an attack of its own."""
    if not _refers_back(context, index):
        return None
    before = [d for d in drafts if d.anchor < index]
    if not before:
        return None
    last = max(before, key=lambda d: d.anchor)
    told_since = [
        i for i in range(last.anchor + 1, index) if not _refers_back(context, i)
    ]
    if any(
        h.trigger.priority >= MIN_STANDALONE_PRIORITY
        for i in told_since
        for h in context.hits_in(i)
    ):
        return None
    return last


def _rival_claim(
    context: "Context", figure: CasualtyFigure, index: int, draft: _Draft
) -> bool:
    """Return whether `figure` is another source's count of the dead the
    sentence before gave the draft: "Pro-Damascus media said a suicide
    attacker ... killed at least 22 people. The Observatory said the death
    toll was at least 24." Its sentence tells no act of its own."""
    before = [
        f
        for f in draft.figures
        if context.sentence_of(f.start) == index - 1 and f.kind == figure.kind
    ]
    return (
        figure.claimed_by is not None
        and not context.hits_in(index)
        and bool(before)
        and all(f.claimed_by not in (None, figure.claimed_by) for f in before)
        and figure.victims in {"unknown"} | {f.victims for f in before}
        and figure.perpetrator in {None} | {f.perpetrator for f in before}
        and not _says_also(context.sentences[index])
    )


def _definite(noun: Token) -> bool:
    """Return whether `noun` is "the"/"this" act, not "another" or "a" one;
    "the air force" and "the jets" are who acted, not a told act."""
    words = {c.lower_ for c in noun.children if c.dep_ in ("det", "amod", "poss")}
    return (
        noun.lemma_.lower() in ACT_NOUNS
        and bool(words & DEFINITE_DETERMINERS)
        and not words & (ANOTHER | SET_APART_WORDS)
    )


def _held_not_used(trigger: Token) -> bool:
    """Return whether the weapon at `trigger` names what is held, made or
    watched, not an attack: "the chemical weapons program", "chemical
    weapons inspectors", "the Prohibition of Chemical Weapons"."""
    if trigger.dep_ == "compound":
        return trigger.head.lemma_.lower() in HOLDING_NOUNS
    if trigger.dep_ == "dobj" and trigger.head.lemma_ in HOLDING_VERBS:
        return True
    of = trigger.head
    return (
        trigger.dep_ == "pobj"
        and of.lower_ == "of"
        and of.head.lemma_.lower() in HELD_OF_NOUNS
    )


def _in_support(trigger: Token) -> bool:
    """Return whether the attack at `trigger` only backs the actor the
    sentence tells of: "the Syrian army, backed by Syrian and Russian
    airstrikes, established control over a number of towns", "Kurdish
    fighters backed by US-led air strikes". Not when the backing is what the
    sentence tells: "The offensive was backed by air strikes that killed 12
    civilians"."""
    token = trigger
    while token.dep_ in ("conj", "compound", "amod") and token.head != token:
        token = token.head
    by = token.head
    backing = by.head
    return (
        token.dep_ == "pobj"
        and by.lower_ == "by"
        and backing.lemma_ in SUPPORT_VERBS
        and backing.dep_ in ("acl", "advcl", "amod")
    )


def _dropped(bombs: Token) -> bool:
    """Return whether the bombs at `bombs` are what something dropped."""
    return bombs.dep_ == "dobj" and bombs.head.lemma_ == "drop"


def _shooters_hit(trigger: Token) -> bool:
    """Return whether the gunmen or snipers at `trigger` are those killed or
    wounded, not the attack: "killing at least 30 pro-regime gunmen", "50
    gunmen were killed"; not "gunmen killed 5", "killed by a sniper"."""
    return (
        trigger.lower_ in SHOOTERS
        and trigger.dep_ in VICTIM_DEPS
        and trigger_kind(trigger.head) is not None
    )


def _not_done(trigger: Token) -> bool:
    """Return whether the sentence says the attack at `trigger` did not
    happen: "no mention of any strikes", "did not carry out any raids",
    "neither Russian nor Syrian jets struck", "halted airstrikes", "denied
    carrying out"."""
    noun = trigger
    while True:
        if any(c.lower_ == "no" for c in noun.children):
            return True  # "no airstrikes", "no mention of any strikes"
        if noun.dep_ != "pobj" or noun.head.lower_ != "of":
            break
        noun = noun.head.head
    verbs = [t for t in (trigger, *trigger.ancestors) if t.pos_ in ("VERB", "AUX")]
    for verb in verbs[:2]:
        subject = subject_of(verb)
        if (
            verb.lemma_ in CEASING_VERBS
            or any(c.dep_ == "neg" for c in verb.children)
            or (
                subject is not None
                and any(t.lower_ == "neither" for t in subject.subtree)
            )
        ):
            return True
        if verb.dep_ not in ("xcomp", "pcomp"):
            break  # "denied carrying out": the verb above counts too
    return False


def _adds_more(doc: Doc, figure: CasualtyFigure) -> bool:
    """Return whether the figure counts dead besides those told before it:
    "Another 42 people were killed", "It reported five more deaths", "Another
    airstrike killed ..."."""
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    # (one person "also killed" is one of the dead: _singles_beside_tolls)
    return span is not None and (
        _told_as_others(span) or (_also_done(span) and not _one_person(figure))
    )


def _others_dead(doc: Doc, draft: _Draft) -> bool:
    """Return whether a draft's dead are told as others than those told
    before it ("Another airstrike ... killing a woman and nine children")."""
    return any(
        (span := doc.char_span(f.start, f.end, alignment_mode="expand")) is not None
        and _told_as_others(span)
        for f in _killed(draft)
    )


def _told_as_others(span: TextSpan) -> bool:
    """Return whether a figure's words say its dead are others than those
    told before: "another", "more", "a separate raid"; not a bare "also"."""
    doc = span.doc
    before = doc[span.start - 1 : span.start] if span.start > 0 else []
    return (
        any(t.lower_ in ANOTHER for t in (*before, *span))
        or any(t.like_num and more_after(doc, t.i) for t in span)
        or _another_attack(span)
    )


OTHER_ATTACK = ANOTHER | {"second", "separate"}


def _another_attack(span: TextSpan) -> bool:
    """Return whether the deed that killed them is another attack: "Another
    airstrike ... hit a village on Tuesday killing a woman and nine children",
    "a separate raid killed five"."""
    return any(
        child.dep_ in ("nsubj", "nsubjpass")
        and child.lower_ in ATTACK_NOUNS
        and any(g.lower_ in OTHER_ATTACK for g in child.children)
        for verb in (span.root, *span.root.ancestors)
        if verb.pos_ in ("VERB", "AUX")
        for child in verb.children
    )


def _also_done(span: TextSpan) -> bool:
    """Return whether a verb over the figure's words says "also" of a deed:
    "airstrikes also killed seven civilians in al-Husainiyah", "terrorists
    also fired rocket shells ... killing two"; not of a telling ("state
    media also reported four dead"), the same dead told by another."""
    verbs = {
        token
        for word in span
        for token in (word, *word.ancestors)
        if token.pos_ in ("VERB", "AUX") and token.lemma_ not in CLAIMING_VERBS
    }
    return any(
        child.lower_ == "also" and child.dep_ == "advmod"
        for verb in verbs
        for child in verb.children
    )


def _another_act(context: "Context", index: int, draft: _Draft) -> bool:
    """Return whether sentence `index` names an act that stands on its own
    (an execution, a bombing) of another event type than the one the
    draft's anchor names: the 48 troops executed in a village are not the
    suicide bombing told in the sentence before."""
    if index == draft.anchor:
        return False
    there = context.best_hit(draft.anchor)
    if there is None or there.trigger.priority < MIN_STANDALONE_PRIORITY:
        return False

    def standing(hits: list[Hit | None]) -> list[Hit]:
        return [h for h in hits if h and h.trigger.priority >= MIN_STANDALONE_PRIORITY]

    # its own acts, else the one a neighbour lends ("killed in the attack")
    acts = standing(context.hits_in(index)) or standing([context.best_hit(index)])
    return bool(acts) and all(
        hit.trigger.event_type != there.trigger.event_type for hit in acts
    )


def _on_another_day(figure: CasualtyFigure, figures: list[CasualtyFigure]) -> bool:
    """Return whether `figure` cannot tell of the dead of any dated one of
    `figures`: its days and theirs do not meet."""
    days = _days(figure)
    others = [d for d in map(_days, figures) if d is not None]
    return days is not None and bool(others) and not any(_meet(days, d) for d in others)


def _days(figure: CasualtyFigure) -> tuple[date | None, date] | None:
    """Return the first and last day the figure's dead may have been killed
    on: the day the text says, any day of the month it says ("a double bomb
    blast in February that killed 57"), or any day up to the one it was told
    on ("the Observatory said on Thursday"; first None)."""
    when = figure.date
    if when is None or when.value is None:
        return None
    if when.precision == "month":
        last = monthrange(when.value.year, when.value.month)[1]
        return when.value.replace(day=1), when.value.replace(day=last)
    if when.precision != "day":
        return None
    return None if figure.date_told else when.value, when.value


def _meet(a: tuple[date | None, date], b: tuple[date | None, date]) -> bool:
    """Return whether two spans of days (first None: open) share a day."""
    return (a[0] is None or a[0] <= b[1]) and (b[0] is None or b[0] <= a[1])


def _told_again(figure: CasualtyFigure, figures: list[CasualtyFigure]) -> bool:
    """Return whether `figures` hold the same count of the same people (or of
    people the other telling does not say who were: "the names of all 18
    killed")."""
    return any(
        (f.kind, f.low, f.high) == (figure.kind, figure.low, figure.high)
        and (f.victims == figure.victims or "unknown" in (f.victims, figure.victims))
        for f in figures
    )


def _counted_again(figure: CasualtyFigure, figures: list[CasualtyFigure]) -> bool:
    """Return whether `figures` count as many of the same kind and people as
    `figure`, however loosely ("at least eight" and "eight")."""
    return _same_count(figure, [f for f in figures if f.victims == figure.victims])


def _vaguely_told(figure: CasualtyFigure, figures: list[CasualtyFigure]) -> bool:
    """Return whether `figure` or every toll of its kind in `figures` is vague."""
    same_kind = [f for f in figures if f.kind == figure.kind]
    return figure.vague or bool(same_kind) and all(f.vague for f in same_kind)


def _located(place: PlaceMatch | None) -> bool:
    """Return whether `place` tells incidents apart; a whole country does not
    ("Air raid kills 21 at Syria market" is the lead's raid in Aleppo)."""
    return place is not None and place.precision != "country"


def _elsewhere_told(
    context: "Context",
    figure: CasualtyFigure,
    figures: list[CasualtyFigure],
    retold: bool,
) -> bool:
    """Return whether `figure` names a place other than those `figures`
    name. A town and its governorate are one place for the same toll ("88
    dead in Daraa" told again in "Daraa province"), not for other counts."""
    here = figure.place if _located(figure.place) else None
    places = [f.place for f in figures if _located(f.place)]
    if here is None or not places or any(here.name == p.name for p in places):
        return False
    same_toll = retold or _same_count(figure, figures)
    return not (
        same_toll and any(_town_and_governorate(context, here, p) for p in places)
    )


def _town_and_governorate(context: "Context", a: PlaceMatch, b: PlaceMatch) -> bool:
    """Return whether one place is a governorate and the other lies in it
    ("Khan Shaykhun" and "Idlib province")."""
    return _within(context, a, b) or _within(context, b, a)


def _within(context: "Context", outer: PlaceMatch, inner: PlaceMatch) -> bool:
    """Return whether `outer` is a governorate, or stands for one, and
    `inner` lies in it. The countryside of Damascus (Rif Dimashq) counts as
    the city's: "near Damascus" in the headline, "Sayyida Zaynab" in the
    lead."""
    return (
        _wide(context, outer)
        and outer.country == inner.country
        and region_code(outer.admin1_code) == region_code(inner.admin1_code)
    )


def _wide(context: "Context", place: PlaceMatch) -> bool:
    """Return whether `place` is a governorate, or stands for one. In the
    lead, a city that shares its governorate's name may stand for either:
    "Syria's Aleppo" there and "Sheikh Maqsoud" further down; in the body
    "Aleppo" is the city."""
    return place.precision == "governorate" or (
        place.name == place.admin1 and context.sentence_of(place.start) in context.lead
    )


def _same_count(figure: CasualtyFigure, figures: list[CasualtyFigure]) -> bool:
    """Return whether `figures` hold a count of the same kind and number
    ("88 dead", "at least 88 rebel and regime forces have been killed")."""
    return any(
        f.kind == figure.kind and f.best is not None and f.best == figure.best
        for f in figures
    )


def _ground_raid(
    context: "Context", trigger: Trigger | None, perpetrator: ActorMention | None
) -> bool:
    """Return whether a bare "raid" was carried out on the ground.

    Reports say "raids" for air raids, but a group without aircraft raids on
    the ground ("the toll from the IS raid on the oilfield rose to 115"),
    unless the article leads with an air attack and the raid is that one.
    """
    if (
        trigger is None
        or trigger.phrase not in AMBIGUOUS_RAIDS
        or perpetrator is None
        or perpetrator.kind not in NO_AIRCRAFT_KINDS
    ):
        return False
    return not any(
        h.trigger.method == trigger.method and h.trigger.phrase not in AMBIGUOUS_RAIDS
        for h in context.lead_hits()
    )


CLASH_TRIGGERS = frozenset(
    "clashes clashed fighting battle battles gun battle firefight "
    "raid raids assault offensive ambush".split()
)
CIVILIAN_WORDS = frozenset(
    "civilian civilians people residents children women families villagers".split()
)


def _infer_victims(event: EventRecord, context: "Context") -> EventRecord:
    """Return `event` with the unstated victims of a clash set to combatants.

    When armed groups fight each other and the report gives a toll without
    saying who died ("40 dead in clashes between rival groups"), the dead are
    fighters; the figure says it was inferred.
    """
    if event.sub_event_type != ARMED_CLASH or not any(
        c.victims == "unknown" for c in event.claims
    ):
        return event
    claims = []
    for claim in event.claims:
        index = context.sentence_of(claim.start)
        words = {t.lower_ for t in context.sentences[index]}
        if (
            claim.victims == "unknown"
            and words & CLASH_TRIGGERS
            and not words & CIVILIAN_WORDS
        ):
            claim = replace(claim, victims="combatants", victims_inferred=True)
        claims.append(claim)
    return replace(event, claims=tuple(claims))


def _title_victims(
    figures: list[CasualtyFigure], title: tuple[int, int] | None
) -> list[CasualtyFigure]:
    """Return `figures` with the title's bare counts told who they were.

    A headline shortens: "Three killed over 70 injured in terrorist attacks"
    over a story whose every dead is a civilian ("two persons including a
    child were killed", "a woman was killed") counts civilians. The story's
    figures of the same kind must all name the one class, civilians or
    combatants; a story that names none, or both, leaves the count unknown.
    `title` is where the text repeats the article's title (doc._.title_span).
    """
    if title is None:
        return figures

    def in_title(figure: CasualtyFigure) -> bool:
        return title[0] <= figure.start < title[1]

    told = []
    for figure in figures:
        if figure.victims == "unknown" and not figure.cumulative and in_title(figure):
            classes = {
                f.victims
                for f in figures
                if f.kind == figure.kind
                and not (f.cumulative or in_title(f) or f.victims == "unknown")
            }
            if len(classes) == 1 and classes <= {"civilians", "combatants"}:
                figure = replace(figure, victims=classes.pop(), victims_inferred=True)
        told.append(figure)
    return told


RESPONSIBLE = frozenset({"responsibility", "responsible"})
DEFINITE = frozenset("the this that these those".split())
DENYING_VERBS = frozenset({"deny", "reject", "dismiss"})
NEAR_BEFORE, NEAR_AFTER = 1, 4  # sentences around the event's own


def _held_responsible(
    context: "Context", event: EventRecord, others: list[EventRecord]
) -> EventRecord:
    """Return the lead event with the perpetrator the article holds responsible.

    A report that does not say who struck often says who is accused or who
    claimed it: "the opposition accused the army of gassing hundreds", "the
    regime bears primary responsibility for the attack", "the Islamic State
    group claimed responsibility for the attack", "an attack carried out by
    Assad's forces". The first such actor near the event's sentence, or
    anywhere for "the attack" or an attack of the event's kind, becomes the
    perpetrator, the sentence that names it the evidence. Not an actor held
    responsible for one of the `others`, an act of another kind told there
    ("a chemical attack blamed on the Assad regime").
    """
    anchor = context.sentence_of(event.evidence[0].start)
    told_of_others = {
        context.sentence_of(e.evidence[0].start)
        for e in others
        if e.sub_event_type != event.sub_event_type
    }
    for index in range(len(context.sentences)):
        found = _accused(context.doc, context.sentences[index])
        if found is None:
            continue
        accused, referent = found
        near = anchor - NEAR_BEFORE <= index <= anchor + NEAR_AFTER
        same_kind = any(
            h.trigger.sub_event_type == event.sub_event_type
            for h in context.hits_in(index)
        )
        definite = referent is not None and any(
            c.lower_ in DEFINITE or c.dep_ == "poss" for c in referent.children
        )
        if (
            not (near or same_kind or definite)
            or _elsewhere(context, index, event)
            or index in told_of_others
        ):
            continue
        # An actor named in the accused's own words, up to its head noun:
        # what hangs after it belongs to the accusation ("accused the
        # residents of collaboration with the Syrian government"), so
        # casualty_links' phrase extent, which takes it in, would name the
        # wrong actor. A name may run on past the head: "forces loyal to Assad".
        start, end = accused.left_edge.idx, accused.idx + len(accused)
        actor = next(
            (a for a in context.belligerents(index) if start <= a.start < end),
            None,
        )
        if actor is not None:
            return _with_perpetrator(event, actor, context.span_of(index))
    return event


def _elsewhere(context: "Context", index: int, event: EventRecord) -> bool:
    """Return whether sentence `index` tells of another place or year than
    the event's: "... chemical strikes in Eastern Ghouta in August 2013"."""
    places = [p for p in context.syrian_places(index) if p.precision != "country"]
    if event.place is not None and places:
        here = {(p.name, p.admin1_code) for p in places}
        if not any(
            name == event.place.name or code == event.place.admin1_code
            for name, code in here
        ):
            return True
    years = {d.value.year for d in context.dates_in(index) if d.value is not None}
    return event.date is not None and bool(years) and event.date.year not in years


def _accused(doc: Doc, sentence) -> tuple | None:
    """Return (who is held responsible, for what) in `sentence`, if anyone."""
    for token in sentence:
        if token.lemma_ in BLAME_VERBS and token.pos_ == "VERB":
            accused = dependent(token, "dobj")
            # "blamed the attack on rebels"; spaCy may hang "on" from "attack"
            on = objects_of(token, {"on"}) or (
                objects_of(accused, {"on"}) if accused is not None else []
            )
            if on:
                return on[0], accused
            what = token  # "blamed X for the attack", "accused X of gassing"
        elif token.lemma_ in RESPONSIBLE and token.dep_ in ("dobj", "acomp", "attr"):
            # "X bears responsibility for", "X claimed responsibility for"
            accused = subject_of(token.head)
            what = token
        elif token.lemma_ == CLAIM and token.pos_ == "VERB":
            if found := _claimed_the_attack(token):
                return found
            continue
        elif token.lower_ == "behind" and token.head.lemma_ == "be":
            if found := _said_to_be_behind(token):
                return found
            continue
        elif token.lower_ == "by" and token.head.lemma_ == "carry":
            accused = dependent(token, "pobj")
            carried = token.head  # "an attack carried out by X", "the strike was"
            subject = dependent(carried, "nsubjpass")
            referent = carried.head if carried.dep_ in ("acl", "relcl") else subject
            if accused is not None:
                return accused, referent
            continue
        else:
            continue
        if accused is not None:
            objects = objects_of(what, {"for", "of"})
            return accused, objects[0] if objects else None
    return None


def _claimed_the_attack(claimed: Token) -> tuple | None:
    """Return (who, what) for "IS claimed the attack"; not "the bombing
    claimed 5 lives", nor "IS has claimed previous bombings in the region"."""
    act = dependent(claimed, "dobj")
    accused = subject_of(claimed)
    if (
        act is not None
        and accused is not None
        and act.lower_ in ATTACK_NOUNS
        and any(c.lower_ in DEFINITE or c.dep_ == "poss" for c in act.children)
        and not any(c.lower_ in SET_APART_WORDS for c in act.children)
    ):
        return accused, act
    return None


def _said_to_be_behind(behind: Token) -> tuple | None:
    """Return (who, what) for "IS is believed to be behind the suicide
    attack"; not "the government denied its forces were behind the attack"."""
    act = dependent(behind, "pobj")
    verb = behind.head
    if verb.dep_ == "xcomp":
        verb = verb.head  # "is believed to be behind": who is believed
    accused = subject_of(verb) or dependent(verb, "nsubjpass")
    if act is None or accused is None or act.lower_ not in ATTACK_NOUNS:
        return None
    denied = any(
        t.lemma_ in DENYING_VERBS or any(c.dep_ == "neg" for c in t.children)
        for t in (behind.head, *behind.head.ancestors)
    )
    return None if denied else (accused, act)


def _with_perpetrator(
    event: EventRecord, actor: ActorMention, sentence: Span
) -> EventRecord:
    roles = [r for r in event.actors if r.name != actor.name]
    field_evidence = dict(event.field_evidence)
    field_evidence["actors"] = [Span(actor.start, actor.end, actor.text)]
    evidence = _once([*event.evidence, sentence])
    summary = _summary(
        event.sub_event_type, actor, event.place, event.killed_best, event.evidence[0]
    )
    return replace(
        event,
        perpetrator=actor.name,
        actors=(EventActorRole(actor.name, actor.kind, "perpetrator"), *roles),
        evidence=evidence,
        field_evidence=field_evidence,
        summary=summary,
    )


def _singles_beside_tolls(figures: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """Return `figures` with each person told of singly marked part of the toll.

    "At least 19 civilians were killed ... a pregnant woman was also among
    the dead", "... One civilian was also killed": she is one of the 19 (or
    one more), not a claim that one died.
    """
    tolls = {
        f.kind
        for f in figures
        if not (_one_person(f) or f.part_of_total or f.best == 1)  # "at least one"
    }
    return [
        replace(f, part_of_total=True) if _one_person(f) and f.kind in tolls else f
        for f in figures
    ]


def _updated_by_a_later_telling(
    figures: list[CasualtyFigure],
) -> list[CasualtyFigure]:
    """Return `figures` with a toll its claimant told again on a later day
    marked superseded: "The Observatory reported on Thursday that 90 people
    had been killed ... But on Saturday the Observatory quoted sources as
    saying that IS had killed and executed 270 people". The later toll may
    carry its day as if it were when they died; in one event, it is when it
    was told. Other claimants' tolls stay rival claims."""

    def dated(figure: CasualtyFigure) -> date | None:
        known = figure.date and figure.claimed_by and not figure.part_of_total
        return figure.date.value if known else None

    def updated(figure: CasualtyFigure) -> bool:
        day = dated(figure) if figure.date_told else None
        return day is not None and any(
            (later := dated(other)) is not None
            and later > day
            and (other.kind, other.claimed_by) == (figure.kind, figure.claimed_by)
            for other in figures
        )

    return [replace(f, superseded=True) if updated(f) else f for f in figures]


def _updated_by_a_risen_toll(figures: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """Return `figures` with the smaller tolls of an event whose toll has
    risen marked superseded: "leaving 12 civilians dead ... the number of
    civilians martyred has become around 40", "the toll has risen to 85"."""
    risen: dict[str, int] = {}  # kind -> the largest toll said to have risen
    for f in figures:
        if f.best and not f.part_of_total and RISEN_TOLL.search(f.text):
            risen[f.kind] = max(risen.get(f.kind, 0), f.best)

    def updated(figure: CasualtyFigure) -> bool:
        toll = risen.get(figure.kind)
        return (
            toll is not None
            and figure.best is not None
            and figure.best < toll
            and not (figure.part_of_total or figure.single)
        )

    return [replace(f, superseded=True) if updated(f) else f for f in figures]


def _parts_of_a_sum(
    context: "Context", figures: list[CasualtyFigure]
) -> list[CasualtyFigure]:
    """Return an event's `figures` with the tolls that count part of its
    dead marked parts: "Terrorist rocket attacks ... kill 10 civilians" over
    "claiming the lives of three civilians" and, next, "seven civilians were
    killed" in an earlier rocket attack that day.

    The lead gives the total, for one place; the parts are the tolls told
    next, one after another, and they add up to it exactly (a toll the
    source gave "earlier" too). As far as they say, they tell of the same
    kind of act on the same day in the same place. Not Old Damascus
    shelling's "four civilians" per the monitor, "two people" per state
    media, and "three suicide bombers killed at least two" since: the two
    tolls of the shelling are rival claims.
    """
    exact = [f for f in figures if f.kind == "killed" and _a_count(f)]
    if not exact:
        return figures
    total = max(f.best for f in exact)
    tellings = [f for f in exact if f.best == total]
    told = max(f.start for f in tellings)
    smaller = {claim_key(f) for f in exact if f.best < total and f.start > told}
    told_in = {context.sentence_of(f.start) for f in tellings}
    if (
        not smaller
        or context.sentence_of(told) not in context.lead
        or any(_places_apart(context, index) for index in told_in)
    ):
        return figures
    after = sorted(
        {
            claim_key(f): f
            for f in context.figures
            if f.kind == "killed"
            and f.start > told
            and _gives_a_number(f)
            and not f.cumulative
        }.values(),
        key=_start,
    )
    run = _run_adding_up(after[:MAX_PARTS], total)
    days = {f.date.value for f in tellings if f.date}
    if (
        not run
        or not smaller & {claim_key(f) for f in run}
        or any(_on_a_day_not_in(f, days) for f in run)
        or any(_at_another_place(context, f, tellings) for f in run)
        or len(_named_acts(context, [*exact, *run])) > 1
    ):
        return figures
    parts = {claim_key(f) for f in run}
    return [
        replace(f, part_of_total=True) if claim_key(f) in parts else f for f in figures
    ]


def _places_apart(context: "Context", index: int) -> bool:
    """Return whether sentence `index` names Syrian places that lie apart:
    "... in Aleppo and Deir Ezzor"."""
    places = [p for p in context.syrian_places(index) if _located(p)]
    return any(not _one_place(context, a, b) for a in places for b in places)


def _named_acts(context: "Context", figures: list[CasualtyFigure]) -> set[str]:
    """Return the kinds of act that the figures' sentences name by weapon."""
    acts = set()
    for figure in figures:
        hits = context.hits_in(context.sentence_of(figure.start))
        named = strongest([h for h in hits if h.trigger.priority >= MIN_NAMED_PRIORITY])
        if named is not None:
            acts.add(named.trigger.sub_event_type)
    return acts


def _at_another_place(
    context: "Context", figure: CasualtyFigure, tellings: list[CasualtyFigure]
) -> bool:
    """Return whether `figure` or its sentence names a place that the
    total's `tellings` neither name nor contain: "two more civilians were
    killed in ... Maarrat Misrin" is no part of ten killed in Idlib."""
    places = [f.place for f in tellings if _located(f.place)]
    index = context.sentence_of(figure.start)
    heres = [p for p in [figure.place, *context.syrian_places(index)] if _located(p)]
    return bool(places) and not all(
        any(_one_place(context, here, p) for p in places) for here in heres
    )


def _one_place(context: "Context", a: PlaceMatch, b: PlaceMatch) -> bool:
    """Return whether two places are one, or one lies in the other."""
    return a.name == b.name or _town_and_governorate(context, a, b)


def _on_a_day_not_in(figure: CasualtyFigure, days: set[date]) -> bool:
    return bool(days and figure.date and figure.date.value not in days)


def _a_count(figure: CasualtyFigure) -> bool:
    """Return whether the figure gives a number its event counts."""
    return _gives_a_number(figure) and not figure.superseded


def _gives_a_number(figure: CasualtyFigure) -> bool:
    """Return whether the figure gives a number as a toll of its own."""
    return figure.best is not None and not (figure.vague or figure.part_of_total)


def _run_adding_up(
    figures: list[CasualtyFigure], total: int
) -> list[CasualtyFigure] | None:
    """Return the figures from the first on that add up to `total`, if two
    or more do."""
    sum_ = 0
    for end, figure in enumerate(figures):
        sum_ += figure.best
        if sum_ >= total:
            return figures[: end + 1] if sum_ == total and end else None
    return None


def _one_person(figure: CasualtyFigure) -> bool:
    """Return whether the figure counts one person: "a child was killed",
    "the commander Abu Taha", "one beheaded"."""
    return figure.single or (figure.low, figure.high) == (1, 1)


def _parts_told_again(figures: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """Return `figures` with a part of a toll told again as a figure of its own
    marked a part too: "Russia says kills 7 Nusra Front field commanders" above
    "killed 49 Nusra Front militants including seven of its field commanders",
    or "the 10 civilians killed in strikes on the bus" after "killed 31
    civilians including 10 when their bus was hit". Not "five civilians"
    beside "five children" of a toll: those are other people."""
    parts = [f for f in figures if f.part_of_total]
    largest: dict[str, int] = {}
    for f in figures:
        if not f.part_of_total and f.best is not None:
            largest[f.kind] = max(largest.get(f.kind, 0), f.best)

    def told_again(figure: CasualtyFigure) -> bool:
        return (
            not figure.part_of_total
            and figure.best is not None
            and figure.best < largest[figure.kind]
            and any(_same_part(part, figure) for part in parts)
        )

    return [replace(f, part_of_total=True) if told_again(f) else f for f in figures]


def _same_part(part: CasualtyFigure, figure: CasualtyFigure) -> bool:
    """Return whether `figure` counts the same people as the toll's `part`."""
    count = (figure.kind, figure.low, figure.high)
    same_count = (part.kind, part.low, part.high) == count
    unknown = "unknown" in (part.victims, figure.victims)
    return same_count and (unknown or part.victim_detail == figure.victim_detail)


def claim_key(figure: CasualtyFigure) -> tuple:
    """Return what tells one figure of an article from another.

    Not its words alone: a total and its first part can share them ("11
    soldiers and 17 rebels were killed" is read from "11" to "killed" for both).
    """
    return figure.start, figure.end, figure.low, figure.high, figure.part_of_total


def claim_bounds(
    claims: list[tuple[int | None, int | None, str | None, bool]],
) -> tuple[int | None, int | None, int | None]:
    """Return low/best/high over (low, high, detail, vague) claims; best is
    the most conservative, as ACLED codes fatalities.

    A claim counts as its low ("at least 22"), else its high ("nearly 30").
    A claim about children or women alone (its detail) counts some of the
    dead, not all: beside a claim about everyone ("13 people killed ...
    five children were killed") it is no rival. A vague claim ("dozens")
    beside one that gives a number ("at least 85") widens the high only.
    The event assembler and the recount after re-extraction both use this.
    """
    everyone = [
        (low, high, detail, vague) for low, high, detail, vague in claims if not detail
    ]
    bounded = everyone or claims
    counts = [
        (low if low is not None else high, vague) for low, high, _, vague in bounded
    ]
    values = [count for count, _ in counts if count is not None]
    if not values:
        return None, None, None
    exact = [count for count, vague in counts if count is not None and not vague]
    exact = exact or values
    highs = [high for _, high, _, _ in bounded if high is not None]
    return min(exact), min(exact), max(highs + values)


def _start(figure: CasualtyFigure) -> int:
    return figure.start


def _killed(draft: _Draft) -> list[CasualtyFigure]:
    return [f for f in draft.figures if f.kind == "killed"]


def _killed_best(draft: _Draft) -> int | None:
    return _bounds(_killed(draft))[1]


def _agree(one, two) -> bool:
    """Return whether two values agree where both are known."""
    return one is None or two is None or one == two


def _bounds(figures: list[CasualtyFigure]) -> tuple[int | None, int | None, int | None]:
    return claim_bounds(
        [
            (f.low, f.high, f.victim_detail, f.vague)
            for f in figures
            if not (f.part_of_total or f.superseded)
        ]
    )


def _once(sentences: list[Span]) -> tuple[Span, ...]:
    """Return `sentences` in order, each once by where it starts (the
    anchor's text is stripped, a figure's sentence is not)."""
    first: dict[int, Span] = {}
    for sentence in sentences:
        first.setdefault(sentence.start, sentence)
    return tuple(first.values())


def _span(mention) -> Span:
    return Span(mention.start, mention.end, mention.text)


def _summary(
    sub_event_type: str,
    perpetrator: ActorMention | None,
    place: PlaceMatch | None,
    killed: int | None,
    sentence: Span,
) -> str:
    parts = [sub_event_type or "Event"]
    if perpetrator:
        parts.append(f"by {perpetrator.name}")
    if place:
        parts.append(f"in {place.name}")
    line = " ".join(parts)
    if killed:
        line += f", {killed} killed"
    text = sentence.text
    if len(text) > SUMMARY_CHARS:
        text = text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"
    return f"{line}: {text}"


# How an event's claims are marked, in order: singles and breakdowns as parts
# of its toll, then tolls superseded by a later telling or a risen toll.
CLAIM_MARKERS = (
    _singles_beside_tolls,
    _parts_told_again,
    _updated_by_a_later_telling,
    _updated_by_a_risen_toll,
)


@Language.factory("cw_events")
def make_event_assembler(nlp: Language, name: str) -> EventAssembler:
    return EventAssembler(nlp, load_triggers())
