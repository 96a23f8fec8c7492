"""Events assembled from articles: actors with roles, each source's casualty
claim, and the evidence span behind every field."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.expressions import RawSQL

from events.models.articles import SEARCH_CONFIG, Article
from events.models.choices import DatePrecision, GeoPrecision
from events.models.reference import Actor, Place
from events.models.urls import detail_url


class EventType(models.TextChoices):
    """ACLED's event types."""

    BATTLES = "Battles", "Battles"
    EXPLOSIONS = "Explosions/Remote violence", "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = (
        "Violence against civilians",
        "Violence against civilians",
    )
    STRATEGIC_DEVELOPMENTS = "Strategic developments", "Strategic developments"
    PROTESTS = "Protests", "Protests"
    RIOTS = "Riots", "Riots"


def _ordered(lower: str, upper: str, name: str) -> models.CheckConstraint:
    """Return a constraint that `lower` <= `upper` where both are known."""
    return models.CheckConstraint(
        condition=Q(**{f"{lower}__lte": F(upper)})
        | Q(**{f"{lower}__isnull": True})
        | Q(**{f"{upper}__isnull": True}),
        name=name,
    )


def _count_field(help_text: str) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(null=True, blank=True, help_text=help_text)


class EventQuerySet(models.QuerySet):
    def machine_made(self) -> "EventQuerySet":
        """Events no analyst has verified or corrected (extraction may replace)."""
        return self.filter(verified=False, edited=False)

    def in_period(self, start=None, end=None) -> "EventQuerySet":
        """Events dated within [start, end] (either bound may be open)."""
        events = self
        if start:
            events = events.filter(date__gte=start)
        if end:
            events = events.filter(date__lte=end)
        return events

    def involving(self, actor, role: str | None = None) -> "EventQuerySet":
        """Events `actor` took part in (in `role`, when given)."""
        links = EventActor.objects.filter(event=OuterRef("pk"), actor=actor)
        if role:
            links = links.filter(role=role)
        return self.filter(Exists(links))

    def in_governorate(self, admin1_code: str) -> "EventQuerySet":
        """Events at a Syrian place in the governorate with that GeoNames code."""
        return self.filter(place__country_code="SY", place__admin1_code=admin1_code)

    def at_place(self, place) -> "EventQuerySet":
        return self.filter(place=place)

    def with_killed_at_least(self, number: int) -> "EventQuerySet":
        """Events whose best estimate of the dead is at least `number`."""
        return self.filter(killed_best__gte=number)

    def reported_by(self, source) -> "EventQuerySet":
        """Events reported by at least one article from `source`."""
        articles = Article.objects.filter(events=OuterRef("pk"), source=source)
        return self.filter(Exists(articles))

    def search(self, query: str) -> "EventQuerySet":
        """Events reported by an article matching `query` (web search syntax).

        Ranked pages of them are `selectors.search_page`'s.
        """
        # The GIN index finds the matching articles, whose rows hold their
        # events' ids (event_ids, kept by triggers: migration 0009).
        reported = RawSQL(
            f"SELECT unnest(event_ids) FROM {Article._meta.db_table} "
            "WHERE search_vector @@ websearch_to_tsquery(%s::regconfig, %s)",
            [SEARCH_CONFIG, query],
        )
        return self.filter(pk__in=reported)

    def mappable(self) -> "EventQuerySet":
        """Events with a place that can be drawn (not only a country)."""
        return self.filter(place__isnull=False).exclude(geo_precision="country")


