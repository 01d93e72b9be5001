"""Sign in, sign out and change password (HTML)."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user

from auth import oidc_client, services
from auth.schemas import ChangePasswordSchema, LoginSchema
from auth.session import SIGN_IN_METHOD, start_session
from core.db import utcnow
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from core.forms import load_form
from core.urls import external_url

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/"):
            return target
    return url_for("home.index")


# Between a correct password and the code of an account with two-factor sign-in: who,
# at which session version and when (``TWO_FACTOR_LOGIN_WINDOW``), in the signed
# session cookie; nobody is signed in until the code passes (auth.two_factor_views).
CODE_PENDING = "two_factor_pending"


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the sign-in form and sign the person in (or on to the code step)."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    errors: dict = {}
    form = request.form
    if request.method == "POST":
        data, errors = load_form(LoginSchema(), request.form)
        if data is not None:
            try:
                user = services.sign_in(
                    data["email"], data["password"], current_app.config
                )
            except PermissionDenied as err:
                errors = {"_form": err.message}
            else:
                db.session.commit()
                next_url = _safe_next(request.args.get("next"))
                if user.has_two_factor:
                    session.clear()
                    session[CODE_PENDING] = {
                        "user_id": user.id,
                        "version": user.session_version,
                        "at": utcnow().isoformat(),
                    }
                    return redirect(url_for("auth.login_code", next=next_url))
                start_session(user)
                return redirect(next_url)
        status = 422 if "_form" not in errors else 401
        return render_template("auth/login.html", errors=errors, form=form), status
    return render_template("auth/login.html", errors=errors, form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign the current user out (after a company sign-in, at the provider too)."""
    company = session.get(SIGN_IN_METHOD) == "oidc"
    id_token = session.get(oidc_client.SESSION_ID_TOKEN)
    if current_user.is_authenticated:
        services.sign_out(current_user)
        db.session.commit()
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    url = external_url("auth.login")
    ends_there = company and oidc_client.end_session_url(id_token, url)
    return redirect(ends_there or url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Show and save the change-password form."""
    errors: dict = {}
    if request.method == "POST":
        data, errors = load_form(ChangePasswordSchema(), request.form)
        if data is not None:
            try:
                services.set_password(
                    current_user,
                    current_user,
                    data["password"],
                    current=data["current_password"],
                )
            except ValidationFailed as err:
                db.session.rollback()
                errors = err.errors or {}
            else:
                user = current_user._get_current_object()
                db.session.commit()
                login_user(user)  # a fresh session at the new session version
                flash("Your password is changed.", "success")
                return redirect(url_for("home.index"))
        return render_template("auth/password_change.html", errors=errors), 422
    return render_template("auth/password_change.html", errors=errors)


@bp.route("/account/sign-out-everywhere", methods=["POST"])
@login_required
def sign_out_everywhere():
    """End every session and API token of the account, this one included."""
    services.sign_out_everywhere(current_user._get_current_object())
    db.session.commit()
    logout_user()
    session.clear()
    flash("You are signed out everywhere: every browser and every API token.", "info")
    return redirect(url_for("auth.login"))
