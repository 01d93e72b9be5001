"""Development activities: the evidence that someone keeps learning."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Tracked, enum_column, foreign_key, relationship
from core.extensions import Model, db
from development.enums import ActivityKind, ActivityStatus, Cadence
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
    # A mentorship's plan (mentoring activities only; NULL elsewhere): how often it meets,
    # when it ends (a date or a number of sessions), the next session (computed after
    # each session, editable) and the mentor when they are an employee (who then reads
    # the sessions they give, never the notes).
    cadence: Mapped[Cadence | None] = enum_column(Cadence, 20, nullable=True)
    plan_ends_on: Mapped[date | None]
    planned_sessions: Mapped[int | None]
    next_session_on: Mapped[date | None]
    mentor_id: Mapped[int | None] = foreign_key("employees.id", "SET NULL", index=True)

    employee: Mapped[Employee] = relationship(foreign_keys=[employee_id])
    mentor: Mapped[Employee | None] = relationship(foreign_keys=[mentor_id])
    skills: Mapped[list[Skill]] = relationship(secondary=activity_skills)

    __table_args__ = (
        sa.CheckConstraint("hours >= 0", name="hours"),
        sa.CheckConstraint("planned_sessions > 0", name="planned_sessions"),
        sa.Index("ix_activities_employee_ended", "employee_id", "ended_on"),
    )

    @property
    def has_evidence_file(self) -> bool:
        return bool(self.evidence_file_name)


class MentoringSession(Model):
    """One meeting of a mentorship (a mentoring activity, often grown from an interview).

    It counts in the learning record in the month it was ``held_on`` with its ``hours``.
    ``note`` is the mentee's private note: the mentor reads the session, never the note.
    """

    __tablename__ = "mentoring_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = foreign_key("development_activities.id", index=True)
    held_on: Mapped[date]
    hours: Mapped[float] = mapped_column(default=1.0)
    # PRIVATE: the mentee's alone (the private-data sweep plants a marker here).
    note: Mapped[str] = mapped_column(sa.Text, default="")