class Event(models.Model):
    """Something that happened: who did what to whom, where, when, how many hurt."""

    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    event_type = models.CharField(max_length=40, choices=EventType.choices)
    sub_event_type = models.CharField(max_length=60, blank=True)
    method = models.CharField(
        max_length=60, blank=True, help_text="Weapon or means: air strike, car bomb..."
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    geo_precision = models.CharField(
        max_length=12, choices=GeoPrecision.choices, blank=True
    )
    actors = models.ManyToManyField(Actor, through="EventActor", related_name="events")
    killed_low = _count_field("Lowest reported number killed.")
    killed_best = _count_field("Best estimate of the number killed.")
    killed_high = _count_field("Highest reported number killed.")
    injured_low = _count_field("Lowest reported number injured.")
    injured_best = _count_field("Best estimate of the number injured.")
    injured_high = _count_field("Highest reported number injured.")
    civilian_targeting = models.BooleanField(default=False)
    summary = models.TextField(blank=True)
    verified = models.BooleanField(
        "analyst-verified",
        default=False,
        help_text="Checked by an analyst; re-running extraction leaves it alone.",
    )
    edited = models.BooleanField(
        "corrected by an analyst",
        default=False,
        help_text="Changed by hand; re-running extraction leaves it alone.",
    )
    articles = models.ManyToManyField(Article, related_name="events", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            # The timeline's order: newest first, undated last (keyset pages).
            # Each index also carries the date and the toll, so the totals
            # and the monthly chart of a filter read a small index alone,
            # never the wide table.
            models.Index(
                F("date").desc(nulls_last=True),
                F("id").desc(),
                name="event_timeline_idx",
                include=["killed_best", "civilian_targeting", "verified"],
            ),
            models.Index(
                fields=["event_type", "sub_event_type"],
                name="event_type_idx",
                include=["date", "killed_best"],
            ),
            # Governorate and place filters, and the map's clusters.
            models.Index(
                F("place"),
                F("date").desc(nulls_last=True),
                F("id").desc(),
                name="event_place_idx",
                include=["killed_best", "geo_precision"],
            ),
            models.Index(
                fields=["killed_best"], name="event_killed_idx", include=["date"]
            ),
            # Events reached through a link table (actor, search): their date
            # and toll without a visit to the table.
            models.Index(
                fields=["id"], name="event_id_idx", include=["date", "killed_best"]
            ),
        ]
        constraints = [
            _ordered("killed_low", "killed_best", "event_killed_low_le_best"),
            _ordered("killed_best", "killed_high", "event_killed_best_le_high"),
            _ordered("injured_low", "injured_best", "event_injured_low_le_best"),
            _ordered("injured_best", "injured_high", "event_injured_best_le_high"),
        ]

    def __str__(self) -> str:
        when = self.date.isoformat() if self.date else "undated"
        where = self.place.name if self.place_id else "unknown place"
        return f"{self.sub_event_type or self.event_type} in {where}, {when}"

    def get_absolute_url(self) -> str:
        return detail_url("events:event_detail", self.pk)

    @property
    def period_label(self) -> str:
        """The day, month or year the event falls in, as precisely as known."""
        if self.date is None:
            return "Undated"
        if self.date_precision in (DatePrecision.MONTH, DatePrecision.WEEK):
            return self.date.strftime("%B %Y")
        if self.date_precision == DatePrecision.YEAR:
            return str(self.date.year)
        return f"{self.date.day} {self.date.strftime('%B %Y')}"

    @property
    def killed_label(self) -> str:
        """'12', '12-15' when sources differ, or '' when no figure."""
        low, high = self.killed_low, self.killed_high
        if low is not None and high is not None and low != high:
            return f"{low}-{high}"
        best = self.killed_best if self.killed_best is not None else (low or high)
        return "" if best is None else str(best)

    @property
    def type_slug(self) -> str:
        """A CSS-friendly name of the event type: 'explosions-remote-violence'."""
        return "".join(c if c.isalnum() else "-" for c in self.event_type.lower())


class CasualtyClaim(models.Model):
    """One source's figure: who said how many were killed, hurt, displaced...

    Claims about one incident hang off its event side by side; cumulative
    totals ("470,000 killed since 2011") have no event and are never mapped.
    """

    class Kind(models.TextChoices):
        KILLED = "killed", "Killed"
        INJURED = "injured", "Injured"
        KILLED_OR_INJURED = "killed_or_injured", "Killed or injured"
        DISPLACED = "displaced", "Displaced"
        DETAINED = "detained", "Detained or abducted"
        MISSING = "missing", "Missing"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="casualty_claims"
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="claims",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    low = models.PositiveIntegerField(null=True, blank=True)
    high = models.PositiveIntegerField(null=True, blank=True)
    victims = models.CharField(max_length=30, default="unknown")
    victims_inferred = models.BooleanField(
        default=False, help_text="Victims not stated; inferred from the event."
    )
    victim_detail = models.CharField(
        max_length=20, blank=True, help_text="children or women, where stated"
    )
    victim_side = models.CharField(
        max_length=20, blank=True, help_text="the side of combatant victims"
    )
    part_of_total = models.BooleanField(
        default=False,
        help_text="A part of a toll told in parts ('4 children' of '10 "
        "civilians'); the event counts the total, not the parts.",
    )
    superseded = models.BooleanField(
        default=False,
        help_text="A toll the report has since updated ('had initially given "
        "a toll of 22'); kept as a claim, not counted in the event's bounds.",
    )
    vague = models.BooleanField(
        default=False,
        help_text="A vague count ('dozens', 'scores'); beside a claim that "
        "gives a number it widens the event's high, not its best.",
    )
    perpetrator = models.ForeignKey(
        Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_by = models.CharField(max_length=200, blank=True)
    place = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    date = models.DateField(null=True, blank=True)
    date_told = models.BooleanField(
        default=False,
        help_text="The date is when the toll was told ('the monitor said on "
        "Sunday'); the text gives no date of the deaths themselves.",
    )
    cumulative = models.BooleanField(default=False)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField(help_text="The words the figure was read from.")
    sentence = models.TextField(blank=True)

    class Meta:
        ordering = ["article", "start"]
        indexes = [models.Index(fields=["kind", "cumulative"], name="claim_kind_idx")]
        constraints = [
            _ordered("low", "high", "claim_low_le_high"),
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="claim_span_nonempty"
            ),
        ]

    def __str__(self) -> str:
        figure = self.low if self.low is not None else self.high
        return f"{figure} {self.kind} ({self.claimed_by or 'unattributed'})"


class EventActor(models.Model):
    """An actor's part in an event."""

    class Role(models.TextChoices):
        PERPETRATOR = "perpetrator", "Perpetrator"
        TARGET = "target", "Target"
        OTHER = "other", "Other"

    event = models.ForeignKey(Event, on_delete=models.CASCADE)
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT)
    role = models.CharField(max_length=12, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "actor", "role"], name="event_actor_role_unique"
            ),
        ]
        # An actor's events without reading the table (the actor filter).
        indexes = [models.Index(fields=["actor", "event"], name="event_actor_idx")]

    def __str__(self) -> str:
        return f"{self.actor} ({self.role})"


class Evidence(models.Model):
    """The span of an article that an extracted fact rests on."""

    class Field(models.TextChoices):
        ACTOR = "actor", "Actor"
        PLACE = "place", "Place"
        CASUALTIES = "casualties", "Casualty figure"
        DATE = "date", "Date"
        EVENT_TYPE = "event_type", "Event type"
        EVENT = "event", "Event"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="evidence"
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    field = models.CharField(max_length=20, choices=Field.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField(help_text="The sentence or phrase the fact comes from.")
    value = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="evidence_span_nonempty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.field} [{self.start}:{self.end}] of article {self.article_id}"
