"""The dashboard in a real Chromium: log in, filter, map, event and article pages.

The data is the five seed articles plus one article carrying HTML, extracted by
the real pipeline (see conftest.py); the tests read what to click from the
pages rather than assume event ids.
"""

import re
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    IMG_TAG,
    PASSWORD,
    SCRIPT_TAG,
    USERNAME,
    XSS_TITLE,
)

pytestmark = pytest.mark.browser

HIGHLIGHT_KINDS = {"actor", "place", "casualties", "date"}


# --- helpers --------------------------------------------------------------------


def query(page: Page) -> dict[str, list[str]]:
    """Return the non-empty parameters of the page's query string."""
    return parse_qs(urlsplit(page.url).query)


def path(page: Page) -> str:
    return urlsplit(page.url).path


def row_ids(page: Page) -> list[int]:
    """Return the ids of the event rows on a timeline, top to bottom."""
    return [
        int(row.get_attribute("data-event-id"))
        for row in page.locator("li.event[data-event-id]").all()
    ]


def row_types(page: Page) -> dict[int, str]:
    """Return {event id: event type} for the rows on a timeline."""
    return {
        int(row.get_attribute("data-event-id")): row.locator(".event-type").inner_text()
        for row in page.locator("li.event[data-event-id]").all()
    }


def placed_row_ids(page: Page) -> list[int]:
    """Return the ids of the rows whose place is known better than a country."""
    ids = []
    for row in page.locator("li.event[data-event-id]").all():
        meta = row.locator(".event-meta")
        if meta.locator("a.where").count() and "(approximate: country)" not in (
            meta.inner_text()
        ):
            ids.append(int(row.get_attribute("data-event-id")))
    return ids


def summary_count(page: Page) -> int:
    """Return the number of events the filter summary sentence announces."""
    text = page.locator("#filter-summary").inner_text()
    match = re.search(r"— ([\d,]+) events?,", text)
    assert match, text
    return int(match[1].replace(",", ""))


def filter_by_rarest_type(page: Page) -> tuple[str, list[int]]:
    """Filter the timeline by its least common event type through the form.

    Returns the type and the ids of the rows that had it before filtering.
    """
    types = row_types(page)
    kind, count = Counter(types.values()).most_common()[-1]
    assert count < len(types), f"every event is of type {kind}: nothing to filter"
    page.select_option("#id_event_type", label=kind)
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    return kind, [pk for pk, value in types.items() if value == kind]


def map_event_ids(page: Page) -> list[int]:
    """Wait for the map's GeoJSON; return the event ids it drew."""
    event_map = page.locator("#event-map")
    expect(event_map).to_have_attribute("data-loaded", "true")
    ids = event_map.get_attribute("data-event-ids")
    return [int(pk) for pk in ids.split(",")] if ids else []


def features(page: Page, app_url: str, params: str = "") -> list[dict]:
    """Return the map API's features for `params`, with the page's login."""
    response = page.request.get(f"{app_url}/api/events.geojson?{params}")
    assert response.ok, response.status
    return response.json()["features"]


def show_on_map(page: Page, lat: float, lon: float, zoom: int) -> None:
    """Zoom the map to a spot and wait until it has reloaded the events in view.

    The spot is put a quarter of the map's height below the middle, so that a
    popup opening above a marker there fits without the map panning (which
    would close it: see test_popup_stays_open_when_the_map_moves).
    """
    page.evaluate(
        """([lat, lon, zoom]) => {
            const map = window.conflictwatchMap;
            delete document.getElementById("event-map").dataset.loaded;
            const spot = map.project([lat, lon], zoom);
            const middle = spot.subtract([0, map.getSize().y / 4]);
            map.setView(map.unproject(middle, zoom), zoom);
        }""",
        [lat, lon, zoom],
    )
    expect(page.locator("#event-map")).to_have_attribute("data-loaded", "true")
    # Clusters ignore clicks while they animate to the new zoom.
    expect(page.locator(".leaflet-cluster-anim")).to_have_count(0)


def popup_is_open(page: Page) -> bool:
    """Return whether the map has a popup open.

    Leaflet is asked, not the DOM: a closed popup fades out in the DOM a while.
    """
    return page.evaluate(
        """() => {
            let open = false;
            window.conflictwatchMap.eachLayer((layer) => {
                open = open || layer instanceof L.Popup;
            });
            return open;
        }"""
    )


