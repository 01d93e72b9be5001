"""Scheduled development jobs: interview reminders, certification expiry, learning nudges.

Plain functions ``(now) -> int`` (notifications queued), each one "due and not yet done"
query in a fixed number of statements; the notification key (kind, subject, recipient,
due moment) makes a rerun a no-op. Due moments are fixed instants:

- thank-you: 24 h after the interview ended (``scheduled_at`` + duration; without a time,
  09:00 local on the day it was held), while it is completed without a thank-you;
- follow-up: 09:00 local on ``follow_up_on``;
- referral nudge: 14 days after a referral became an idea, if it is still an idea;
- approval: when the interview was created, to the manager, while it waits for approval;
- certification: 09:00 local 90 and 30 days before ``expires_on`` (two notices);
- learning: 09:00 local on the first day of the month the person went from *active* to
  *lapsing* (a lapse is nudged once, however many weekly runs see it; someone moving up
  from *inactive* to *lapsing* is improving and is not nudged);
- mentoring: 09:00 local the day before the next session (mentee and mentor), and the
  day after it while it is not recorded (the mentee; ``send_mentoring_reminders``).

Each notice stays sendable for a week after its moment (a scheduler that was down
catches up); older ones are not sent. Contexts hold safe fields only — never private
interview notes, research notes or outreach text. Notices are committed 100 at a time
(``notifications.batches``): a run killed part-way keeps its batches, the rerun the rest.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa

from core.clock import local_today, moment
from core.extensions import db
from development.enums import (
    ActivityKind,
    ActivityStatus,
    InterviewDirection,
    InterviewStatus,
    KeepsLearning,
)
from development.learning_record import current_policy, keeps_learning, learning_records
from development.models import Contact, DevelopmentActivity, InformationalInterview
from notifications.batches import queue_in_batches
from notifications.kinds import NotificationKind as K
from notifications.services import Pending, user_ids_by_employee
from people.models import Employee, User

I = InterviewStatus  # noqa: E741
DAY = timedelta(days=1)
GRACE = timedelta(days=7)
REFERRAL_AFTER = timedelta(days=14)


def _interview_link(interview_id: int) -> str:
    return f"/development/interviews/{interview_id}"


def send_interview_reminders(now: datetime) -> int:
    """Thank-you, follow-up, referral and approval notices due at ``now``."""
    today = local_today(now)
    iv, act = InformationalInterview, DevelopmentActivity
    rows = db.session.execute(
        sa.select(
            iv.id,
            iv.employee_id,
            iv.status,
            iv.scheduled_at,
            sa.and_(
                iv.thank_you_sent_on.is_(None),
                iv.direction == InterviewDirection.conducted,
            ).label("thank_you_due"),
            iv.duration_minutes,
            iv.follow_up_on,
            iv.referred_by_id,
            iv.needs_approval,
            iv.over_count_limit,
            iv.over_hours_cap,
            iv.created_at,
            iv.target_role,
            iv.target_organisation,
            act.ended_on,
            Employee.name,
            Employee.manager_id,
            Contact.name.label("contact"),
        )
        .join(act, act.id == iv.activity_id)
        .join(Employee, Employee.id == iv.employee_id)
        .outerjoin(Contact, Contact.id == iv.contact_id)
        .where(
            Employee.is_active.is_(True),
            sa.or_(
                sa.and_(
                    iv.status == I.completed,
                    iv.thank_you_sent_on.is_(None),
                    iv.direction == InterviewDirection.conducted,
                    sa.or_(
                        iv.scheduled_at >= now - GRACE - 2 * DAY,
                        act.ended_on >= today - GRACE - 2 * DAY,
                    ),
                ),
                sa.and_(
                    iv.status.in_([I.completed, I.followed_up]),
                    iv.follow_up_on.between(today - GRACE, today),
                ),
                sa.and_(
                    iv.status == I.idea,
                    iv.referred_by_id.is_not(None),
                    iv.created_at.between(
                        now - REFERRAL_AFTER - GRACE, now - REFERRAL_AFTER
                    ),
                ),
                sa.and_(
                    iv.needs_approval.is_(True),
                    iv.approved_at.is_(None),
                    iv.status == I.requested,
                ),
            ),
        )
    ).all()
    wanted = []  # (kind, row, due moment, recipient employee id)
    for r in rows:
        if (
            r.status is I.completed
            and r.thank_you_due
            and (r.scheduled_at or r.ended_on)
        ):
            ended = (
                r.scheduled_at + timedelta(minutes=r.duration_minutes or 20)
                if r.scheduled_at
                else moment(r.ended_on)
            )
            due = ended + DAY
            if due <= now < due + GRACE:
                wanted.append((K.interview_thank_you, r, due, r.employee_id))
        if r.follow_up_on and r.status in (I.completed, I.followed_up):
            due = moment(r.follow_up_on)
            if due <= now < due + GRACE:
                wanted.append((K.interview_follow_up, r, due, r.employee_id))
        if r.status is I.idea and r.referred_by_id:
            due = r.created_at + REFERRAL_AFTER
            if due <= now < due + GRACE:
                wanted.append((K.referral_nudge, r, due, r.employee_id))
        if r.needs_approval and r.status is I.requested and r.manager_id:
            wanted.append((K.interview_approval, r, r.created_at, r.manager_id))
    users = user_ids_by_employee({w[3] for w in wanted})
    pending = [
        Pending(
            users[person],
            kind,
            "InformationalInterview",
            r.id,
            due,
            {
                "employee": r.name,
                "contact": r.contact or "your contact",
                "target_role": r.target_role,
                "target_organisation": r.target_organisation,
                # Why it waits for approval (development.interview_policy).
                "over_count": bool(r.over_count_limit),
                "over_hours": bool(r.over_hours_cap),
                "follow_up_on": r.follow_up_on.isoformat() if r.follow_up_on else "",
                "scheduled_on": r.scheduled_at.date().isoformat()
                if r.scheduled_at
                else "",
            },
            link=_interview_link(r.id),
        )
        for kind, r, due, person in wanted
        if person in users
    ]
    return queue_in_batches(pending, now)


CERT_STAGES = ((90, 30), (30, 0))  # (days before expiry, sendable until days before)


def send_certification_expiry(now: datetime) -> int:
    """Certifications expiring in 90 and in 30 days (one notice each)."""
    today = local_today(now)
    act = DevelopmentActivity
    rows = db.session.execute(
        sa.select(act.id, act.employee_id, act.title, act.provider, act.expires_on)
        .join(Employee, Employee.id == act.employee_id)
        .where(
            act.kind == ActivityKind.certification,
            act.status == ActivityStatus.completed,
            Employee.is_active.is_(True),
            act.expires_on.between(today, today + 91 * DAY),
        )
    ).all()
    wanted = []
    for r in rows:
        for before, until in CERT_STAGES:
            due = moment(r.expires_on - before * DAY)
            if due <= now < moment(r.expires_on - until * DAY):
                wanted.append((r, due, before))
    users = user_ids_by_employee({r.employee_id for r, _, _ in wanted})
    pending = [
        Pending(
            users[r.employee_id],
            K.certification_expiring,
            "DevelopmentActivity",
            r.id,
            due,
            {
                "title": f"Your certification expires in {before} days",
                "certification": r.title,
                "provider": r.provider,
                "expires_on": r.expires_on.isoformat(),
                "days": before,
            },
            link=f"/development/activities/{r.id}/edit",
        )
        for r, due, before in wanted
        if r.employee_id in users
    ]
    return queue_in_batches(pending, now)


def lapse_start(months: list, window: int, policy):
    """The first month of the current lapsing streak if it followed an active month."""
    has = [1 if m.has_evidence else 0 for m in months]

    def status(i: int):
        return keeps_learning(sum(has[max(i - window + 1, 0) : i + 1]), policy)

    i = len(months) - 1
    if status(i) is not KeepsLearning.lapsing:
        return None
    while i - 1 >= window - 1 and status(i - 1) is KeepsLearning.lapsing:
        i -= 1
    if i - 1 >= window - 1 and status(i - 1) is KeepsLearning.active:
        return months[i].month
    return None


def send_learning_nudges(now: datetime) -> int:
    """Nudge each person whose keeps-learning status fell from active to lapsing."""
    today = local_today(now)
    policy = current_policy()
    window = max(policy.window_months, 1)
    ids = (
        sa.select(Employee.id)
        .join(User, User.employee_id == Employee.id)
        .where(Employee.is_active.is_(True), User.is_enabled.is_(True))
    )
    records = learning_records(ids, today=today, months=window + 12, policy=policy)
    wanted = []
    for employee_id, record in records.items():
        if record.status is not KeepsLearning.lapsing:
            continue
        start = lapse_start(record.months, window, policy)
        if start is not None and moment(start) <= now:
            wanted.append((employee_id, record, moment(start)))
    users = user_ids_by_employee({e for e, _, _ in wanted})
    pending = [
        Pending(
            users[e],
            K.learning_lapsing,
            "Employee",
            e,
            due,
            {
                "months_with_evidence": rec.months_with_evidence,
                "window_months": rec.window_months,
                "active_months": rec.active_months,
                "last_evidence_on": rec.last_evidence_on.isoformat()
                if rec.last_evidence_on
                else "",
            },
            link="/development",
        )
        for e, rec, due in wanted
        if e in users
    ]
    return queue_in_batches(pending, now)


def _mentorship_link(activity_id: int) -> str:
    return f"/development/mentorships/{activity_id}"


def send_mentoring_reminders(now: datetime) -> int:
    """Mentoring sessions: both sides the day before; the mentee when one is overdue.

    The reminder is due at 09:00 local the day before ``next_session_on`` and is sent
    until the session's day; the overdue nudge at 09:00 local the day after, for a
    week. Recording a session moves ``next_session_on`` on, so an overdue nudge is only
    for a session that is still not recorded; a new date is a new due moment (a new
    notice), a rerun the same day nothing new. The mentor is reminded only when they are
    an employee with an account; contexts never hold a session's note.
    """
    today = local_today(now)
    act = DevelopmentActivity
    mentee = sa.orm.aliased(Employee)
    mentor = sa.orm.aliased(Employee)
    rows = db.session.execute(
        sa.select(
            act.id,
            act.title,
            act.employee_id,
            act.mentor_id,
            act.next_session_on,
            mentee.name.label("mentee"),
            mentor.name.label("mentor"),
        )
        .join(mentee, mentee.id == act.employee_id)
        .outerjoin(
            mentor, sa.and_(mentor.id == act.mentor_id, mentor.is_active.is_(True))
        )
        .where(
            act.kind == ActivityKind.mentoring,
            act.status != ActivityStatus.completed,
            mentee.is_active.is_(True),
            act.next_session_on.between(today - GRACE - DAY, today + DAY),
        )
    ).all()
    wanted = []  # (kind, row, due moment, recipient employee id, role)
    for r in rows:
        before = moment(r.next_session_on - DAY)
        if before <= now < moment(r.next_session_on, 0):
            wanted.append((K.mentoring_session_tomorrow, r, before, r.employee_id, ""))
            if r.mentor is not None:
                wanted.append(
                    (K.mentoring_session_tomorrow, r, before, r.mentor_id, "mentor")
                )
        late = moment(r.next_session_on + DAY)
        if late <= now < late + GRACE:
            wanted.append((K.mentoring_session_overdue, r, late, r.employee_id, ""))
    users = user_ids_by_employee({w[3] for w in wanted})
    pending = [
        Pending(
            users[person],
            kind,
            "DevelopmentActivity",
            r.id,
            due,
            {
                "mentorship": r.title,
                "mentee": r.mentee,
                "mentor": r.mentor or "",
                "next_session_on": r.next_session_on.isoformat(),
                "role": role or "mentee",
            },
            link=_mentorship_link(r.id),
        )
        for kind, r, due, person, role in wanted
        if person in users
    ]
    return queue_in_batches(pending, now)
