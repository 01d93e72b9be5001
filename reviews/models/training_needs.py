"""Training needs: named by a review (or a role-profile gap, or a manager), open until
evidence closes them or someone drops them with a reason."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Tracked, children, enum_column, foreign_key, relationship, utcnow
from core.extensions import Model
from people.models import Employee, Skill
from reviews.enums import Priority, TrainingNeedSource, TrainingNeedStatus


class TrainingNeed(Tracked, Model):
    __tablename__ = "training_needs"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = foreign_key("employees.id", index=True)
    skill_id: Mapped[int] = foreign_key("skills.id", "RESTRICT")
    current_level: Mapped[int | None]
    target_level: Mapped[int]
    priority: Mapped[Priority] = enum_column(Priority, 10, default=Priority.medium)
    due_on: Mapped[date | None]
    source: Mapped[TrainingNeedSource] = enum_column(TrainingNeedSource, 20)
    source_review_id: Mapped[int | None] = foreign_key(
        "reviews.id", "SET NULL", index=True
    )
    status: Mapped[TrainingNeedStatus] = enum_column(
        TrainingNeedStatus, 20, default=TrainingNeedStatus.open
    )
    drop_reason: Mapped[str] = mapped_column(sa.Text, default="")
    verified_by_id: Mapped[int | None] = foreign_key("users.id", "SET NULL")
    verified_at: Mapped[datetime | None]
    # When evidence was first linked (the development issue links activities).
    evidence_at: Mapped[datetime | None]

    employee: Mapped[Employee] = relationship()
    skill: Mapped[Skill] = relationship()

    evidence: Mapped[list["NeedEvidence"]] = children("need", "NeedEvidence.id")

    __table_args__ = (
        sa.CheckConstraint("target_level BETWEEN 1 AND 5", name="target_level"),
        sa.Index("ix_training_needs_status_due", "status", "due_on"),
        # One person's open needs by due date (the to-do list): without it SQLite
        # walked every open need of the organisation by status (issue 17).
        sa.Index(
            "ix_training_needs_employee_status_due", "employee_id", "status", "due_on"
        ),
    )


class NeedEvidence(Model):
    """Evidence against a need: a development activity (linked by the development
    package), or a note and/or link."""

    __tablename__ = "need_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = foreign_key("training_needs.id", index=True)
    # Development activity id; the foreign key arrives with the development package.
    activity_id: Mapped[int | None] = mapped_column(index=True)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    url: Mapped[str] = mapped_column(sa.String(500), default="")
    added_by_id: Mapped[int | None] = foreign_key("users.id", "SET NULL")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    need: Mapped[TrainingNeed] = relationship(back_populates="evidence")
