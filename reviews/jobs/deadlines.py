"""``reviews.send_deadline_reminders`` and ``reviews.send_need_reminders``.

Review steps and who owes them: the self-assessment (the employee, until submitted; due
``Review.self_due_on``), the manager's part (the reviewer, until shared; due the cycle's
``manager_due_on``) and the sign-off (the employee, once shared; due ``signoff_due_on``).
Ad hoc and planned reviews have only the self-assessment date. Reviews of closed cycles
get nothing.

Each stage of a step is due at a fixed moment (09:00 local, ``core.clock.moment``):
3 days before (``review_due_soon``), on the day (``review_due_today``), 2 days late to
whoever owes it (``review_overdue_owner``: she is told of her own late step) and to the
manager of whoever owes it (``review_overdue_manager``), 7 days late to HR
(``review_overdue_hr``) — HR gets ONE digest per run listing every step that reached
its week-late stage since the last digest (one account once got 61 notices in a run),
not one notice per review. A stage is sent while it is the latest one due — a run that
comes late sends the current stage, not a backlog of stale ones; HR's stage stays
sendable for a week. Needs: 14 days before the due date to the employee, and the day
after to the employee and their manager (sendable for a week).

A step of a cycle due before the day the cycle was created (a back-filled earlier cycle,
``reviews.services.cycles``) gets no reminder at all: nobody could have met that date.

Notices are committed 100 at a time (``notifications.batches``): a run killed part-way
keeps its batches and the rerun queues exactly the rest.
"""

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from core.clock import local_today, moment
from core.extensions import db
from notifications.batches import queue_in_batches
from notifications.kinds import NotificationKind as K
from notifications.models import Notification
from notifications.services import Pending, hr_user_ids, user_ids_by_employee
from people.models import Employee, Skill
from reviews.enums import CycleStatus, ReviewStatus, TrainingNeedStatus
from reviews.models import Review, ReviewCycle, TrainingNeed

S = ReviewStatus
DAY = timedelta(days=1)
SELF_OWED = (S.not_started, S.self_in_progress)
MANAGER_OWED = (
    S.not_started,
    S.self_in_progress,
    S.self_submitted,
    S.manager_in_progress,
)
# (kind, first day relative to the due date, last day (exclusive), who receives it)
STAGES = (
    (K.review_due_soon, -3, 0, "owner"),
    (K.review_due_today, 0, 2, "owner"),
    (K.review_overdue_owner, 2, 7, "owner"),  # she hears it when her manager does
    (K.review_overdue_manager, 2, 7, "manager"),
    (K.review_overdue_hr, 7, 14, "hr"),
)
STEP_TEXT = {
    "self": "the self-assessment",
    "manager": "the manager's part",
    "signoff": "the sign-off",
}


def _stage_now(due_on: date, now: datetime, stages):
    """The stages of a step due on ``due_on`` that are due at ``now``."""
    for kind, first, last, who in stages:
        start = moment(due_on + first * DAY)
        if start <= now < moment(due_on + last * DAY):
            yield kind, start, who


def send_deadline_reminders(now: datetime) -> int:
    """Queue the review reminders and escalations due at ``now``; return how many."""
    today = local_today(now)
    lo, hi = today - 15 * DAY, today + 4 * DAY
    emp, rev = aliased(Employee), aliased(Employee)
    rows = db.session.execute(
        sa.select(
            Review.id,
            Review.status,
            Review.employee_id,
            Review.reviewer_id,
            Review.self_due_on,
            ReviewCycle.manager_due_on,
            ReviewCycle.signoff_due_on,
            ReviewCycle.name.label("cycle"),
            ReviewCycle.created_at.label("cycle_created_at"),
            emp.name.label("employee"),
            emp.manager_id.label("emp_manager"),
            rev.name.label("reviewer"),
            rev.manager_id.label("rev_manager"),
        )
        .join(emp, emp.id == Review.employee_id)
        .outerjoin(rev, rev.id == Review.reviewer_id)
        .outerjoin(ReviewCycle, ReviewCycle.id == Review.cycle_id)
        .where(
            Review.status.not_in([S.acknowledged, S.closed]),
            sa.or_(Review.cycle_id.is_(None), ReviewCycle.status == CycleStatus.active),
            sa.or_(
                Review.self_due_on.between(lo, hi),
                ReviewCycle.manager_due_on.between(lo, hi),
                ReviewCycle.signoff_due_on.between(lo, hi),
            ),
        )
    ).all()
    wanted = []  # (kind, review row, due moment, step, due_on, ower id, recipient key)
    for r in rows:
        steps = []
        if r.status in SELF_OWED and r.self_due_on:
            steps.append(("self", r.self_due_on, r.employee_id, r.emp_manager))
        if r.status in MANAGER_OWED and r.manager_due_on and r.reviewer_id:
            steps.append(("manager", r.manager_due_on, r.reviewer_id, r.rev_manager))
        if r.status is S.shared and r.signoff_due_on:
            steps.append(("signoff", r.signoff_due_on, r.employee_id, r.emp_manager))
        created_on = r.cycle_created_at and local_today(r.cycle_created_at)
        for step, due_on, ower, ower_manager in steps:
            if created_on and due_on < created_on:
                continue  # already past when the cycle was created: back-filled
            for kind, start, who in _stage_now(due_on, now, STAGES):
                target = {"owner": ower, "manager": ower_manager, "hr": "hr"}[who]
                if target is not None:
                    wanted.append((kind, r, start, step, due_on, target))
    if not wanted:
        return 0
    users = user_ids_by_employee({w[5] for w in wanted if w[5] != "hr"})
    pending, for_hr = [], []
    for kind, r, start, step, due_on, target in wanted:
        owner = r.employee if step != "manager" else r.reviewer
        context = {
            "employee": r.employee,
            "reviewer": r.reviewer or "",
            "owner": owner,
            "cycle": r.cycle or "an ad hoc review",
            "step": STEP_TEXT[step],
            "due_on": due_on.isoformat(),
        }
        if target == "hr":
            for_hr.append((start, r.id, context))
            continue
        user_id = users.get(target)
        if user_id is not None:
            pending.append(
                Pending(
                    user_id,
                    kind,
                    "Review",
                    r.id,
                    start,
                    context,
                    link=f"/reviews/{r.id}",
                )
            )
    pending.extend(_hr_digest(for_hr, now))
    return queue_in_batches(pending, now)


