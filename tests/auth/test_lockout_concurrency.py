"""20 simultaneous wrong passwords from 4 processes check at most 5 (issue 13).

Each process has its own app and connections (``tests/auth/lockout_worker.py``) and
counts its argon2 verifications; half sign in on the web, half ask for an API token.
On PostgreSQL the suite's database; on SQLite a database file of its own (the suite's
in-memory database is one connection).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from app import create_app
from core.config import TestConfig
from core.extensions import db as _db
from people.models import LoginAttempt
from tests.factories import make_person

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "emma@example.com"


def test_twenty_parallel_wrong_passwords_check_at_most_five(app, db, tmp_path):
    url = str(db.engine.url.render_as_string(hide_password=False))
    target = app
    if db.engine.dialect.name != "postgresql":
        url = f"sqlite:///{tmp_path}/lockout.db"
        target = create_app(type("F", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url}))
    with target.app_context():
        _db.create_all()
        make_person(email=EMAIL)
        _db.session.commit()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.auth.lockout_worker", url, EMAIL, "5"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready"
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    results = [json.loads(worker.communicate(timeout=120)[0]) for worker in workers]
    checks = sum(result["checks"] for result in results)
    statuses = [s for result in results for s in result["statuses"]]
    assert len(statuses) == 20
    assert checks <= 5, results
    with target.app_context():
        assert (
            _db.session.scalar(sa.select(sa.func.count()).select_from(LoginAttempt))
            <= 5
        )
