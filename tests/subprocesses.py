"""Helpers for tests that run the app in subprocesses against a database of
their own (the browser tests, the Celery tests)."""

import subprocess
import sys

import pytest

from events.benchmark.http import free_port
from tests.conftest import ROOT

__all__ = ["free_port", "manage"]


def manage(env: dict[str, str], *args: str) -> str:
    """Run a management command in a subprocess; return what it printed."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({done.returncode}):\n"
            f"{done.stdout}\n{done.stderr}"
        )
    return done.stdout
