"""Loading the current user: session cookie for pages, bearer token for ``/api/``."""

import functools
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, flash, g, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user

from auth.permissions import account_is_live, must_set_up_two_factor
from auth.tokens import find_token, note_use
from core.db import utcnow
from core.errors import json_error
from core.extensions import db, login_manager
from core.hooks import USER_COLUMNS
from people.enums import ApiTokenKind, TokenScope
from people.models import User

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# The session's last activity is written (re-signing and re-sending the cookie) at
# most this often, so the idle timeout counts in whole minutes and a page within the
# minute answers with no Set-Cookie (SESSION_REFRESH_EACH_REQUEST is off).
SEEN_AT_PRECISION = timedelta(minutes=1)
READ_ONLY_TOKEN = (
    "This personal access token is read-only: it may read (GET) but not change "
    "anything. Make a read-write token on /account/tokens for changes."
)
EXEMPT_ENDPOINTS = {"auth.login", "auth.logout", "static", "auth.change_password"}
# "oidc" after a company sign-in (auth.oidc_views): the provider checked the person, so
# neither a pending password change nor REQUIRE_2FA's set-up stands in the way.
SIGN_IN_METHOD = "sign_in_method"
# What an HR or admin account may still open while REQUIRE_2FA sends it to set-up.
TWO_FACTOR_SETUP_ENDPOINTS = EXEMPT_ENDPOINTS | {
    "auth.two_factor",
    "auth.two_factor_confirm",
    "auth.sign_out_everywhere",
}


@login_manager.user_loader
def load_user(user_id: str):
    if request.path.startswith("/api/"):
        return None  # the API takes bearer tokens only
    try:
        uid, version = (int(part) for part in user_id.split(":", 1))
    except ValueError:
        return None
    extras = tuple(USER_COLUMNS.items())
    params = {"uid": uid, "version": version}
    row = db.session.execute(_user_select(extras), params).first()
    if row is None:
        return None
    user = row[0]
    for (name, _), value in zip(extras, row[1:], strict=True):
        setattr(user, name, value)
    return user


@functools.lru_cache(maxsize=8)
def _user_select(extras: tuple) -> sa.Select:
    """The signed-in user by id and session version, built once per set of registered
    extras (``core.hooks.USER_COLUMNS``: the header's unread-notification badge, a
    correlated COUNT, rides on this statement, so no page pays an extra query for it)
    and reused with the id and version as bind parameters."""
    return sa.select(User, *(expression(User.id) for _, expression in extras)).where(
        User.id == sa.bindparam("uid"),
        User.session_version == sa.bindparam("version"),
        account_is_live(),
    )


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
    """Drop sessions idle for 30 minutes or older than 12 hours (the activity is
    noted at most once a minute: ``SEEN_AT_PRECISION``); force a password change,
    and (``REQUIRE_2FA``) HR and admin accounts to two-factor set-up (neither after a
    company sign-in)."""
    if request.path.startswith(("/api/", "/scim/")) or request.endpoint == "static":
        return None  # bearer tokens only there (``/scim/`` takes SCIM tokens)
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
    if now - seen_at >= SEEN_AT_PRECISION:
        session["seen_at"] = now.isoformat()
    if session.get(SIGN_IN_METHOD) == "oidc":
        return None
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in EXEMPT_ENDPOINTS
    ):
        flash("Choose a new password before you continue.", "info")
        return redirect(url_for("auth.change_password"))
    if (
        current_user.is_authenticated
        and request.endpoint not in TWO_FACTOR_SETUP_ENDPOINTS
        and must_set_up_two_factor(current_user, cfg)
    ):
        flash("Turn on two-factor sign-in before you continue.", "info")
        return redirect(url_for("auth.two_factor"))
    return None


def _parse(value) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


# Helper A -> helper B: auth/views.py login() may call start_session(user) instead of
# its own session lines (accepting an invitation uses it); A left login() unchanged.
def start_session(user) -> None:
    """Sign ``user`` in on this browser: a fresh session with its login and activity
    times (the sign-in page and an accepted invitation share it; the caller has
    committed)."""
    session.clear()
    login_user(user)
    now = utcnow().isoformat()
    session["login_at"] = now
    session["seen_at"] = now
    session.permanent = True


def enforce_token_scope():
    """API requests made with a personal access token: refuse every unsafe method to a
    read-only one (the one place this is decided) and note the token's use."""
    if not request.path.startswith("/api/") or "Authorization" not in request.headers:
        return None
    if not current_user.is_authenticated:  # loads the bearer token, if any
        return None
    row = g.get("api_token")
    if row is None or row.kind is not ApiTokenKind.personal:
        return None
    refused = row.scope is TokenScope.read and request.method not in SAFE_METHODS
    if note_use(row):
        _commit_keeping_loaded()
    return json_error(403, READ_ONLY_TOKEN) if refused else None


def _commit_keeping_loaded() -> None:
    """Commit the last-use UPDATE (nothing else is pending: this runs before any view)
    without expiring the token and user just loaded, so the view reads them with no
    further statement."""
    session = db.session()
    previous, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = previous
