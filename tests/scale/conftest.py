"""Scale tests: a real Redis broker and Celery worker processes.

Workers cannot see pytest-django's test database (it lives inside a
transaction), so the broker test fills a database of its own,
`conflictwatch_celery`, dropped and recreated at the start, the way the
browser tests do: on the embedded server it is picked with
CONFLICTWATCH_DB_NAME; with DATABASE_URL set, the subprocesses get the same
URL with the database name swapped. The workers run with
tests/scale/worker_settings.py, which has Redis give a dead worker's message
to another worker after seconds instead of an hour.

Redis is Debian's `redis-server` (`make redis` installs it), started here on a
free port in a temporary folder, without persistence, and stopped at the end.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
import redis

from conflictwatch.database import database_create, database_env, server_connect
from tests.conftest import ROOT
from tests.subprocesses import free_port, manage

DB_NAME = "conflictwatch_celery"
WORKER_SETTINGS = "tests.scale.worker_settings"
START_SECONDS = 60


def connect(env: dict[str, str], dbname: str = DB_NAME) -> psycopg.Connection:
    """Return an autocommit connection to `dbname` on the test's server."""
    return server_connect(dbname, env)


def _database_env() -> dict[str, str]:
    """Return the environment that points the subprocesses at DB_NAME."""
    return database_env(DB_NAME) | {
        "DJANGO_SETTINGS_MODULE": WORKER_SETTINGS,
        "CELERY_BROKER_URL": "",
    }


@pytest.fixture(scope="module")
def celery_db_env() -> dict[str, str]:
    """Recreate DB_NAME with the reference data; return the env that uses it."""
    env = _database_env()
    database_create(DB_NAME, drop=True, environ=env)
    manage(env, "migrate", "--noinput")
    manage(env, "load_gazetteer")
    manage(env, "load_actors")
    return env


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start a throwaway redis-server; yield its URL; stop it."""
    executable = shutil.which("redis-server")
    if not executable:
        pytest.fail("redis-server is missing: run `make redis` (Debian's package)")
    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    with (folder / "redis.log").open("w") as log:
        server = subprocess.Popen(
            [
                executable,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait_for_redis(server, url, folder / "redis.log")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for_redis(server: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    client = redis.Redis.from_url(url)
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(
                f"redis-server exited ({server.returncode}):\n{log.read_text()}"
            )
        try:
            client.ping()
            return
        except redis.ConnectionError:
            time.sleep(0.1)
    pytest.fail(f"redis-server did not answer on {url}:\n{log.read_text()}")


class Worker:
    """One `celery worker` process group (main process and pool child)."""

    def __init__(self, name: str, env: dict[str, str], log: Path):
        self.name = name
        self.log = log
        with log.open("w") as output:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "conflictwatch",
                    "worker",
                    "-Q",
                    "extraction",
                    "--pool",
                    "prefork",
                    "--concurrency",
                    "1",
                    "-n",
                    f"{name}@%h",
                    "--loglevel",
                    "INFO",
                    "--without-gossip",
                    "--without-mingle",
                ],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                # Its own process group, so that killing it kills its child too.
                start_new_session=True,
            )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_until_ready(self) -> None:
        """Return once the worker consumes and its pool process has the model."""
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            text = self.text()
            if " ready." in text and "spaCy model" in text:
                return
            if not self.alive():
                break
            time.sleep(0.1)
        pytest.fail(f"worker {self.name} did not start:\n{self.text()}")

    def signal(self, signum: int) -> None:
        os.killpg(self.process.pid, signum)

    def stop(self) -> None:
        if self.alive():
            self.signal(signal.SIGTERM)
            # A worker the test froze acts on SIGTERM once it runs again.
            self.signal(signal.SIGCONT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.signal(signal.SIGKILL)
        self.process.wait(timeout=30)


@pytest.fixture
def start_worker(
    celery_db_env: dict[str, str], redis_url: str, tmp_path: Path
) -> Iterator[Callable[[str], Worker]]:
    """Return start(name): a worker on the test database and broker; stop all."""
    env = dict(celery_db_env, CELERY_BROKER_URL=redis_url)
    started: list[Worker] = []

    def start(name: str) -> Worker:
        worker = Worker(name, env, tmp_path / f"{name}.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
