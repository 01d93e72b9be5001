"""JSON API of the notification centre: the caller's own notifications and settings.

``GET /api/v1/notifications`` lists delivered notifications, newest first (paginated);
``POST /api/v1/notifications/<id>/read`` marks one read (anyone else's: 404);
``POST /api/v1/notifications/read-all``; ``GET``/``PUT /api/v1/notification-preferences``
(turning an essential kind off is a 422).
"""

from flask.views import MethodView
from flask_login import current_user

from core.api import ApiBlueprint
from core.extensions import db
from notifications import services
from notifications.kinds import NotificationKind
from notifications.models import Notification
from notifications.permissions import visible_notifications
from notifications.schemas import (
    NotificationPreferencesSchema,
    NotificationQueryArgsSchema,
    NotificationSchema,
)

blp = ApiBlueprint(
    "notifications_api",
    __name__,
    url_prefix="/api/v1",
    description="The caller's notifications",
)


@blp.route("/notifications")
class NotificationList(MethodView):
    @blp.listing(NotificationSchema, NotificationQueryArgsSchema)
    def get(self, args):
        """My delivered notifications, newest first."""
        stmt = visible_notifications(current_user)
        if args["unread"]:
            stmt = stmt.where(Notification.read_at.is_(None))
        return stmt


@blp.route("/notifications/<int:notification_id>/read")
class NotificationRead(MethodView):
    @blp.response(200, NotificationSchema)
    def post(self, notification_id):
        """Mark one of my notifications read (again is harmless)."""
        notification = services.get_notification(current_user, notification_id)
        services.mark_read(current_user, notification)
        db.session.commit()
        return notification


@blp.route("/notifications/read-all")
class NotificationReadAll(MethodView):
    @blp.response(204)
    def post(self):
        """Mark all my notifications read."""
        services.mark_all_read(current_user)
        db.session.commit()


def _preferences(disabled: set) -> dict:
    return {
        "disabled": sorted(disabled, key=lambda k: k.value),
        "kinds": [
            {
                "kind": kind,
                "title": kind.title,
                "essential": kind.essential,
                "enabled": kind not in disabled,
            }
            for kind in NotificationKind
        ],
    }


@blp.route("/notification-preferences")
class NotificationPreferences(MethodView):
    @blp.response(200, NotificationPreferencesSchema)
    def get(self):
        """Which kinds I receive; essential ones cannot be turned off."""
        return _preferences(services.disabled_kinds(current_user))

    @blp.arguments(NotificationPreferencesSchema)
    @blp.response(200, NotificationPreferencesSchema)
    def put(self, data):
        """Turn off exactly the listed non-essential kinds."""
        disabled = services.set_disabled_kinds(current_user, data["disabled"])
        db.session.commit()
        return _preferences(disabled)