DIGEST_SUBJECT = "ReviewOverdueDigest"


def _hr_digest(items, now: datetime) -> list[Pending]:
    """One ``review_overdue_hr`` notice per HR account listing the steps whose
    week-late stage began since the last digest (its due moment is the latest such
    start, so a rerun finds nothing new and each step is listed once)."""
    last = db.session.scalar(
        sa.select(sa.func.max(Notification.due_at)).where(
            Notification.kind == K.review_overdue_hr.value,
            Notification.subject_type == DIGEST_SUBJECT,
        )
    )
    fresh = sorted(
        (i for i in items if last is None or i[0] > last),
        key=lambda i: (i[2]["due_on"], i[2]["employee"], i[1]),
    )
    if not fresh:
        return []
    count = len(fresh)
    context = {
        "items": [c for _, _, c in fresh],
        "count": count,
        "title": (
            "A review step is overdue by a week"
            if count == 1
            else f"{count} review steps are overdue by a week"
        ),
    }
    due = max(start for start, _, _ in fresh)
    return [
        Pending(
            user_id,
            K.review_overdue_hr,
            DIGEST_SUBJECT,
            local_today(now).toordinal(),
            due,
            context,
            link="/reviews",
        )
        for user_id in hr_user_ids()
    ]


NEED_STAGES = (
    (K.need_due_soon, -14, 0, "owner"),
    (K.need_overdue, 1, 8, "both"),
)
OPEN_NEEDS = (TrainingNeedStatus.open, TrainingNeedStatus.in_progress)


def send_need_reminders(now: datetime) -> int:
    """Training needs due in 14 days (the employee) and overdue (employee and manager)."""
    today = local_today(now)
    rows = db.session.execute(
        sa.select(
            TrainingNeed.id,
            TrainingNeed.due_on,
            TrainingNeed.target_level,
            TrainingNeed.employee_id,
            Employee.name,
            Employee.manager_id,
            Skill.name.label("skill"),
        )
        .join(Employee, Employee.id == TrainingNeed.employee_id)
        .join(Skill, Skill.id == TrainingNeed.skill_id)
        .where(
            TrainingNeed.status.in_(OPEN_NEEDS),
            Employee.is_active.is_(True),
            TrainingNeed.due_on.between(today - 9 * DAY, today + 15 * DAY),
        )
    ).all()
    wanted = [
        (kind, n, start, who)
        for n in rows
        for kind, start, who in _stage_now(n.due_on, now, NEED_STAGES)
    ]
    if not wanted:
        return 0
    users = user_ids_by_employee(
        {n.employee_id for _, n, _, _ in wanted}
        | {n.manager_id for _, n, _, who in wanted if who == "both" and n.manager_id}
    )
    pending = []
    for kind, n, start, who in wanted:
        people = [n.employee_id] + ([n.manager_id] if who == "both" else [])
        context = {
            "employee": n.name,
            "skill": n.skill,
            "target_level": n.target_level,
            "due_on": n.due_on.isoformat(),
        }
        for person in people:
            if person in users:
                pending.append(
                    Pending(
                        users[person],
                        kind,
                        "TrainingNeed",
                        n.id,
                        start,
                        {**context, "is_owner": person == n.employee_id},
                        link=f"/reviews/needs/{n.id}",
                    )
                )
    return queue_in_batches(pending, now)
