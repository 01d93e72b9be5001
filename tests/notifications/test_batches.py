"""``queue_in_batches``: each batch is committed with the progress reported for it, and a
rerun after a kill queues exactly what was left."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.progress import reporting_to
from notifications.batches import BATCH, queue_in_batches
from notifications.kinds import NotificationKind
from notifications.models import Notification
from notifications.services import Pending
from tests.notifications.helpers import NOW

COUNT = 2 * BATCH + 50


def _pending(user) -> list[Pending]:
    context = {
        "recipient_name": "Emma",
        "summary": "Due.",
        "due_on": "2026-11-05",
        "link_url": "/reviews",
    }
    due = NOW - timedelta(hours=1)
    return [
        Pending(user.id, NotificationKind.review_due_soon, "review", i, due, context)
        for i in range(1, COUNT + 1)
    ]


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Notification.id)))


def test_each_batch_is_committed_with_its_progress(org):
    reported = []
    with reporting_to(reported.append):
        assert queue_in_batches(_pending(org.employee), NOW) == COUNT
    db.session.rollback()  # nothing was left uncommitted
    assert reported == [BATCH, 2 * BATCH, COUNT]
    assert _count() == COUNT


def test_a_rerun_queues_exactly_what_a_killed_run_left(org):
    def die_in_the_second_batch(done):
        if done > BATCH:
            raise KeyboardInterrupt  # the process dies before that commit

    with pytest.raises(KeyboardInterrupt), reporting_to(die_in_the_second_batch):
        queue_in_batches(_pending(org.employee), NOW)
    db.session.rollback()
    assert _count() == BATCH  # the first batch stays
    assert queue_in_batches(_pending(org.employee), NOW) == COUNT - BATCH
    assert _count() == COUNT
