"""The home page: one dashboard per role (my record; my team; my reviews and the reviews
waiting for me; HR and admin links). A page edge, so it may read the reviews area."""

import sqlalchemy as sa
from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core.extensions import db
from people import permissions as perms
from people.models import Employee

bp = Blueprint("home", __name__)


@bp.route("/")
@login_required
def index():
    me = None
    reports: list[Employee] = []
    if current_user.employee_id:
        me = db.session.scalar(
            sa.select(Employee)
            .where(Employee.id == current_user.employee_id)
            .options(joinedload(Employee.department), joinedload(Employee.manager))
        )
        reports = list(
            db.session.scalars(
                sa.select(Employee)
                .where(
                    Employee.manager_id == current_user.employee_id,
                    Employee.is_active.is_(True),
                )
                .options(joinedload(Employee.department))
                .order_by(Employee.name)
            )
        )
    indirect = 0
    if reports:
        indirect = db.session.scalar(
            sa.select(sa.func.count()).select_from(
                perms.report_ids_select(current_user.employee_id).subquery()
            )
        ) - len(reports)
    return render_template(
        "people/home.html",
        me=me,
        reports=reports,
        indirect_count=indirect,
        **review_panels(current_user),
        **goal_panels(current_user),
        **_development_panels(current_user),
    )


def _development_panels(user) -> dict:
    from development.views.panels import home_panels  # a page edge

    return home_panels(user)


def next_step(review) -> tuple[str, object]:
    """What the employee does next with their review, and by when."""
    from reviews.enums import ReviewStatus as S

    cycle = review.cycle
    if review.status in (S.not_started, S.self_in_progress):
        return "Write your self-assessment", review.self_due_on
    if review.status in (S.self_submitted, S.manager_in_progress):
        return "Your manager is writing their part", cycle and cycle.manager_due_on
    if review.status is S.shared:
        return "Read and acknowledge it", cycle and cycle.signoff_due_on
    return "Nothing to do: it is signed", None


def review_panels(user) -> dict:
    """My latest review with its next step; how many reviews wait for my part."""
    from reviews.enums import ReviewStatus as S
    from reviews.models import Review

    if not user.employee_id:
        return {"my_review": None, "review_step": None, "waiting": 0}
    my_review = db.session.scalar(
        sa.select(Review)
        .where(Review.employee_id == user.employee_id)
        .options(joinedload(Review.cycle))
        .order_by(Review.period_end.desc(), Review.id.desc())
        .limit(1)
    )
    waiting = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Review)
        .where(
            Review.reviewer_id == user.employee_id,
            Review.employee_id != user.employee_id,
            Review.status.in_([S.self_submitted, S.manager_in_progress]),
        )
    )
    return {
        "my_review": my_review,
        "review_step": next_step(my_review) if my_review else None,
        "waiting": waiting or 0,
    }


def goal_panels(user) -> dict:
    """My top three active goals (rolled-up progress) and my open needs: count, next due.

    Three queries whatever the numbers.
    """
    from reviews.enums import GoalStatus
    from reviews.enums import TrainingNeedStatus as N
    from reviews.models import Goal, TrainingNeed
    from reviews.services import rolled_up_progress

    if not user.employee_id:
        return {"top_goals": [], "goal_progress": {}, "needs_open": 0, "next_due": None}
    top = list(
        db.session.scalars(
            sa.select(Goal)
            .where(Goal.owner_id == user.employee_id, Goal.status == GoalStatus.active)
            .order_by(Goal.target_on.is_(None), Goal.target_on, Goal.id)
            .limit(3)
        )
    )
    open_count, next_due = db.session.execute(
        sa.select(sa.func.count(), sa.func.min(TrainingNeed.due_on)).where(
            TrainingNeed.employee_id == user.employee_id,
            TrainingNeed.status.in_((N.open, N.in_progress)),
        )
    ).one()
    return {
        "top_goals": top,
        "goal_progress": rolled_up_progress([g.id for g in top]),
        "needs_open": open_count or 0,
        "next_due": next_due,
    }
