"""Two requests with one ``Idempotency-Key`` at the same time create one row.

The first request is held inside its service (its record flushed, not committed) while
the second arrives: the second's INSERT meets the unique (user_id, key) constraint —
PostgreSQL makes it wait for the first transaction, SQLite for the write lock — and is
answered from the record (the first answer, or 409 if that is not stored yet). Real
threads with their own connections: the suite's PostgreSQL database, or on SQLite a
database file of its own (the suite's in-memory database is a single connection).
"""

import threading
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app import create_app
from auth.tokens import issue_token
from core.config import TestConfig
from core.extensions import db
from core.idempotency import HEADER
from development.models import DevelopmentActivity
from development.services import activities
from tests import factories

BODY = {"kind": "course", "title": "SQL basics"}


@pytest.fixture
def concurrent_app(app, db, tmp_path):
    """An app whose requests run on separate connections."""
    if db.engine.dialect.name == "postgresql":
        yield app
        return
    config = type(
        "FileConfig",
        (TestConfig,),
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/concurrent.db"},
    )
    file_app = create_app(config)
    with file_app.app_context():
        db.create_all()
        yield file_app
        db.session.remove()
        db.engine.dispose()


def test_a_concurrent_duplicate_creates_nothing(concurrent_app, monkeypatch):
    with concurrent_app.app_context():
        user = factories.make_person(name="Emma Employee")
        token, _ = issue_token(user, timedelta(hours=1))
        db.session.commit()
    headers = {"Authorization": f"Bearer {token}", HEADER: "same-time"}

    entered, release = threading.Event(), threading.Event()
    real = activities.create_activity

    def held(actor, data, **kwargs):
        if not entered.is_set():
            entered.set()
            release.wait(10)
        return real(actor, data, **kwargs)

    monkeypatch.setattr(activities, "create_activity", held)
    client = concurrent_app.test_client()
    answers = {}

    def send(name):
        answers[name] = client.post("/api/v1/activities", json=BODY, headers=headers)

    first = threading.Thread(target=send, args=("first",))
    first.start()
    assert entered.wait(10)
    second = threading.Thread(target=send, args=("second",))
    second.start()
    time.sleep(0.5)  # the second is now waiting on the first one's claim
    release.set()
    first.join(20)
    second.join(20)

    assert answers["first"].status_code == 201
    assert answers["second"].status_code in (201, 409), answers["second"].get_json()
    if answers["second"].status_code == 201:
        assert answers["second"].get_data() == answers["first"].get_data()
    with concurrent_app.app_context():
        total = db.session.scalar(
            sa.select(sa.func.count()).select_from(DevelopmentActivity)
        )
    assert total == 1
