"""Extraction as Celery tasks: idempotent, retried, queued after the commit;
and, with a real Redis broker and worker processes, nothing lost when a
worker is killed in the middle of a run."""

import json
import re
import signal
import threading
import time
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.urls import reverse

import events.extraction
import events.tasks
from events.extraction.nlp import get_nlp
from events.ingestion.readers import Columns, read_paths
from events.models import Article, Event
from events.services import articles_ingest, extraction_store, read_limits
from events.tasks import MAX_RETRIES, extract_article
from tests.scale.articles import article_files
from tests.scale.conftest import Worker, connect, manage
from tests.scale.rows import article_rows, totals

DONE = Article.ExtractionStatus.DONE.value
FAILED = Article.ExtractionStatus.FAILED.value
PENDING = Article.ExtractionStatus.PENDING.value

ARTICLES = 200
# Worker w1 is killed once this many articles are done (some, not all).
KILL_AFTER = 40
# Generous: a slow machine takes longer, it does not fail.
PATIENCE_SECONDS = 900

DUMP = "from tests.scale.rows import dump; dump()"
TASK = r"events\.tasks\.extract_article\[(?P<task>[\w-]+)\]"
RECEIVED = re.compile(rf"Task {TASK} received")
SUCCEEDED = re.compile(rf"Task {TASK} succeeded")
ARTICLE_DONE = re.compile(rf"{TASK}: article (?P<article>\d+): done")


class Sent(list):
    """Stands in for the task: records the article ids sent to the broker."""

    def delay(self, article_id: int) -> None:
        self.append(article_id)


@pytest.fixture
def no_broker(settings, monkeypatch) -> Sent:
    """No CELERY_BROKER_URL; return what would be sent (nothing, it is checked)."""
    settings.CELERY_BROKER_URL = ""
    sent = Sent()
    monkeypatch.setattr(events.tasks, "extract_article", sent)
    return sent


@pytest.fixture
def broker(settings, monkeypatch) -> Sent:
    """A CELERY_BROKER_URL (never reached); return the article ids sent to it."""
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    sent = Sent()
    monkeypatch.setattr(events.tasks, "extract_article", sent)
    return sent


def ingest(folder: Path, *, extract: bool) -> list[int]:
    report = articles_ingest(
        items=read_paths([folder], Columns(), read_limits()), extract=extract
    )
    return report.added_ids


def statuses() -> list[str]:
    return list(
        Article.objects.order_by("pk").values_list("extraction_status", flat=True)
    )


def flaky_extract(monkeypatch, failures: int, error: Exception) -> list[int]:
    """Make extraction raise `error` `failures` times, then work; return the calls."""
    calls = []
    real = events.extraction.extract

    def extract(*args, **kwargs):
        calls.append(1)
        if len(calls) <= failures:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(events.extraction, "extract", extract)
    return calls


# --- The task, run in this process (no broker) -----------------------------


@pytest.mark.django_db
def test_the_task_run_twice_leaves_the_same_rows(tmp_path):
    ids = ingest(article_files(tmp_path, 3), extract=False)

    for article_id in ids:
        assert extract_article.apply(args=(article_id,), throw=True).get() == DONE
    once, once_totals = article_rows(), totals()
    for article_id in ids:
        assert extract_article.apply(args=(article_id,), throw=True).get() == DONE

    assert (article_rows(), totals()) == (once, once_totals)
    assert [rows["events"] for rows in once.values()] == [
        [["Air/drone strike", 2, "Aleppo"]],
        [
            ["Air/drone strike", 4, "Azaz"],
            ["Shelling/artillery/missile attack", 3, "Idlib"],
        ],
        [["Remote explosive/landmine/IED", 4, "Douma"]],
    ]
    assert statuses() == [DONE] * 3


@pytest.mark.django_db
def test_the_task_tries_again_after_a_transient_error(tmp_path, monkeypatch):
    (article_id,) = ingest(article_files(tmp_path, 1), extract=False)
    calls = flaky_extract(monkeypatch, 1, OperationalError("connection lost"))

    result = extract_article.apply(args=(article_id,))

    assert (result.get(), len(calls)) == (DONE, 2)
    assert Article.objects.values_list(
        "extraction_status", "extraction_error"
    ).get() == (
        DONE,
        "",
    )


