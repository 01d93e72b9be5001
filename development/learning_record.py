"""The learning record: derived from activities, needs and interviews, never stored.

Evidence is a development activity of a learning kind (``ActivityKind.is_learning`` —
given interviews are a contribution, not evidence) that is completed or in progress, dated
by ``ended_on`` (else ``started_on``, also when the end is still to come) on or before
``today``. Private activities count:
only their reflection and evidence are hidden, not their existence.

A mentorship with sessions is evidence once per session, in the month the session was
held and with its hours — four monthly sessions from August to November are four months,
not one in the month the activity ended. A mentorship without sessions counts as any
activity. Sessions are read in the same statement as the activities (an outer join).

"Keeps learning" follows the single ``DevelopmentPolicy`` row: *active* with evidence in at
least ``active_months`` distinct months of the last ``window_months`` months (the current
month included), *lapsing* with evidence in at least one of them, else *inactive*.

A whole team costs a fixed number of statements (at most five: the policy, the ids when
given as a select, activities, needs with evidence, interviews), whatever its size. Months
are bucketed in Python so SQLite and PostgreSQL agree.

The review page reads ``review_learning`` on every view: its statements (and the
policy's) are built once (``functools.cache``) with typed bind parameters, dates
computed in Python, and executed again, so SQLAlchemy neither rebuilds them nor
recomputes their cache keys (as the home page's, ``home.panels``).
"""

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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
    MentoringSession,
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


@functools.cache
def _policy() -> sa.Select:
    return sa.select(DevelopmentPolicy).order_by(DevelopmentPolicy.id).limit(1)


def current_policy() -> DevelopmentPolicy:
    """The policy row, or an unsaved one with the defaults when HR has not saved any."""
    policy = db.session.scalar(_policy())
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

    act, ms = DevelopmentActivity, MentoringSession
    rows = db.session.execute(
        sa.select(
            act.employee_id,
            act.kind,
            act.ended_on,
            act.started_on,
            act.hours,
            ms.held_on,
            ms.hours,
        )
        .outerjoin(ms, ms.activity_id == act.id)
        .where(
            act.employee_id.in_(ids),
            sa.or_(act.status.in_(COUNTED_STATUSES), ms.id.is_not(None)),
            sa.or_(act.ended_on <= today, act.started_on <= today, ms.held_on <= today),
        )
    ).all()
    evidence_months: dict[int, set[date]] = {i: set() for i in ids}
    for employee_id, kind, ended_on, started_on, hours, held_on, held_hours in rows:
        if held_on is not None:  # one session of a mentorship: its own day and hours
            on_day, hours = held_on, held_hours
        else:
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


def _since_line(title, kind, ended_on, hours, verified_at) -> str:
    hours = f", {hours:g} h" if hours else ""
    verified = ", verified" if verified_at else ""
    return f"{title} — {kind.title}, {ended_on.isoformat()}{hours}{verified}"


# --- The review's period (issue 16, items 7 and 8) -------------------------------------
# What the review page and ``GET /api/v1/reviews/{id}/history`` show of the person's
# learning. Reviews read development only through this module, so the review's
# suggestions are read here too. Four statements whatever the numbers: the policy, the
# activities (of the period, the policy window and since the previous review, with
# their interviews), the evidence on the previous review's needs (when there is one)
# and the suggestions made in the review; a manager's right to read is one more.


@dataclass
class EvidenceLine:
    need_id: int
    skill_name: str
    need_status: str
    activity_id: int | None
    title: str  # the activity's title, else the note
    kind: ActivityKind | None
    on_day: date | None
    is_verified: bool


@dataclass
class SuggestionLine:
    id: int
    topic: str
    contact_name: str
    manager_name: str
    created_at: object
    status: str  # open, accepted, dismissed
    interview_id: int | None
    interview_status: InterviewStatus | None

    @property
    def outcome(self) -> str:
        """What came of it: pending, declined, or the interview's status."""
        if self.status == "dismissed":
            return "Declined"
        if self.status == "open":
            return "Pending — not answered yet"
        if self.interview_status is None:
            return "Accepted"
        return f"Accepted — interview {self.interview_status.title.lower()}"


