"""The cross-domain panels of the home page and the person page: my latest review and its
next step, my goals and needs (reviews), my suggestions and
learning record (development). Each is ``fn(user, ...) -> dict`` of template variables
with a fixed number of queries."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from core.extensions import db
from development.views.panels import home_panels as development_panels
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


def review_panels(user) -> dict:
    """My latest review with its next step (the reviews waiting for my part are
    to-dos, ``home.todos``, one per review)."""
    if not user.employee_id:
        return {"my_review": None, "review_step": None}
    my_review = db.session.scalar(
        sa.select(Review)
        .where(Review.employee_id == user.employee_id)
        .options(joinedload(Review.cycle))
        .order_by(Review.period_end.desc(), Review.id.desc())
        .limit(1)
    )
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


__all__ = ["development_panels", "goal_panels", "next_step", "review_panels"]
