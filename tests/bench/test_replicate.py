"""Replicating the stored articles for the bench database, in SQL."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F, Q

from events.benchmark import replicate
from events.models import (
    Article,
    CasualtyClaim,
    Event,
    EventActor,
    Evidence,
    Place,
)
from tests.events import builders

pytestmark = pytest.mark.django_db

ROLE = EventActor.Role


@pytest.fixture
def corpus():
    """Three articles, each with an event, an actor role, a claim and evidence."""
    isis = builders.actor("Islamic State", "jihadist")
    raqqa = builders.place("Raqqa", population=200_000)
    for number in range(10):  # Syrian towns to move copies to
        builders.place(f"Town {number}", latitude=35 + number / 10)
    events = []
    for number, day in enumerate((dt.date(2011, 1, 2), dt.date(2016, 5, 1), None)):
        article = builders.article(
            f"Report {number}", f"Shelling killed {number + 2} in Raqqa.", "SANA"
        )
        article.published = day
        article.save()
        event = builders.event(
            date=day, at=raqqa, roles={ROLE.PERPETRATOR: isis}, reported_in=[article]
        )
        Event.objects.filter(pk=event.pk).update(
            killed_low=number + 2, killed_best=number + 3, killed_high=number + 9
        )
        CasualtyClaim.objects.create(
            article=article,
            event=event,
            kind="killed",
            low=number + 2,
            high=number + 9,
            start=0,
            end=5,
            text="killed",
        )
        Evidence.objects.create(
            article=article, event=event, field="event", start=0, end=10, text="x"
        )
        events.append(event)
    return events


def test_copies_keep_every_row_and_link(corpus):
    base = replicate.base_read()
    copies = replicate.replicate(base=base, target=9, workers=1)
    assert copies == 2
    assert Article.objects.count() == 9
    assert Event.objects.count() == 9
    assert EventActor.objects.count() == CasualtyClaim.objects.count() == 9
    assert Evidence.objects.count() == 9
    # Every copied event is reported by a copied article, and each copy's
    # claims and evidence point at the same copy's article and event.
    for event in Event.objects.all():
        (article,) = event.articles.all()
        assert event.claims.get().article == article
        assert event.evidence.get().article == article
    assert len(set(Article.objects.values_list("content_hash", flat=True))) == 9
    # The copies' rows list their events, as the search reads them.
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, event_ids FROM events_article")
        ids = dict(cursor.fetchall())
    for article in Article.objects.all():
        assert ids[article.pk] == [e.pk for e in article.events.order_by("pk")]
    # New rows still get fresh ids.
    assert builders.article().pk > max(Article.objects.values_list("pk", flat=True)[1:])


def test_copies_shift_dates_inside_the_window_and_keep_figures_ordered(corpus):
    base = replicate.base_read()
    replicate.replicate(base=base, target=9, workers=1)
    first = corpus[1]
    stride = base.strides[Event._meta.db_table]
    copy = Event.objects.get(pk=first.pk + stride)
    assert copy.date == first.date + dt.timedelta(days=7)
    assert Event.objects.get(pk=corpus[2].pk + 2 * stride).date is None
    window = (replicate.WINDOW_START, dt.date(2024, 12, 31))
    dated = Event.objects.filter(pk__gt=stride, date__isnull=False)
    assert all(
        window[0] <= day <= window[1] for day in dated.values_list("date", flat=True)
    )
    assert not Event.objects.filter(
        Q(killed_low__gt=F("killed_best")) | Q(killed_best__gt=F("killed_high"))
    ).exists()
    assert not CasualtyClaim.objects.filter(low__gt=F("high")).exists()
    syrian = set(Place.objects.filter(country_code="SY").values_list("pk", flat=True))
    assert set(Event.objects.values_list("place", flat=True)) <= syrian


def test_a_partial_copy_takes_the_first_articles_and_their_events(corpus):
    base = replicate.base_read()
    replicate.replicate(base=base, target=5, workers=1)
    assert Article.objects.count() == Event.objects.count() == 5
    assert Evidence.objects.count() == CasualtyClaim.objects.count() == 5


def test_deleting_the_copies_keeps_the_originals(corpus):
    base = replicate.base_read()
    replicate.replicate(base=base, target=9, workers=1)
    replicate.copies_delete(base)
    assert sorted(Event.objects.values_list("pk", flat=True)) == sorted(
        e.pk for e in corpus
    )
    assert Article.objects.count() == Evidence.objects.count() == 3
