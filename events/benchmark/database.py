"""The bench database: its name, the environment that selects it, and creating
or dropping it on the server the app uses (embedded, or DATABASE_URL's)."""

import os
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import psycopg
from django.conf import settings
from psycopg import sql

from conflictwatch.database import ensure_embedded_server

DB_NAME = "conflictwatch_bench"


def bench_env(environ: dict[str, str] | None = None) -> dict[str, str]:
    """Return `environ` (default: os.environ) pointed at the bench database."""
    env = dict(os.environ if environ is None else environ)
    env["CONFLICTWATCH_DB_NAME"] = DB_NAME
    if env.get("DATABASE_URL"):
        parts = urlsplit(env["DATABASE_URL"])
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{DB_NAME}"))
    return env


def is_bench_database() -> bool:
    """Return whether this process's default database is the bench database."""
    return settings.DATABASES["default"]["NAME"] == DB_NAME


def server_connection() -> psycopg.Connection:
    """Return an autocommit connection to the server's `postgres` database."""
    default = settings.DATABASES["default"]
    if os.environ.get("DATABASE_URL"):
        config = dj_database_url.parse(os.environ["DATABASE_URL"])
        params = {
            "host": config.get("HOST") or None,
            "port": config.get("PORT") or None,
            "user": config.get("USER") or None,
            "password": config.get("PASSWORD") or None,
            **config.get("OPTIONS", {}),
        }
    else:
        socket_dir = ensure_embedded_server(
            default["PGDATA"], default["EMBEDDED_MAIN_NAME"]
        )
        params = {"host": socket_dir, "user": "postgres"}
    params = {key: value for key, value in params.items() if value is not None}
    return psycopg.connect(dbname="postgres", autocommit=True, **params)


def database_create(*, drop: bool = False) -> bool:
    """Create the bench database (first dropping it if `drop`); return if new."""
    name = sql.Identifier(DB_NAME)
    with server_connection() as conn:
        if drop:
            # FORCE ends the connections a bench server left behind.
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)
            )
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
        return not exists
