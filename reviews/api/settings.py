"""``/review-settings`` (HR): reviews created by plan.

A single resource, read and changed by HR only: ``PATCH`` with the fields to change and
``If-Match`` from ``GET`` (428 without, 412 when stale), as ``/development-policy``. The
probation period is configuration (``PROBATION_REVIEW_DAYS``), shown read-only.
"""

from flask import current_app
from flask.views import MethodView
from flask_login import current_user

from core.api import With
from core.extensions import db
from people.permissions import is_hr
from reviews import services
from reviews.api.blueprint import blp
from reviews.schemas.api import ReviewSettingsSchema
from reviews.schemas.forms import ReviewSettingsUpdateSchema


def _out(settings):
    days = int(current_app.config.get("PROBATION_REVIEW_DAYS") or 0)
    return With(settings, probation_review_days=days)


@blp.route("/review-settings")
@blp.gate(is_hr, "GET", "PATCH")
class ReviewSettingsResource(MethodView):
    @blp.etag
    @blp.response(200, ReviewSettingsSchema)
    def get(self):
        """Whether anniversary reviews are created, and the planned-review template."""
        settings = services.current_review_settings()
        blp.set_version_etag(settings)
        return _out(settings)

    @blp.etag
    @blp.arguments(ReviewSettingsUpdateSchema)
    @blp.response(200, ReviewSettingsSchema)
    def patch(self, data):
        """Change the settings (HR; only the fields sent; ``If-Match``)."""
        blp.check_version(services.current_review_settings())
        settings = services.update_review_settings(current_user, data)
        db.session.commit()
        blp.set_version_etag(settings)
        return _out(settings)
