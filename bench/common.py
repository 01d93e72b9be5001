"""Shared helpers: paths, the bench app, bulk inserts, free ports and a gunicorn process.

``insert_rows`` lives here, not in ``bench.fixtures``, so the per-domain fixture builders
(``bench.fixtures_reviews``, ``bench.fixtures_development``) need not import the module
that imports them (no import cycle)."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
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


@contextmanager
def gunicorn(app_spec: str, *, workers: int = 3, env: dict | None = None):
    """Run ``gunicorn -w N app_spec`` on 127.0.0.1 and a free port; yield the port."""
    port = free_port()
    binary = Path(sys.executable).with_name("gunicorn")
    command = [
        str(binary),
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        app_spec,
    ]
    proc = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL
    )
    try:
        wait_for_port(port, proc)
        time.sleep(1.0)  # let every worker finish importing the app
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


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
