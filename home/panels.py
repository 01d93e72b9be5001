"""The cross-domain panels of the home page and the person page: my record and my team
(people), my latest review and its next step, my goals and needs (reviews), my
suggestions and learning record (development). Each is ``fn(user, ...) -> dict`` of template variables
with a fixed number of queries.

Their statements are built once (``functools.cache``) with the person as a bind
parameter, as the to-do list's (``home.todo_sources``): a page executes the same objects
again, so SQLAlchemy neither rebuilds them nor recomputes their cache keys."""

import functools

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from core.extensions import db
from development.views.panels import home_panels as development_panels
from people.models import Employee
from people.permissions import report_ids_select
from reviews.enums import GoalStatus, ReviewStatus
from reviews.enums import TrainingNeedStatus as N
from reviews.models import Goal, Review, TrainingNeed
from reviews.services import rolled_up_progress


def next_step(review) -> tuple[str, object]:
    """What the employee does next with their review, and by when."""
    cycle, status = review.cycle, review.status
    if status in (ReviewStatus.not_started, ReviewStatus.self_in_progress):
        return "Write your self-assessment", review.self_due_on
    if status in (ReviewStatus.self_submitted, ReviewStatus.manager_in_progress):
        return "Your manager is writing their part", cycle and cycle.manager_due_on
    if status is ReviewStatus.shared:
        return "Read and acknowledge it", cycle and cycle.signoff_due_on
    return "Nothing to do: it is signed", None


ME = sa.bindparam("me", type_=sa.Integer)


@functools.cache
def _me() -> sa.Select:
    return (
        sa.select(Employee)
        .where(Employee.id == ME)
        .options(joinedload(Employee.department), joinedload(Employee.manager))
    )


@functools.cache
def _direct_reports() -> sa.Select:
    return (
        sa.select(Employee)
        .where(Employee.manager_id == ME, Employee.is_active.is_(True))
        .options(joinedload(Employee.department))
        .order_by(Employee.name)
    )


@functools.cache
def _all_reports_count() -> sa.Select:
    return sa.select(sa.func.count()).select_from(report_ids_select(ME).subquery())


@functools.cache
def _latest_review() -> sa.Select:
    return (
        sa.select(Review)
        .where(Review.employee_id == ME)
        .options(joinedload(Review.cycle))
        .order_by(Review.period_end.desc(), Review.id.desc())
        .limit(1)
    )


@functools.cache
def _top_goals() -> sa.Select:
    return (
        sa.select(Goal)
        .where(Goal.owner_id == ME, Goal.status == GoalStatus.active)
        .order_by(Goal.target_on.is_(None), Goal.target_on, Goal.id)
        .limit(3)
    )


@functools.cache
def _open_needs() -> sa.Select:
    return sa.select(sa.func.count(), sa.func.min(TrainingNeed.due_on)).where(
        TrainingNeed.employee_id == ME,
        TrainingNeed.status.in_((N.open, N.in_progress)),
    )


def team_panels(user) -> dict:
    """My record, my active direct reports and how many more report to me below them
    (that count only when I have direct reports: no query for most people)."""
    if not user.employee_id:
        return {"me": None, "reports": [], "indirect_count": 0}
    params = {"me": user.employee_id}
    me = db.session.scalar(_me(), params)
    reports = list(db.session.scalars(_direct_reports(), params))
    indirect = 0
    if reports:
        indirect = db.session.scalar(_all_reports_count(), params) - len(reports)
    return {"me": me, "reports": reports, "indirect_count": indirect}


def review_panels(user) -> dict:
    """My latest review with its next step (the reviews waiting for my part are
    to-dos, ``home.todos``, one per review)."""
    if not user.employee_id:
        return {"my_review": None, "review_step": None}
    my_review = db.session.scalar(_latest_review(), {"me": user.employee_id})
    return {
        "my_review": my_review,
        "review_step": next_step(my_review) if my_review else None,
    }


def goal_panels(user) -> dict:
    """My top three active goals (rolled-up progress) and my open needs: count, next due.

    Three queries whatever the numbers.
    """
    if not user.employee_id:
        return {"top_goals": [], "goal_progress": {}, "needs_open": 0, "next_due": None}
    me = {"me": user.employee_id}
    top = list(db.session.scalars(_top_goals(), me))
    open_count, next_due = db.session.execute(_open_needs(), me).one()
    return {
        "top_goals": top,
        "goal_progress": rolled_up_progress([g.id for g in top]),
        "needs_open": open_count or 0,
        "next_due": next_due,
    }


__all__ = [
    "development_panels",
    "goal_panels",
    "next_step",
    "review_panels",
    "team_panels",
]
