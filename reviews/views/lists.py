"""My reviews, my team's reviews by cycle, and a manager's ad hoc review form."""

import itertools

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from marshmallow import EXCLUDE, ValidationError
from sqlalchemy.orm import joinedload

from core.extensions import db
from core.forms import save_form
from core.pagination import paginate_html
from core.permissions import require
from people.models import Employee
from people.permissions import has_reports, is_hr, report_ids_select
from reviews import permissions as perms
from reviews import services
from reviews.enums import ReviewStatus
from reviews.models import Review, ReviewCycle
from reviews.schemas.forms import AdhocReviewCreateSchema, ReviewQueryArgsSchema
from reviews.views import bp
from reviews.views.common import template_choices


def _args() -> dict:
    try:
        args = ReviewQueryArgsSchema(only=("cycle_id", "status")).load(
            request.args, unknown=EXCLUDE
        )
    except ValidationError:
        args = {}
    return {"cycle_id": args.get("cycle_id"), "status": args.get("status")}


def _my_reviews(me: int) -> list[Review]:
    return list(
        db.session.scalars(
            perms.visible_reviews(current_user)
            .where(Review.employee_id == me)
            .options(joinedload(Review.cycle), joinedload(Review.reviewer))
            .order_by(Review.period_end.desc(), Review.id.desc())
        )
    )


def _team_page(me: int, args: dict):
    # For everyone but HR, the visible reviews other than one's own ARE the team's.
    stmt = perms.visible_reviews(current_user).where(Review.employee_id != me)
    if is_hr(current_user):
        stmt = stmt.where(
            sa.or_(
                Review.reviewer_id == me,
                Review.employee_id.in_(report_ids_select(me)),
            )
        )
    if args["cycle_id"]:
        stmt = stmt.where(Review.cycle_id == args["cycle_id"])
    if args["status"]:
        stmt = stmt.where(Review.status == args["status"])
    stmt = (
        stmt.outerjoin(ReviewCycle, ReviewCycle.id == Review.cycle_id)
        .join(Employee, Employee.id == Review.employee_id)
        .options(
            joinedload(Review.cycle),
            joinedload(Review.employee),
            joinedload(Review.reviewer),
        )
        .order_by(
            ReviewCycle.period_end.desc().nulls_last(),
            Review.cycle_id,
            Employee.name,
            Review.id,
        )
    )
    return paginate_html(stmt)


def _page(status=200, form=None, errors=None):
    me = current_user.employee_id
    args = _args()
    mine = _my_reviews(me) if me else []
    manager = bool(me) and has_reports(current_user)
    team = _team_page(me, args) if manager else None
    groups = []
    if team is not None:
        groups = [
            (cycle, list(items))
            for cycle, items in itertools.groupby(team.items, key=lambda r: r.cycle)
        ]
    reports, templates, cycles = [], [], []
    if manager:
        cycles = db.session.execute(
            sa.select(ReviewCycle.id, ReviewCycle.name).order_by(
                ReviewCycle.period_end.desc()
            )
        ).all()
        reports = db.session.execute(
            sa.select(Employee.id, Employee.name)
            .where(Employee.manager_id == me, Employee.is_active.is_(True))
            .order_by(Employee.name)
        ).all()
        templates = template_choices()
    return render_template(
        "reviews/review_list.html",
        mine=mine,
        team=team,
        groups=groups,
        args=args,
        cycles=cycles,
        statuses=list(ReviewStatus),
        reports=reports,
        templates=templates,
        form=form or {},
        errors=errors or {},
    ), status


@bp.route("")
@login_required
def index():
    """The reviews page: the caller's reviews and their team's."""
    return _page()


@bp.route("/adhoc", methods=["POST"])
@login_required
def start_adhoc():
    """Start an ad-hoc review of one of the manager's reports."""
    require(has_reports(current_user), "Managers start ad hoc reviews.")
    review, errors, status = save_form(
        AdhocReviewCreateSchema(),
        request.form,
        lambda data: services.start_adhoc_review(current_user, data),
    )
    if review is None:
        return _page(status, form=request.form, errors=errors)
    db.session.commit()
    flash("The ad hoc review is started.", "success")
    return redirect(url_for("reviews.detail", review_id=review.id))
