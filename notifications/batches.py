"""``queue_in_batches``: a job's notifications queued and committed a batch at a time.

For jobs only — it commits, which a service never does. A job whose only effect is
notifications (the reminders, the digest, the development nudges) is then safe to kill at
any statement: each batch is committed together with the run's progress
(``core.progress``), and a rerun recomputes the same notices with the same keys (kind,
subject, recipient, due moment), so ``ON CONFLICT DO NOTHING`` skips what is in and the
rerun queues exactly what was left. Jobs that change other state before they notify
(``reviews.advance_cycle_phases``, ``reviews.create_planned_reviews``) must not use it:
they stay one transaction, so a kill commits nothing and the rerun does it all — a batch
commit there could keep a phase move and lose the notices that go with it.
"""

from collections.abc import Iterable
from datetime import datetime

from core.extensions import db
from core.progress import report
from notifications.services import Pending, queue

BATCH = 100  # notices rendered, inserted and committed together


def queue_in_batches(pending: Iterable[Pending], now: datetime) -> int:
    """Queue ``pending`` (as ``queue``), committing every BATCH; return how many are new."""
    items = list(pending)
    created = 0
    for start in range(0, len(items), BATCH):
        created += queue(items[start : start + BATCH], now)
        report(created)
        db.session.commit()
    return created
