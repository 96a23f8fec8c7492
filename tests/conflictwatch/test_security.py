"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys

from tests.conftest import ROOT


def test_check_deploy_is_clean_under_production_settings():
    env = os.environ | {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x7!" * 20 + "a-long-random-production-key",
        "DJANGO_ALLOWED_HOSTS": "conflictwatch.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
