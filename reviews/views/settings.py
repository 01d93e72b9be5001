"""HR: the review settings — reviews created by plan (anniversary reviews on or off, and
the template planned reviews use). The same service as ``PATCH /api/v1/review-settings``."""

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core.extensions import db
from core.forms import save_form
from core.permissions import require
from people.permissions import is_hr
from reviews.models import ReviewTemplate
from reviews.schemas.forms import ReviewSettingsFormSchema
from reviews.services.settings import current_review_settings, update_review_settings
from reviews.views import bp


def _page(status=200, errors=None, form=None):
    settings = current_review_settings()
    values = form or {
        "anniversary_reviews": settings.anniversary_reviews,
        "planned_template_id": settings.planned_template_id or "",
    }
    templates = db.session.execute(
        sa.select(ReviewTemplate.id, ReviewTemplate.name).order_by(ReviewTemplate.name)
    ).all()
    return render_template(
        "reviews/settings.html",
        form=values,
        errors=errors or {},
        templates=templates,
        probation_days=int(current_app.config.get("PROBATION_REVIEW_DAYS") or 0),
    ), status


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    """Show and save the review settings (HR)."""
    require(is_hr(current_user), "HR changes the review settings.")
    if request.method == "GET":
        return _page()
    result, errors, status = save_form(
        ReviewSettingsFormSchema(),
        request.form,
        lambda d: update_review_settings(current_user, d),
    )
    if result is None:
        return _page(status, errors, request.form)
    db.session.commit()
    flash("The review settings are saved.", "success")
    return redirect(url_for("reviews.settings"))
