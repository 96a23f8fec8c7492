"""Browser tests: a real Chromium, driven by Playwright, against the real app.

The session serves ConflictWatch the way an analyst meets it: `manage.py
runserver` in a subprocess, on a free local port, against a database of its
own, `conflictwatch_browser`, dropped and recreated at the start, so the
database the other tests use is never touched. On the embedded server that
database is picked with CONFLICTWATCH_DB_NAME; with DATABASE_URL set, the
subprocesses get the same URL with the database name swapped.

The database is filled by the management commands an operator runs
(`migrate`, `load_gazetteer`, `load_actors`, `ingest` with the real spaCy
extraction) with the five seed articles and one article whose title and text
carry HTML, and holds one analyst (not staff) who logs in through the form.
Map tiles are switched off (an empty CONFLICTWATCH_TILE_URL) so no page waits
on the internet; the offline basemap is drawn as always.

Every test gets a fresh browser context; a full-page screenshot of each page a
test looks at is saved under test-artifacts/browser/, with the server's log.
"""

import json
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from conflictwatch.database import database_create, database_env
from tests.conftest import ROOT, SEEDS_DIR
from tests.subprocesses import free_port, manage

DB_NAME = "conflictwatch_browser"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
SERVER_START_SECONDS = 60

USERNAME = "analyst"
PASSWORD = "browser-test-password"

SCRIPT_TAG = "<script>alert(1)</script>"
IMG_TAG = "<img src=x onerror=alert(1)>"
XSS_TITLE = f"{SCRIPT_TAG} Raqqa strike"
# The markup opens the sentence the extractor turns into an event and sits
# inside it, so it reaches the event's summary and evidence, not only the
# article's title and text.
XSS_ARTICLE = f"""{XSS_TITLE}

{SCRIPT_TAG} US-led coalition air strikes killed 12 civilians in Raqqa {SCRIPT_TAG} \
on Monday, the Syrian Observatory for Human Rights said {IMG_TAG}.
"""

CREATE_ANALYST = f"""
from django.contrib.auth import get_user_model
get_user_model().objects.create_user({USERNAME!r}, password={PASSWORD!r})
"""

FIND_XSS = f"""
import json
from events.models import Article
article = Article.objects.get(title={XSS_TITLE!r})
events = sorted(article.events.values_list("pk", flat=True))
print(json.dumps({{"article": article.pk, "events": events}}))
"""


def _server_env() -> dict[str, str]:
    """Return the environment that points the app at the browser database."""
    return database_env(DB_NAME) | {"CONFLICTWATCH_TILE_URL": ""}


def _wait_until_serving(server: subprocess.Popen, url: str, log: Path) -> None:
    """Return once `url` answers; fail if the server exits or never answers."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"runserver exited ({server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    pytest.fail(f"runserver did not answer {url}:\n{log.read_text()}")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Return the screenshot folder, emptied of an earlier run's pictures."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    return ARTIFACTS


@pytest.fixture(scope="session")
def app_url(artifacts: Path) -> Iterator[str]:
    """Serve the app on a fresh, filled database; yield its base URL."""
    env = _server_env()
    database_create(DB_NAME, drop=True, environ=env)
    manage(env, "migrate", "--noinput")
    manage(env, "load_gazetteer")
    manage(env, "load_actors")
    with tempfile.TemporaryDirectory() as folder:
        xss = Path(folder) / "xss.txt"
        xss.write_text(XSS_ARTICLE, encoding="utf-8")
        # One command for both saves loading the spaCy model a second time.
        manage(env, "ingest", str(SEEDS_DIR), str(xss))
    manage(env, "shell", "-c", CREATE_ANALYST)

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = artifacts / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_serving(server, f"{url}/accounts/login/", log)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


@pytest.fixture(scope="session")
def xss(app_url: str) -> dict:
    """Return {"article": id, "events": [ids]} of the article that carries HTML."""
    found = json.loads(manage(_server_env(), "shell", "-v", "0", "-c", FIND_XSS))
    if not found["events"]:
        pytest.fail("the extractor found no event in the XSS article")
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def analyst_state(browser: Browser, app_url: str) -> dict:
    """Return the cookies of an analyst who logged in through the form once."""
    context = browser.new_context(base_url=app_url)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    state = context.storage_state()
    context.close()
    if not any(cookie["name"] == "sessionid" for cookie in state["cookies"]):
        pytest.fail("the analyst could not log in")
    return state


def _test_name(request: pytest.FixtureRequest) -> str:
    return re.sub(r"[^\w.-]+", "_", request.node.name)


@pytest.fixture
def dialogs() -> list[str]:
    """The messages of the alert/confirm/prompt dialogs the page opened."""
    return []


@pytest.fixture
def page_errors() -> list[str]:
    """Uncaught JavaScript errors of the page; checked after every test."""
    return []


def _open_page(
    browser: Browser,
    app_url: str,
    request: pytest.FixtureRequest,
    dialogs: list[str],
    page_errors: list[str],
    storage_state: dict | None,
) -> Iterator[Page]:
    context = browser.new_context(
        base_url=app_url,
        storage_state=storage_state,
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        yield page
        # The page the test ended on (also after a failure, to see why).
    finally:
        if not page.is_closed():
            page.screenshot(
                path=ARTIFACTS / f"{_test_name(request)}.png", full_page=True
            )
        context.close()
    assert page_errors == [], "JavaScript errors on the page"


@pytest.fixture
def anonymous_page(browser, app_url, request, dialogs, page_errors, artifacts):
    """A page in a fresh browser context that has not logged in."""
    yield from _open_page(browser, app_url, request, dialogs, page_errors, None)


@pytest.fixture
def page(browser, app_url, request, dialogs, page_errors, artifacts, analyst_state):
    """A page in a fresh browser context of the logged-in analyst."""
    yield from _open_page(
        browser, app_url, request, dialogs, page_errors, analyst_state
    )


@pytest.fixture
def screenshot(request: pytest.FixtureRequest, artifacts: Path) -> Callable:
    """Return shoot(page, step): save test-artifacts/browser/<test>-<step>.png."""

    def shoot(page: Page, step: str) -> None:
        page.screenshot(
            path=artifacts / f"{_test_name(request)}-{step}.png", full_page=True
        )

    return shoot
