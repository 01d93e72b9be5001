"""Goals with a measure, check-ins and alignment to a parent goal up the org chart.

``check_in_cadence`` (default monthly) says how often the owner checks in; when the next
check-in is due is ``reviews.goal_due`` (one rule for the reminder job, the to-do list,
the manager's digest and the goal pages).
"""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Tracked, children, enum_column, foreign_key, relationship, utcnow
from core.extensions import Model
from people.models import Employee, User
from reviews.enums import CheckInCadence, CheckInStatus, GoalStatus, MeasureType


class Goal(Tracked, Model):
    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = foreign_key("employees.id", index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    measure: Mapped[MeasureType] = enum_column(
        MeasureType, 10, default=MeasureType.percent
    )
    start_value: Mapped[float] = mapped_column(default=0.0)
    target_value: Mapped[float] = mapped_column(default=100.0)
    current_value: Mapped[float] = mapped_column(default=0.0)
    unit: Mapped[str] = mapped_column(sa.String(30), default="")
    target_on: Mapped[date | None]
    status: Mapped[GoalStatus] = enum_column(GoalStatus, 20, default=GoalStatus.active)
    progress: Mapped[int] = mapped_column(default=0)  # percent, 0–100, derived on write
    weight: Mapped[int] = mapped_column(default=1)
    check_in_cadence: Mapped[CheckInCadence] = enum_column(
        CheckInCadence,
        12,
        default=CheckInCadence.monthly,
        server_default=CheckInCadence.monthly.name,
    )
    cycle_id: Mapped[int | None] = foreign_key(
        "review_cycles.id", "SET NULL", index=True
    )
    source_review_id: Mapped[int | None] = foreign_key(
        "reviews.id", "SET NULL", index=True
    )
    parent_id: Mapped[int | None] = foreign_key("goals.id", "SET NULL", index=True)

    owner: Mapped[Employee] = relationship()
    check_ins: Mapped[list["GoalCheckIn"]] = children("goal", "GoalCheckIn.id")

    __table_args__ = (
        sa.CheckConstraint("progress BETWEEN 0 AND 100", name="progress"),
        sa.CheckConstraint("weight >= 0", name="weight"),
    )


class GoalCheckIn(Model):
    """A dated progress report: the new value, a status and a note."""

    __tablename__ = "goal_check_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = foreign_key("goals.id", index=True)
    checked_on: Mapped[date]
    value: Mapped[float]
    progress: Mapped[int]
    status: Mapped[CheckInStatus] = enum_column(CheckInStatus, 10)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    author_id: Mapped[int | None] = foreign_key("users.id", "SET NULL")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    goal: Mapped[Goal] = relationship(back_populates="check_ins")
    author: Mapped[User | None] = relationship()
