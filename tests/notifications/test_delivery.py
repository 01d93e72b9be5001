"""``notifications.send_due``: delivery into the centre and the outbox, exactly once."""

from datetime import timedelta

import sqlalchemy as sa

from core.extensions import db
from notifications.jobs import send_due
from notifications.kinds import NotificationKind as K
from notifications.models import EmailMessage, Notification, NotificationOptOut
from notifications.services import set_disabled_kinds
from tests import factories as f
from tests.gates.test_private_data import MARKER
from tests.notifications.helpers import NOW, notify


def _emails() -> list[EmailMessage]:
    return list(db.session.scalars(sa.select(EmailMessage).order_by(EmailMessage.id)))


def test_due_notifications_are_delivered_with_one_email_each(org):
    notify(org.employee, 3)
    assert send_due(NOW) == 3
    delivered = db.session.scalars(sa.select(Notification.delivered_at)).all()
    assert delivered == [NOW] * 3
    emails = _emails()
    assert [e.to_address for e in emails] == [org.employee.email] * 3
    assert all(e.sent_at is None and e.next_attempt_at == NOW for e in emails)
    first = db.session.scalar(sa.select(Notification).order_by(Notification.id))
    assert (emails[0].subject, emails[0].body) == (first.title, first.body)
    assert first.body  # rendered from templates/notifications/email/<kind>.txt


def test_a_second_run_with_the_same_now_does_nothing(org):
    notify(org.employee, 3)
    send_due(NOW)
    assert send_due(NOW) == 0
    assert len(_emails()) == 3


def test_a_notification_not_yet_due_waits(org):
    notify(org.employee, 1, due_at=NOW + timedelta(days=1))
    assert send_due(NOW) == 0
    assert _emails() == []
    assert send_due(NOW + timedelta(days=1)) == 1


def test_an_opted_out_kind_is_never_queued(org):
    set_disabled_kinds(org.employee, [K.review_due_soon])
    assert notify(org.employee, 2) == 0
    assert notify(org.employee, 2, kind=K.review_due_today) == 2  # essential


def test_opting_out_after_queueing_stops_the_email_not_the_item(org):
    notify(org.employee, 1)
    db.session.add(NotificationOptOut(user_id=org.employee.id, kind="review_due_soon"))
    assert send_due(NOW) == 1
    assert _emails() == []


def test_an_opt_out_row_for_an_essential_kind_is_ignored(org):
    notify(org.employee, 1, kind=K.review_due_today)
    db.session.add(NotificationOptOut(user_id=org.employee.id, kind="review_due_today"))
    send_due(NOW)
    assert len(_emails()) == 1


def test_a_disabled_account_gets_no_email(org):
    user = f.make_person(name="Gone Person")
    notify(user, 1)
    user.is_enabled = False
    send_due(NOW)
    assert _emails() == []


def test_email_bodies_never_hold_private_interview_notes(org):
    """The body is the rendered template; context keys beyond it are not rendered."""
    notify(org.employee, 1, private_notes=MARKER)
    send_due(NOW)
    assert MARKER not in _emails()[0].body


def test_delivery_statements_do_not_grow_with_notifications(org, count_queries):
    notify(org.employee, 5, due_at=NOW - timedelta(days=2))
    with count_queries() as few:
        send_due(NOW - timedelta(days=1))
    notify(org.employee, 500, due_at=NOW - timedelta(hours=2))
    with count_queries() as many:
        assert send_due(NOW) == 500
    assert many.count == few.count
