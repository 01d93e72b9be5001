"""The review state machine every review service moves through: check the edge
(``reviews.enums.REVIEW_TRANSITIONS``), audit, set."""

from core.transitions import StateMachine
from reviews.enums import REVIEW_TRANSITIONS, ReviewStatus

REVIEWS = StateMachine(
    REVIEW_TRANSITIONS, "A review that is “{current}” cannot become “{to}”."
)

# ``transition(actor, review, to, *, now=None, **details)``; raises InvalidTransition
# for an edge not in ``REVIEW_TRANSITIONS``.
transition = REVIEWS.move


def new_review_row(now, **fields) -> dict:
    """The columns every bulk-inserted review starts with (not started, empty parts),
    plus ``fields``: shared by cycle launch and the planned-review job."""
    return {
        "status": ReviewStatus.not_started,
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "answers": {},
        "proposed_needs": [],
        "proposed_goals": [],
        **fields,
    }