@pytest.mark.django_db
def test_the_task_gives_up_after_its_retries(tmp_path, monkeypatch):
    (article_id,) = ingest(article_files(tmp_path, 1), extract=False)
    calls = flaky_extract(monkeypatch, 100, OperationalError("the database is away"))

    result = extract_article.apply(args=(article_id,))

    assert result.failed()
    assert len(calls) == MAX_RETRIES + 1
    assert Article.objects.values_list(
        "extraction_status", "extraction_error"
    ).get() == (
        FAILED,
        "OperationalError: the database is away",
    )


@pytest.mark.django_db
def test_a_permanent_error_fails_the_article_at_once(tmp_path, monkeypatch):
    (article_id,) = ingest(article_files(tmp_path, 1), extract=False)
    calls = flaky_extract(monkeypatch, 100, RuntimeError("boom"))

    result = extract_article.apply(args=(article_id,))

    assert (result.get(), len(calls)) == (FAILED, 1)
    assert Article.objects.values_list(
        "extraction_status", "extraction_error"
    ).get() == (
        FAILED,
        "RuntimeError: boom",
    )


@pytest.mark.django_db
def test_the_task_of_a_deleted_article_does_nothing(tmp_path):
    (article_id,) = ingest(article_files(tmp_path, 1), extract=False)
    Article.objects.filter(pk=article_id).delete()

    assert extract_article.apply(args=(article_id,), throw=True).get() == "missing"


@pytest.mark.django_db(transaction=True)
def test_two_runs_on_one_article_take_turns(tmp_path):
    (article_id,) = ingest(article_files(tmp_path, 1), extract=False)
    article = Article.objects.get(pk=article_id)
    result = events.extraction.extract(
        article.text,
        title=article.title,
        published=article.published,
        nlp=get_nlp(django_settings.SPACY_MODEL),
    )
    # One run first, so the actor and place rows exist (as with the
    # reference data loaded) and only the article's own rows are written.
    extraction_store(article=article, result=result)
    once = article_rows()
    stored, release = threading.Event(), threading.Event()
    errors = []

    def run(*, hold: bool) -> None:
        try:
            with transaction.atomic():
                extraction_store(article=article, result=result)
                if hold:
                    stored.set()
                    release.wait(30)
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=run, kwargs={"hold": True})
    second = threading.Thread(target=run, kwargs={"hold": False})
    first.start()
    try:
        assert stored.wait(30)
        second.start()
        second.join(1)
        # The second run waits for the first to commit, then replaces its rows.
        assert second.is_alive()
    finally:
        release.set()
        first.join(30)
        second.join(30)

    assert errors == []
    assert article_rows() == once
    assert Event.objects.count() == len(result.events) == 1


# --- Queue or run ----------------------------------------------------------


@pytest.mark.django_db
def test_without_a_broker_ingestion_extracts_in_process(tmp_path, no_broker):
    ingest(article_files(tmp_path, 3), extract=True)

    assert statuses() == [DONE] * 3
    assert no_broker == []


@pytest.mark.django_db
def test_with_a_broker_articles_are_queued_after_the_commit(
    tmp_path, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        ids = ingest(article_files(tmp_path, 3), extract=True)
        assert broker == []

    assert len(callbacks) == 1
    callbacks[0]()
    assert broker == sorted(ids)
    assert statuses() == [PENDING] * 3


@pytest.mark.django_db
def test_the_commands_say_what_they_queued(
    tmp_path, broker, django_capture_on_commit_callbacks
):
    folder = article_files(tmp_path, 3)
    ingested, pending = StringIO(), StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(folder), verbosity=0, stdout=ingested)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("extract_pending", verbosity=0, stdout=pending)

    assert ingested.getvalue().splitlines()[-1] == "queued 3 articles for extraction"
    assert pending.getvalue() == "queued 3 articles for extraction\n"
    ids = sorted(Article.objects.values_list("pk", flat=True))
    assert broker == ids + ids
    assert statuses() == [PENDING] * 3


@pytest.mark.django_db
def test_the_admin_rerun_action_queues(
    tmp_path, broker, admin_client, django_capture_on_commit_callbacks
):
    ids = ingest(article_files(tmp_path, 2), extract=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:events_article_changelist"),
            {"action": "rerun_extraction", "_selected_action": ids},
            follow=True,
        )

    assert [str(m) for m in response.context["messages"]] == [
        "Queued 2 articles for extraction."
    ]
    assert broker == sorted(ids)


# --- A real broker, two workers, one killed ----------------------------------


def _status_counts(env: dict[str, str]) -> dict[str, int]:
    with connect(env) as conn:
        rows = conn.execute(
            "SELECT extraction_status, count(*) FROM events_article GROUP BY 1"
        ).fetchall()
    return dict(rows)


