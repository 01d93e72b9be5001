"""Review cycles: a period, a template, a population and phase dates."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import TimestampMixin, VersionMixin, relationship
from core.extensions import db
from reviews.enums import CyclePhase, CycleStatus, PopulationKind
from reviews.models.templates import ReviewTemplate


class ReviewCycle(VersionMixin, TimestampMixin, db.Model):
    __tablename__ = "review_cycles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    period_start: Mapped[date]
    period_end: Mapped[date]
    template_id: Mapped[int] = mapped_column(
        sa.ForeignKey("review_templates.id", ondelete="RESTRICT"), index=True
    )
    population: Mapped[PopulationKind] = mapped_column(
        sa.Enum(PopulationKind, native_enum=False, length=20),
        default=PopulationKind.everyone,
    )
    department_ids: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    hired_before: Mapped[date | None]
    self_due_on: Mapped[date]
    manager_due_on: Mapped[date]
    signoff_due_on: Mapped[date]
    status: Mapped[CycleStatus] = mapped_column(
        sa.Enum(CycleStatus, native_enum=False, length=20), default=CycleStatus.draft
    )
    # Set by the phase job once the cycle is active (None: not yet advanced).
    phase: Mapped[CyclePhase | None] = mapped_column(
        sa.Enum(CyclePhase, native_enum=False, length=20)
    )
    launched_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    close_reason: Mapped[str] = mapped_column(sa.Text, default="")

    template: Mapped[ReviewTemplate] = relationship()
