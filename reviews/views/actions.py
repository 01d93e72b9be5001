"""Action endpoints of a review (share, acknowledge, addenda, reopen) as small POST
forms on the review page; errors re-render that page with the message inline."""

from functools import partial

from flask import request, url_for
from flask_login import current_user, login_required

from core.errors import InvalidTransition, ValidationFailed
from core.extensions import db
from core.forms import save_form
from core.permissions import require
from core.views import answer_form, committed
from reviews import permissions as perms
from reviews import services
from reviews.models import Review
from reviews.schemas.forms import AcknowledgeSchema, AddendumSchema, ReopenSchema
from reviews.views import bp
from reviews.views.common import load_visible_review
from reviews.views.pages import render_detail


def _done(review_id: int, message: str):
    return committed(message, url_for("reviews.detail", review_id=review_id))


def _failed(review_id: int, status: int, errors: dict):
    return render_detail(
        load_visible_review(review_id), status, errors=errors, form=request.form
    )


def _save(review: Review, schema, service, message: str, may, denied=None):
    """Save one small form of the review page through ``service(user, review, data)``
    once ``may(user, review)`` allows it; its errors show on that page."""
    require(may(current_user, review), denied)
    review_id = review.id
    return answer_form(
        save_form(schema, request.form, partial(service, current_user, review)),
        lambda status, form, errors: _failed(review_id, status, errors),
        lambda _result: (message, url_for("reviews.detail", review_id=review_id)),
    )


@bp.route("/<int:review_id>/share", methods=["POST"])
@login_required
def share(review_id: int):
    """Share a finished review with its employee (the reviewer)."""
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
    """Acknowledge a shared review (the employee signs off)."""
    return _save(
        load_visible_review(review_id),
        AcknowledgeSchema(),
        services.acknowledge_review,
        "You have acknowledged the review.",
        perms.is_subject,
        "Only the employee signs off.",
    )


@bp.route("/<int:review_id>/addenda", methods=["POST"])
@login_required
def add_addendum(review_id: int):
    """Add an addendum to a signed review."""
    review = load_visible_review(review_id)
    if not review.status.is_signed:
        raise InvalidTransition("Addenda are for signed reviews; edit the review.")
    done = "Your addendum is added."
    return _save(
        review, AddendumSchema(), services.add_addendum, done, perms.can_add_addendum
    )


@bp.route("/<int:review_id>/reopen", methods=["POST"])
@login_required
def reopen(review_id: int):
    """Reopen a signed review for the manager (HR)."""
    return _save(
        load_visible_review(review_id),
        ReopenSchema(),
        services.reopen_review,
        "The review is reopened for the manager.",
        perms.can_reopen,
        "Only HR reopens a signed review.",
    )
