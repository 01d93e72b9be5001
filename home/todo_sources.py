"""Where the to-dos come from (``home.todos`` words, links and sorts them).

Each source is one ``SELECT`` with the same columns (kind, object id, whom or what it is
about, due date, an instant, a count); they are glued with ``UNION ALL`` into ONE
statement, so the list costs one round trip whatever the role and the numbers (the
query-budget gate counts it).

The sources and the decisions the issue left open:

- **Reviews** (active cycles and ad hoc): my self-assessment until submitted; the
  manager's part of each review I write, once it may be started
  (``reviews.permissions.can_start_manager_part``: the self-assessment is in, or its
  date passed), "write" before and "finish and share" after it is started; my sign-off
  once my review is shared.
- **Approvals**: interviews of my reports (any depth, as ``can_approve_interview``) over
  the monthly limit, requested and not yet approved.
- **Evidence to verify**: completed, unverified activities of my direct reports (only
  the direct manager verifies), one row per person with the count.
- **My training needs** open or in progress and due within ``NEED_HORIZON_DAYS``.
- **Interview follow-ups**: a thank-you for an interview I conducted and completed in
  the last ``RECENT_DAYS`` (due the day after it), and a follow-up whose date is within
  a week (or passed in the last ``RECENT_DAYS``).
- **Goal check-ins**: my active goals past their target date ("record how it ended"),
  and the others whose next check-in is due by their cadence — the one rule of
  ``reviews.goal_due`` that the reminder job and the manager's digest use too.
- **HR**: per active cycle, the reviews late on a step and, once the sign-off date has
  passed, closing it; reviews with quality flags in active cycles or ad hoc, not yet
  closed, as one item (the flags page).

The statement is built once per shape (with or without an employee record, HR or not)
and kept (``_statement`` is cached): whatever varies (who, today, now and the dates derived from
them in Python: no date arithmetic in SQL, SQLite and PostgreSQL differ) is a named bind
parameter, so a page executes the same object with new values and SQLAlchemy neither
builds the ~13 selects nor recomputes their cache key (memoized on the object); that
was half of the home page's CPU.
"""

import functools
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from core.extensions import db
from development.enums import ActivityStatus, InterviewDirection, InterviewStatus
from development.models import Contact, DevelopmentActivity, InformationalInterview
from people.models import Employee, Skill
from people.permissions import is_hr, reports_to
from reviews.enums import (
    CheckInCadence,
    CycleStatus,
    GoalStatus,
    ReviewStatus,
    TrainingNeedStatus,
)
from reviews.goal_due import check_in_due, check_in_due_params, last_check_in_on
from reviews.models import (
    Goal,
    Review,
    ReviewCycle,
    ReviewQualityFlag,
    TrainingNeed,
)
from reviews.permissions import MANAGER_EDITABLE, SELF_EDITABLE

S = ReviewStatus
NEED_HORIZON_DAYS = 30
RECENT_DAYS = 30
FOLLOW_UP_AHEAD_DAYS = 7
APPROVALS_LISTED = 5  # more interviews awaiting approval than this: one to-do
OPEN_NEEDS = (TrainingNeedStatus.open, TrainingNeedStatus.in_progress)
MANAGER_STARTED = (S.self_submitted, S.manager_in_progress)

# The bind parameters; ``_params`` gives their values (``check_in_due`` adds its own).
ME = sa.bindparam("me", type_=sa.Integer)
TODAY = sa.bindparam("today", type_=sa.Date)
NEED_UNTIL = sa.bindparam("need_until", type_=sa.Date)  # today + NEED_HORIZON_DAYS
RECENT_SINCE = sa.bindparam("recent_since", type_=sa.Date)  # today - RECENT_DAYS
RECENT_SINCE_AT = sa.bindparam(  # now - RECENT_DAYS days
    "recent_since_at", type_=InformationalInterview.__table__.c.scheduled_at.type
)
FOLLOW_UP_UNTIL = sa.bindparam("follow_up_until", type_=sa.Date)  # today + 7 days


def _typed(column, type_):
    # Never CAST a real date in SQL: SQLite reads CAST('2026-11-29' AS DATE) as 2026.
    if column is None:
        return sa.cast(sa.null(), type_)
    return sa.type_coerce(column, type_)


def _row(kind: str, object_id, about, due_on=None, at=None, count=None):
    """One source's columns, in the order and types every other source uses."""
    return (
        sa.cast(sa.literal(kind), sa.String(30)).label("kind"),
        sa.cast(object_id, sa.Integer).label("object_id"),
        sa.cast(about, sa.String(300)).label("about"),
        _typed(due_on, sa.Date()).label("due_on"),
        _typed(at, sa.DateTime(timezone=True)).label("at"),
        sa.cast(count if count is not None else sa.literal(1), sa.Integer).label(
            "count"
        ),
    )