def lone_marker(mapped: list[dict]) -> dict:
    """Return a feature drawn alone at its spot, one with a death toll if any.

    Zoomed in far enough, such an event is a marker of its own, not a cluster.
    """
    spots = Counter(tuple(f["geometry"]["coordinates"]) for f in mapped)
    lone = [
        f
        for f in mapped
        if spots[tuple(f["geometry"]["coordinates"])] == 1
        and f["properties"]["geo_precision"] == "exact"
    ]
    assert lone, "every mapped event shares its spot with another"
    return min(lone, key=lambda f: f["properties"]["killed"] is None)


def deadliest_row(page: Page) -> tuple[int, int]:
    """Return (event id, killed) of the timeline row with the most dead."""
    killed = {}
    for row in page.locator("li.event[data-event-id]").all():
        label = row.locator(".killed")
        if label.count():
            figure = re.match(r"(\d+)", label.inner_text())
            killed[int(row.get_attribute("data-event-id"))] = int(figure[1])
    assert killed, "no event on the timeline has a fatality figure"
    return max(killed.items(), key=lambda item: item[1])


def assert_no_injected_markup(page: Page) -> None:
    """The page holds no element built from article text: no img src=x, and
    only our own static scripts (plus the JSON map settings)."""
    expect(page.locator('img[src="x"]')).to_have_count(0)
    scripts = page.eval_on_selector_all(
        "script", "nodes => nodes.map(n => [n.getAttribute('src'), n.type])"
    )
    for src, kind in scripts:
        assert (src or "").startswith("/static/") or kind == "application/json", (
            src,
            kind,
        )


# --- tests ----------------------------------------------------------------------


def test_log_in_and_out(anonymous_page: Page, screenshot):
    page = anonymous_page
    page.goto("/")
    assert path(page) == "/accounts/login/"
    assert query(page) == {"next": ["/"]}
    expect(page.locator("#id_username")).to_be_visible()
    screenshot(page, "login")

    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("form[action='/accounts/login/'] button[type=submit]")
    assert path(page) == "/"
    expect(page.locator("h1")).to_have_text("Timeline")
    expect(page.locator(".site-header .who")).to_have_text(USERNAME)
    screenshot(page, "timeline")

    with page.expect_navigation():
        page.click("form.logout button")
    assert path(page) == "/accounts/login/"
    expect(page.locator("#id_username")).to_be_visible()
    expect(page.locator("form.logout")).to_have_count(0)
    # Logged out for real: the timeline is closed again.
    page.goto("/")
    assert path(page) == "/accounts/login/"


def test_timeline_lists_events_and_summary(page: Page):
    page.goto("/")
    rows = page.locator("li.event[data-event-id]")
    expect(rows.first).to_be_visible()
    ids = row_ids(page)
    assert len(ids) == summary_count(page)
    assert len(set(ids)) == len(ids)
    expect(page.locator("#filter-summary")).to_contain_text(re.compile(r"^Events — "))
    for pk, row in zip(ids, rows.all(), strict=True):
        expect(row.locator("a.event-link")).to_have_attribute("href", f"/events/{pk}/")


def test_filter_by_event_type(page: Page, screenshot):
    page.goto("/")
    everything = row_ids(page)
    screenshot(page, "before")

    kind, expected = filter_by_rarest_type(page)

    assert query(page)["event_type"] == [kind]
    assert row_ids(page) == expected
    assert len(expected) < len(everything)
    assert set(row_types(page).values()) == {kind}
    # The sentence names the type (in the plural: every ACLED type label is
    # the start of its plural) and counts what is listed.
    expect(page.locator("#filter-summary")).to_contain_text(
        re.compile(rf"^{re.escape(kind)}")
    )
    assert summary_count(page) == len(expected)


