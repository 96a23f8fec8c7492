"""The bench database: its name, the environment that selects it, and creating
or dropping it on the server the app uses (see conflictwatch.database)."""

from django.conf import settings

from conflictwatch import database

DB_NAME = "conflictwatch_bench"


def bench_env(environ: dict[str, str] | None = None) -> dict[str, str]:
    """Return `environ` (default: os.environ) pointed at the bench database."""
    return database.database_env(DB_NAME, environ)


def is_bench_database() -> bool:
    """Return whether this process's default database is the bench database."""
    return settings.DATABASES["default"]["NAME"] == DB_NAME


def database_create(*, drop: bool = False) -> bool:
    """Create the bench database (first dropping it if `drop`); return if new."""
    return database.database_create(DB_NAME, drop=drop)
