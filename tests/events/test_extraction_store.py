"""End to end: seeds through ingestion and the real pipeline into PostgreSQL."""

import pytest

from events.extraction import PIPELINE_VERSION
from events.models import Article, CasualtyClaim, Event, EventActor, Evidence
from events.services import articles_extract

pytestmark = pytest.mark.django_db


def test_every_seed_is_extracted(seeds):
    assert (
        sorted(Article.objects.values_list("extraction_status", "pipeline_version"))
        == [("done", PIPELINE_VERSION)] * 5
    )


def test_mayadeen_strike_is_an_event_with_its_claim(seeds):
    event = Event.objects.get(articles=seeds["001"], killed_best=35)

    assert (event.event_type, event.sub_event_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert (event.place.name, event.place.admin1_code, event.place.country_code) == (
        "al-Mayadin",
        "07",
        "SY",
    )
    assert event.civilian_targeting
    assert list(
        EventActor.objects.filter(event=event, role="perpetrator").values_list(
            "actor__name", flat=True
        )
    ) == ["US-led coalition"]
    (claim,) = event.claims.all()
    assert (claim.kind, claim.low, claim.high, claim.victims) == (
        "killed",
        35,
        35,
        "civilians",
    )
    assert claim.text == "killed 35 civilians"


def test_cumulative_totals_are_claims_without_an_event(seeds):
    totals = CasualtyClaim.objects.filter(article=seeds["000"], cumulative=True)

    assert sorted(totals.values_list("kind", "low")) == [
        ("displaced", 2_000_000),
        ("killed", 225),
        ("killed", 352),
        ("killed", 470_000),
    ]
    assert not totals.exclude(event=None).exists()


def test_traps_give_no_claims(seeds):
    texts = " ".join(CasualtyClaim.objects.values_list("text", flat=True))

    for trap in ("3,000 to 4,000", "40 vehicles", "17 buses", "184 heads", "$2bn"):
        assert trap not in texts
    assert not CasualtyClaim.objects.filter(article__in=[seeds["003"], seeds["004"]])


def test_evidence_spans_point_into_the_article_text(seeds):
    evidence = Evidence.objects.select_related("article")

    assert evidence.count() > 100
    for row in evidence:
        assert row.article.text[row.start : row.end].strip() == row.text.strip()


def test_rerunning_extraction_adds_nothing_and_keeps_verified_events(seeds):
    verified = Event.objects.get(articles=seeds["001"], killed_best=35)
    verified.verified = True
    verified.summary = "Checked by an analyst."
    verified.save()
    counts = (Event.objects.count(), CasualtyClaim.objects.count())

    articles_extract(articles=Article.objects.all())

    verified.refresh_from_db()
    assert verified.summary == "Checked by an analyst."
    assert (Event.objects.count(), CasualtyClaim.objects.count()) == counts
    assert verified.claims.count() == 1


def test_rerunning_extraction_replaces_machine_events(seeds):
    before = sorted(Event.objects.values_list("sub_event_type", "place__name"))

    articles_extract(articles=Article.objects.all())

    assert sorted(Event.objects.values_list("sub_event_type", "place__name")) == before


def test_an_event_corrected_in_the_admin_survives_reextraction(seeds, admin_client):
    from django.urls import reverse

    event = Event.objects.get(articles=seeds["001"], killed_best=35)
    url = reverse("admin:events_event_change", args=[event.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data |= {
        "summary": "Corrected by an analyst.",
        "killed_best": 36,
        "killed_high": 36,
        "articles": [seeds["001"].pk],
    }
    for prefix in ("eventactor_set", "claims", "evidence"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    articles_extract(articles=Article.objects.filter(pk=seeds["001"].pk))

    event.refresh_from_db()
    assert (event.edited, event.summary, event.killed_best) == (
        True,
        "Corrected by an analyst.",
        36,
    )
    assert Event.objects.filter(articles=seeds["001"], killed_best=35).count() == 0


def test_an_event_two_articles_report_is_recounted_from_the_other_claims(seeds):
    event = Event.objects.get(articles=seeds["001"], killed_best=35)
    event.articles.add(seeds["000"])
    _claim(seeds["000"], event, 30, 40)

    # Re-extracting 001 takes its own claim away; 000's claim alone is left.
    articles_extract(articles=Article.objects.filter(pk=seeds["001"].pk))

    event.refresh_from_db()
    assert list(event.articles.order_by("pk")) == [seeds["000"]]
    assert (event.killed_low, event.killed_best, event.killed_high) == (30, 30, 40)


def test_the_recount_takes_a_toll_of_children_for_no_rival(seeds):
    event = Event.objects.get(articles=seeds["001"], killed_best=35)
    event.articles.add(seeds["000"])
    _claim(seeds["000"], event, 30, 40)
    _claim(seeds["000"], event, 12, 12, victim_detail="children")

    articles_extract(articles=Article.objects.filter(pk=seeds["001"].pk))

    event.refresh_from_db()
    # twelve children of the 30 to 40 dead: the best count is still 30
    assert (event.killed_low, event.killed_best, event.killed_high) == (30, 30, 40)


def test_a_toll_told_in_parts_is_stored_as_parts_and_a_total(seeds):
    article, claims = _extracted(
        "Clashes near Palmyra",
        "Eleven regime fighters and 17 IS fighters were killed in Palmyra "
        "on Monday, the Observatory said.",
    )
    assert sorted(claims.values_list("low", "part_of_total")) == [
        (11, True),
        (17, True),
        (28, False),
    ]
    event = claims.get(low=28).event
    assert (event.killed_low, event.killed_best, event.killed_high) == (28, 28, 28)
    # Another article tells the same toll in parts.
    for low, part in ((11, True), (17, True), (28, False)):
        _claim(seeds["000"], event, low, low, part_of_total=part)
    event.articles.add(seeds["000"])

    # Re-extraction takes this article's claims away; the recount of the
    # other article's counts its total, not its parts.
    articles_extract(articles=Article.objects.filter(pk=article.pk))

    event.refresh_from_db()
    assert list(event.articles.all()) == [seeds["000"]]
    assert (event.killed_low, event.killed_best, event.killed_high) == (28, 28, 28)


def test_one_person_beside_a_toll_is_stored_once_as_a_part(seeds):
    _, claims = _extracted(
        "Blast in Idlib",
        "A suicide blast killed 45 people in Idlib on Sunday. "
        "A commander of the Nusra Front was killed in the blast.",
    )
    assert sorted(claims.values_list("low", "part_of_total", "event__killed_best")) == [
        (1, True, 45),
        (45, False, 45),
    ]


def test_an_earlier_toll_is_stored_as_a_claim_the_event_does_not_count(seeds):
    article, claims = _extracted(
        "Rally shelled in Daraa",
        "Rebels shelled a rally in Daraa on Friday, killing at least 21 people. "
        "A child was among the dead. The rally was held in a tent. "
        "The monitor had initially given a death toll of 22.",
    )
    assert sorted(claims.values_list("low", "superseded")) == [
        (1, False),
        (21, False),
        (22, True),
    ]
    event = claims.get(low=21).event
    assert claims.get(low=22).event == event
    assert (event.killed_low, event.killed_best, event.killed_high) == (21, 21, 21)
    # Another article's earlier toll does not count in the recount either.
    _claim(seeds["000"], event, 30, 30, superseded=True)
    _claim(seeds["000"], event, 24, 24)
    event.articles.add(seeds["000"])
    articles_extract(articles=Article.objects.filter(pk=article.pk))
    event.refresh_from_db()
    assert (event.killed_low, event.killed_best, event.killed_high) == (24, 24, 24)


def test_the_recount_counts_a_vague_claim_only_without_a_number(seeds):
    event = Event.objects.get(articles=seeds["001"], killed_best=35)
    event.articles.add(seeds["000"])
    _claim(seeds["000"], event, 24, None, vague=True)
    _claim(seeds["000"], event, 30, 30)

    articles_extract(articles=Article.objects.filter(pk=seeds["001"].pk))

    event.refresh_from_db()
    # "dozens" beside "30 killed": best 30; dozens (24 or more) widens nothing
    assert (event.killed_low, event.killed_best, event.killed_high) == (30, 30, 30)


def _extracted(title: str, text: str):
    """Store an article, run extraction on it, return it and its claims."""
    article = Article.objects.create(title=title, text=text)
    articles_extract(articles=Article.objects.filter(pk=article.pk))
    return article, CasualtyClaim.objects.filter(article=article)


def _claim(article, event, low, high, **fields) -> CasualtyClaim:
    """Add another article's killed claim to `event`, on that article's first word."""
    return CasualtyClaim.objects.create(
        article=article,
        event=event,
        kind="killed",
        low=low,
        high=high,
        start=0,
        end=4,
        text="U.S.",
        **fields,
    )
