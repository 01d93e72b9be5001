"""HTML: the notification centre (list, mark read, preferences) and the admin outbox.

Only the recipient sees a notification: anyone else's answers 404. The header's unread
count comes with the current user (``auth.session.load_user``), not from a query here.
"""

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import defer

from core.clock import local_today
from core.db import utcnow
from core.extensions import db
from core.forms import save_form
from core.pagination import paginate_html
from core.permissions import Role, role_required
from core.queries import get_or_404
from notifications import services
from notifications.delivery import smtp_configured
from notifications.kinds import NotificationKind
from notifications.models import EmailMessage
from notifications.permissions import visible_notifications
from notifications.schemas import PreferencesFormSchema
from notifications.texts import as_of

bp = Blueprint("notifications", __name__)


@bp.app_template_filter("as_of")
def _as_of(text: str, at=None) -> str:
    """A notice's text with its dates worded as seen on the day of ``at`` (default:
    now) — ``notifications.texts``."""
    return as_of(text or "", local_today(at or utcnow()))


@bp.route("/notifications")
@login_required
def index():
    """The notifications page of the signed-in user."""
    page = paginate_html(visible_notifications(current_user))
    return render_template("notifications/notification_list.html", page=page)


def _safe_link(link: str) -> str | None:
    """Only links inside Trellis (a path) are followed."""
    return link if link.startswith("/") and not link.startswith("//") else None


@bp.route("/notifications/<int:notification_id>/read", methods=["POST"])
@login_required
def mark_read(notification_id: int):
    """Mark one notification read and follow its link."""
    notification = services.get_notification(current_user, notification_id)
    services.mark_read(current_user, notification)
    db.session.commit()
    if request.form.get("open") and _safe_link(notification.link):
        return redirect(notification.link)
    flash("Marked as read.", "success")
    return redirect(url_for("notifications.index", page=request.args.get("page")))


@bp.route("/notifications/read-all", methods=["POST"])
@login_required
def mark_all_read():
    """Mark all of the caller's notifications read."""
    count = services.mark_all_read(current_user)
    db.session.commit()
    flash(
        f"{count} {'notification' if count == 1 else 'notifications'} marked as read.",
        "success",
    )
    return redirect(url_for("notifications.index"))


def _preferences_page(status=200, errors=None, enabled=None):
    if enabled is None:
        enabled = set(NotificationKind) - services.disabled_kinds(current_user)
    kinds = sorted(NotificationKind, key=lambda k: (not k.essential, k.title))
    return render_template(
        "notifications/preferences_form.html",
        kinds=kinds,
        enabled=enabled,
        errors=errors or {},
    ), status


@bp.route("/notifications/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    """Show and save the caller's notification preferences."""
    if request.method == "GET":
        return _preferences_page()

    def save(data):
        enabled = set(data["enabled"])
        optional = {k for k in NotificationKind if not k.essential}
        return services.set_disabled_kinds(current_user, optional - enabled)

    result, errors, status = save_form(PreferencesFormSchema(), request.form, save)
    if result is None:
        return _preferences_page(status, errors)
    db.session.commit()
    flash("Your notification settings are saved.", "success")
    return redirect(url_for("notifications.preferences"))


@bp.route("/admin/outbox")
@role_required(Role.admin)
def outbox():
    """The outbox page: mail queued and sent (admin)."""
    stmt = sa.select(EmailMessage).order_by(EmailMessage.id.desc())
    status = request.args.get("status", "")
    if status == "pending":
        stmt = stmt.where(EmailMessage.sent_at.is_(None))
    elif status == "sent":
        stmt = stmt.where(EmailMessage.sent_at.is_not(None))
    page = paginate_html(stmt.options(defer(EmailMessage.body)))
    return render_template(
        "notifications/outbox_list.html",
        page=page,
        status=status,
        smtp=smtp_configured(),
    )


@bp.route("/admin/outbox/<int:message_id>")
@role_required(Role.admin)
def outbox_message(message_id: int):
    """One outbox message with its body (admin)."""
    message = get_or_404(EmailMessage, message_id)
    return render_template("notifications/outbox_detail.html", message=message)
