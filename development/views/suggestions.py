"""Suggest an informational interview from a review or a training need (issue 16,
item 7): ``/development/suggestions/new?review_id=…`` or ``?need_id=…``.

The review page's manager part and the need page link here; the page names the person
and the review, asks for the purpose and offers the manager's own contacts (optional).
Saved, it returns to the review (or the need), which shows the suggestion and, later,
what came of it. A need's suggestion is made in the review that named the need, when
there is one (a suggestion stores no need). Without either argument the page suggests
to any report, as the team page's form does.

Load → check: people without reports 403; a review or need the caller may not suggest
on (not their report's) 404, so its existence is not revealed.
"""

from functools import partial

import sqlalchemy as sa
from flask import render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core.errors import NotFound
from core.extensions import db
from core.forms import save_form
from core.queries import get_or_404
from core.views import answer_form
from development import permissions as perms
from development.models import Contact
from development.schemas.forms import SuggestionCreateSchema
from development.services import settings as services
from development.views import bp
from development.views.team import require_manager, team_reports
from reviews.models import Review, TrainingNeed


def _origin() -> tuple[Review | None, TrainingNeed | None]:
    """The review or need the suggestion is made from (the query string)."""
    values = request.args
    review = need = None
    if values.get("need_id", "").isdigit():
        need = get_or_404(
            TrainingNeed,
            int(values["need_id"]),
            joinedload(TrainingNeed.employee),
            joinedload(TrainingNeed.skill),
        )
        review_id = need.source_review_id
    else:
        review_id = values.get("review_id", "")
        review_id = int(review_id) if review_id.isdigit() else None
    if review_id is not None:
        review = get_or_404(
            Review, review_id, joinedload(Review.employee), joinedload(Review.cycle)
        )
    employee_id = need.employee_id if need else review.employee_id if review else None
    if employee_id is not None and not perms.can_suggest_interview(
        current_user, employee_id
    ):
        raise NotFound("Not found.")
    return review, need


def _back(review, need) -> str:
    if need is not None:
        return url_for("reviews.need_detail", need_id=need.id)
    if review is not None:
        return url_for("reviews.detail", review_id=review.id)
    return url_for("development.team")


def render_form(review, need, status=200, form=None, errors=None):
    person = need.employee if need else review.employee if review else None
    contacts = db.session.scalars(
        sa.select(Contact)
        .where(Contact.owner_id == current_user.employee_id)
        .order_by(Contact.name, Contact.id)
    )
    start = (
        {"topic": f"How people built their {need.skill.name} skills"} if need else {}
    )
    return render_template(
        "development/suggestion_form.html",
        review=review,
        need=need,
        person=person,
        choices=[] if person else [(r.id, r.name) for r in team_reports()],
        contacts=[(c.id, services.contact_line(c)) for c in contacts],
        back=_back(review, need),
        form=form if form is not None else start,
        errors=errors or {},
    ), status


@bp.route("/suggestions/new", methods=["GET", "POST"])
@login_required
def suggestion_form():
    """Suggest an interview to a report, from one of their reviews or needs."""
    require_manager()
    review, need = _origin()
    if request.method == "GET":
        return render_form(review, need)
    form = request.form.to_dict()
    if review is not None or need is not None:  # the page's origin, not the form's
        origin = need or review
        assert origin is not None
        form["employee_id"] = str(origin.employee_id)
        form["review_id"] = str(review.id) if review else ""
    suggest = partial(services.suggest_interview, current_user)
    return answer_form(
        save_form(SuggestionCreateSchema(), form, suggest),
        # save_form rolled back: load the origin again for the page
        lambda status, **kw: render_form(*_origin(), status, **kw),
        lambda _s: (
            "The suggestion is made; it is on their home page.",
            _back(review, need),
        ),
    )
