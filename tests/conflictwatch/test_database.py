"""The embedded server: started on demand, reused, one per data folder."""

import subprocess
import sys
from pathlib import Path

import psutil
import psycopg

from conflictwatch.database import stop_embedded_server
from tests.conftest import ROOT

START = (
    "import sys; from pathlib import Path; "
    "from conflictwatch.database import ensure_embedded_server; "
    "print(ensure_embedded_server(Path(sys.argv[1]), 'demo'))"
)


def postgres_processes(pgdata: Path) -> list[psutil.Process]:
    """Return the postmaster processes serving `pgdata`."""
    found = []
    for process in psutil.process_iter(attrs=["name", "cmdline"]):
        cmdline = process.info["cmdline"] or []
        if process.info["name"] == "postgres" and str(pgdata) in cmdline:
            found.append(process)
    return found


def test_two_processes_starting_at_once_share_one_server(tmp_path):
    pgdata = (tmp_path / "postgres").resolve()
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", START, str(pgdata)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        outputs = [process.communicate(timeout=120) for process in starts]
        assert [process.returncode for process in starts] == [0, 0], outputs
        socket_dirs = {stdout.strip().splitlines()[-1] for stdout, _ in outputs}
        assert len(socket_dirs) == 1
        assert len(postgres_processes(pgdata)) == 1

        # The server outlived the processes that started it, with the database.
        with psycopg.connect(
            host=socket_dirs.pop(), user="postgres", dbname="demo"
        ) as connection:
            assert connection.execute("SELECT 1").fetchone() == (1,)
    finally:
        stop_embedded_server(pgdata)

    assert postgres_processes(pgdata) == []
