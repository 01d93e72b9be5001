"""Email over SMTP against a local aiosmtpd server: once each, nothing lost while down."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.clock import local_today
from core.extensions import db
from notifications.delivery import backoff
from notifications.jobs import send_due
from notifications.models import EmailMessage
from notifications.texts import as_of
from tests.notifications.helpers import NOW, Recorder, free_port, notify, smtp_server


@pytest.fixture
def smtp_port(app, monkeypatch):
    port = free_port()
    for key, value in {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": port,
        "SMTP_STARTTLS": False,
        "SMTP_TIMEOUT": 5,
        "MAIL_FROM": "trellis@example.com",
    }.items():
        monkeypatch.setitem(app.config, key, value)
    return port


@pytest.fixture
def server(smtp_port):
    handler = Recorder()
    controller = smtp_server(handler, smtp_port)
    yield handler
    controller.stop()


def _messages():
    db.session.expire_all()
    return list(db.session.scalars(sa.select(EmailMessage).order_by(EmailMessage.id)))


def test_each_message_goes_out_once(org, server):
    notify(org.employee, 45)  # more than one claim of 20
    assert send_due(NOW) == 45 + 45
    assert send_due(NOW) == 0
    assert send_due(NOW + timedelta(hours=1)) == 0
    assert len(server.message_ids) == len(set(server.message_ids)) == 45
    assert all(m.sent_at == NOW and m.attempts == 1 for m in _messages())


def test_the_mail_carries_the_notification(org, server):
    notify(org.employee, 1)
    send_due(NOW)
    message = _messages()[0]
    text = server.bodies[0]
    assert f"Message-ID: <trellis-email-{message.id}@example.com>" in text
    assert f"To: {org.employee.email}" in text
    # Its dates are worded as of the send (notifications.texts), not left as marks.
    assert as_of(message.body.splitlines()[0], local_today(NOW)) in text
    assert "[[on:" not in text


def test_while_the_server_is_down_messages_wait_then_go_out_once(org, smtp_port):
    notify(org.employee, 3)
    assert send_due(NOW) == 3  # delivered in the app; no email sent
    down = _messages()
    assert all(m.sent_at is None and m.attempts == 1 and m.last_error for m in down)
    assert all(m.next_attempt_at == NOW + backoff(1) for m in down)
    assert send_due(NOW) == 0  # not retried before the backoff
    assert send_due(NOW + backoff(1)) == 0  # still down: backs off further
    assert all(m.next_attempt_at == NOW + backoff(1) + backoff(2) for m in _messages())

    handler = Recorder()
    controller = smtp_server(handler, smtp_port)
    try:
        later = NOW + timedelta(hours=1)
        assert send_due(later) == 3
        assert send_due(later + timedelta(hours=1)) == 0
    finally:
        controller.stop()
    assert len(handler.message_ids) == len(set(handler.message_ids)) == 3
    assert all(m.sent_at == later and m.last_error == "" for m in _messages())


def test_a_refused_recipient_waits_and_the_others_go_out(org, server):
    notify(org.employee, 1)
    notify(org.peer, 1)
    server.refuse.add(org.employee.email)
    assert send_due(NOW) == 2 + 1
    refused, sent = _messages()
    assert (refused.to_address, refused.sent_at) == (org.employee.email, None)
    assert "550" in refused.last_error
    assert sent.sent_at == NOW


def test_backoff_doubles_up_to_six_hours():
    assert [backoff(n) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (1, 2, 4)]
    assert backoff(30) == timedelta(hours=6)


def test_without_smtp_the_outbox_keeps_everything(org):
    notify(org.employee, 2)
    assert send_due(NOW) == 2
    assert all(m.sent_at is None and m.attempts == 0 for m in _messages())
