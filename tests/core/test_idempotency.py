"""``Idempotency-Key`` on API POSTs (``core.idempotency``): a retry answers the first
response and creates nothing; a reused key with another body is a 422; keys are per
user and live 24 hours; an unfinished first request makes the retry a 409."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from core.db import utcnow
from core.extensions import db
from core.idempotency import (
    HEADER,
    IdempotencyRecord,
    begin,
    purge_idempotency_keys,
)
from development.models import Contact, DevelopmentActivity, InformationalInterview
from reviews.models import Goal
from tests.conftest import bearer

ACTIVITY = {"kind": "course", "title": "SQL basics"}


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def post(client, org):
    """POST as ``user`` (default Emma) with an optional Idempotency-Key."""

    def _post(url, body, key=None, user=None):
        headers = bearer(user or org.employee)
        if key is not None:
            headers[HEADER] = key
        return client.post(url, json=body, headers=headers)

    return _post


@pytest.mark.parametrize(
    ("url", "body", "model"),
    [
        ("/api/v1/activities", ACTIVITY, DevelopmentActivity),
        ("/api/v1/contacts", {"name": "Dana Lee", "organisation": "Acme"}, Contact),
        ("/api/v1/interviews", {"purpose": "Meet a PM"}, InformationalInterview),
        ("/api/v1/goals", {"title": "Ship the API"}, Goal),
    ],
)
def test_a_retry_answers_the_first_response_and_creates_nothing(post, url, body, model):
    first = post(url, body, key="retry-1")
    assert first.status_code == 201, first.get_json()
    again = post(url, body, key="retry-1")
    assert again.status_code == 201
    assert again.get_data() == first.get_data()
    assert again.headers.get("ETag") == first.headers.get("ETag")
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert count(model) == 1


def test_a_retried_check_in_answers_first_although_its_if_match_is_now_stale(
    client, org, post
):
    """The first check-in moved the goal's version on; the retry carries the old
    If-Match, and still gets the first answer instead of a 412 or a second row."""
    from reviews.models import GoalCheckIn

    goal = post("/api/v1/goals", {"title": "Ship the API"})
    url = f"/api/v1/goals/{goal.get_json()['id']}/check-ins"
    headers = {**bearer(org.employee), HEADER: "c1", "If-Match": goal.headers["ETag"]}
    first = client.post(url, json={"value": 40}, headers=headers)
    assert first.status_code == 201, first.get_json()
    again = client.post(url, json={"value": 40}, headers=headers)
    assert (again.status_code, again.get_data()) == (201, first.get_data())
    assert count(GoalCheckIn) == 1


def test_the_same_body_in_another_key_order_is_the_same_request(post):
    post("/api/v1/activities", {"kind": "course", "title": "SQL"}, key="k")
    again = post("/api/v1/activities", {"title": "SQL", "kind": "course"}, key="k")
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert count(DevelopmentActivity) == 1


def test_the_same_key_with_another_body_is_a_422_naming_the_header(post):
    post("/api/v1/activities", ACTIVITY, key="k")
    other = post("/api/v1/activities", {**ACTIVITY, "title": "Other"}, key="k")
    assert other.status_code == 422
    assert HEADER in other.get_json()["errors"]
    assert count(DevelopmentActivity) == 1


def test_the_same_key_on_another_path_is_a_422(post):
    post("/api/v1/contacts", {"name": "Dana Lee"}, key="k")
    other = post("/api/v1/activities", ACTIVITY, key="k")
    assert other.status_code == 422
    assert count(DevelopmentActivity) == 0


def test_another_user_with_the_same_key_is_independent(post, org):
    mine = post("/api/v1/activities", ACTIVITY, key="shared")
    theirs = post("/api/v1/activities", ACTIVITY, key="shared", user=org.peer)
    assert theirs.status_code == 201
    assert "Idempotent-Replayed" not in theirs.headers
    assert theirs.get_json()["id"] != mine.get_json()["id"]
    assert count(DevelopmentActivity) == 2


def test_a_key_older_than_24_hours_creates_again(post):
    post("/api/v1/activities", ACTIVITY, key="old")
    db.session.execute(
        sa.update(IdempotencyRecord).values(
            created_at=utcnow() - timedelta(hours=24, minutes=1)
        )
    )
    again = post("/api/v1/activities", ACTIVITY, key="old")
    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again.headers
    assert count(DevelopmentActivity) == 2
    assert count(IdempotencyRecord) == 1  # the expired record made way


def test_a_key_just_under_24_hours_old_still_replays(post):
    post("/api/v1/activities", ACTIVITY, key="young")
    db.session.execute(
        sa.update(IdempotencyRecord).values(
            created_at=utcnow() - timedelta(hours=23, minutes=59)
        )
    )
    assert post("/api/v1/activities", ACTIVITY, key="young").headers[
        "Idempotent-Replayed"
    ]
    assert count(DevelopmentActivity) == 1


def test_without_a_key_every_post_creates_and_nothing_is_kept(post):
    for _ in range(2):
        assert post("/api/v1/activities", ACTIVITY).status_code == 201
    assert count(DevelopmentActivity) == 2
    assert count(IdempotencyRecord) == 0


@pytest.mark.parametrize(
    "key", ["", "x" * 256, "tab\tin", "caf\u00e9", " lead", "trail ", "nul\x00"]
)
def test_a_malformed_key_is_a_422_naming_the_header(post, key):
    response = post("/api/v1/activities", ACTIVITY, key=key)
    assert response.status_code == 422
    assert HEADER in response.get_json()["errors"]
    assert count(DevelopmentActivity) == 0


@pytest.mark.parametrize("key", ["!~" + "a" * 253, "x", "two words"])
def test_a_key_of_1_to_255_printable_characters_is_accepted(post, key):
    assert post("/api/v1/activities", ACTIVITY, key=key).status_code == 201
    assert post("/api/v1/activities", ACTIVITY, key=key).headers["Idempotent-Replayed"]


def test_a_refused_request_does_not_use_up_its_key(post):
    refused = post("/api/v1/activities", {"kind": "course"}, key="fix-me")
    assert refused.status_code == 422
    assert count(IdempotencyRecord) == 0
    fixed = post("/api/v1/activities", ACTIVITY, key="fix-me")
    assert fixed.status_code == 201
    assert count(DevelopmentActivity) == 1


def test_a_key_whose_first_request_has_not_answered_is_a_409(post, org, app):
    with app.test_request_context("/api/v1/activities", method="POST", json=ACTIVITY):
        from flask import request

        from core.idempotency import request_fingerprint

        fingerprint = request_fingerprint(request)
    db.session.add(
        IdempotencyRecord(user_id=org.employee.id, key="busy", request_hash=fingerprint)
    )
    response = post("/api/v1/activities", ACTIVITY, key="busy")
    assert response.status_code == 409
    assert "still in progress" in response.get_json()["message"]
    assert count(DevelopmentActivity) == 0


def test_a_worker_lost_after_its_commit_leaves_a_claim_not_a_second_row(
    post, monkeypatch
):
    """The record is committed with the created row: a worker that dies before it
    keeps the answer (``finish`` never runs) still blocks the retry's copy."""
    import core.idempotency

    monkeypatch.setattr(core.idempotency, "finish", lambda response: response)
    assert post("/api/v1/activities", ACTIVITY, key="lost").status_code == 201
    monkeypatch.undo()
    retry = post("/api/v1/activities", ACTIVITY, key="lost")
    assert retry.status_code == 409
    assert count(DevelopmentActivity) == 1


