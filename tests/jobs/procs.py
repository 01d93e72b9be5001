"""A database other processes can open, and ``flask`` subprocesses against it.

On PostgreSQL (``TEST_DATABASE_URL``) that is the test database itself (emptied by the
``db`` fixture); on SQLite a file in ``tmp_path`` with its own app, because an in-memory
database lives in this process only.
"""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from app import create_app
from core.config import TestConfig
from core.extensions import db as _db

ROOT = Path(__file__).resolve().parents[2]
FLASK = [sys.executable, "-m", "flask", "--app", "app"]


@dataclass
class SharedDb:
    app: object
    url: str

    @property
    def is_postgres(self) -> bool:
        return self.url.startswith("postgresql")


@pytest.fixture
def shared_db(app, db, tmp_path):
    """An app whose database a subprocess can open too; yields inside its context."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("postgresql"):
        yield SharedDb(app, url)
        return
    url = f"sqlite:///{tmp_path / 'trellis.db'}"
    config = type("FileConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url})
    file_app = create_app(config)
    with file_app.app_context():
        _db.create_all()
        yield SharedDb(file_app, url)
        _db.session.remove()
        _db.engine.dispose()


def flask_env(url: str, **extra) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    env.pop("SMTP_HOST", None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def start(args: list[str], url: str, log: Path, **env) -> subprocess.Popen:
    out = log.open("w")
    return subprocess.Popen(
        [*FLASK, *args],
        cwd=ROOT,
        env=flask_env(url, **env),
        stdout=out,
        stderr=subprocess.STDOUT,
    )


def run(args: list[str], url: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*FLASK, *args],
        cwd=ROOT,
        env=flask_env(url, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def wait_for(log: Path, text: str, timeout: float = 30, count: int = 1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and log.read_text().count(text) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not in {log.name}:\n{log.read_text()}")


def stop(proc: subprocess.Popen, sig=None) -> int:
    import signal

    if proc.poll() is None:
        proc.send_signal(sig or signal.SIGTERM)
    return proc.wait(timeout=30)