def _live_cycle():
    return sa.or_(Review.cycle_id.is_(None), ReviewCycle.status == CycleStatus.active)


def _review_sources() -> list[sa.Select]:
    cycle_name = sa.func.coalesce(ReviewCycle.name, "your ad hoc review")
    base = sa.select  # (for line length below)
    mine = (
        base(*_row("self_assessment", Review.id, cycle_name, Review.self_due_on))
        .outerjoin(ReviewCycle, ReviewCycle.id == Review.cycle_id)
        .where(
            Review.employee_id == ME,
            Review.status.in_(SELF_EDITABLE),
            Review.self_submitted_at.is_(None),
            _live_cycle(),
        )
    )
    sign_off = (
        base(*_row("sign_off", Review.id, cycle_name, ReviewCycle.signoff_due_on))
        .outerjoin(ReviewCycle, ReviewCycle.id == Review.cycle_id)
        .where(Review.employee_id == ME, Review.status == S.shared, _live_cycle())
    )
    kind = sa.case((Review.status == S.manager_in_progress, "share"), else_="write")
    write = (
        base(
            *_row("manager_part", Review.id, Employee.name, ReviewCycle.manager_due_on),
        )
        .add_columns(kind.label("step"))
        .join(Employee, Employee.id == Review.employee_id)
        .outerjoin(ReviewCycle, ReviewCycle.id == Review.cycle_id)
        .where(
            Review.reviewer_id == ME,
            Review.employee_id != ME,
            Review.status.in_(MANAGER_EDITABLE),
            sa.or_(Review.status.in_(MANAGER_STARTED), Review.self_due_on < TODAY),
            _live_cycle(),
        )
    )
    return [mine, sign_off, write]


def _team_sources() -> list[sa.Select]:
    iv, act = InformationalInterview, DevelopmentActivity
    # A senior manager approves at any depth (hundreds at 20,000 people): the first
    # APPROVALS_LISTED + 1 by name, each carrying the total in ``count`` (a window
    # over the rows before the LIMIT), so ``home.todos`` can make them one item.
    total = sa.func.count().over()
    first = (
        sa.select(*_row("approval", iv.id, Employee.name, count=total))
        .join(Employee, Employee.id == iv.employee_id)
        .where(
            reports_to(ME, iv.employee_id),
            iv.needs_approval.is_(True),
            iv.approved_at.is_(None),
            iv.status == InterviewStatus.requested,
        )
        .order_by(Employee.name, iv.id)
        .limit(APPROVALS_LISTED + 1)
        .subquery("first_approvals")
    )
    approvals = sa.select(*first.c)
    verify = (
        sa.select(*_row("verify", Employee.id, Employee.name, count=sa.func.count()))
        .join(act, act.employee_id == Employee.id)
        .where(
            Employee.manager_id == ME,
            act.status == ActivityStatus.completed,
            act.verified_at.is_(None),
        )
        .group_by(Employee.id, Employee.name)
    )
    return [approvals, verify]


def _own_sources() -> list[sa.Select]:
    iv, act = InformationalInterview, DevelopmentActivity
    needs = (
        sa.select(*_row("need", TrainingNeed.id, Skill.name, TrainingNeed.due_on))
        .join(Skill, Skill.id == TrainingNeed.skill_id)
        .where(
            TrainingNeed.employee_id == ME,
            TrainingNeed.status.in_(OPEN_NEEDS),
            TrainingNeed.due_on <= NEED_UNTIL,
        )
    )
    who = sa.func.coalesce(Contact.name, sa.func.nullif(iv.target_role, ""), act.title)
    thank_you = (
        sa.select(*_row("thank_you", iv.id, who, act.ended_on, iv.scheduled_at))
        .join(act, act.id == iv.activity_id)
        .outerjoin(Contact, Contact.id == iv.contact_id)
        .where(
            iv.employee_id == ME,
            iv.status == InterviewStatus.completed,
            iv.direction == InterviewDirection.conducted,
            iv.thank_you_sent_on.is_(None),
            sa.or_(
                iv.scheduled_at >= RECENT_SINCE_AT,
                act.ended_on >= RECENT_SINCE,
            ),
        )
    )
    follow_up = (
        sa.select(*_row("follow_up", iv.id, who, iv.follow_up_on))
        .join(act, act.id == iv.activity_id)
        .outerjoin(Contact, Contact.id == iv.contact_id)
        .where(
            iv.employee_id == ME,
            iv.status == InterviewStatus.completed,
            iv.follow_up_on.between(RECENT_SINCE, FOLLOW_UP_UNTIL),
        )
    )
    past_target = sa.select(*_row("goal_target", Goal.id, Goal.title, Goal.target_on))
    past_target = past_target.where(
        Goal.owner_id == ME, Goal.status == GoalStatus.active, Goal.target_on < TODAY
    )
    last = last_check_in_on()
    days = sa.case(
        *[(Goal.check_in_cadence == c, c.days) for c in CheckInCadence]
    )  # the cadence's days ride in ``count``: ``home.todos`` dates the to-do with them
    check_in = sa.select(
        *_row("goal_check_in", Goal.id, Goal.title, last, Goal.created_at, days)
    )
    check_in = check_in.where(Goal.owner_id == ME, check_in_due(None, last))
    return [needs, thank_you, follow_up, past_target, check_in]