def test_the_database_allows_one_record_per_user_and_key(org):
    for _ in range(2):
        db.session.add(
            IdempotencyRecord(user_id=org.employee.id, key="k", request_hash="h")
        )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_begin_claims_a_free_key_and_answers_a_claimed_one(app, org):
    now = utcnow()
    with app.test_request_context():
        record, answer = begin(org.employee.id, "k", "h", now=now)
        assert record is not None and answer is None
        db.session.commit()
        _, busy = begin(org.employee.id, "k", "h", now=now + timedelta(hours=1))
        assert busy.status_code == 409
        _, reused = begin(org.employee.id, "k", "other", now=now)
        assert reused.status_code == 422
        later = now + timedelta(hours=24, seconds=1)
        fresh, none = begin(org.employee.id, "k", "other", now=later)
        assert fresh is not None and none is None and fresh.created_at == later


def test_the_purge_job_forgets_expired_keys_once(org):
    now = utcnow()
    for key, age in (("old", 25), ("new", 1)):
        db.session.add(
            IdempotencyRecord(
                user_id=org.employee.id,
                key=key,
                request_hash="h",
                created_at=now - timedelta(hours=age),
            )
        )
    db.session.flush()
    assert purge_idempotency_keys(now) == 1
    assert purge_idempotency_keys(now) == 0
    assert db.session.scalars(sa.select(IdempotencyRecord.key)).all() == ["new"]


def test_the_purge_job_is_registered_daily():
    from jobs.registry import job_specs

    spec = next(s for s in job_specs() if s.id == "core.purge_idempotency_keys")
    assert spec.func is purge_idempotency_keys and spec.trigger == "cron"
    assert "hour" in spec.trigger_args


def test_a_stored_answer_is_replayed_to_its_owner_only(app, org, post):
    """Emma's stored answer (an interview answer holds her private notes) is never
    served to another user sending the same key and the same request."""
    marker = "PRIVATE-idempotency-notes"
    with app.test_request_context(
        "/api/v1/contacts", method="POST", json={"name": "D"}
    ):
        from flask import request

        from core.idempotency import request_fingerprint

        fingerprint = request_fingerprint(request)
    db.session.add(
        IdempotencyRecord(
            user_id=org.employee.id,
            key="notes",
            request_hash=fingerprint,
            status_code=201,
            body=f'{{"private_notes": "{marker}"}}'.encode(),
            headers={"Content-Type": "application/json"},
        )
    )
    assert marker in post("/api/v1/contacts", {"name": "D"}, key="notes").get_data(
        as_text=True
    )
    theirs = post("/api/v1/contacts", {"name": "D"}, key="notes", user=org.peer)
    assert theirs.status_code == 201
    assert marker not in theirs.get_data(as_text=True)
    assert "Idempotent-Replayed" not in theirs.headers