@dataclass
class ReviewLearning:
    """The person's learning within the review's period (ending today if still running)."""

    employee_id: int
    period_start: date
    period_end: date
    status: KeepsLearning
    window_months: int
    by_kind: list[tuple[ActivityKind, KindTotal]]
    activities: int = 0
    hours: float = 0.0
    given_hours: float = 0.0
    interviews_conducted: int = 0
    interviews_given: int = 0
    evidence: list[EvidenceLine] = field(default_factory=list)
    suggestions: list[SuggestionLine] = field(default_factory=list)
    since: list[str] = field(default_factory=list)  # completed since the last review
    reader: Any = None  # who reads it: ``offers_suggestion`` asks about them
    manager_id: int | None = None  # the person's direct manager, when the review says

    @property
    def offers_suggestion(self) -> bool:
        """The reader manages the person: the review page offers "suggest an
        interview" (asked only by the page, so the API spends no statement on it)."""
        user, employee_id = self.reader, self.employee_id
        return (
            user is not None
            and user.employee_id is not None
            and user.employee_id != employee_id
            and _manages(user, employee_id, self.manager_id)
        )


def _direct_manager_id(review) -> int | None:
    """The person's direct manager as the review's loaded ``employee`` says (the
    pages and the API load it), without a statement; None when it is not loaded."""
    employee = sa.inspect(review).dict.get("employee")
    if employee is None:
        return None
    return sa.inspect(employee).dict.get("manager_id")


def _manages(user, employee_id: int, manager_id: int | None) -> bool:
    """``is_manager_of``, answered without its manager-chain statement for the direct
    manager (``manager_id``) — most readers of a review: its reviewer."""
    if manager_id is not None and user.employee_id == manager_id:
        return True
    return is_manager_of(user, employee_id)


def _may_read(user, employee_id: int, manager_id: int | None = None) -> bool:
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and (
            user.employee_id == employee_id
            or is_hr(user)
            or _manages(user, employee_id, manager_id)
        )
    )


def _on_day(ended_on, started_on, as_of: date) -> date | None:
    day = ended_on if ended_on and ended_on <= as_of else started_on
    return day if day is not None and day <= as_of else None


ACT, IV, MS = DevelopmentActivity, InformationalInterview, MentoringSession


@functools.cache
def _period_activities(since_previous: bool) -> sa.Select:
    """The person's activities (with interviews, a row per mentoring session) from
    ``low`` to the period's end — and, with ``since_previous``, every one that ended
    after the previous review: two shapes, each built once."""
    act, iv, ms = ACT, IV, MS
    low = sa.bindparam("low", type_=sa.Date)
    end = sa.bindparam("end", type_=sa.Date)
    since = (
        act.ended_on > sa.bindparam("previous_end", type_=sa.Date)
        if since_previous
        else sa.true()
    )
    return (
        sa.select(
            act.kind,
            act.status,
            act.ended_on,
            act.started_on,
            act.hours,
            iv.status,
            ms.held_on,
            ms.hours,
            act.title,
            act.verified_at,
            act.id,
        )
        .outerjoin(iv, iv.activity_id == act.id)
        .outerjoin(ms, ms.activity_id == act.id)  # a mentorship: a row per session
        .where(
            act.employee_id == sa.bindparam("employee_id", type_=sa.Integer),
            sa.or_(
                act.ended_on >= low, act.started_on >= low, ms.held_on >= low, since
            ),
            sa.or_(
                act.ended_on <= sa.bindparam("period_end", type_=sa.Date),
                act.started_on <= end,
                ms.held_on <= end,
            ),
        )
        .order_by(act.ended_on, act.id, ms.held_on)
    )


@functools.cache
def _previous_evidence() -> sa.Select:
    """The evidence on the needs the previous review named."""
    from people.models import Skill

    act = ACT
    return (
        sa.select(
            TrainingNeed.id,
            Skill.name,
            TrainingNeed.status,
            NeedEvidence.activity_id,
            NeedEvidence.note,
            act.title,
            act.kind,
            act.ended_on,
            act.started_on,
            act.verified_at,
        )
        .join(NeedEvidence, NeedEvidence.need_id == TrainingNeed.id)
        .join(Skill, Skill.id == TrainingNeed.skill_id)
        .outerjoin(act, act.id == NeedEvidence.activity_id)
        .where(
            TrainingNeed.source_review_id
            == sa.bindparam("previous_id", type_=sa.Integer)
        )
        .order_by(TrainingNeed.id, NeedEvidence.id)
    )


