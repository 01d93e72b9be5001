"""The notification centre (recipient only), its settings, and the admin outbox."""

from datetime import timedelta

import sqlalchemy as sa
from markupsafe import escape

from core.clock import local_today
from core.extensions import db
from notifications.jobs import send_due
from notifications.kinds import NotificationKind as K
from notifications.models import EmailMessage, Notification
from notifications.services import disabled_kinds
from notifications.texts import as_of
from tests.notifications.helpers import NOW, notify


def _ids(user) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(Notification.id)
            .where(Notification.recipient_id == user.id)
            .order_by(Notification.id)
        )
    )


def _delivered(user, n=2):
    notify(user, n)
    send_due(NOW)
    db.session.commit()
    return _ids(user)


def test_the_centre_lists_delivered_notifications_newest_first(login_as, org):
    first, second = _delivered(org.employee)
    notify(org.employee, 1, kind=K.review_due_today, due_at=NOW + timedelta(days=9))
    html = login_as(org.employee).get("/notifications").get_data(as_text=True)
    assert html.index(f'id="notification-{second}"') < html.index(
        f'id="notification-{first}"'
    )
    assert K.review_due_today.title not in html  # not due yet


def test_the_header_shows_the_unread_count(login_as, org):
    _delivered(org.employee, 3)
    html = login_as(org.employee).get("/").get_data(as_text=True)
    assert '<span class="unread-count">3<span class="visually-hidden"> unread' in html


def test_marking_one_read_lowers_the_count(login_as, org):
    first, _ = _delivered(org.employee)
    client = login_as(org.employee)
    response = client.post(f"/notifications/{first}/read")
    assert response.status_code == 302
    assert db.session.get(Notification, first).read_at is not None
    assert '<span class="unread-count">1<' in client.get("/").get_data(as_text=True)


def test_open_marks_read_and_follows_the_link(login_as, org):
    first, _ = _delivered(org.employee)
    response = login_as(org.employee).post(
        f"/notifications/{first}/read", data={"open": "1"}
    )
    assert response.headers["Location"] == "/reviews"


def test_mark_all_read(login_as, org):
    _delivered(org.employee, 3)
    _delivered(org.peer, 1)
    login_as(org.employee).post("/notifications/read-all")
    unread = sa.select(sa.func.count()).where(Notification.read_at.is_(None))
    assert db.session.scalar(unread) == 1  # the peer's


def test_another_users_notification_is_not_found(login_as, org):
    first, _ = _delivered(org.employee)
    for actor in (org.peer, org.manager, org.hr, org.admin):
        assert login_as(actor).post(f"/notifications/{first}/read").status_code == 404
    assert db.session.get(Notification, first).read_at is None


def test_a_notification_not_yet_due_is_not_found(login_as, org):
    notify(org.employee, 1, due_at=NOW + timedelta(days=1))
    send_due(NOW)
    (nid,) = _ids(org.employee)
    db.session.commit()
    assert login_as(org.employee).post(f"/notifications/{nid}/read").status_code == 404


def test_settings_turn_off_optional_kinds_only(login_as, org):
    client = login_as(org.employee)
    page = client.get("/notifications/preferences").get_data(as_text=True)
    assert (
        'id="kind-review_due_today" name="enabled" value="review_due_today" checked disabled'
        in page
    )
    enabled = [k.value for k in K if k not in (K.manager_digest, K.review_due_soon)]
    response = client.post("/notifications/preferences", data={"enabled": enabled})
    assert response.status_code == 302
    assert disabled_kinds(org.employee) == {K.manager_digest, K.review_due_soon}
    # Leaving every box empty cannot switch an essential kind off.
    client.post("/notifications/preferences", data={})
    assert disabled_kinds(org.employee) == {k for k in K if not k.essential}


def test_unknown_kinds_in_the_form_are_refused(login_as, org):
    response = login_as(org.employee).post(
        "/notifications/preferences", data={"enabled": ["nonsense"]}
    )
    assert response.status_code == 422
    assert disabled_kinds(org.employee) == set()


def test_the_admin_reads_the_outbox(login_as, org):
    _delivered(org.employee, 2)
    message = db.session.scalars(sa.select(EmailMessage)).first()
    client = login_as(org.admin)
    listing = client.get("/admin/outbox").get_data(as_text=True)
    assert org.employee.email in listing and "No SMTP server is configured" in listing
    assert (
        client.get("/admin/outbox?status=sent")
        .get_data(as_text=True)
        .count("/admin/outbox/")
        == 0
    )
    detail = client.get(f"/admin/outbox/{message.id}").get_data(as_text=True)
    first_line = as_of(message.body.splitlines()[0], local_today(message.created_at))
    assert str(escape(first_line)) in detail


def test_only_the_admin_reads_the_outbox_and_the_jobs(login_as, org):
    for actor in (org.employee, org.hr, org.manager):
        client = login_as(actor)
        assert client.get("/admin/outbox").status_code == 403
        assert client.get("/admin/jobs").status_code == 403


def test_page_statements_do_not_grow(login_as, org, count_queries):
    client = login_as(org.employee)
    _delivered(org.employee, 2)
    with count_queries() as few:
        client.get("/notifications")
    _delivered(org.employee, 60)
    with count_queries() as many:
        client.get("/notifications")
    # user (with the unread count), page count, page rows
    assert many.count == few.count <= 3


def test_the_centre_words_dates_as_of_the_day_it_is_read(login_as, org):
    """Queued with a date mark, read on another day: "5 Nov, N days ago", not the
    distance of the day it was made (notifications.texts)."""
    from core.db import utcnow

    _delivered(org.employee, 1)
    html = login_as(org.employee).get("/notifications").get_data(as_text=True)
    today = local_today(utcnow())
    expected = as_of("[[on:2026-11-05]]", today)
    assert f"is due {expected}." in html
    assert "[[on:" not in html
