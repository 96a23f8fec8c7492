"""Shared fixtures. Tests run against real PostgreSQL (embedded, or DATABASE_URL)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"


def seed_path(prefix: str) -> Path:
    """Return the seed file whose name starts with `prefix` ("000" ... "004")."""
    (path,) = SEEDS_DIR.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS_DIR
