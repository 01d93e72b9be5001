"""Shared helpers: paths, the bench app, bulk inserts, free ports, gunicorn processes and
what their workers cost (CPU time and peak resident memory, read from ``/proc``).

``insert_rows`` lives here, not in ``bench.fixtures``, so the per-domain fixture builders
(``bench.fixtures_reviews``, ``bench.fixtures_development``) need not import the module
that imports them (no import cycle). The worker figures come from ``/proc`` rather than
``psutil``: two fields of two files, and no package for it (Linux only, like the bench).
"""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SIZES = {"M": 1_000, "L": 5_000, "XL": 20_000}
PASSWORD = "bench-password-2026"  # every bench account; printed by bench.fixtures
CHUNK = 2_000  # rows per bulk INSERT


def default_url(size: str) -> str:
    return f"sqlite:///{OUT / f'bench-{size}.db'}"


def sqlite_path(url: str) -> Path | None:
    prefix = "sqlite:///"
    return Path(url[len(prefix) :]) if url.startswith(prefix) else None


def make_app(url: str):
    """The real Trellis app on ``url`` (production config, not the test one)."""
    from app import create_app
    from core.config import Config

    config = type("BenchConfig", (Config,), {"SQLALCHEMY_DATABASE_URI": url})
    return create_app(config)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


@dataclass(frozen=True)
class Server:
    """A running gunicorn: its port and its master's process id."""

    port: int
    pid: int

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self) -> list[int]:
        """The worker processes (the master's children)."""
        return worker_pids(self.pid)


@contextmanager
def gunicorn(
    app_spec: str,
    *,
    workers: int = 3,
    threads: int = 1,
    worker_class: str = "sync",
    config: str | None = None,
    env: dict | None = None,
):
    """Run ``gunicorn -w N app_spec`` on 127.0.0.1 and a free port; yield a ``Server``
    once every worker is up. ``config``: a gunicorn config file; the options given here
    override what it sets."""
    port = free_port()
    binary = Path(sys.executable).with_name("gunicorn")
    command = [
        str(binary),
        *(["-c", config] if config else []),
        "-w",
        str(workers),
        "--threads",
        str(threads),
        "-k",
        worker_class,
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        # gunicorn 27's control socket is one path per user ($HOME/.gunicorn):
        # three servers side by side would fight over it.
        "--no-control-socket",
        app_spec,
    ]
    proc = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL
    )
    try:
        wait_for_port(port, proc)
        _wait_for_workers(proc, workers)
        time.sleep(1.0)  # let every worker finish importing the app
        yield Server(port, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_for_workers(proc: subprocess.Popen, count: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while len(worker_pids(proc.pid)) < count:
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn {proc.pid} did not start {count} workers")
        time.sleep(0.1)


def _stat_fields(pid: int) -> list[str]:
    """``/proc/<pid>/stat`` after the command name (which may hold spaces and ")")."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def worker_pids(master: int) -> list[int]:
    """The processes whose parent is ``master``."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if int(_stat_fields(int(entry.name))[1]) == master:
                pids.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
    return sorted(pids)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far (every thread)."""
    ticks = 0
    for pid in pids:
        fields = _stat_fields(pid)
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size (``VmHWM``) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def has_people(url: str) -> bool:
    """Does the database at ``url`` hold fixtures (an ``employees`` table with rows)?"""
    import sqlalchemy as sa

    path = sqlite_path(url)
    if path is not None and not path.exists():
        return False
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("employees"):
                return False
            return bool(conn.scalar(sa.text("SELECT COUNT(*) FROM employees")))
    finally:
        engine.dispose()


def insert_rows(model, rows: list[dict], label: str) -> None:
    """Bulk INSERT ``rows`` in chunks, with a progress bar."""
    import sqlalchemy as sa
    from tqdm import tqdm

    from core.extensions import db

    with tqdm(total=len(rows), desc=f"{label:<14}", unit="row", leave=True) as bar:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            db.session.execute(sa.insert(model), chunk)
            bar.update(len(chunk))
