"""Development activities: the evidence that someone keeps learning."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Tracked, enum_column, foreign_key, relationship
from core.extensions import Model, db
from development.enums import ActivityKind, ActivityStatus
from people.models import Employee, Skill

activity_skills = sa.Table(
    "activity_skills",
    db.metadata,
    sa.Column(
        "activity_id",
        sa.ForeignKey("development_activities.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "skill_id", sa.ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True
    ),
)


class DevelopmentActivity(Tracked, Model):
    __tablename__ = "development_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = foreign_key("employees.id", index=True)
    kind: Mapped[ActivityKind] = enum_column(ActivityKind, 30)
    title: Mapped[str] = mapped_column(sa.String(200))
    provider: Mapped[str] = mapped_column(sa.String(200), default="")
    started_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    hours: Mapped[float] = mapped_column(default=0.0)
    status: Mapped[ActivityStatus] = enum_column(
        ActivityStatus, 20, default=ActivityStatus.planned
    )
    expires_on: Mapped[date | None]  # certifications
    evidence_url: Mapped[str] = mapped_column(sa.String(500), default="")
    evidence_note: Mapped[str] = mapped_column(sa.Text, default="")
    # An uploaded file's bytes and checked type are in evidence_blobs (never on disk,
    # never loaded with the activity); this row keeps its name ("" = no file).
    evidence_file_name: Mapped[str] = mapped_column(sa.String(200), default="")
    reflection: Mapped[str] = mapped_column(sa.Text, default="")
    is_private: Mapped[bool] = mapped_column(default=False)
    verified_by_id: Mapped[int | None] = foreign_key("users.id", "SET NULL")
    verified_at: Mapped[datetime | None]

    employee: Mapped[Employee] = relationship()
    skills: Mapped[list[Skill]] = relationship(secondary=activity_skills)

    __table_args__ = (
        sa.CheckConstraint("hours >= 0", name="hours"),
        sa.Index("ix_activities_employee_ended", "employee_id", "ended_on"),
    )

    @property
    def has_evidence_file(self) -> bool:
        return bool(self.evidence_file_name)


class MentoringSession(Model):
    """One meeting of a mentorship (a mentoring activity, often grown from an interview)."""

    __tablename__ = "mentoring_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = foreign_key("development_activities.id", index=True)
    held_on: Mapped[date]
    note: Mapped[str] = mapped_column(sa.Text, default="")
