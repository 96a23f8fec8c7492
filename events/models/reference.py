"""Reference data extraction resolves names against: actors and places."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import TrigramSimilarity
from django.db import models
from django.db.models import Q
from django.db.models.expressions import RawSQL

from events.models.choices import GeoPrecision
from events.models.urls import detail_url


class NameSimilarityQuerySet(models.QuerySet):
    def similar_to(self, name: str) -> "NameSimilarityQuerySet":
        """Rows whose name resembles `name` (pg_trgm `%`), closest first."""
        return (
            self.filter(name__trigram_similar=name)
            .annotate(similarity=TrigramSimilarity("name", name))
            .order_by("-similarity")
        )


class ActorQuerySet(NameSimilarityQuerySet):
    def named(self, text: str) -> "Actor | None":
        """Return the actor with this id, name or alias (any case), else None."""
        text = (text or "").strip()
        if not text:
            return None
        if text.isdigit():
            return self.filter(pk=int(text)).first()
        by_name = self.filter(name__iexact=text).first()
        if by_name:
            return by_name
        # Aliases are few per actor; compare them case-insensitively in SQL.
        alias = RawSQL(
            "lower(%s) = ANY(SELECT lower(a) FROM unnest(events_actor.aliases) a)",
            (text,),
            output_field=models.BooleanField(),
        )
        return self.alias(has_alias=alias).filter(has_alias=True).first()


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

    def get_absolute_url(self) -> str:
        return detail_url("events:actor_detail", self.pk)


class PlaceQuerySet(NameSimilarityQuerySet):
    def similar_to(self, name: str) -> "PlaceQuerySet":
        """Places whose name resembles `name`, closest and then largest first."""
        return super().similar_to(name).order_by("-similarity", "-population")

    def named(self, text: str) -> "Place | None":
        """Return the place with this id or name (any case; largest first)."""
        text = (text or "").strip()
        if not text:
            return None
        if text.isdigit():
            return self.filter(pk=int(text)).first()
        return self.filter(name__iexact=text).order_by("-population", "pk").first()


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

    def get_absolute_url(self) -> str:
        return detail_url("events:place_detail", self.pk)
