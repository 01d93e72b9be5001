"""The learning record: derived from activities, needs and interviews, never stored.

Evidence is a development activity of a learning kind (``ActivityKind.is_learning`` —
given interviews are a contribution, not evidence) that is completed or in progress, dated
by ``ended_on`` (else ``started_on``, also when the end is still to come) on or before
``today``. Private activities count:
only their reflection and evidence are hidden, not their existence.

"Keeps learning" follows the single ``DevelopmentPolicy`` row: *active* with evidence in at
least ``active_months`` distinct months of the last ``window_months`` months (the current
month included), *lapsing* with evidence in at least one of them, else *inactive*.

A whole team costs a fixed number of statements (at most five: the policy, the ids when
given as a select, activities, needs with evidence, interviews), whatever its size. Months
are bucketed in Python so SQLite and PostgreSQL agree.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from core.extensions import db
from development.enums import (
    ActivityKind,
    ActivityStatus,
    InterviewDirection,
    InterviewStatus,
    KeepsLearning,
)
from development.models import (
    DevelopmentActivity,
    DevelopmentPolicy,
    InformationalInterview,
)
from people.permissions import is_hr, is_manager_of
from reviews.models import NeedEvidence, TrainingNeed

COUNTED_STATUSES = (ActivityStatus.completed, ActivityStatus.in_progress)
DONE_INTERVIEWS = (InterviewStatus.completed, InterviewStatus.followed_up)


@dataclass
class KindTotal:
    activities: int = 0
    hours: float = 0.0


@dataclass
class MonthPoint:
    month: date  # the first day of the month
    label: str  # "Mar 2026"
    activities: int = 0
    hours: float = 0.0

    @property
    def has_evidence(self) -> bool:
        return self.activities > 0


@dataclass
class LearningRecord:
    employee_id: int
    months: list[MonthPoint]
    window_months: int
    active_months: int
    by_kind: dict[ActivityKind, KindTotal] = field(default_factory=dict)
    activities: int = 0  # learning evidence in the last ``len(months)`` months
    hours: float = 0.0
    given_activities: int = 0  # interviews given: a contribution, shown separately
    given_hours: float = 0.0
    months_with_evidence: int = 0  # within the policy window
    needs_with_evidence: int = 0
    interviews_conducted: int = 0
    interviews_given: int = 0
    last_evidence_on: date | None = None
    status: KeepsLearning = KeepsLearning.inactive


def current_policy() -> DevelopmentPolicy:
    """The policy row, or an unsaved one with the defaults when HR has not saved any."""
    policy = db.session.scalar(
        sa.select(DevelopmentPolicy).order_by(DevelopmentPolicy.id).limit(1)
    )
    if policy is None:
        policy = DevelopmentPolicy(
            interviews_per_month=2,
            interviews_on_paid_time=True,
            paid_hours_per_month=2.0,
            may_leave_premises=True,
            window_months=3,
            active_months=2,
        )
    return policy


def month_start(day: date, back: int = 0) -> date:
    """The first day of the month ``back`` months before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def keeps_learning(months_with_evidence: int, policy) -> KeepsLearning:
    if months_with_evidence >= max(policy.active_months, 1):
        return KeepsLearning.active
    if months_with_evidence >= 1:
        return KeepsLearning.lapsing
    return KeepsLearning.inactive


def _ids(employee_ids) -> list[int]:
    if isinstance(employee_ids, sa.Select):
        return list(db.session.scalars(employee_ids))
    return list(dict.fromkeys(int(i) for i in employee_ids))