def test_map_shows_the_filtered_events(page: Page, app_url: str, screenshot):
    page.goto("/")
    kind, listed = filter_by_rarest_type(page)
    params = urlsplit(page.url).query
    # The map draws only the events placed more precisely than a country (not
    # "place unknown", not "approximate: country"); the timeline says which of
    # the listed events those are. The first view of the map frames all of
    # Syria, where the seed events lie, so it must draw exactly those, as must
    # the map API asked for the same filter with no bounding box.
    placed = placed_row_ids(page)
    assert placed, f"no {kind} event has a place to map"
    assert set(placed) <= set(listed)
    screenshot(page, "timeline")

    with page.expect_navigation():
        page.click("p.switch a")
    assert path(page) == "/map/"
    assert query(page)["event_type"] == [kind]
    drawn = map_event_ids(page)
    screenshot(page, "map")

    assert sorted(drawn) == sorted(placed)
    mappable = [feature["id"] for feature in features(page, app_url, params)]
    assert sorted(mappable) == sorted(placed)
    expect(page.locator("path.event-marker, .marker-cluster")).not_to_have_count(0)


def test_marker_popup_opens_and_links_to_the_event(
    page: Page, app_url: str, screenshot
):
    page.goto("/map/")
    map_event_ids(page)
    target = lone_marker(features(page, app_url))
    pk, props = target["id"], target["properties"]
    lon, lat = target["geometry"]["coordinates"]

    show_on_map(page, lat, lon, 12)
    page.locator(f"path.event-marker.event-{pk}").click()

    popup = page.locator(".leaflet-popup-content .popup")
    expect(popup).to_be_visible()
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")  # faded in
    screenshot(page, "popup")
    expect(popup.locator(".popup-type")).to_have_text(
        props["sub_event_type"] or props["event_type"]
    )
    date = props["date"] or "undated"
    if props["date_precision"] != "day":
        date += f" ({props['date_precision']})"
    expect(popup.locator(".popup-date")).to_have_text(date)
    expect(popup.locator(".popup-place")).to_have_text(
        f"{props['place']}, {props['admin1']}"
    )
    killed = props["killed"]
    expect(popup.locator(".popup-killed")).to_have_text(
        f"{killed} killed" if killed is not None else "No fatality figure"
    )
    link = popup.locator(".popup-link")
    expect(link).to_have_attribute("href", f"/events/{pk}/")
    assert popup_is_open(page)

    with page.expect_navigation():
        link.click()
    assert path(page) == f"/events/{pk}/"
    expect(page.locator("article.event-detail h1")).to_contain_text(props["place"])


def test_popup_stays_open_when_the_map_moves(page: Page, app_url: str, screenshot):
    page.goto("/map/")
    map_event_ids(page)
    target = lone_marker(features(page, app_url))
    lon, lat = target["geometry"]["coordinates"]
    show_on_map(page, lat, lon, 12)
    page.locator(f"path.event-marker.event-{target['id']}").click()
    expect(page.locator(".leaflet-popup")).to_be_visible()
    assert popup_is_open(page)

    # The analyst drags the map a little, away from the popup; the map then
    # loads the events of the new view.
    event_map = page.locator("#event-map")
    event_map.scroll_into_view_if_needed()
    box = event_map.bounding_box()
    x, y = box["x"] + 60, box["y"] + box["height"] / 2
    page.evaluate('delete document.getElementById("event-map").dataset.loaded')
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 80, y - 40, steps=8)
    page.mouse.up()
    expect(event_map).to_have_attribute("data-loaded", "true")
    screenshot(page, "moved")
    assert popup_is_open(page)


def test_event_page_shows_highlighted_evidence_and_claims(page: Page, screenshot):
    page.goto("/")
    pk, killed = deadliest_row(page)
    with page.expect_navigation():
        page.click(f"li.event[data-event-id='{pk}'] a.event-link")
    assert path(page) == f"/events/{pk}/"
    screenshot(page, "event")

    marks = page.locator("blockquote.evidence mark.hl")
    expect(marks.first).to_be_visible()
    assert marks.count() > 0
    # The event has a fatality figure, so a source claimed it, in words that
    # come from one of the evidence sentences.
    claims = page.locator("table.claims tbody tr")
    expect(claims.first).to_be_visible()
    matching = [
        row
        for row in claims.all()
        if row.locator("td").nth(2).inner_text() == str(killed)
        and row.locator("td").nth(3).inner_text() == str(killed)
    ]
    assert matching, f"no claim of {killed} killed"
    words = matching[0].locator("td q").inner_text()
    assert words
    expect(page.locator("blockquote.evidence", has_text=words)).not_to_have_count(0)


