"""Review templates: the competencies to rate, the rating scale, the open questions."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Tracked, children, foreign_key, relationship
from core.extensions import Model
from people.models import Skill

DEFAULT_LABELS = [
    "Well below expectations",
    "Below expectations",
    "Meets expectations",
    "Exceeds expectations",
    "Far exceeds expectations",
]


class ReviewTemplate(Tracked, Model):
    __tablename__ = "review_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # Labels of the scale, lowest first: the scale is 1..len(rating_labels).
    rating_labels: Mapped[list[str]] = mapped_column(sa.JSON, default=list)

    competencies: Mapped[list["TemplateCompetency"]] = children(
        "template", "TemplateCompetency.position"
    )
    questions: Mapped[list["TemplateQuestion"]] = children(
        "template", "TemplateQuestion.position"
    )

    @property
    def scale_max(self) -> int:
        return len(self.rating_labels or DEFAULT_LABELS)

    def label(self, rating: int | None) -> str:
        labels = self.rating_labels or DEFAULT_LABELS
        return labels[rating - 1] if rating and 0 < rating <= len(labels) else ""


class TemplateCompetency(Model):
    """Something to rate: a competency, optionally mapped to a skill."""

    __tablename__ = "template_competencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = foreign_key("review_templates.id", index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    skill_id: Mapped[int | None] = foreign_key("skills.id", "SET NULL")

    template: Mapped[ReviewTemplate] = relationship(back_populates="competencies")
    skill: Mapped[Skill | None] = relationship()


class TemplateQuestion(Model):
    __tablename__ = "template_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = foreign_key("review_templates.id", index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(sa.Text)

    template: Mapped[ReviewTemplate] = relationship(back_populates="questions")