def learning_records(
    employee_ids: Iterable[int] | sa.Select,
    *,
    today: date,
    months: int = 12,
    policy: DevelopmentPolicy | None = None,
) -> dict[int, LearningRecord]:
    """Learning records keyed by employee id, for any number of people in ≤ 5 statements.

    ``employee_ids`` is a list of ids or a select of them (e.g. ``report_ids_select``).
    """
    if months < 1:
        raise ValueError("months must be at least 1")
    ids = _ids(employee_ids)
    if not ids:
        return {}
    policy = policy or current_policy()
    window = max(policy.window_months, 1)
    chart_start = month_start(today, months - 1)
    window_start = month_start(today, window - 1)
    since = min(chart_start, window_start)
    slots = [month_start(today, back) for back in range(months - 1, -1, -1)]
    labels = [m.strftime("%b %Y") for m in slots]  # once, not once per person
    records = {
        i: LearningRecord(
            employee_id=i,
            months=[
                MonthPoint(m, label) for m, label in zip(slots, labels, strict=True)
            ],
            window_months=window,
            active_months=policy.active_months,
        )
        for i in ids
    }

    act = DevelopmentActivity
    rows = db.session.execute(
        sa.select(
            act.employee_id, act.kind, act.ended_on, act.started_on, act.hours
        ).where(
            act.employee_id.in_(ids),
            act.status.in_(COUNTED_STATUSES),
            sa.or_(act.ended_on <= today, act.started_on <= today),
        )
    ).all()
    evidence_months: dict[int, set[date]] = {i: set() for i in ids}
    for employee_id, kind, ended_on, started_on, hours in rows:
        # An activity still running (ends later) is dated by its start.
        on_day = ended_on if ended_on and ended_on <= today else started_on
        if on_day is None or on_day > today:
            continue
        record = records[employee_id]
        hours = float(hours or 0)
        if not kind.is_learning:
            if on_day >= chart_start:
                record.given_activities += 1
                record.given_hours += hours
            continue
        if record.last_evidence_on is None or on_day > record.last_evidence_on:
            record.last_evidence_on = on_day
        if on_day < since:
            continue
        month = month_start(on_day)
        if on_day >= window_start:
            evidence_months[employee_id].add(month)
        if on_day >= chart_start:
            total = record.by_kind.setdefault(kind, KindTotal())
            total.activities += 1
            total.hours += hours
            record.activities += 1
            record.hours += hours
            point = record.months[
                (month.year - chart_start.year) * 12 + month.month - chart_start.month
            ]
            point.activities += 1
            point.hours += hours

    needs = db.session.execute(
        sa.select(TrainingNeed.employee_id, sa.func.count(sa.distinct(TrainingNeed.id)))
        .join(NeedEvidence, NeedEvidence.need_id == TrainingNeed.id)
        .where(TrainingNeed.employee_id.in_(ids))
        .group_by(TrainingNeed.employee_id)
    ).all()
    for employee_id, count in needs:
        records[employee_id].needs_with_evidence = count

    iv = InformationalInterview
    interviews = db.session.execute(
        sa.select(iv.employee_id, iv.direction, sa.func.count(iv.id))
        .where(iv.employee_id.in_(ids), iv.status.in_(DONE_INTERVIEWS))
        .group_by(iv.employee_id, iv.direction)
    ).all()
    for employee_id, direction, count in interviews:
        if direction is InterviewDirection.given:
            records[employee_id].interviews_given = count
        else:
            records[employee_id].interviews_conducted = count

    for employee_id, record in records.items():
        record.months_with_evidence = len(evidence_months[employee_id])
        record.status = keeps_learning(record.months_with_evidence, policy)
    return records


def learning_record(employee_id: int, **kwargs) -> LearningRecord:
    """One person's learning record (same arguments as ``learning_records``)."""
    return learning_records([employee_id], **kwargs)[employee_id]


def development_since(user, review, previous_end: date | None) -> list[str]:
    """Activities completed since the previous review's period end (one query).

    Lines of text for the review page; a private activity shows its kind and title only.
    """
    allowed = (
        user.employee_id == review.employee_id
        or is_hr(user)
        or is_manager_of(user, review.employee_id)
    )
    if not allowed:
        return []
    stmt = sa.select(DevelopmentActivity).where(
        DevelopmentActivity.employee_id == review.employee_id,
        DevelopmentActivity.status == ActivityStatus.completed,
        DevelopmentActivity.ended_on <= review.period_end,
    )
    if previous_end is not None:
        stmt = stmt.where(DevelopmentActivity.ended_on > previous_end)
    rows = db.session.scalars(
        stmt.order_by(DevelopmentActivity.ended_on, DevelopmentActivity.id)
    )
    lines = []
    for a in rows:
        hours = f", {a.hours:g} h" if a.hours else ""
        verified = ", verified" if a.verified_at else ""
        lines.append(
            f"{a.title} — {a.kind.title}, {a.ended_on.isoformat()}{hours}{verified}"
        )
    return lines
