"""The two parts of a review as forms that save drafts: the employee's self-assessment
and the manager's assessment. A stale ``version`` shows both versions side by side."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core.db import utcnow
from core.errors import ValidationFailed
from core.extensions import db
from core.forms import save_nested
from reviews import permissions as perms
from reviews import services
from reviews.enums import ObstacleCategory, Priority
from reviews.models import Review
from reviews.queries import previous_reviews
from reviews.views import bp
from reviews.views.assess_context import (
    need_skill_choices,
    open_sections,
    section_summaries,
)
from reviews.views.common import (
    ManagerAssessmentForm,
    SelfAssessmentForm,
    load_visible_review,
    rating_options,
)
from reviews.views.converters import (
    manager_from_form,
    manager_values,
    row_counts,
    self_from_form,
    self_values,
)


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


@dataclass(frozen=True)
class Part:
    """What differs between the two parts of a review; ``edit_part`` does the rest."""

    kind: str  # "self" or "manager", for the conflict page
    writer: perms.PartWriter  # who writes this part, and while it is open
    values: Callable[[Review], dict]
    from_form: Callable
    form: Callable[[], Any]
    save: Callable[[Any, Review, dict], Any]
    page: Callable  # (review, form) shows it; (..., errors, status) after a failure
    done: Callable[[int, dict], Any]  # flash and redirect once the part is saved


def edit_part(review_id: int, part: Part):
    """Show one part of the review, or save it: commit, then ``part.done``."""
    review = load_visible_review(review_id)
    part.writer.check(current_user, review)
    if request.method == "GET":
        return part.page(review, part.values(review))
    data, names, pre_errors = part.from_form(request.form, review)
    result, errors, status = save_nested(
        part.form(),
        data,
        names,
        pre_errors,
        lambda d: part.save(current_user, review, d),
    )
    if result is None and errors.get("_stale"):
        return _conflict(review_id, part.kind, request.form, part.values)
    if result is None:
        review = load_visible_review(review_id)
        return part.page(review, request.form, errors, status)
    db.session.commit()
    return part.done(review_id, data)


# --- self-assessment ---------------------------------------------------------------


def _form_page(template: str, review: Review, form, errors, status, **extra):
    return render_template(
        template,
        review=review,
        form=form,
        errors=errors or {},
        options=rating_options(review.template),
        **extra,
    ), status


def _self_page(review: Review, form, errors=None, status=200):
    return _form_page("reviews/self_assessment_form.html", review, form, errors, status)


def _self_saved(review_id: int, data: dict):
    if data["submit"]:
        flash("Your self-assessment is submitted to your manager.", "success")
        return redirect(url_for("reviews.detail", review_id=review_id))
    flash("Your draft is saved.", "success")
    return redirect(url_for("reviews.edit_self_assessment", review_id=review_id))


SELF_PART = Part(
    kind="self",
    writer=perms.SELF_PART,
    values=self_values,
    from_form=self_from_form,
    form=SelfAssessmentForm,
    save=services.save_self_assessment,
    page=_self_page,
    done=_self_saved,
)


@bp.route("/<int:review_id>/self-assessment", methods=["GET", "POST"])
@login_required
def edit_self_assessment(review_id: int):
    """Show and save the employee's self-assessment (draft or submit)."""
    return edit_part(review_id, SELF_PART)


# --- manager assessment ------------------------------------------------------------


def _manager_page(review: Review, form, errors=None, status=200):
    # Three blank rows on a fresh form; after a failure, only the rows that were sent.
    blank = 3 if errors is None else 0
    earlier = previous_reviews(review, limit=1)
    previous = (
        {r.competency.name: r.manager_rating for r in earlier[0].ratings}
        if earlier
        else {}
    )
    may_start = perms.can_start_manager_part(review, utcnow().date())
    return _form_page(
        "reviews/manager_assessment_form.html",
        review,
        form,
        errors,
        status,
        previous=previous,
        # The employee's rating and comment beside the manager's fields, once submitted.
        self_part={r.competency_id: r for r in review.ratings}
        if perms.can_view_self_part(current_user, review)
        else None,
        may_start=may_start,
        counts=row_counts(form, blank=blank),
        skills=need_skill_choices(review) if may_start else [],
        opened=open_sections(errors),
        summaries=section_summaries(review, form),
        categories=[(c.value, c.title) for c in ObstacleCategory],
        priorities=[(p.value, p.title) for p in Priority],
        levels=[(n, str(n)) for n in range(1, 6)],
    )


def _save_manager(actor, review: Review, data: dict) -> Review:
    """Save the draft; "Save and share" shares it in the same transaction, so a review
    that is not ready to share is not saved either and its problems show on the form."""
    services.save_manager_assessment(actor, review, data)
    if request.form.get("action") == "share":
        try:
            services.share_review(actor, review)
        except ValidationFailed as err:
            errors = {"_form": "Not shared yet.", **(err.errors or {})}
            unrated = services.unrated_competencies(review, "manager")
            sent = data.get("ratings", [])
            # On the fields that cause it as well as on the rating set: the empty
            # ratings, or else the comments a rating's jump needs.
            if unrated:
                errors["ratings"] = services.unrated_errors(
                    unrated, sent, "Rate every competency: ", before="share"
                )
            elif "ratings" in errors:
                errors["ratings"] = services.silent_errors(review, sent)
            raise ValidationFailed(err.message, errors) from err
    return review


def _manager_saved(review_id: int, data: dict):
    action = request.form.get("action")
    if action == "share":
        review = db.session.get(Review, review_id)
        flash(f"The review is shared with {review.employee.name}.", "success")
        return redirect(url_for("reviews.detail", review_id=review_id))
    flash("The manager's part is saved as a draft.", "success")
    if action == "review":
        return redirect(url_for("reviews.detail", review_id=review_id))
    return redirect(url_for("reviews.edit_manager_assessment", review_id=review_id))


MANAGER_PART = Part(
    kind="manager",
    writer=perms.MANAGER_PART,
    values=manager_values,
    from_form=manager_from_form,
    form=ManagerAssessmentForm,
    save=_save_manager,
    page=_manager_page,
    done=_manager_saved,
)


@bp.route("/<int:review_id>/manager-assessment", methods=["GET", "POST"])
@login_required
def edit_manager_assessment(review_id: int):
    """Show and save the manager's part of a review as a draft."""
    return edit_part(review_id, MANAGER_PART)
