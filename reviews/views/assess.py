"""The two parts of a review as forms that save drafts: the employee's self-assessment
and the manager's assessment. A stale ``version`` shows both versions side by side."""

import re

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core.db import utcnow
from core.errors import InvalidTransition
from core.extensions import db
from core.permissions import require
from reviews import permissions as perms
from reviews import services
from reviews.enums import ObstacleCategory, Priority, ReviewStatus
from reviews.models import Review
from reviews.queries import previous_reviews
from reviews.views import bp
from reviews.views.common import (
    ManagerAssessmentForm,
    SelfAssessmentForm,
    load_visible_review,
    rating_options,
    save_nested,
    skill_choices,
)
from reviews.views.converters import (
    manager_from_form,
    manager_values,
    row_counts,
    self_from_form,
    self_values,
)


def may_start_manager_part(review: Review) -> bool:
    """Mirrors the service's rule so the form can explain instead of failing."""
    if review.status in (ReviewStatus.self_submitted, ReviewStatus.manager_in_progress):
        return True
    due = review.self_due_on
    return due is not None and utcnow().date() > due


def _labels(review: Review) -> dict[str, str]:
    labels = {
        "achievements": "Achievements",
        "strengths": "Strengths",
        "areas_to_strengthen": "Areas to strengthen",
        "overall_rating": "Overall rating",
    }
    for c in review.template.competencies:
        labels[f"rating_{c.id}"] = f"{c.name}: rating"
        labels[f"comment_{c.id}"] = f"{c.name}: comment"
    for q in review.template.questions:
        labels[f"answer_{q.id}"] = q.text
    return labels


ROW_FIELD = re.compile(r"(obstacle|need|goal)_([a-z]+)_(\d+)")


def compare(review: Review, submitted, stored: dict) -> list[dict]:
    """Rows of (label, submitted, stored, differs) for the conflict page."""
    labels = _labels(review)
    keys = [k for k in labels if k in submitted or k in stored]
    keys += sorted(
        {k for k in [*submitted, *stored] if ROW_FIELD.fullmatch(k)},
        key=lambda k: (k.split("_")[0], int(k.rsplit("_", 1)[1]), k),
    )
    rows = []
    for key in keys:
        mine = str(submitted.get(key, "") or "").strip()
        theirs = str(stored.get(key, "") or "").strip()
        if not mine and not theirs:
            continue
        label = labels.get(key)
        if label is None:
            kind, part, n = ROW_FIELD.fullmatch(key).groups()
            label = f"{kind.capitalize()} {int(n) + 1}: {part}"
        if key.startswith("rating_") or key == "overall_rating":
            mine = _rating_text(review, mine)
            theirs = _rating_text(review, theirs)
        rows.append(
            {"label": label, "mine": mine, "theirs": theirs, "differs": mine != theirs}
        )
    return rows


def _rating_text(review: Review, value: str) -> str:
    try:
        return f"{int(value)} · {review.template.label(int(value))}"
    except ValueError:
        return value


def _conflict(review_id: int, kind: str, submitted, values_of):
    review = load_visible_review(review_id)
    rows = compare(review, submitted, values_of(review))
    return render_template(
        "reviews/review_conflict.html", review=review, kind=kind, rows=rows
    ), 409


# --- self-assessment ---------------------------------------------------------------


def _self_page(review: Review, form, errors=None, status=200):
    return render_template(
        "reviews/self_assessment_form.html",
        review=review,
        form=form,
        errors=errors or {},
        options=rating_options(review.template),
    ), status


@bp.route("/<int:review_id>/self-assessment", methods=["GET", "POST"])
@login_required
def edit_self_assessment(review_id: int):
    review = load_visible_review(review_id)
    require(
        perms.is_subject(current_user, review),
        "Only the employee writes the self-assessment.",
    )
    if not perms.can_edit_self_part(current_user, review):
        raise InvalidTransition("The self-assessment can no longer be changed.")
    if request.method == "GET":
        return _self_page(review, self_values(review))
    data, names, pre_errors = self_from_form(request.form, review)
    result, errors, status = save_nested(
        SelfAssessmentForm(),
        data,
        names,
        pre_errors,
        lambda d: services.save_self_assessment(current_user, review, d),
    )
    if result is None and errors.get("_stale"):
        return _conflict(review_id, "self", request.form, self_values)
    if result is None:
        return _self_page(load_visible_review(review_id), request.form, errors, status)
    db.session.commit()
    if data["submit"]:
        flash("Your self-assessment is submitted to your manager.", "success")
        return redirect(url_for("reviews.detail", review_id=review_id))
    flash("Your draft is saved.", "success")
    return redirect(url_for("reviews.edit_self_assessment", review_id=review_id))


# --- manager assessment ------------------------------------------------------------


def _manager_page(review: Review, form, errors=None, status=200, *, blank=3):
    earlier = previous_reviews(review, limit=1)
    previous = (
        {r.competency.name: r.manager_rating for r in earlier[0].ratings}
        if earlier
        else {}
    )
    return render_template(
        "reviews/manager_assessment_form.html",
        review=review,
        form=form,
        errors=errors or {},
        options=rating_options(review.template),
        previous=previous,
        self_ratings={r.competency_id: r.self_rating for r in review.ratings}
        if perms.can_view_self_part(current_user, review)
        else {},
        may_start=may_start_manager_part(review),
        counts=row_counts(form, blank=blank),
        skills=skill_choices(),
        categories=[(c.value, c.title) for c in ObstacleCategory],
        priorities=[(p.value, p.title) for p in Priority],
        levels=[(n, str(n)) for n in range(1, 6)],
    ), status


@bp.route("/<int:review_id>/manager-assessment", methods=["GET", "POST"])
@login_required
def edit_manager_assessment(review_id: int):
    review = load_visible_review(review_id)
    require(
        perms.is_reviewer(current_user, review),
        "Only the reviewer writes the manager's part.",
    )
    if not perms.can_edit_manager_part(current_user, review):
        raise InvalidTransition("The manager's part can no longer be changed.")
    if request.method == "GET":
        return _manager_page(review, manager_values(review))
    data, names, pre_errors = manager_from_form(request.form, review)
    result, errors, status = save_nested(
        ManagerAssessmentForm(),
        data,
        names,
        pre_errors,
        lambda d: services.save_manager_assessment(current_user, review, d),
    )
    if result is None and errors.get("_stale"):
        return _conflict(review_id, "manager", request.form, manager_values)
    if result is None:
        review = load_visible_review(review_id)
        return _manager_page(review, request.form, errors, status, blank=0)
    db.session.commit()
    flash("The manager's part is saved as a draft.", "success")
    if request.form.get("action") == "review":
        return redirect(url_for("reviews.detail", review_id=review_id))
    return redirect(url_for("reviews.edit_manager_assessment", review_id=review_id))