def _hr_sources() -> list[sa.Select]:
    r = Review
    late_on = sa.case(
        (
            sa.and_(r.status.in_(SELF_EDITABLE), r.self_due_on < TODAY),
            r.self_due_on,
        ),
        (
            sa.and_(r.status.in_(MANAGER_EDITABLE), ReviewCycle.manager_due_on < TODAY),
            ReviewCycle.manager_due_on,
        ),
        (
            sa.and_(r.status == S.shared, ReviewCycle.signoff_due_on < TODAY),
            ReviewCycle.signoff_due_on,
        ),
    )
    late = (
        sa.select(
            *_row(
                "cycle_late",
                ReviewCycle.id,
                ReviewCycle.name,
                sa.func.min(late_on),
                count=sa.func.count(r.id),
            )
        )
        .join(r, r.cycle_id == ReviewCycle.id)
        .where(ReviewCycle.status == CycleStatus.active, late_on.is_not(None))
        .group_by(ReviewCycle.id, ReviewCycle.name)
    )
    close = sa.select(
        *_row(
            "cycle_close", ReviewCycle.id, ReviewCycle.name, ReviewCycle.signoff_due_on
        )
    ).where(
        ReviewCycle.status == CycleStatus.active, ReviewCycle.signoff_due_on < TODAY
    )
    flagged = (
        sa.select(
            *_row("quality", sa.literal(0), sa.literal(""), count=sa.func.count(r.id))
        )
        .outerjoin(ReviewCycle, ReviewCycle.id == r.cycle_id)
        .where(
            r.id.in_(sa.select(ReviewQualityFlag.review_id)),
            r.status != S.closed,
            _live_cycle(),
            r.employee_id != ME,  # never one's own review's flags (0: none)
        )
        .having(sa.func.count(r.id) > 0)
    )
    return [late, close, flagged]


@functools.cache  # two threads may both build one at first: the same statement
def _statement(has_employee: bool, hr: bool) -> sa.CompoundSelect:
    """The UNION ALL of every source of one shape, with bind parameters."""
    parts: list[sa.Select] = []
    if has_employee:
        reviews = _review_sources()
        # The manager-part source carries its step; the others get a blank one.
        parts += [
            p.add_columns(sa.cast(sa.literal(""), sa.String(10))) for p in reviews[:2]
        ]
        parts.append(reviews[2])
        extra = _team_sources() + _own_sources()
        parts += [p.add_columns(sa.cast(sa.literal(""), sa.String(10))) for p in extra]
    if hr:
        parts += [
            p.add_columns(sa.cast(sa.literal(""), sa.String(10))) for p in _hr_sources()
        ]
    return sa.union_all(*parts)


def _params(me: int | None, today: date, now: datetime) -> dict[str, Any]:
    return check_in_due_params(today) | {
        "me": 0 if me is None else me,  # none: HR's flag source compares with 0
        "today": today,
        "need_until": today + timedelta(days=NEED_HORIZON_DAYS),
        "recent_since": today - timedelta(days=RECENT_DAYS),
        "recent_since_at": now - timedelta(days=RECENT_DAYS),
        "follow_up_until": today + timedelta(days=FOLLOW_UP_AHEAD_DAYS),
    }


def todo_rows(user, today: date, now: datetime) -> list:
    """The raw rows of every source that applies to ``user``: one statement."""
    me = user.employee_id
    shape = (me is not None, is_hr(user))
    if not any(shape):
        return []
    statement = _statement(*shape)
    return list(db.session.execute(statement, _params(me, today, now)).all())
