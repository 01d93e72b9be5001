"""``development.send_manager_digests``: one weekly digest per manager.

A manager is an active employee with active direct reports and an enabled account. The
digest is due at Monday 08:00 local of the ISO week (``core.clock.week_start``) and keyed
by it, so each manager gets one per week however often the job runs. It covers the direct
reports: reviews still to write or awaiting sign-off (active cycles and ad hoc), overdue
training needs, interviews and other activities logged in the past week (counts only —
titles of private activities and interview notes stay out), and who is lapsing or
inactive, and their goals without a recent check-in (due by the goal's cadence, the
rule of ``reviews.goal_due`` — the owner's reminder and to-do use it too). It is sent even in a quiet week: the weekly rhythm is the point; a manager who
does not want it turns the kind off. Here, not in ``reviews``, because it reads both
domains (``development`` may import ``reviews``, never the reverse). Digests are
committed 100 at a time (``notifications.batches``), so a killed run keeps its batches.
"""

from collections import Counter, defaultdict
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from core.clock import DIGEST_HOUR, local_today, moment, week_start
from core.extensions import db
from development.enums import KeepsLearning
from development.learning_record import learning_records
from development.models import DevelopmentActivity
from notifications.batches import queue_in_batches
from notifications.kinds import NotificationKind
from notifications.services import Pending, user_ids_by_employee
from people.models import Employee
from reviews.enums import CycleStatus, ReviewStatus, TrainingNeedStatus
from reviews.goal_due import check_in_due
from reviews.models import Goal, Review, ReviewCycle, TrainingNeed

SHOWN = 8  # names listed per line; the rest are counted


def _names(names: list[str]) -> str:
    names = sorted(names)
    more = len(names) - SHOWN
    return ", ".join(names[:SHOWN]) + (f" and {more} more" if more > 0 else "")


def send_manager_digests(now: datetime) -> int:
    """Queue this week's digest for every manager not yet sent one; return how many."""
    start = week_start(now)
    since = moment(local_today(start) - timedelta(days=7), DIGEST_HOUR)
    today = local_today(now)
    manager = aliased(Employee)
    team_rows = db.session.execute(
        sa.select(Employee.id, Employee.name, Employee.manager_id)
        .join(manager, manager.id == Employee.manager_id)
        .where(Employee.is_active.is_(True), manager.is_active.is_(True))
    ).all()
    teams: dict[int, list] = defaultdict(list)
    for row in team_rows:
        teams[row.manager_id].append(row)
    users = user_ids_by_employee(teams)
    teams = {m: rows for m, rows in teams.items() if m in users}
    if not teams:
        return 0
    manager_of = {r.id: m for m, rows in teams.items() for r in rows}
    name_of = {r.id: r.name for rows in teams.values() for r in rows}
    ids = list(manager_of)

    to_write, to_sign = Counter(), Counter()
    for employee_id, status in db.session.execute(
        sa.select(Review.employee_id, Review.status)
        .outerjoin(ReviewCycle, ReviewCycle.id == Review.cycle_id)
        .where(
            Review.employee_id.in_(ids),
            Review.status.not_in([ReviewStatus.acknowledged, ReviewStatus.closed]),
            sa.or_(Review.cycle_id.is_(None), ReviewCycle.status == CycleStatus.active),
        )
    ):
        (to_sign if status is ReviewStatus.shared else to_write)[
            manager_of[employee_id]
        ] += 1
    overdue = defaultdict(list)
    for employee_id, count in db.session.execute(
        sa.select(TrainingNeed.employee_id, sa.func.count())
        .where(
            TrainingNeed.employee_id.in_(ids),
            TrainingNeed.due_on < today,
            TrainingNeed.status.in_(
                [TrainingNeedStatus.open, TrainingNeedStatus.in_progress]
            ),
        )
        .group_by(TrainingNeed.employee_id)
    ):
        overdue[manager_of[employee_id]].append(f"{name_of[employee_id]} ({count})")
    interviews, activities = Counter(), Counter()
    act = DevelopmentActivity
    for employee_id, kind, count in db.session.execute(
        sa.select(act.employee_id, act.kind, sa.func.count())
        .where(
            act.employee_id.in_(ids), act.created_at >= since, act.created_at < start
        )
        .group_by(act.employee_id, act.kind)
    ):
        (interviews if kind.is_interview else activities)[manager_of[employee_id]] += (
            count
        )
    quiet_goals = defaultdict(list)
    for owner_id, title in db.session.execute(
        sa.select(Goal.owner_id, Goal.title).where(
            Goal.owner_id.in_(ids), check_in_due(today)
        )
    ):
        quiet_goals[manager_of[owner_id]].append(f"{name_of[owner_id]}: “{title}”")
    lapsing, inactive = defaultdict(list), defaultdict(list)
    for employee_id, record in learning_records(ids, today=today, months=1).items():
        if record.status is KeepsLearning.lapsing:
            lapsing[manager_of[employee_id]].append(name_of[employee_id])
        elif record.status is KeepsLearning.inactive:
            inactive[manager_of[employee_id]].append(name_of[employee_id])

    pending = [
        Pending(
            users[m],
            NotificationKind.manager_digest,
            "Employee",
            m,
            start,
            {
                "week_of": local_today(start).isoformat(),
                "team_size": len(rows),
                "to_write": to_write[m],
                "to_sign": to_sign[m],
                "overdue_needs": _names(overdue[m]),
                "interviews": interviews[m],
                "activities": activities[m],
                "lapsing": _names(lapsing[m]),
                "inactive": _names(inactive[m]),
                "quiet_goals": _names(quiet_goals[m]),
            },
            link="/development/team",
        )
        for m, rows in teams.items()
    ]
    return queue_in_batches(pending, now)
