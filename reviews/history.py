"""What the review page shows beside the review: earlier reviews, the goals of the period,
and what happened to the training needs the previous review named.

One function, ``review_history``, feeds the HTML page and ``GET /reviews/<id>/history``.
It runs a fixed number of queries whatever the history's length, each built once
(``functools.cache``) with bind parameters and executed again (``reviews.queries``).
"""

import functools
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from core.db import utcnow
from core.extensions import db
from reviews.enums import TrainingNeedStatus
from reviews.models import Goal, Review, TrainingNeed
from reviews.queries import needs_named_by, previous_reviews


@dataclass
class NeedFate:
    need: TrainingNeed
    fate: str  # met, in_progress, dropped, open, overdue

    @property
    def label(self) -> str:
        return {
            "met": "Met",
            "in_progress": "In progress (evidence linked)",
            "dropped": "Dropped",
            "open": "Still open",
            "overdue": "Still open and overdue",
        }[self.fate]


@dataclass
class History:
    previous: list[Review]  # newest first
    competencies: list[str]  # names, in this review's template order
    series: dict[
        str, list[tuple[str, int | None]]
    ]  # name -> [(label, rating)], oldest first
    goals: list[Goal]
    previous_needs: list[NeedFate]
    development: list = field(default_factory=list)  # filled by the views and API
    # The learning record of the review's period (``development.learning_record.
    # review_learning``), filled by the views and API; None for who may not read it.
    learning: object = None


def _label(review: Review) -> str:
    if review.cycle is not None:
        return review.cycle.name
    return f"Ad hoc {review.period_end.isoformat()}"


def need_fate(need: TrainingNeed, today: date) -> str:
    if need.status is TrainingNeedStatus.met:
        return "met"
    if need.status is TrainingNeedStatus.dropped:
        return "dropped"
    if need.status is TrainingNeedStatus.in_progress:
        return "in_progress"
    if need.due_on is not None and need.due_on < today:
        return "overdue"
    return "open"


@functools.cache
def _period_goals() -> sa.Select:
    """The person's goals of the review's cycle, due within its period, or set by the
    previous review (``previous_id`` 0 when there is none: no goal has that source)."""
    return (
        sa.select(Goal)
        .where(
            Goal.owner_id == sa.bindparam("owner_id", type_=sa.Integer),
            sa.or_(
                sa.and_(
                    Goal.cycle_id.is_not(None),
                    Goal.cycle_id == sa.bindparam("cycle_id", type_=sa.Integer),
                ),
                Goal.target_on.between(
                    sa.bindparam("period_start", type_=sa.Date),
                    sa.bindparam("period_end", type_=sa.Date),
                ),
                Goal.source_review_id == sa.bindparam("previous_id", type_=sa.Integer),
            ),
        )
        .order_by(Goal.target_on, Goal.id)
    )


def review_history(
    review: Review, *, today: date | None = None, limit: int = 5
) -> History:
    """History for ``review`` (loaded with ``reviews.queries.load_review``)."""
    today = today or utcnow().date()
    previous = previous_reviews(review, limit=limit)
    names = [c.name for c in review.template.competencies]
    chronological = [*reversed(previous), review]
    series = {}
    for name in names:
        points = []
        for item in chronological:
            rating = next(
                (r.manager_rating for r in item.ratings if r.competency.name == name),
                None,
            )
            if item is review and not review.status.is_shared:
                rating = None  # the current draft is not history yet
            points.append((_label(item), rating))
        series[name] = points
    params = {
        "owner_id": review.employee_id,
        # None matches no goal (= NULL), as ``cycle_id IS NULL`` under IS NOT NULL did
        "cycle_id": review.cycle_id,
        "period_start": review.period_start,
        "period_end": review.period_end,
        "previous_id": previous[0].id if previous else 0,
    }
    goals = list(db.session.scalars(_period_goals(), params))
    needs = needs_named_by([previous[0].id]) if previous else []
    fates = [NeedFate(n, need_fate(n, today)) for n in needs]
    return History(previous, names, series, goals, fates)
