"""HTML pages of the reviews area: my reviews and my team's, the review page with its
history, the self and manager forms, sign-off actions, and HR's cycles, templates and
quality flags.

One blueprint, ``reviews`` (url prefix ``/reviews``), cut into modules by noun. Every
handler: load (404 when the caller may not see it) → check (403/409, before the input is
read) → validate the form with the API's schema (422, errors inline) → service → commit →
flash → redirect. A stale ``version`` gets a conflict page (409), never an overwrite.

Decisions the brief left open:
- Forms post flat fields (``rating_<competency_id>``, ``obstacle_category_<i>``…);
  ``reviews.views.converters`` turns them into the schema's nested lists and maps nested
  errors back to the field names, so errors show next to the control.
- The assessment forms carry ``version`` as a required field; a form without it is a 422
  (an untracked save could silently overwrite).
- The manager's "ad hoc review" form lives on "My reviews", under the team's reviews.
- Goals (``/reviews/goals…``), training needs (``/reviews/needs…``) and the gap table
  (``/reviews/gaps``) are modules of the same blueprint: they belong to ``reviews``.
"""

from flask import Blueprint

bp = Blueprint("reviews", __name__, url_prefix="/reviews")

from reviews.views import (  # noqa: E402, F401
    actions,
    assess,
    check_ins,
    cycles,
    gaps,
    goal_forms,
    goals,
    lists,
    needs,
    pages,
    review_templates,
    settings,
    team_goals,
    team_needs,
)
