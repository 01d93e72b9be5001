"""Helpers shared by the development pages: loaders, choices and small checks."""

import sqlalchemy as sa
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from core.charts import MonthChart, month_chart
from core.db import utcnow
from core.errors import Conflict, NotFound
from core.extensions import db
from core.permissions import require_visible
from core.timezones import read_local
from development import permissions as perms
from development.learning_record import learning_record
from development.models import Contact, DevelopmentActivity, InformationalInterview
from people.models import Employee, Skill
from reviews.enums import TrainingNeedStatus
from reviews.models import TrainingNeed


def today():
    return utcnow().date()


def learning_chart(record, small: bool = False) -> MonthChart | None:
    """Bars of learning activities per month (``LearningRecord.months``)."""
    if record is None:
        return None
    return month_chart(record.months, "Learning activities per month", small)


def load_activity(activity_id: int) -> DevelopmentActivity:
    activity = db.session.scalar(
        sa.select(DevelopmentActivity)
        .where(DevelopmentActivity.id == activity_id)
        .options(selectinload(DevelopmentActivity.skills))
    )
    if activity is None:
        raise NotFound("Activity not found.")
    require_visible(
        perms.can_view_activity(current_user, activity), "Activity not found."
    )
    return activity


def load_interview(interview_id: int) -> InformationalInterview:
    interview = db.session.scalar(
        sa.select(InformationalInterview)
        .where(InformationalInterview.id == interview_id)
        .options(
            joinedload(InformationalInterview.activity),
            joinedload(InformationalInterview.contact),
            joinedload(InformationalInterview.employee).joinedload(Employee.department),
        )
    )
    if interview is None:
        raise NotFound("Interview not found.")
    require_visible(
        perms.can_view_interview(current_user, interview), "Interview not found."
    )
    return interview


def check_version(record, form) -> None:
    """A stale hidden ``version`` is a conflict (409 page), never an overwrite."""
    sent = form.get("version", "")
    if sent and sent.isdigit() and int(sent) != record.version:
        raise Conflict("Someone else changed this record; reload and try again.")


def skill_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(Skill.id, Skill.name).order_by(Skill.group, Skill.name)
    )
    return [(r.id, r.name) for r in rows]


def open_need_choices(employee_id) -> list[tuple[int, str]]:
    if employee_id is None:
        return []
    rows = db.session.execute(
        sa.select(TrainingNeed.id, Skill.name, TrainingNeed.target_level)
        .join(Skill, Skill.id == TrainingNeed.skill_id)
        .where(
            TrainingNeed.employee_id == employee_id,
            TrainingNeed.status.in_(
                (TrainingNeedStatus.open, TrainingNeedStatus.in_progress)
            ),
        )
        .order_by(Skill.name)
    )
    return [(r.id, f"{r.name} to level {r.target_level}") for r in rows]


def contact_choices(employee_id) -> list[tuple[int, str]]:
    if employee_id is None:
        return []
    rows = db.session.execute(
        sa.select(Contact.id, Contact.name, Contact.organisation)
        .where(Contact.owner_id == employee_id)
        .order_by(Contact.name)
    )
    return [
        (r.id, f"{r.name} · {r.organisation}" if r.organisation else r.name)
        for r in rows
    ]


def my_record(employee_id, months: int = 12):
    if employee_id is None:
        return None
    return learning_record(employee_id, today=today(), months=months)


def aware(value: str) -> str:
    """A ``datetime-local`` value read in the reader's time zone (core.timezones)."""
    return read_local(value)
