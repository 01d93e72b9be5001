"""The review state machine every review service moves through: check the edge
(``reviews.enums.REVIEW_TRANSITIONS``), audit, set."""

from core.transitions import StateMachine
from reviews.enums import REVIEW_TRANSITIONS

REVIEWS = StateMachine(
    REVIEW_TRANSITIONS, "A review that is “{current}” cannot become “{to}”."
)

# ``transition(actor, review, to, *, now=None, **details)``; raises InvalidTransition
# for an edge not in ``REVIEW_TRANSITIONS``.
transition = REVIEWS.move
