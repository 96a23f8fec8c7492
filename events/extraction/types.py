"""What extraction returns: frozen dataclasses, no Django.

Character offsets (`start`, `end`) index the text passed to `extract()`.
"""

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: the evidence for a fact."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ActorMention:
    """A belligerent (or claimant) named in the text, resolved to the registry."""

    name: str
    kind: str
    side: str
    start: int
    end: int
    text: str
    is_claimant: bool = False


@dataclass(frozen=True)
class PlaceMatch:
    """A place named in the text, resolved against the gazetteer."""

    name: str
    latitude: float
    longitude: float
    country: str
    admin1: str
    admin1_code: str
    geonameid: int | None
    precision: str
    feature_type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateMention:
    """A date expression resolved against the publication date (or not)."""

    value: date | None
    precision: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CasualtyFigure:
    """A reported number of people killed, injured, displaced...

    `low`/`high` bound the figure ("at least 22": low 22, high None).
    """

    kind: str
    low: int | None
    high: int | None
    victims: str
    perpetrator: str | None
    claimed_by: str | None
    place: PlaceMatch | None
    date: DateMention | None
    cumulative: bool
    sentence: Span
    start: int
    end: int
    text: str
    # True when `victims` was not stated but follows from the event: the dead
    # of a clash between armed groups are fighters unless the text says not.
    victims_inferred: bool = False
    # "children" or "women" where the text says so; the side of combatants
    # ("isis", "government", ...), from the actor named with them.
    victim_detail: str | None = None
    victim_side: str | None = None
    # True for a part of a toll told in parts ("11 soldiers and 17 rebels were
    # killed", "10 civilians, including 4 children"): the event counts the
    # total (28, 10), which is a figure of its own, not the parts.
    part_of_total: bool = False
    # True for one person told of singly ("a child was killed"): beside a
    # toll it is one of the dead, or one more, never a rival count of them.
    single: bool = False
    # True for a toll the report has since updated ("had initially given a
    # death toll of 22"): kept as a claim, not counted in the event's bounds.
    superseded: bool = False
    # True for a vague count ("dozens", "scores", "several hundred"): beside a
    # claim that gives a number it widens the event's high, not its best.
    vague: bool = False
    # True when `date` is when the figure was told ("the monitor said on
    # Sunday"), the sentence giving no date of the deaths themselves.
    date_told: bool = False

    @property
    def best(self) -> int | None:
        """The single number to count: the lower bound, else the upper."""
        return self.low if self.low is not None else self.high


@dataclass(frozen=True)
class EventActorRole:
    name: str
    kind: str
    role: str


@dataclass(frozen=True)
class EventRecord:
    """One incident: who did what to whom, where, when, how many hurt."""

    event_type: str
    sub_event_type: str
    method: str
    date: date | None
    date_precision: str
    place: PlaceMatch | None
    geo_precision: str
    actors: tuple[EventActorRole, ...]
    perpetrator: str | None
    killed_low: int | None
    killed_best: int | None
    killed_high: int | None
    injured: int | None
    civilian_targeting: bool
    summary: str
    claims: tuple[CasualtyFigure, ...]
    evidence: tuple[Span, ...]
    field_evidence: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class ExtractionResult:
    """Everything the pipeline found in one article."""

    pipeline_version: str
    title: str | None = None
    published: date | None = None
    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMatch, ...] = ()
    dates: tuple[DateMention, ...] = ()
    casualties: tuple[CasualtyFigure, ...] = ()
    events: tuple[EventRecord, ...] = ()
    error: str = ""

    def as_dict(self) -> dict:
        """Return the result as plain data (dates stay `date` objects)."""
        return asdict(self)
