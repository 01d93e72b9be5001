"""Goals (the review names goals for the next period; the goals issue adds check-ins,
measures and alignment)."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import TimestampMixin, VersionMixin, relationship
from core.extensions import db
from people.models import Employee
from reviews.enums import GoalStatus


class Goal(VersionMixin, TimestampMixin, db.Model):
    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        sa.ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    target_on: Mapped[date | None]
    status: Mapped[GoalStatus] = mapped_column(
        sa.Enum(GoalStatus, native_enum=False, length=20), default=GoalStatus.active
    )
    progress: Mapped[int] = mapped_column(default=0)  # percent, 0–100
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

    __table_args__ = (
        sa.CheckConstraint("progress BETWEEN 0 AND 100", name="progress"),
    )
