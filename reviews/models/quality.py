"""Quality flags: reviews that carry no information, shown to HR only."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import enum_column, foreign_key, relationship, utcnow
from core.extensions import Model
from reviews.enums import QualityRule
from reviews.models.reviews import Review


class ReviewQualityFlag(Model):
    __tablename__ = "review_quality_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = foreign_key("reviews.id", index=True)
    rule: Mapped[QualityRule] = enum_column(QualityRule, 30)
    detail: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    review: Mapped[Review] = relationship()

    __table_args__ = (sa.UniqueConstraint("review_id", "rule"),)
