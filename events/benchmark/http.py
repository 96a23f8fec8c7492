"""Timing pages over real HTTP: a server in a subprocess, requests in a loop.

Each measurement reads the whole body, so a page counts until its last byte;
p50 and p95 are nearest-rank percentiles of the timed requests that follow
the warm-up ones.
"""

import contextlib
import math
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

SERVER_START_SECONDS = 120
RSS_SAMPLE_SECONDS = 0.002


@dataclass
class Timing:
    """The timed requests of one URL."""

    name: str
    url: str
    seconds: list[float] = field(default_factory=list)
    size: int = 0  # bytes of the (last) response body
    status: int = 0
    detail: str = ""

    def percentile(self, share: float) -> float:
        """Return the nearest-rank percentile of the timings, in seconds."""
        ordered = sorted(self.seconds)
        return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]

    @property
    def p50(self) -> float:
        return self.percentile(0.50)

    @property
    def p95(self) -> float:
        return self.percentile(0.95)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server subprocess on a free local port; stopped when the block ends."""

    def __init__(self, command: Sequence[str], *, port: int, env, cwd, log: Path):
        self.command, self.port, self.env, self.cwd, self.log = (
            list(command),
            port,
            env,
            cwd,
            log,
        )
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Server":
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._output = self.log.open("w")
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=self._output,
            stderr=subprocess.STDOUT,
        )
        return self

    def wait_until_serving(self, path: str) -> None:
        """Return once `path` answers; raise if the server exits or never does."""
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.command[0]} exited ({self.process.returncode}), "
                    f"see {self.log}"
                )
            try:
                with urllib.request.urlopen(self.url + path, timeout=30):
                    return
            except urllib.error.HTTPError:
                return  # it answers, if not with 200
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError(f"no answer from {self.url}{path}, see {self.log}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._output.close()


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """GET `url`; return the status and the whole body."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def time_url(
    name: str,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    warmup: int = 3,
    repeat: int = 20,
) -> Timing:
    """Request `url` `warmup` times untimed, then `repeat` times timed."""
    timing = Timing(name, url)
    for _ in range(warmup):
        fetch(url, headers)
    for _ in range(repeat):
        started = time.perf_counter()
        status, body = fetch(url, headers)
        timing.seconds.append(time.perf_counter() - started)
        timing.status, timing.size = status, len(body)
    return timing


@dataclass(frozen=True)
class StreamMeasure:
    """A download timed to its last byte, with the server's memory meanwhile."""

    name: str
    rows: int
    seconds: float
    size: int
    status: int
    rss_before: int
    rss_peak: int

    @property
    def rss_increase(self) -> int:
        return max(self.rss_peak - self.rss_before, 0)


def time_stream(
    name: str, url: str, *, rows: int, pid: int, headers=None
) -> StreamMeasure:
    """Download `url` once while sampling the resident memory of process `pid`."""
    process = psutil.Process(pid)
    before = tree_rss(process)
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(process))
            time.sleep(RSS_SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    try:
        status, body = fetch(url, headers)
    finally:
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
    return StreamMeasure(name, rows, seconds, len(body), status, before, peak[0])


def tree_rss(process: psutil.Process) -> int:
    """Resident memory of `process` and its children (a server's workers)."""
    total = process.memory_info().rss
    for child in process.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += child.memory_info().rss
    return total
