"""JSON API for templates, cycles, reviews, goals and training needs (blueprint ``reviews_api``, ``/api/v1``).

Decisions the brief left open:
- Templates are readable by every signed-in person (a review shows its template anyway;
  managers pick one for an ad hoc review); only HR writes them.
- Cycles are readable by HR and by managers (anyone with reports) — they run them with
  their teams; an employee sees their cycle's name on their own review only.
- Review actions check the caller's relationship to the review (subject, reviewer, HR)
  before the body is read, so a caller without the right gets 403 (or 404 when they may
  not see the review at all), never a 422 that reveals the contract. State rules
  (409) and field rules (422) come after.
- The assessments, ``/share``, ``/acknowledge`` and ``/reopen`` need ``If-Match`` (428
  without, 412 when stale); ``/addenda`` does not — it never changes the signed review.
- Goals and training needs follow the same order of checks (``object_action``); their
  own decisions are in ``reviews.api.goals`` and ``reviews.api.needs``.
"""

from reviews.api import (  # noqa: F401  (routes)
    cycles,
    goals,
    needs,
    reviews,
    settings,
    templates,
)
from reviews.api.blueprint import blp

__all__ = ["blp"]
