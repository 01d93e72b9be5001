"""Quality flags: reviews that carry no information, shown to HR only."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import relationship, utcnow
from core.extensions import db
from reviews.enums import QualityRule
from reviews.models.reviews import Review


class ReviewQualityFlag(db.Model):
    __tablename__ = "review_quality_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        sa.ForeignKey("reviews.id", ondelete="CASCADE"), index=True
    )
    rule: Mapped[QualityRule] = mapped_column(
        sa.Enum(QualityRule, native_enum=False, length=30)
    )
    detail: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    review: Mapped[Review] = relationship()

    __table_args__ = (sa.UniqueConstraint("review_id", "rule"),)
