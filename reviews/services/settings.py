"""The review settings (HR): whether anniversary reviews are created, and the template
planned reviews use."""

import sqlalchemy as sa

from core.audit import update_audited
from core.errors import Conflict, ValidationFailed
from core.extensions import db
from core.permissions import require
from people.permissions import is_hr
from reviews.models import ReviewSettings, ReviewTemplate


def current_review_settings() -> ReviewSettings:
    """The settings row, or an unsaved one with the defaults when HR has saved none."""
    row = db.session.scalar(sa.select(ReviewSettings).order_by(ReviewSettings.id))
    return row or ReviewSettings(anniversary_reviews=False, planned_template_id=None)


def update_review_settings(actor, data: dict, *, now=None) -> ReviewSettings:
    """HR changes the settings (only the fields given).

    :raises ValidationFailed: no such template. :raises Conflict: a stale ``version``.
    """
    require(is_hr(actor), "HR changes the review settings.")
    data = dict(data)
    settings = current_review_settings()
    version = data.pop("version", None)
    if version is not None and version != (settings.version or version):
        raise Conflict("Someone else changed the settings; reload and try again.")
    template_id = data.get("planned_template_id")
    if template_id is not None and db.session.get(ReviewTemplate, template_id) is None:
        raise ValidationFailed(
            "Nothing was saved.", {"planned_template_id": "No such template."}
        )
    if settings.id is None:
        db.session.add(settings)
    return update_audited(actor, settings, data, now=now)
