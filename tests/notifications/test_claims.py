"""Claims on outbox mail: a lease on the wall clock, renewed as the sender works; a dead
sender's claims are taken over in the same run, and a taken-over message is skipped."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.extensions import db
from notifications.delivery import _claim, _renew, deliver_due
from notifications.jobs import send_due
from notifications.models import EmailMessage
from tests.notifications.helpers import NOW, Recorder, free_port, notify, smtp_server


@pytest.fixture
def server(app, monkeypatch):
    port = free_port()
    for key, value in {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": port,
        "SMTP_STARTTLS": False,
        "SMTP_TIMEOUT": 5,
        "MAIL_FROM": "trellis@example.com",
        "EMAIL_CLAIM_LEASE_SECONDS": 0.3,
    }.items():
        monkeypatch.setitem(app.config, key, value)
    handler = Recorder()
    controller = smtp_server(handler, port)
    yield handler
    controller.stop()


def _messages() -> list[EmailMessage]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(EmailMessage).order_by(EmailMessage.id)))


def test_a_dead_senders_claim_goes_out_in_the_same_run(org, server):
    notify(org.employee, 30)
    deliver_due(NOW)
    db.session.commit()
    assert len(_claim(NOW, "dead-sender")) == 20  # claimed, then the sender died
    assert send_due(NOW) == 30  # same moment: the lease runs on the clock, not on NOW
    assert len(server.message_ids) == len(set(server.message_ids)) == 30
    left = [m for m in _messages() if m.sent_at is None or m.lease_until is not None]
    assert left == []


def test_a_live_claim_is_not_taken(org, app, monkeypatch):
    monkeypatch.setitem(app.config, "EMAIL_CLAIM_LEASE_SECONDS", 60)
    notify(org.employee, 25)
    deliver_due(NOW)
    db.session.commit()
    first = _claim(NOW, "first")
    second = _claim(NOW, "second")
    assert [len(first), len(second)] == [20, 5]
    assert not {m.id for m in first} & {m.id for m in second}
    assert _claim(NOW, "third") == []


def test_a_message_taken_over_is_no_longer_the_senders(org, app, monkeypatch):
    monkeypatch.setitem(app.config, "EMAIL_CLAIM_LEASE_SECONDS", 60)
    notify(org.employee, 3)
    deliver_due(NOW)
    db.session.commit()
    ids = [m.id for m in _claim(NOW, "slow")]
    db.session.execute(
        sa.update(EmailMessage)
        .where(EmailMessage.id == ids[0])
        .values(claimed_by="other")  # its lease ran out while "slow" stalled
    )
    before = min(m.lease_until for m in _messages())
    assert _renew("slow") == set(ids[1:])
    db.session.commit()
    renewed = [m.lease_until for m in _messages()[1:]]
    assert all(at > before for at in renewed)


def test_a_failed_message_drops_its_claim(org, server):
    notify(org.employee, 1)
    server.refuse.add(org.employee.email)
    assert send_due(NOW) == 1  # delivered; the mail was refused
    (message,) = _messages()
    assert (message.claimed_by, message.lease_until) == (None, None)
    assert message.next_attempt_at == NOW + timedelta(minutes=1)
