"""Goals with a measure, check-ins and alignment to a parent goal up the org chart."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import TimestampMixin, VersionMixin, relationship, utcnow
from core.extensions import db
from people.models import Employee, User
from reviews.enums import CheckInStatus, GoalStatus, MeasureType


class Goal(VersionMixin, TimestampMixin, db.Model):
    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        sa.ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    measure: Mapped[MeasureType] = mapped_column(
        sa.Enum(MeasureType, native_enum=False, length=10), default=MeasureType.percent
    )
    start_value: Mapped[float] = mapped_column(default=0.0)
    target_value: Mapped[float] = mapped_column(default=100.0)
    current_value: Mapped[float] = mapped_column(default=0.0)
    unit: Mapped[str] = mapped_column(sa.String(30), default="")
    target_on: Mapped[date | None]
    status: Mapped[GoalStatus] = mapped_column(
        sa.Enum(GoalStatus, native_enum=False, length=20), default=GoalStatus.active
    )
    progress: Mapped[int] = mapped_column(default=0)  # percent, 0–100, derived on write
    weight: Mapped[int] = mapped_column(default=1)
    cycle_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("review_cycles.id", ondelete="SET NULL"), index=True
    )
    source_review_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("reviews.id", ondelete="SET NULL"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("goals.id", ondelete="SET NULL"), index=True
    )

    owner: Mapped[Employee] = relationship()
    check_ins: Mapped[list["GoalCheckIn"]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="GoalCheckIn.id"
    )

    __table_args__ = (
        sa.CheckConstraint("progress BETWEEN 0 AND 100", name="progress"),
        sa.CheckConstraint("weight >= 0", name="weight"),
    )


class GoalCheckIn(db.Model):
    """A dated progress report: the new value, a status and a note."""

    __tablename__ = "goal_check_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("goals.id", ondelete="CASCADE"), index=True
    )
    checked_on: Mapped[date]
    value: Mapped[float]
    progress: Mapped[int]
    status: Mapped[CheckInStatus] = mapped_column(
        sa.Enum(CheckInStatus, native_enum=False, length=10)
    )
    note: Mapped[str] = mapped_column(sa.Text, default="")
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    goal: Mapped[Goal] = relationship(back_populates="check_ins")
    author: Mapped[User | None] = relationship()
