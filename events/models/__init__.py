"""ConflictWatch data: articles and their sources, the reference data that
extraction resolves names against (actors, places), and the events assembled
from articles with the evidence spans behind every field."""

from events.models.articles import Article, ArticleQuerySet, ArticleSimilarity, Source
from events.models.choices import DatePrecision, GeoPrecision
from events.models.incidents import (
    CasualtyClaim,
    Event,
    EventActor,
    EventQuerySet,
    EventType,
    Evidence,
)
from events.models.reference import Actor, ActorQuerySet, Place, PlaceQuerySet

__all__ = [
    "Actor",
    "ActorQuerySet",
    "Article",
    "ArticleQuerySet",
    "ArticleSimilarity",
    "CasualtyClaim",
    "DatePrecision",
    "Event",
    "EventActor",
    "EventQuerySet",
    "EventType",
    "Evidence",
    "GeoPrecision",
    "Place",
    "PlaceQuerySet",
    "Source",
]
