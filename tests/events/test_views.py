"""The dashboard pages through Django's test client; HTML read with CSS selectors."""

import datetime as dt
import json
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User

from events.models import Article, CasualtyClaim, Event, EventActor
from events.services import articles_extract
from tests.events import builders

pytestmark = pytest.mark.django_db

XSS_TITLE = "<script>alert(1)</script> Raqqa strike"
XSS_TEXT = "Strikes hit Raqqa. <img src=x onerror=alert(1)> <script>alert(2)</script>"


def html(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def analyst(client):
    user = User.objects.create_user("analyst", password="a-long-password-123")
    client.force_login(user)
    return user


@pytest.fixture
def three_events():
    coalition = builders.actor("US-led coalition", "coalition")
    raqqa = builders.place("Raqqa")
    report = builders.article(XSS_TITLE, XSS_TEXT, "SANA")
    return [
        builders.event(
            date=dt.date(2017, 5, day),
            at=raqqa,
            killed=day,
            roles={EventActor.Role.PERPETRATOR: coalition},
            reported_in=[report],
            summary=f"Strike number {day} <b>bold</b>",
        )
        for day in (1, 2, 3)
    ]


PAGES = ["/", "/map/", "/api/events.geojson", "/export/events.csv"]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_analysts_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("url", PAGES)
def test_a_public_deployment_allows_anonymous_reading(client, settings, url):
    settings.CONFLICTWATCH_PUBLIC_READ = True
    assert client.get(url).status_code == 200


def test_the_admin_stays_staff_only(client, settings, analyst):
    settings.CONFLICTWATCH_PUBLIC_READ = True
    response = client.get("/admin/events/article/upload/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_log_in_and_out(client):
    User.objects.create_user("analyst", password="a-long-password-123")
    page = html(client.get("/accounts/login/"))
    assert page.select_one("form input[name=csrfmiddlewaretoken]")
    response = client.post(
        "/accounts/login/", {"username": "analyst", "password": "a-long-password-123"}
    )
    assert response["Location"] == "/"
    page = html(client.get("/"))
    assert page.select_one("form.logout button").text == "Log out"
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/accounts/login/"
    assert client.get("/").status_code == 302


def test_timeline_rows(analyst, client, three_events):
    page = html(client.get("/"))
    rows = page.select("li.event")
    assert [int(r["data-event-id"]) for r in rows] == [e.pk for e in three_events[::-1]]
    first = rows[0]
    assert first.select_one("a.event-link").text == "Air/drone strike"
    assert first.select_one(".killed").text == "3 killed"
    assert first.select_one(".reports").text == "1 article"
    assert first.select_one(".event-actors a").text == "US-led coalition"
    assert [h.text for h in page.select("h2.day-label")] == [
        "3 May 2017",
        "2 May 2017",
        "1 May 2017",
    ]
    summary = page.select_one("#filter-summary").text
    assert summary == "Events — 3 events, 6 killed."
    assert page.select_one("figure.chart img")["src"] == "/chart.svg"


def test_chart_of_the_filtered_events(analyst, client, three_events):
    response = client.get("/chart.svg?min_killed=2")
    assert response["Content-Type"] == "image/svg+xml"
    svg = ElementTree.fromstring(response.content)
    bars = svg.findall("svg:rect[@class='bar']", {"svg": "http://www.w3.org/2000/svg"})
    (bar,) = bars  # both events of at least 2 killed are in May 2017
    assert bar[0].text == "May 2017: 2 events, 5 killed"


def test_search_pages_count_what_they_rank(analyst, client, three_events):
    page = html(client.get("/?q=raqqa&min_killed=2"))
    assert len(page.select("li.event")) == 2
    summary = page.select_one("#filter-summary").text
    assert summary.endswith("— 2 events, 5 killed.")


def test_timeline_filter_lives_in_the_links(analyst, client, three_events):
    page = html(client.get("/?min_killed=2&event_type=Explosions/Remote+violence"))
    assert len(page.select("li.event")) == 2
    switch = page.select_one("p.switch a")["href"]
    assert switch.startswith("/map/?") and "min_killed=2" in switch
    exports = [a["href"] for a in page.select("p.exports a")]
    assert all("min_killed=2" in href for href in exports)
    assert page.select_one("#id_min_killed")["value"] == "2"


def test_timeline_pages_with_cursors(analyst, client, three_events, settings):
    settings.CONFLICTWATCH_PAGE_SIZE = 2
    page = html(client.get("/?min_killed=1"))
    assert len(page.select("li.event")) == 2
    older = page.select_one("nav.pager a[rel=next]")["href"]
    assert "min_killed=1" in older and "after=" in older
    page = html(client.get("/" + older))
    assert [int(r["data-event-id"]) for r in page.select("li.event")] == [
        three_events[0].pk
    ]
    assert page.select_one("nav.pager a[rel=prev]")


def test_map_page_carries_the_filter_to_its_data(analyst, client, three_events):
    page = html(client.get("/map/?min_killed=2"))
    config = json.loads(page.select_one("#map-config").string)
    assert config["dataUrl"] == "/api/events.geojson?min_killed=2"
    assert config["basemapUrl"].endswith("events/geo/basemap.geojson")
    assert page.select_one("#map-legend")
    data = client.get(config["dataUrl"]).json()
    assert sorted(f["id"] for f in data["features"]) == [
        three_events[1].pk,
        three_events[2].pk,
    ]


def test_map_data_is_bounded_by_the_visible_area(analyst, client, three_events):
    inside = client.get("/api/events.geojson?bbox=38,35,40,37").json()
    outside = client.get("/api/events.geojson?bbox=35,32,36,33").json()
    assert len(inside["features"]) == 3 and outside["features"] == []


def test_event_page(analyst, client, seeds):
    event = Event.objects.filter(claims__isnull=False).distinct().first()
    page = html(client.get(f"/events/{event.pk}/"))
    assert page.select("blockquote.evidence mark.hl")
    claims = page.select("table.claims tbody tr")
    assert len(claims) == event.claims.count()
    assert page.select_one("dd.killed")


def test_event_page_says_when_a_claim_is_dated_by_its_telling(analyst, client):
    told = builders.article(
        "Strikes on Raqqa",
        "Russian air strikes had killed at least 14 civilians near Raqqa, "
        "the Observatory said on Friday.",
        "AFP",
        published=dt.date(2017, 5, 28),
    )
    articles_extract(articles=Article.objects.filter(pk=told.pk))
    claim = CasualtyClaim.objects.get(article=told, low=14)
    # Friday is when the toll was told; the text gives no day of the deaths.
    assert (claim.date, claim.date_told) == (dt.date(2017, 5, 26), True)

    page = html(client.get(f"/events/{claim.event.pk}/"))
    [row] = page.select("table.claims tbody tr")
    assert " ".join(row.select("td")[5].text.split()) == "May 26, 2017 (told)"


def test_article_page_highlights_entities(analyst, client, seeds):
    article = seeds["001"]
    page = html(client.get(f"/articles/{article.pk}/"))
    kinds = {
        cls
        for mark in page.select(".article-text mark.hl")
        for cls in mark["class"]
        if cls.startswith("hl-")
    }
    assert {"hl-actor", "hl-place", "hl-casualties", "hl-date"} <= kinds
    assert all(mark["title"] for mark in page.select(".article-text mark.hl"))
    # The text reads the same with the highlights as without them.
    assert page.select_one(".article-text").text == article.text
    assert page.select_one(".status").text == "Done"


def test_event_sentences_are_marked_in_their_article(analyst, client, seeds):
    event = Event.objects.filter(evidence__field="event").first()
    sentence = event.evidence.filter(field="event").first()
    page = html(client.get(f"/events/{event.pk}/"))
    link = page.select_one("blockquote.evidence footer a")["href"]
    assert link.endswith(f"?event={event.pk}#at-{sentence.start}")
    page = html(client.get(link.split("#")[0]))
    marked = "".join(s.text for s in page.select(".article-text .ev-sentence"))
    assert sentence.text.strip() in marked
    assert page.select_one(f"#at-{sentence.start}")
    assert not html(client.get(f"/articles/{sentence.article_id}/")).select(
        ".ev-sentence"
    )


def test_near_duplicates_are_listed(analyst, client, seeds):
    page = html(client.get(f"/articles/{seeds['000'].pk}/"))
    links = [a["href"] for a in page.select("h2 + ul a")]
    assert f"/articles/{seeds['001'].pk}/" in links


def test_actor_and_place_pages_preset_the_filter(analyst, client, three_events):
    event = three_events[0]
    actor = event.actors.get()
    page = html(client.get(f"/actors/{actor.pk}/"))
    assert page.select_one("h1").text == "US-led coalition"
    assert len(page.select("li.event")) == 3
    page = html(client.get(f"/places/{event.place_id}/"))
    assert page.select_one("h1").text == "Raqqa"
    assert len(page.select("li.event")) == 3


def test_missing_rows_are_404(analyst, client):
    assert client.get("/events/999999/").status_code == 404
    assert client.get("/articles/999999/").status_code == 404
    assert client.get("/export/events.xlsx").status_code == 404


def test_type_ahead_options(analyst, client, three_events):
    found = client.get("/api/options/actors?q=coal").json()["options"]
    assert found == [
        {
            "value": "US-led coalition",
            "label": "US-led coalition (International coalition)",
        }
    ]
    assert (
        client.get("/api/options/places?q=raq").json()["options"][0]["value"] == "Raqqa"
    )


def test_article_text_is_escaped_everywhere(analyst, client, three_events):
    """No page turns the article's markup into elements."""
    article = Article.objects.get(title=XSS_TITLE)
    event = three_events[0]
    for url in ["/", f"/events/{event.pk}/", f"/articles/{article.pk}/", "/map/"]:
        response = client.get(url)
        page = html(response)
        assert not page.select("script:not([src]):not([type='application/json'])"), url
        assert not page.select("img[src=x]"), url
        assert b"<script>alert" not in response.content, url
    page = html(client.get(f"/articles/{article.pk}/"))
    assert page.select_one("h1").text == XSS_TITLE
    assert "<img src=x onerror=alert(1)>" in page.select_one(".article-text").text
    page = html(client.get("/"))
    assert "<b>bold</b>" in page.select_one(".event-summary").text


def test_security_headers(analyst, client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "https://tile.openstreetmap.org" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
