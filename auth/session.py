"""Loading the current user: session cookie for pages, bearer token for ``/api/``."""

from datetime import datetime

import sqlalchemy as sa
from flask import current_app, flash, g, redirect, request, session, url_for
from flask_login import current_user, logout_user

from auth.permissions import account_is_live
from auth.tokens import find_token
from core.db import utcnow
from core.errors import json_error
from core.extensions import db, login_manager
from core.hooks import USER_COLUMNS
from people.models import User

EXEMPT_ENDPOINTS = {"auth.login", "auth.logout", "static", "auth.change_password"}


@login_manager.user_loader
def load_user(user_id: str):
    if request.path.startswith("/api/"):
        return None  # the API takes bearer tokens only
    try:
        uid, version = (int(part) for part in user_id.split(":", 1))
    except ValueError:
        return None
    # Registered extras (the header's unread-notification badge, a correlated COUNT)
    # ride on this statement, so no page pays an extra query for them.
    extras = list(USER_COLUMNS.items())
    row = db.session.execute(
        sa.select(User, *(expression(User.id) for _, expression in extras)).where(
            User.id == uid, User.session_version == version, account_is_live()
        )
    ).first()
    if row is None:
        return None
    user = row[0]
    for (name, _), value in zip(extras, row[1:], strict=True):
        setattr(user, name, value)
    return user


@login_manager.request_loader
def load_user_from_token(req):
    header = req.headers.get("Authorization", "")
    if not req.path.startswith("/api/") or not header.lower().startswith("bearer "):
        return None
    row = find_token(header[7:].strip())
    if row is None:
        return None
    g.api_token = row
    return row.user


@login_manager.unauthorized_handler
def unauthorized():
    if request.path.startswith("/api/"):
        return json_error(401, "Authentication required: send a bearer token.")
    flash("Please sign in to continue.", "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def enforce_session_limits():
    """Drop sessions idle for 30 minutes or older than 12 hours; force password change."""
    if request.path.startswith("/api/") or request.endpoint == "static":
        return None
    if "_user_id" not in session:
        return None
    now = utcnow()
    cfg = current_app.config
    login_at = _parse(session.get("login_at"))
    seen_at = _parse(session.get("seen_at"))
    if (
        login_at is None
        or seen_at is None
        or now - seen_at > cfg["IDLE_TIMEOUT"]
        or now - login_at > cfg["ABSOLUTE_TIMEOUT"]
    ):
        logout_user()
        session.clear()
        flash("Your session has ended. Please sign in again.", "info")
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    session["seen_at"] = now.isoformat()
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in EXEMPT_ENDPOINTS
    ):
        flash("Choose a new password before you continue.", "info")
        return redirect(url_for("auth.change_password"))
    return None


def _parse(value) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None
