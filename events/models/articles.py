"""News articles, their sources, and near-duplicate links between them."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import models
from django.db.models import F, Q

from events.models.choices import DatePrecision
from events.models.urls import detail_url


class Source(models.Model):
    """A news outlet or publisher that articles come from."""

    name = models.CharField(max_length=200, unique=True)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


SEARCH_CONFIG = "english"  # PostgreSQL's text search configuration


def _web_query(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)


class ArticleQuerySet(models.QuerySet):
    def matching(self, query: str) -> "ArticleQuerySet":
        """Articles matching `query` (web search syntax), unordered."""
        return self.filter(search_vector=_web_query(query))

    def search(self, query: str) -> "ArticleQuerySet":
        """Articles matching `query` (web search syntax), best match first."""
        return (
            self.matching(query)
            .annotate(rank=SearchRank(F("search_vector"), _web_query(query)))
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
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("text", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # The table also has an `event_ids` column (the article's events, for the
    # search; selectors/timeline.py), kept by triggers on the link table of
    # Event.articles (migration 0009). Not a field here, so that saving an
    # article never writes back the ids it was loaded with.
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

    def get_absolute_url(self) -> str:
        return detail_url("events:article_detail", self.pk)


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
