"""The ``notifications.send_due`` job: deliver what is due, then mail the outbox.

Unlike the domain jobs it commits itself: the delivery before any SMTP conversation, and
each sent message right after the server accepted it (``notifications.delivery``), so a
crash part-way never re-sends what went out. Each commit carries the run's progress
(``core.progress``), so a killed run shows how far it got.
"""

from datetime import datetime

from core.extensions import db
from core.progress import report
from notifications.delivery import deliver_due, send_pending


def send_due(now: datetime) -> int:
    """Deliver due notifications and send due email; return delivered + sent."""
    delivered = deliver_due(now)
    report(delivered)
    db.session.commit()
    return delivered + send_pending(now, done=delivered)
