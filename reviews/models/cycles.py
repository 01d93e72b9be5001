"""Review cycles: a period, a template, a population and phase dates."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Tracked, enum_column, foreign_key, relationship
from core.extensions import Model
from reviews.enums import CyclePhase, CycleStatus, PopulationKind
from reviews.models.templates import ReviewTemplate


class ReviewCycle(Tracked, Model):
    __tablename__ = "review_cycles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    period_start: Mapped[date]
    period_end: Mapped[date]
    template_id: Mapped[int] = foreign_key(
        "review_templates.id", "RESTRICT", index=True
    )
    population: Mapped[PopulationKind] = enum_column(
        PopulationKind, 20, default=PopulationKind.everyone
    )
    department_ids: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    hired_before: Mapped[date | None]
    self_due_on: Mapped[date]
    manager_due_on: Mapped[date]
    signoff_due_on: Mapped[date]
    status: Mapped[CycleStatus] = enum_column(
        CycleStatus, 20, default=CycleStatus.draft
    )
    # Set by the phase job once the cycle is active (None: not yet advanced).
    phase: Mapped[CyclePhase | None] = enum_column(CyclePhase, 20)
    launched_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    close_reason: Mapped[str] = mapped_column(sa.Text, default="")

    template: Mapped[ReviewTemplate] = relationship()
