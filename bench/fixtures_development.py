"""Bench fixtures for development: activities, certifications and informational
interviews, in bulk, so that every scheduled job has work on the day the fixture is built.

Per person: learning activities over the last 18 months at a personal pace (some keep
learning, some lapse — a share of them went from active to lapsing this month — some have
nothing), given interviews now and then; about 5 % hold a certification that expires in
30 or 90 days; about 8 % have an interview in a state a reminder is due for (completed
yesterday without a thank-you, a follow-up date today, a referral idea 14 days old, an
interview waiting for approval). Bulk INSERTs, no services.
"""

from datetime import date, timedelta

import sqlalchemy as sa

DAY = timedelta(days=1)
COURSES = [
    "SQL for analysts",
    "Kubernetes basics",
    "Negotiation",
    "Writing well",
    "Python testing",
    "Leading meetings",
    "Design systems",
]
ROLES = ["Data engineer", "Product manager", "Staff engineer", "UX researcher"]


def _month_back(today: date, back: int, day: int) -> date:
    index = today.year * 12 + today.month - 1 - back
    return date(index // 12, index % 12 + 1, min(day, 28))


def build_development(fx) -> None:
    from bench.common import insert_rows
    from core.extensions import db
    from development.enums import (
        ActivityKind,
        ActivityStatus,
        InterviewDirection,
        InterviewStatus,
    )
    from development.models import DevelopmentActivity, InformationalInterview
    from people.models import Employee

    rng, now = fx.rng, fx.now
    today = now.date()
    ids = list(db.session.scalars(sa.select(Employee.id).order_by(Employee.id)))
    activities, interviews = [], []
    activity_id = interview_id = 0

    def activity(emp, kind, title, status=ActivityStatus.completed, **values):
        nonlocal activity_id
        activity_id += 1
        activities.append(
            {
                "id": activity_id,
                "employee_id": emp,
                "kind": kind,
                "title": title,
                "provider": "",
                "hours": values.pop("hours", 2.0),
                "status": status,
                "started_on": values.pop("started_on", None),
                "ended_on": values.pop("ended_on", None),
                "expires_on": values.pop("expires_on", None),
                "version": 1,
                "created_at": values.pop("created_at", now - 3 * DAY),
                "updated_at": now,
                "evidence_url": "",
                "evidence_note": "",
                "evidence_file_name": "",
                "reflection": "",
                "is_private": False,
            }
        )
        return activity_id

    def interview(emp, status, **values):
        nonlocal interview_id
        interview_id += 1
        done = status in (InterviewStatus.completed, InterviewStatus.followed_up)
        held = values.get("scheduled_at")
        act = activity(
            emp,
            ActivityKind.interview_conducted,
            "Informational interview",
            ActivityStatus.completed if done else ActivityStatus.planned,
            started_on=held.date() if done and held else None,
            ended_on=held.date() if done and held else None,
            hours=0.5,
        )
        interviews.append(
            {
                "id": interview_id,
                "activity_id": act,
                "employee_id": emp,
                "direction": InterviewDirection.conducted,
                "status": status,
                "purpose": "Learn about the role",
                "target_role": rng.choice(ROLES),
                "target_industry": "",
                "target_organisation": "",
                "mode": "video",
                "outreach_message": "",
                "duration_minutes": 30,
                "location": "",
                "research_notes": "",
                "questions": [],
                "private_notes": "",
                "notes_permission_asked": False,
                "takeaways": "",
                "confidentiality_confirmed": False,
                "needs_approval": False,
                "version": 1,
                "created_at": now - 30 * DAY,
                "updated_at": now,
                "scheduled_at": None,
                "thank_you_sent_on": None,
                "follow_up_on": None,
                "referred_by_id": None,
                **values,
            }
        )
        return interview_id

    for emp in ids:
        pace = rng.choice(("busy", "steady", "lapsed", "none", "lapsing"))
        months = {
            "busy": range(18),
            "steady": range(0, 18, 2),
            "lapsed": range(4, 18, 2),
            "none": (),
            "lapsing": (2, 3, 5, 6),
        }[pace]
        for back in months:
            day = _month_back(today, back, rng.randint(1, 28))
            if day <= today:
                activity(
                    emp,
                    ActivityKind.course,
                    rng.choice(COURSES),
                    started_on=day,
                    ended_on=day,
                )
        roll = rng.random()
        if roll < 0.05:
            expires = today + (30 if rng.random() < 0.5 else 90) * DAY
            activity(
                emp,
                ActivityKind.certification,
                "Cloud practitioner",
                ended_on=today - 600 * DAY,
                expires_on=expires,
            )
        elif roll < 0.07:
            interview(
                emp,
                InterviewStatus.completed,
                scheduled_at=now - DAY - timedelta(hours=2),
            )
        elif roll < 0.09:
            interview(
                emp,
                InterviewStatus.followed_up,
                scheduled_at=now - 20 * DAY,
                thank_you_sent_on=today - 19 * DAY,
                follow_up_on=today,
            )
        elif roll < 0.11:
            source = interview(
                emp,
                InterviewStatus.followed_up,
                scheduled_at=now - 16 * DAY,
                thank_you_sent_on=today - 15 * DAY,
            )
            interview(
                emp,
                InterviewStatus.idea,
                referred_by_id=source,
                created_at=now - 14 * DAY - timedelta(hours=1),
            )
        elif roll < 0.12:
            interview(
                emp,
                InterviewStatus.requested,
                needs_approval=True,
                requested_on=today - 2 * DAY,
                created_at=now - 2 * DAY,
            )
    insert_rows(DevelopmentActivity, activities, "activities")
    insert_rows(InformationalInterview, interviews, "interviews")
    fx.ids["activities"] = [activity_id]
    fx.ids["interviews"] = [interview_id]
