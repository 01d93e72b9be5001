"""One person's review: self part, manager part, sign-off, addenda."""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Tracked, children, enum_column, foreign_key, relationship, utcnow
from core.extensions import Model
from people.models import Employee, User
from reviews.enums import ObstacleCategory, ReviewStatus
from reviews.models.cycles import ReviewCycle
from reviews.models.templates import ReviewTemplate, TemplateCompetency

STATUS = sa.Enum(ReviewStatus, native_enum=False, length=24)


class Review(Tracked, Model):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int | None] = foreign_key("review_cycles.id", "RESTRICT")
    template_id: Mapped[int] = foreign_key("review_templates.id", "RESTRICT")
    # Indexed with the status (ix_reviews_employee_status), below.
    employee_id: Mapped[int] = foreign_key("employees.id", "RESTRICT")
    reviewer_id: Mapped[int | None] = foreign_key(
        "employees.id", "SET NULL", index=True
    )
    status: Mapped[ReviewStatus] = mapped_column(
        STATUS, default=ReviewStatus.not_started
    )
    period_start: Mapped[date]
    period_end: Mapped[date]
    self_due_on: Mapped[date | None]
    # Created by plan (reviews.create_planned_reviews): "probation" or "anniversary-<year>";
    # unique per person, so no occasion ever gets two reviews.
    planned_occasion: Mapped[str | None] = mapped_column(sa.String(30))

    # The employee's part
    achievements: Mapped[str] = mapped_column(sa.Text, default="")
    answers: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    self_submitted_at: Mapped[datetime | None]
    self_skipped: Mapped[bool] = mapped_column(default=False)

    # The manager's part
    strengths: Mapped[str] = mapped_column(sa.Text, default="")
    areas_to_strengthen: Mapped[str] = mapped_column(sa.Text, default="")
    overall_rating: Mapped[int | None]
    # Needs and goals proposed in the manager's draft; rows are created at sharing.
    proposed_needs: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    proposed_goals: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    shared_at: Mapped[datetime | None]

    # Sign-off
    acknowledged_at: Mapped[datetime | None]
    employee_comment: Mapped[str] = mapped_column(sa.Text, default="")
    employee_disagrees: Mapped[bool] = mapped_column(default=False)
    closed_at: Mapped[datetime | None]

    cycle: Mapped[ReviewCycle | None] = relationship()
    template: Mapped[ReviewTemplate] = relationship()
    employee: Mapped[Employee] = relationship(foreign_keys=[employee_id])
    reviewer: Mapped[Employee | None] = relationship(foreign_keys=[reviewer_id])
    ratings: Mapped[list["ReviewRating"]] = children("review", "ReviewRating.id")
    obstacles: Mapped[list["ReviewObstacle"]] = children("review", "ReviewObstacle.id")
    addenda: Mapped[list["ReviewAddendum"]] = children("review", "ReviewAddendum.id")

    __table_args__ = (
        sa.UniqueConstraint("cycle_id", "employee_id", name="one_per_cycle"),
        sa.UniqueConstraint("employee_id", "planned_occasion", name="one_per_occasion"),
        sa.Index("ix_reviews_cycle_status", "cycle_id", "status"),
        # A person's reviews, and the reports' counts of the shared reviews of the
        # people in scope read from the index alone (reports.base.shared_reviews).
        sa.Index("ix_reviews_employee_status", "employee_id", "status"),
    )

    @property
    def is_signed(self) -> bool:
        return self.status.is_signed

    @property
    def is_shared(self) -> bool:
        return self.status.is_shared


class ReviewRating(Model):
    """Self and manager rating of one competency."""

    __tablename__ = "review_ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = foreign_key("reviews.id", index=True)
    competency_id: Mapped[int] = foreign_key("template_competencies.id", "RESTRICT")
    self_rating: Mapped[int | None]
    self_comment: Mapped[str] = mapped_column(sa.Text, default="")
    manager_rating: Mapped[int | None]
    manager_comment: Mapped[str] = mapped_column(sa.Text, default="")

    review: Mapped[Review] = relationship(back_populates="ratings")
    competency: Mapped[TemplateCompetency] = relationship()

    __table_args__ = (sa.UniqueConstraint("review_id", "competency_id"),)


class ReviewObstacle(Model):
    __tablename__ = "review_obstacles"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = foreign_key("reviews.id", index=True)
    category: Mapped[ObstacleCategory] = enum_column(ObstacleCategory, 30)
    description: Mapped[str] = mapped_column(sa.Text)
    remedy: Mapped[str] = mapped_column(sa.Text, default="")

    review: Mapped[Review] = relationship(back_populates="obstacles")


class ReviewAddendum(Model):
    """Text added after sign-off; the signed review itself never changes."""

    __tablename__ = "review_addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = foreign_key("reviews.id", index=True)
    author_id: Mapped[int | None] = foreign_key("users.id", "SET NULL")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    text: Mapped[str] = mapped_column(sa.Text)

    review: Mapped[Review] = relationship(back_populates="addenda")
    author: Mapped[User | None] = relationship()
