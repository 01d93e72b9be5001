"""The organisation's review settings (one row, HR edits): reviews created by plan."""

from sqlalchemy.orm import Mapped, mapped_column

from core.db import VersionMixin, foreign_key
from core.extensions import Model


class ReviewSettings(VersionMixin, Model):
    __tablename__ = "review_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    # An ad hoc review on every work anniversary (off until HR turns it on).
    anniversary_reviews: Mapped[bool] = mapped_column(default=False)
    # The template planned reviews use; None: the most recently created template.
    planned_template_id: Mapped[int | None] = foreign_key(
        "review_templates.id", "SET NULL"
    )
