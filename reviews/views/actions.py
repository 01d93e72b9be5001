"""Action endpoints of a review (share, acknowledge, addenda, reopen) as small POST
forms on the review page; errors re-render that page with the message inline."""

from flask import flash, redirect, request, url_for
from flask_login import current_user, login_required

from core.errors import InvalidTransition, ValidationFailed
from core.extensions import db
from core.permissions import require
from people.views.common import save_form
from reviews import permissions as perms
from reviews import services
from reviews.schemas import AcknowledgeSchema, AddendumSchema, ReopenSchema
from reviews.views import bp
from reviews.views.common import load_visible_review
from reviews.views.pages import render_detail


def _done(review_id: int, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("reviews.detail", review_id=review_id))


def _failed(review_id: int, status: int, errors: dict):
    return render_detail(
        load_visible_review(review_id), status, errors=errors, form=request.form
    )


@bp.route("/<int:review_id>/share", methods=["POST"])
@login_required
def share(review_id: int):
    review = load_visible_review(review_id)
    require(perms.is_reviewer(current_user, review), "Only the reviewer shares.")
    try:
        services.share_review(current_user, review)
    except ValidationFailed as err:  # incomplete: say what is missing, on the page
        db.session.rollback()
        return _failed(review_id, 422, {"_form": err.message, **(err.errors or {})})
    return _done(review_id, f"The review is shared with {review.employee.name}.")


@bp.route("/<int:review_id>/acknowledge", methods=["POST"])
@login_required
def acknowledge(review_id: int):
    review = load_visible_review(review_id)
    require(perms.is_subject(current_user, review), "Only the employee signs off.")
    result, errors, status = save_form(
        AcknowledgeSchema(),
        request.form,
        lambda data: services.acknowledge_review(current_user, review, data),
    )
    if result is None:
        return _failed(review_id, status, errors)
    return _done(review_id, "You have acknowledged the review.")


@bp.route("/<int:review_id>/addenda", methods=["POST"])
@login_required
def add_addendum(review_id: int):
    review = load_visible_review(review_id)
    if not review.status.is_signed:
        raise InvalidTransition("Addenda are for signed reviews; edit the review.")
    require(perms.can_add_addendum(current_user, review))
    result, errors, status = save_form(
        AddendumSchema(),
        request.form,
        lambda data: services.add_addendum(current_user, review, data),
    )
    if result is None:
        return _failed(review_id, status, errors)
    return _done(review_id, "Your addendum is added.")


@bp.route("/<int:review_id>/reopen", methods=["POST"])
@login_required
def reopen(review_id: int):
    review = load_visible_review(review_id)
    require(perms.can_reopen(current_user, review), "Only HR reopens a signed review.")
    result, errors, status = save_form(
        ReopenSchema(),
        request.form,
        lambda data: services.reopen_review(current_user, review, data),
    )
    if result is None:
        return _failed(review_id, status, errors)
    return _done(review_id, "The review is reopened for the manager.")
