"""ConflictWatch data: articles and their sources, the reference data that
extraction resolves names against (actors, places), and the events assembled
from articles with the evidence spans behind every field."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramSimilarity,
)
from django.db import models
from django.db.models import F, Q


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


class GeoPrecision(models.TextChoices):
    """How precisely a place is known, from a point to a whole country."""

    EXACT = "exact", "Town or village"
    DISTRICT = "district", "District"
    GOVERNORATE = "governorate", "Governorate"
    REGION = "region", "Region"
    COUNTRY = "country", "Country"


class Source(models.Model):
    """A news outlet or publisher that articles come from."""

    name = models.CharField(max_length=200, unique=True)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ArticleQuerySet(models.QuerySet):
    def search(self, query: str) -> "ArticleQuerySet":
        """Articles matching `query` (web search syntax), best match first."""
        search_query = SearchQuery(query, search_type="websearch", config="english")
        return (
            self.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "-id")
        )

    def needing_extraction(self) -> "ArticleQuerySet":
        """Articles whose extraction is pending or failed."""
        return self.filter(
            extraction_status__in=[
                Article.ExtractionStatus.PENDING,
                Article.ExtractionStatus.FAILED,
            ]
        )


class Article(models.Model):
    """A news report, stored once per distinct text."""

    class ExtractionStatus(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    url = models.URLField(max_length=1000, blank=True)
    external_id = models.CharField(
        max_length=200,
        blank=True,
        help_text="Identifier in the file it came from (file stem or id column).",
    )
    published = models.DateField(null=True, blank=True)
    published_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    content_hash = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of the text after normalising whitespace and case.",
    )
    # Sampled word-shingle hashes, for finding near-duplicates with a GIN index.
    fingerprints = ArrayField(models.BigIntegerField(), default=list, editable=False)
    language = models.CharField(max_length=12, default="en")
    ingested_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploaded_articles",
    )
    extraction_status = models.CharField(
        max_length=10,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    extraction_error = models.TextField(blank=True)
    pipeline_version = models.CharField(max_length=40, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("text", weight="B", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    near_duplicates = models.ManyToManyField(
        "self", through="ArticleSimilarity", symmetrical=False, blank=True
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_gin"),
            GinIndex(fields=["fingerprints"], name="article_fingerprints_gin"),
            models.Index(fields=["published"], name="article_published_idx"),
            models.Index(
                fields=["extraction_status"],
                name="article_status_idx",
                condition=~Q(extraction_status="done"),
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"


class ArticleSimilarity(models.Model):
    """A near-duplicate link: two articles that share much of their text."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="similarities_from"
    )
    similar_to = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="similarities_to"
    )
    similarity = models.FloatField(
        help_text="Share of the shorter article's word 5-grams found in the other."
    )

    class Meta:
        verbose_name_plural = "article similarities"
        ordering = ["-similarity"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "similar_to"], name="article_similarity_unique"
            ),
            models.CheckConstraint(
                condition=Q(article__lt=F("similar_to")),
                name="article_similarity_ordered_pair",
            ),
            models.CheckConstraint(
                condition=Q(similarity__gte=0) & Q(similarity__lte=1),
                name="article_similarity_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} ~ {self.similar_to_id} ({self.similarity:.2f})"


class ActorQuerySet(models.QuerySet):
    def similar_to(self, name: str) -> "ActorQuerySet":
        """Actors whose name resembles `name` (pg_trgm `%`), closest first."""
        return (
            self.filter(name__trigram_similar=name)
            .annotate(similarity=TrigramSimilarity("name", name))
            .order_by("-similarity")
        )


class Actor(models.Model):
    """A belligerent or other party, by canonical name, with its aliases."""

    class Kind(models.TextChoices):
        STATE_FORCES = "state", "State forces"
        FOREIGN_STATE = "foreign_state", "Foreign state forces"
        COALITION = "coalition", "International coalition"
        PRO_GOVERNMENT = "pro_government", "Pro-government militia"
        REBEL = "rebel", "Rebel / opposition group"
        JIHADIST = "jihadist", "Jihadist group"
        KURDISH = "kurdish", "Kurdish-led forces"
        CIVILIANS = "civilians", "Civilians"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    aliases = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    description = models.TextField(blank=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            GinIndex(
                fields=["name"], opclasses=["gin_trgm_ops"], name="actor_name_trgm"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PlaceQuerySet(models.QuerySet):
    def similar_to(self, name: str) -> "PlaceQuerySet":
        """Places whose name resembles `name` (pg_trgm `%`), closest first."""
        return (
            self.filter(name__trigram_similar=name)
            .annotate(similarity=TrigramSimilarity("name", name))
            .order_by("-similarity", "-population")
        )


class Place(models.Model):
    """A gazetteer entry (GeoNames or the curated supplement)."""

    name = models.CharField(max_length=200)
    alternate_names = ArrayField(
        models.CharField(max_length=200), default=list, blank=True
    )
    latitude = models.FloatField()
    longitude = models.FloatField()
    feature_type = models.CharField(
        max_length=40, blank=True, help_text="e.g. city, village, governorate, oilfield"
    )
    precision = models.CharField(
        max_length=12, choices=GeoPrecision.choices, default=GeoPrecision.EXACT
    )
    admin1_name = models.CharField("governorate", max_length=100, blank=True)
    admin1_code = models.CharField(
        "governorate code", max_length=20, blank=True, help_text="GeoNames admin1 code"
    )
    country_code = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    population = models.PositiveBigIntegerField(default=0)
    geonameid = models.PositiveIntegerField(
        "GeoNames id", null=True, blank=True, unique=True
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            GinIndex(
                fields=["name"], opclasses=["gin_trgm_ops"], name="place_name_trgm"
            ),
            models.Index(fields=["country_code", "admin1_code"], name="place_admin1"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90) & Q(latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180) & Q(longitude__lte=180),
                name="place_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        if self.admin1_name:
            return f"{self.name} ({self.admin1_name}, {self.country_code})"
        return f"{self.name} ({self.country_code})"


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
            models.Index(fields=["-date", "-id"], name="event_date_idx"),
            models.Index(
                fields=["event_type", "sub_event_type"], name="event_type_idx"
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
    perpetrator = models.ForeignKey(
        Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_by = models.CharField(max_length=200, blank=True)
    place = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    date = models.DateField(null=True, blank=True)
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
