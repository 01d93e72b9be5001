"""The transition helper every review service uses: check the edge, audit, set."""

from core.audit import record_event
from core.db import utcnow
from core.errors import InvalidTransition
from reviews.enums import REVIEW_TRANSITIONS, ReviewStatus


def transition(actor, review, to: ReviewStatus, *, now=None, **details) -> None:
    """Move ``review`` to ``to`` along an allowed edge and write one AuditEvent.

    :raises InvalidTransition: the edge is not in ``REVIEW_TRANSITIONS``.
    """
    current = review.status
    if to not in REVIEW_TRANSITIONS[current]:
        raise InvalidTransition(
            f"A review that is “{current.title}” cannot become “{to.title}”."
        )
    review.status = to
    record_event(
        actor,
        review,
        "status_changed",
        {"from": current.value, "to": to.value, **details},
        now=now or utcnow(),
    )
