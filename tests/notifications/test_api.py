"""``/api/v1/notifications`` and ``/api/v1/notification-preferences``: the caller's own."""

from datetime import date

import sqlalchemy as sa

from core.clock import local_today
from core.db import utcnow
from core.extensions import db
from notifications.jobs import send_due
from notifications.kinds import NotificationKind as K
from notifications.models import Notification
from notifications.texts import relative
from tests.conftest import bearer
from tests.notifications.helpers import NOW, notify


def _deliver(user, n=2) -> list[int]:
    notify(user, n)
    send_due(NOW)
    db.session.commit()
    return list(
        db.session.scalars(
            sa.select(Notification.id)
            .where(Notification.recipient_id == user.id)
            .order_by(Notification.id)
        )
    )


def test_the_list_is_mine_newest_first(client, org):
    first, second = _deliver(org.employee)
    _deliver(org.peer, 1)
    response = client.get("/api/v1/notifications", headers=bearer(org.employee))
    assert [n["id"] for n in response.get_json()] == [second, first]
    assert "X-Pagination" in response.headers


def test_mark_read_and_filter_unread(client, org):
    first, second = _deliver(org.employee)
    headers = bearer(org.employee)
    response = client.post(f"/api/v1/notifications/{first}/read", headers=headers)
    assert response.status_code == 200 and response.get_json()["read_at"]
    unread = client.get("/api/v1/notifications?unread=true", headers=headers)
    assert [n["id"] for n in unread.get_json()] == [second]
    client.post("/api/v1/notifications/read-all", headers=headers)
    assert client.get("/api/v1/notifications?unread=true", headers=headers).json == []


def test_someone_elses_notification_is_not_found(client, org):
    first, _ = _deliver(org.employee)
    for actor in (org.peer, org.manager, org.hr, org.admin):
        response = client.post(
            f"/api/v1/notifications/{first}/read", headers=bearer(actor)
        )
        assert response.status_code == 404


def test_preferences_round_trip(client, org):
    headers = bearer(org.employee)
    body = {"disabled": ["manager_digest"]}
    response = client.put(
        "/api/v1/notification-preferences", json=body, headers=headers
    )
    assert response.status_code == 200
    got = client.get("/api/v1/notification-preferences", headers=headers).get_json()
    assert got["disabled"] == ["manager_digest"]
    kinds = {k["kind"]: k for k in got["kinds"]}
    assert kinds["manager_digest"]["enabled"] is False
    assert kinds["review_due_today"] == {
        "kind": "review_due_today",
        "title": K.review_due_today.title,
        "essential": True,
        "enabled": True,
    }


def test_an_essential_kind_cannot_be_turned_off(client, org):
    response = client.put(
        "/api/v1/notification-preferences",
        json={"disabled": ["review_overdue_hr"]},
        headers=bearer(org.employee),
    )
    assert response.status_code == 422
    assert "disabled" in response.get_json()["errors"]


def test_the_body_is_worded_as_of_the_day_it_is_read(client, org):
    """The API, like the centre, words a notice's dates when it answers."""
    _deliver(org.employee, 1)
    (item,) = client.get("/api/v1/notifications", headers=bearer(org.employee)).json
    assert "[[on:" not in item["body"]
    assert relative(date(2026, 11, 5), local_today(utcnow())) in item["body"]