def _unfinished(log: str) -> set[str]:
    """Return the tasks the worker received and had not finished."""
    received = {m["task"] for m in RECEIVED.finditer(log)}
    return received - {m["task"] for m in SUCCEEDED.finditer(log)}


def _articles_done(log: str) -> list[tuple[str, int]]:
    """Return (task, article id) of each extraction the log says was done."""
    return [(m["task"], int(m["article"])) for m in ARTICLE_DONE.finditer(log)]


def _kill_mid_task(worker: Worker, env: dict[str, str]) -> set[str]:
    """SIGKILL the worker's process group while it extracts an article, once
    KILL_AFTER articles are done; return the tasks it had not finished."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while time.monotonic() < deadline:
        if not worker.alive():
            pytest.fail(f"worker {worker.name} died:\n{worker.text()}")
        done = _status_counts(env).get(DONE, 0)
        if done >= ARTICLES:
            pytest.fail("every article was done before the worker could be killed")
        if done >= KILL_AFTER:
            # Frozen, its log says for sure whether it holds a task.
            worker.signal(signal.SIGSTOP)
            unfinished = _unfinished(worker.text())
            if unfinished:
                worker.signal(signal.SIGKILL)
                worker.process.wait(timeout=30)
                return unfinished
            worker.signal(signal.SIGCONT)
        time.sleep(0.02)
    pytest.fail(f"fewer than {KILL_AFTER} articles done: {_status_counts(env)}")


def _wait_until_all_done(
    env: dict[str, str], workers: list[Worker], redelivered: set[str]
) -> None:
    """Return once every article is done and the `redelivered` tasks ran."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while time.monotonic() < deadline:
        for worker in workers:
            if not worker.alive():
                pytest.fail(f"worker {worker.name} died:\n{worker.text()}")
        finished = {
            task for worker in workers for task, _ in _articles_done(worker.text())
        }
        if _status_counts(env) == {DONE: ARTICLES} and redelivered <= finished:
            return
        time.sleep(0.5)
    logs = "\n".join(f"--- {w.name}\n{w.text()}" for w in workers)
    pytest.fail(f"not all done: {_status_counts(env)}\n{logs}")


def _in_process_rows(folder: Path, settings) -> dict:
    """Return the rows of the same articles extracted here, without a broker."""
    settings.CELERY_BROKER_URL = ""
    call_command("load_gazetteer", stdout=StringIO())
    call_command("load_actors", stdout=StringIO())
    assert len(ingest(folder, extract=True)) == ARTICLES
    return {"articles": article_rows(), "totals": totals()}


@pytest.mark.scale
@pytest.mark.django_db
def test_a_worker_killed_mid_run_loses_no_article(
    celery_db_env, redis_url, start_worker, tmp_path, settings
):
    folder = article_files(tmp_path / "articles", ARTICLES)
    manage(celery_db_env, "ingest", "--no-extract", "-v", "0", str(folder))
    w1, w2 = start_worker("w1"), start_worker("w2")
    # The reference, while the workers load the model.
    expected = _in_process_rows(folder, settings)
    w1.wait_until_ready()
    w2.wait_until_ready()

    queued = manage(
        dict(celery_db_env, CELERY_BROKER_URL=redis_url), "extract_pending", "-v", "0"
    )
    assert queued == f"queued {ARTICLES} articles for extraction\n"
    unfinished = _kill_mid_task(w1, celery_db_env)
    w3 = start_worker("w3")
    _wait_until_all_done(celery_db_env, [w2, w3], unfinished)

    # The rows are those of one in-process run: no article lost, none doubled.
    found = json.loads(manage(celery_db_env, "shell", "-v", "0", "-c", DUMP))
    assert found["totals"] == expected["totals"]
    assert found["articles"] == expected["articles"]
    # The task w1 was running when it died ran again on another worker; only
    # it (and w1's last, if w1 died before acknowledging it) ran twice.
    killed = _articles_done(w1.text())
    others = _articles_done(w2.text()) + _articles_done(w3.text())
    rerun = {article for task, article in others if task in unfinished}
    assert len(rerun) == len(unfinished) >= 1
    runs = Counter(article for _, article in killed + others)
    assert len(runs) == ARTICLES
    last_of_killed = {killed[-1][1]} if killed else set()
    assert {a for a, n in runs.items() if n > 1} <= last_of_killed
