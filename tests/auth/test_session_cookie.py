"""The session cookie is re-signed and re-sent only when the session changes: the last
activity (``seen_at``) is written at most once a minute (``SEEN_AT_PRECISION``), and
Flask's refresh of permanent sessions on every response is off. Time passes by moving
``seen_at`` back in the session, as the idle-timeout tests do."""

from datetime import datetime, timedelta

from auth.session import SEEN_AT_PRECISION
from core.config import Config
from core.db import utcnow
from tests.factories import PASSWORD, make_person


def _signed_in(client):
    make_person(email="emma@example.com")
    client.post("/login", data={"email": "emma@example.com", "password": PASSWORD})
    client.get("/")  # the first page stores what it needs (the CSRF token)


def _seen(client, ago: timedelta) -> None:
    with client.session_transaction() as session:
        session["seen_at"] = (utcnow() - ago).isoformat()


def _seen_at(client) -> datetime:
    with client.session_transaction() as session:
        return datetime.fromisoformat(session["seen_at"])


def test_sessions_are_not_refreshed_on_every_response():
    assert Config.SESSION_REFRESH_EACH_REQUEST is False


def test_a_page_within_the_minute_sends_no_cookie(client, db):
    _signed_in(client)
    first = client.get("/people")
    second = client.get("/")
    assert first.status_code == second.status_code == 200
    assert "Set-Cookie" not in second.headers


def test_a_page_after_the_minute_notes_the_activity_and_sends_the_cookie(client, db):
    _signed_in(client)
    _seen(client, SEEN_AT_PRECISION + timedelta(seconds=1))
    before = utcnow()
    response = client.get("/")
    assert response.status_code == 200
    assert "session=" in response.headers["Set-Cookie"]
    assert _seen_at(client) >= before


def test_a_page_within_the_minute_leaves_the_activity_time_alone(client, db):
    _signed_in(client)
    _seen(client, timedelta(seconds=59))
    noted = _seen_at(client)
    client.get("/")
    assert _seen_at(client) == noted
