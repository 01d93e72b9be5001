"""The bearer-token lookup is one statement built once and reused (``auth.tokens``):
every way a token dies still answers 401 through it — on a person and on ``/me`` — and a
live token answers 200 with the person's version ETag, after the statement has served
other tokens."""

from datetime import timedelta

import pytest

from auth import services, tokens
from auth.personal_tokens import issue_personal_token
from core.api import version_etag
from core.db import utcnow
from people.enums import TokenScope
from people.models import Employee
from tests.factories import PASSWORD, make_employee, make_person

NEW_PASSWORD = "gravel-orchid-lantern"


def _session_token(user):
    return tokens.issue_token(user, timedelta(hours=1))


def _personal_token(user):
    return issue_personal_token(user, {"name": "sync", "scope": TokenScope.read})


def _revoke(db, user, row):
    tokens.revoke_token(row)


def _expire(db, user, row):
    row.expires_at = utcnow() - timedelta(seconds=1)


def _disable(db, user, row):
    user.is_enabled = False


def _leave(db, user, row):
    db.session.get(Employee, user.employee_id).is_active = False


def _require_password_change(db, user, row):
    user.must_change_password = True


def _sign_out(db, user, row):
    services.sign_out(user)  # bumps session_version


def _change_password(db, user, row):
    services.set_password(user, user, NEW_PASSWORD, current=PASSWORD)


COMMON = [_revoke, _expire, _disable, _leave, _require_password_change]
DEATHS = [
    *((_session_token, ending) for ending in [*COMMON, _sign_out, _change_password]),
    *((_personal_token, ending) for ending in [*COMMON, _change_password]),
]


def _name(value):
    return value.__name__.strip("_")


@pytest.fixture
def people(db):
    """The caller and a colleague they look at."""
    caller = make_person(email="caller@example.com")
    colleague = make_employee(email="colleague@example.com")
    db.session.commit()
    return caller, colleague


def _answers(client, headers, colleague):
    person = client.get(f"/api/v1/people/{colleague.id}", headers=headers)
    me = client.get("/api/v1/me", headers=headers)
    return person, me


@pytest.mark.parametrize(("issue", "ending"), DEATHS, ids=_name)
def test_a_dead_token_answers_401_through_the_prebuilt_lookup(
    issue, ending, client, db, people
):
    caller, colleague = people
    secret, row = issue(caller)
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    assert [r.status_code for r in _answers(client, headers, colleague)] == [200, 200]

    ending(db, caller, row)
    db.session.commit()

    person, me = _answers(client, headers, colleague)
    assert (person.status_code, me.status_code) == (401, 401)
    assert "ETag" not in person.headers
    assert tokens.find_token(secret) is None


def test_a_token_issued_expired_answers_401(client, db, people):
    caller, colleague = people
    past = utcnow() - timedelta(hours=2)
    secret, _ = tokens.issue_token(caller, timedelta(hours=1), now=past)
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    statuses = [r.status_code for r in _answers(client, headers, colleague)]
    assert statuses == [401, 401]


@pytest.mark.parametrize("issue", [_session_token, _personal_token], ids=_name)
def test_a_live_token_answers_200_with_the_version_etag(issue, client, db, people):
    caller, colleague = people
    other, _ = _session_token(make_person())  # the statement serves another token first
    secret, _ = issue(caller)
    db.session.commit()
    client.get("/api/v1/me", headers={"Authorization": f"Bearer {other}"})

    person, me = _answers(client, {"Authorization": f"Bearer {secret}"}, colleague)

    assert (person.status_code, me.status_code) == (200, 200)
    assert person.headers["ETag"] == f'"{version_etag(colleague)}"'
    assert person.get_json()["id"] == colleague.id
    assert me.get_json()["email"] == "caller@example.com"


def test_a_personal_token_outlives_a_plain_sign_out(client, db, people):
    caller, colleague = people
    secret, _ = _personal_token(caller)
    services.sign_out(caller)
    db.session.commit()
    person, me = _answers(client, {"Authorization": f"Bearer {secret}"}, colleague)
    assert (person.status_code, me.status_code) == (200, 200)


def test_the_lookup_is_built_once(db, people):
    caller, _ = people
    secret, _ = _session_token(caller)
    db.session.commit()
    first = tokens._live_token_select()
    assert tokens.find_token(secret).user_id == caller.id
    assert tokens.find_token("not-a-token") is None
    assert tokens._live_token_select() is first


def test_the_time_is_bound_at_each_lookup_not_when_the_statement_was_built(db, people):
    caller, _ = people
    secret, row = _session_token(caller)
    db.session.commit()
    before, at = row.expires_at - timedelta(seconds=1), row.expires_at
    assert tokens.find_token(secret, now=before) is not None
    assert tokens.find_token(secret, now=at) is None
    assert tokens.find_token(secret, now=before) is not None
