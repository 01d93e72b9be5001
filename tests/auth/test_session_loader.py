"""``auth.session.load_user``: the signed-in user by id and session version in one
statement built once per set of registered extra columns (``core.hooks``) — the extras
ride on it, a column registered later is loaded too, and a stale version is refused."""

import sqlalchemy as sa

from auth.session import load_user
from core.hooks import USER_COLUMNS, register_user_column
from tests.factories import make_person


def _load(app, user_id: str):
    with app.test_request_context("/"):
        return load_user(user_id)


def test_the_registered_extras_ride_on_the_user(app, db):
    user = make_person(time_zone="Europe/Amsterdam")
    loaded = _load(app, user.get_id())
    assert loaded is user
    assert loaded.unread_notifications == 0
    assert loaded.time_zone == "Europe/Amsterdam"


def test_a_column_registered_later_is_loaded_too(app, db):
    user = make_person()
    _load(app, user.get_id())  # the statement for the current extras exists now
    register_user_column("answer", lambda user_id: sa.literal(42))
    try:
        assert _load(app, user.get_id()).answer == 42
    finally:
        del USER_COLUMNS["answer"]


def test_a_stale_session_version_or_another_id_is_refused(app, db):
    user = make_person()
    other = make_person()
    assert _load(app, user.get_id()) is user
    assert _load(app, f"{user.id}:{user.session_version + 1}") is None
    assert _load(app, other.get_id()) is other


def test_an_api_path_never_loads_a_cookie_user(app, db):
    user = make_person()
    with app.test_request_context("/api/v1/me"):
        assert load_user(user.get_id()) is None
