"""The manager's desk: what the team waits for, read in a fixed number of statements.

The team page (``team.py``) shows it: the team's open reviews by step, the evidence to
verify (with the needs each activity is evidence for), the interviews waiting for
approval with their proposed schedule, the team's needs due soon or overdue, and who is
lapsing or inactive in keeping learning.

Decisions the brief left open:
- Reviews: those of the caller's direct reports and those the caller reviews (an
  indirect report's review is their own manager's work); signed reviews are left out.
- Needs due: open or in progress, overdue or due within ``NEEDS_AHEAD`` days, of
  anyone in the team (direct or indirect, as on the team needs page), at most
  ``NEEDS_SHOWN`` (the team needs page has them all).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from core.extensions import db
from development.enums import ActivityStatus, KeepsLearning
from development.models import DevelopmentActivity, InformationalInterview
from development.services.verification import needs_evidenced_by
from reviews.enums import ReviewStatus
from reviews.enums import TrainingNeedStatus as N
from reviews.models import Review, TrainingNeed
from reviews.permissions import visible_needs, visible_reviews

R = ReviewStatus
NEEDS_AHEAD = 30
NEEDS_SHOWN = 20
# (key, heading, statuses, who acts, the cycle's due date of that step)
STEPS = (
    ("self", "Self-assessment", (R.not_started, R.self_in_progress), "employee"),
    ("manager", "Manager’s part", (R.self_submitted, R.manager_in_progress), "you"),
    ("signoff", "Sign-off", (R.shared,), "employee"),
)


@dataclass
class DeskReview:
    review: Review
    due_on: date | None
    is_mine: bool


@dataclass
class Step:
    key: str
    heading: str
    reviews: list[DeskReview] = field(default_factory=list)


def step_due(review: Review) -> date | None:
    """The due date of the step the review is at."""
    cycle = review.cycle
    if review.status in (R.not_started, R.self_in_progress):
        return review.self_due_on or (cycle.self_due_on if cycle else None)
    if cycle is None:  # an ad hoc review has only its self-assessment date
        return None
    if review.status in (R.self_submitted, R.manager_in_progress):
        return cycle.manager_due_on
    if review.status is R.shared:
        return cycle.signoff_due_on
    return None


def _overdue_first(items, today: date):
    def key(item):
        due = item.due_on
        return (due is None, due is not None and due >= today, due or date.max)

    return sorted(items, key=key)


def reviews_by_step(user, direct_ids: list[int], today: date) -> list[Step]:
    """Open reviews of the caller's direct reports or reviewed by the caller."""
    me = user.employee_id
    rows = db.session.scalars(
        visible_reviews(user)
        .where(
            sa.or_(Review.employee_id.in_(direct_ids or [0]), Review.reviewer_id == me),
            Review.employee_id != me,
            Review.status.in_([s for _, _, statuses, _ in STEPS for s in statuses]),
        )
        .options(joinedload(Review.employee), joinedload(Review.cycle))
    ).unique()
    steps = {key: Step(key, heading) for key, heading, _, _ in STEPS}
    where = {s: key for key, _, statuses, _ in STEPS for s in statuses}
    for review in rows:
        steps[where[review.status]].reviews.append(
            DeskReview(review, step_due(review), review.reviewer_id == me)
        )
    for step in steps.values():
        step.reviews = _overdue_first(step.reviews, today)
    return list(steps.values())


def evidence_to_verify(direct_ids: list[int]):
    """Completed, unverified activities of direct reports and the needs in progress
    each is evidence for (two statements)."""
    activities = list(
        db.session.scalars(
            sa.select(DevelopmentActivity)
            .where(
                DevelopmentActivity.employee_id.in_(direct_ids or [0]),
                DevelopmentActivity.status == ActivityStatus.completed,
                DevelopmentActivity.verified_at.is_(None),
            )
            .options(joinedload(DevelopmentActivity.employee))
            .order_by(
                DevelopmentActivity.ended_on.desc().nulls_last(), DevelopmentActivity.id
            )
        )
    )
    return activities, needs_evidenced_by(a.id for a in activities)


def interviews_to_approve(team_ids: list[int]) -> list[InformationalInterview]:
    return list(
        db.session.scalars(
            sa.select(InformationalInterview)
            .where(
                InformationalInterview.employee_id.in_(team_ids or [0]),
                InformationalInterview.needs_approval.is_(True),
            )
            .options(
                joinedload(InformationalInterview.employee),
                joinedload(InformationalInterview.contact),
            )
            .order_by(InformationalInterview.scheduled_at.nulls_last())
        )
    )


def needs_due(user, team_ids: list[int], today: date) -> tuple[list[TrainingNeed], int]:
    """Open needs of the team, overdue or due within ``NEEDS_AHEAD`` days: the first
    ``NEEDS_SHOWN`` (oldest due first) and how many there are, in one statement (the
    total is a window count, taken before the limit)."""
    rows = db.session.execute(
        visible_needs(user)
        .add_columns(sa.func.count().over().label("total"))
        .where(
            TrainingNeed.employee_id.in_(team_ids or [0]),
            TrainingNeed.status.in_((N.open, N.in_progress)),
            TrainingNeed.due_on <= today + timedelta(days=NEEDS_AHEAD),
        )
        .options(joinedload(TrainingNeed.employee), joinedload(TrainingNeed.skill))
        .order_by(TrainingNeed.due_on, TrainingNeed.id)
        .limit(NEEDS_SHOWN)
    ).all()
    return [row[0] for row in rows], (rows[0].total if rows else 0)


def lapsing(reports, records) -> list:
    """Reports who are lapsing or inactive, inactive first (no statement)."""
    order = {KeepsLearning.inactive: 0, KeepsLearning.lapsing: 1}
    return sorted(
        (r for r in reports if records[r.id].status in order),
        key=lambda r: (order[records[r.id].status], r.name),
    )
