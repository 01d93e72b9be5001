"""Pages of two-factor sign-in (HTML, on the ``auth`` blueprint): the account's set-up
page, the code step of the sign-in, and an admin's reset of a lost second factor.

The set-up page shows the QR code as an inline SVG made on the server (segno; only
presentation attributes, no ``style``, so it passes the strict CSP), the secret as text
(``id="totp-secret"``) and the ``otpauth://`` URI for manual entry. Recovery codes are
the answer to the POST that made them, never on a page that can be reloaded later.
"""

from datetime import datetime

import segno
import sqlalchemy as sa
from flask import (
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required
from markupsafe import Markup

from auth import two_factor as totp
from auth.permissions import account_is_live
from auth.schemas import TwoFactorCodeSchema, TwoFactorConfirmSchema
from auth.session import start_session
from auth.views import CODE_PENDING, _safe_next, bp
from core.db import utcnow
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from core.forms import load_form
from core.permissions import Role, role_required
from core.queries import get_or_404
from people.models import User

SETUP_PENDING = "totp_setup"  # the encrypted secret being set up (two_factor docstring)


def _page(template: str, status: int = 200, **context):
    response = make_response(render_template(template, **context), status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _qr_svg(uri: str) -> Markup:
    """The QR code of ``uri`` as an inline SVG element (no XML declaration)."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=4,
        dark="#000",
        light="#fff",
        svgclass="qr-code",
        lineclass=None,
        omitsize=True,  # a viewBox: the page's CSS sizes it
    )
    return Markup(svg)  # segno's own markup: the URI is only encoded in paths


def _setup_secret() -> str:
    """The secret being set up on this browser: the session's, or a new one."""
    secret = totp.open_secret(session.get(SETUP_PENDING))
    if secret is None:
        secret = totp.new_secret()
        session[SETUP_PENDING] = totp.seal_secret(secret)
    return secret


def _account_page(status: int = 200, errors: dict | None = None):
    user = current_user._get_current_object()
    context: dict = {"user": user, "errors": errors or {}}
    context["failed"] = {  # which of the page's two forms the errors belong to
        "auth.two_factor_disable": "disable",
        "auth.two_factor_recovery_codes": "codes",
    }.get(request.endpoint or "")
    if user.has_two_factor:
        context["codes_left"] = totp.recovery_codes_left(user)
    else:
        secret = _setup_secret()
        uri = totp.provisioning_uri(user, secret)
        context.update(secret=secret, uri=uri, qr=_qr_svg(uri))
    return _page("auth/two_factor.html", status, **context)


@bp.route("/account/two-factor")
@login_required
def two_factor():
    """Two-factor sign-in of the account: set it up, or see its state."""
    return _account_page()


@bp.route("/account/two-factor", methods=["POST"])
@login_required
def two_factor_confirm():
    """Turn two-factor sign-in on with a code from the app; show the recovery codes once."""
    data, errors = load_form(TwoFactorCodeSchema(), request.form)
    secret = totp.open_secret(session.get(SETUP_PENDING))
    if data is not None and secret is None:
        errors = {"code": "The set-up expired: scan the new QR code and try again."}
    if data is None or secret is None:
        return _account_page(422, errors)
    try:
        codes = totp.enable_two_factor(
            current_user._get_current_object(), secret, data["code"]
        )
    except ValidationFailed as err:
        db.session.rollback()
        return _account_page(422, err.errors)
    db.session.commit()
    session.pop(SETUP_PENDING, None)
    return _page("auth/two_factor_codes.html", codes=codes, new=True)


@bp.route("/account/two-factor/disable", methods=["POST"])
@login_required
def two_factor_disable():
    """Turn two-factor sign-in off (the password or a code confirms it)."""
    return _with_credential(totp.disable_two_factor, "Two-factor sign-in is off.", None)


@bp.route("/account/two-factor/recovery-codes", methods=["POST"])
@login_required
def two_factor_recovery_codes():
    """Replace the recovery codes (the password or a code confirms it)."""
    return _with_credential(totp.regenerate_recovery_codes, None, "codes")


def _with_credential(action, done: str | None, show: str | None):
    data, errors = load_form(TwoFactorConfirmSchema(), request.form)
    if data is None:
        return _account_page(422, errors)
    user = current_user._get_current_object()
    try:
        result = action(user, data["credential"], current_app.config)
    except ValidationFailed as err:
        db.session.rollback()
        return _account_page(422, err.errors)
    except PermissionDenied as err:  # the lockout
        db.session.rollback()
        return _account_page(403, {"credential": err.message})
    db.session.commit()
    if show == "codes":
        return _page("auth/two_factor_codes.html", codes=result, new=False)
    flash(done or "Saved.", "success")
    return redirect(url_for("auth.two_factor"))


# --- the code step of the sign-in ---------------------------------------------------


def _pending_user(now: datetime) -> User | None:
    """The account whose password was right a moment ago, if the step is still open."""
    pending = session.get(CODE_PENDING)
    if not isinstance(pending, dict):
        return None
    try:
        at = datetime.fromisoformat(pending["at"])
        user_id, version = int(pending["user_id"]), int(pending["version"])
    except (KeyError, TypeError, ValueError):
        return None
    if now - at > current_app.config["TWO_FACTOR_LOGIN_WINDOW"] or now < at:
        return None
    return db.session.scalar(
        sa.select(User).where(
            User.id == user_id, User.session_version == version, account_is_live()
        )
    )


@bp.route("/login/code", methods=["GET", "POST"])
def login_code():
    """The second step of signing in: a code from the app, or a recovery code."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    next_url = _safe_next(request.args.get("next"))
    user = _pending_user(utcnow())
    if user is None or not user.has_two_factor:
        session.pop(CODE_PENDING, None)
        flash("Sign in again: the code step lasts five minutes.", "info")
        return redirect(url_for("auth.login", next=next_url))
    errors: dict = {}
    if request.method == "POST":
        data, errors = load_form(TwoFactorCodeSchema(), request.form)
        if data is not None:
            try:
                recovery = totp.sign_in_with_code(
                    user, data["code"], current_app.config
                )
            except PermissionDenied as err:
                return _page("auth/login_code.html", 401, errors={"code": err.message})
            db.session.commit()
            start_session(user)  # clears the pending step with the old session
            if recovery:
                left = totp.recovery_codes_left(user)
                flash(
                    f"You signed in with a recovery code; {left} left. Make new "
                    "ones on your two-factor page if you are running out.",
                    "info",
                )
            return redirect(next_url)
        return _page("auth/login_code.html", 422, errors=errors)
    return _page("auth/login_code.html", errors=errors)


# --- an admin resets a lost second factor ---------------------------------------------


@bp.route("/admin/accounts/<int:user_id>/two-factor/reset", methods=["POST"])
@role_required(Role.admin)
def two_factor_reset(user_id: int):
    """Remove the second factor of an account whose owner lost it (admin)."""
    account = get_or_404(User, user_id)
    totp.reset_two_factor(current_user, account)  # 403/409 pages via core.errors
    db.session.commit()
    flash(
        f"Two-factor sign-in of {account.email} is reset; the person is told by email.",
        "success",
    )
    return redirect(url_for("people.accounts"))