@functools.cache
def _suggestions() -> sa.Select:
    """The interviews suggested in the review, with who suggested them."""
    from development.models import InterviewSuggestion
    from people.models import Employee

    s, iv = InterviewSuggestion, IV
    return (
        sa.select(s, Employee.name, iv.status)
        .join(Employee, Employee.id == s.manager_id)
        .outerjoin(iv, iv.id == s.interview_id)
        .where(s.review_id == sa.bindparam("review_id", type_=sa.Integer))
        .order_by(s.created_at, s.id)
    )


def review_learning(user, review, previous, *, today: date) -> ReviewLearning | None:
    """The learning record of ``review``'s period, for a reader of the record.

    ``previous`` is the previous shared review (or None). ``None`` when ``user`` may
    not read the person's learning record (the person, their managers and HR may).
    The keeps-learning status is the one at the period's end (today while it runs);
    activities are dated as in ``learning_records``. ``since`` holds the activities
    completed since the previous review's end, as lines, from the same statement.
    """
    employee_id = review.employee_id
    manager_id = _direct_manager_id(review)
    if not _may_read(user, employee_id, manager_id):
        return None
    policy = current_policy()
    window = max(policy.window_months, 1)
    start = review.period_start
    end = min(review.period_end, today)
    window_start = month_start(end, window - 1)
    previous_end = previous.period_end if previous is not None else None
    rows = db.session.execute(
        _period_activities(bool(previous_end)),
        {
            "employee_id": employee_id,
            "low": min(start, window_start),
            "end": end,
            "period_end": review.period_end,
            "previous_end": previous_end,
        },
    ).all()
    totals: dict[ActivityKind, KindTotal] = {}
    months: set[date] = set()
    out = ReviewLearning(employee_id, start, end, KeepsLearning.inactive, window, [])
    listed: set[int] = set()
    for kind, status, ended_on, started_on, hours, iv_status, *more in rows:
        held_on, held_hours, title, verified_at, activity_id = more
        if (
            status is ActivityStatus.completed
            and ended_on is not None
            and ended_on <= review.period_end
            and (previous_end is None or ended_on > previous_end)
            and activity_id not in listed
        ):  # completed since the previous review
            listed.add(activity_id)
            out.since.append(_since_line(title, kind, ended_on, hours, verified_at))
        if held_on is not None:  # as learning_records: a session, its day and hours
            day, hours = (held_on if held_on <= end else None), held_hours
        else:
            day = _on_day(ended_on, started_on, end)
            if status not in COUNTED_STATUSES:
                day = None if iv_status not in DONE_INTERVIEWS else day
        if day is None:
            continue
        if iv_status in DONE_INTERVIEWS and day >= start:
            if kind is ActivityKind.interview_given:
                out.interviews_given += 1
            else:
                out.interviews_conducted += 1
        if held_on is None and status not in COUNTED_STATUSES:
            continue
        hours = float(hours or 0)
        if kind.is_learning and day >= window_start:
            months.add(month_start(day))
        if day < start:
            continue
        if not kind.is_learning:
            out.given_hours += hours
            continue
        total = totals.setdefault(kind, KindTotal())
        total.activities += 1
        total.hours += hours
        out.activities += 1
        out.hours += hours
    out.status = keeps_learning(len(months), policy)
    out.by_kind = sorted(totals.items(), key=lambda item: item[0].title)

    if previous is not None:
        evidence = db.session.execute(
            _previous_evidence(), {"previous_id": previous.id}
        ).all()
        out.evidence = [
            EvidenceLine(
                need_id,
                skill,
                need_status.title,
                activity_id,
                title or note,
                kind,
                ended_on or started_on,
                verified_at is not None,
            )
            for (
                need_id,
                skill,
                need_status,
                activity_id,
                note,
                title,
                kind,
                ended_on,
                started_on,
                verified_at,
            ) in evidence
        ]

    suggestions = db.session.execute(_suggestions(), {"review_id": review.id}).all()
    out.suggestions = [
        SuggestionLine(
            x.id,
            x.topic,
            x.contact_name,
            manager_name,
            x.created_at,
            x.status.value,
            x.interview_id,
            iv_status,
        )
        for x, manager_name, iv_status in suggestions
    ]
    out.reader, out.manager_id = user, manager_id
    return out