def test_event_evidence_highlights_what_the_sentence_names(page: Page):
    page.goto("/")
    pk, killed = deadliest_row(page)
    page.goto(f"/events/{pk}/")
    # The page is rendered on the server: after goto, the marks are all there.
    casualties = page.locator("blockquote.evidence mark.hl-casualties")
    figures = casualties.all_inner_texts()
    assert any(str(killed) in figure for figure in figures), figures
    assert page.locator("blockquote.evidence mark.hl-actor").count() > 0
    assert page.locator("blockquote.evidence mark.hl-place").count() > 0


def test_article_page_highlights_entities(page: Page, screenshot):
    page.goto("/")
    pk, _ = deadliest_row(page)
    page.goto(f"/events/{pk}/")
    with page.expect_navigation():
        page.locator("h2:has-text('Reported by') + ul a").first.click()
    assert re.fullmatch(r"/articles/\d+/", path(page))
    screenshot(page, "article")

    expect(page.locator(".hl-legend")).to_be_visible()
    marks = page.locator(".article-text mark.hl")
    expect(marks.first).to_be_visible()
    kinds = set()
    for mark in marks.all():
        classes = mark.get_attribute("class").split()
        kinds.update(c.removeprefix("hl-") for c in classes if c.startswith("hl-"))
        assert (mark.get_attribute("title") or "").strip(), mark.inner_text()
    assert len(kinds & HIGHLIGHT_KINDS) >= 3, kinds


def test_article_html_is_shown_as_text(
    page: Page, app_url: str, xss: dict, dialogs: list[str], screenshot
):
    event = xss["events"][0]

    page.goto(f"/articles/{xss['article']}/")
    expect(page.locator("article.article-reader h1")).to_have_text(XSS_TITLE)
    assert XSS_TITLE in page.title()
    text = page.locator(".article-text")
    expect(text).to_contain_text(SCRIPT_TAG)
    expect(text).to_contain_text(IMG_TAG)
    assert_no_injected_markup(page)
    screenshot(page, "article")

    page.goto("/")
    row = page.locator(f"li.event[data-event-id='{event}']")
    expect(row.locator(".event-summary")).to_contain_text(SCRIPT_TAG)
    assert_no_injected_markup(page)
    screenshot(page, "timeline")

    page.goto("/map/")
    map_event_ids(page)
    (feature,) = [f for f in features(page, app_url) if f["id"] == event]
    lon, lat = feature["geometry"]["coordinates"]
    # The article's event may share its spot with others (a cluster): zoom to
    # it and open its marker, spiderfying the cluster first if there is one.
    show_on_map(page, lat, lon, 16)
    marker = page.locator(f"path.event-marker.event-{event}")
    if not marker.count():
        page.locator(".marker-cluster").first.click()
    marker.click()
    summary = page.locator(".leaflet-popup-content .popup-summary")
    expect(summary).to_contain_text(SCRIPT_TAG)
    expect(summary).to_contain_text(IMG_TAG)
    assert popup_is_open(page)
    assert_no_injected_markup(page)
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")  # faded in
    screenshot(page, "map")

    page.goto(f"/events/{event}/")
    expect(page.locator("blockquote.evidence").first).to_contain_text(SCRIPT_TAG)
    expect(page.locator("blockquote.evidence").first).to_contain_text(IMG_TAG)
    expect(page.get_by_role("link", name=XSS_TITLE).first).to_be_visible()
    assert_no_injected_markup(page)
    screenshot(page, "event")

    assert dialogs == []


def test_evidence_sentence_keeps_its_first_character(page: Page, xss: dict):
    page.goto(f"/events/{xss['events'][0]}/")
    sentence = page.locator("blockquote.evidence p").first.inner_text()
    assert sentence.startswith(f"{SCRIPT_TAG} US-led coalition air strikes")


def test_filter_form_submits_with_the_keyboard(page: Page):
    page.goto("/")
    # Tab from the top of the page to the "At least killed" box.
    for _ in range(50):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_min_killed":
            break
    else:
        pytest.fail("Tab never reached the 'At least killed' box")
    page.keyboard.type("20")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert query(page)["min_killed"] == ["20"]
    expect(page.locator("#filter-summary")).to_contain_text("with at least 20 killed")
    killed = page.locator("li.event .killed").all_inner_texts()
    assert killed, "no event with at least 20 killed"
    assert all(int(re.match(r"\d+", label)[0]) >= 20 for label in killed), killed
    assert len(killed) == len(row_ids(page))
