"""Company sign-in pages: ``GET /login/oidc`` sends the browser to the OpenID provider,
``GET /login/oidc/callback`` takes its answer back (on auth's blueprint).

The callback signs in exactly as the password form does (``auth.session.start_session``:
the session version, login and activity times, so the idle and absolute limits apply),
and marks the session as a company one: its ID token is kept for the provider's
end-session call at sign-out (``auth.views.logout``), and the session is not sent to
Trellis's own two-factor set-up (the provider is the authority for the second factor).

Every failure is a refusal page (403; 502 when the provider cannot be reached), never
a 500: a provider error or a cancelled sign-in, a state that is missing, used or not
this browser's, an ID token that fails any check, or an identity ``auth.oidc`` refuses.
Each is audited with its reason (the tokens never are) — except a callback with no
sign-in of this browser behind it (``state_mismatch``: a stale tab, a replay, a forged
link), which is only logged: anyone can request that URL, and nothing happened.
"""

from authlib.common.errors import AuthlibBaseError
from flask import current_app, redirect, render_template, request, session, url_for
from flask_login import current_user
from joserfc.errors import JoseError
from requests import RequestException

from auth import oidc, oidc_client
from auth.session import SIGN_IN_METHOD, start_session
from auth.views import _safe_next, bp
from core.errors import NotFound
from core.extensions import db
from core.urls import external_url

TECHNICAL = {
    "provider_error": "{name} did not sign you in ({error}). Try again.",
    "state_mismatch": (
        "This sign-in was started in another browser, has expired, or was "
        "completed already. Start again."
    ),
    "invalid_id_token": (
        "The answer from {name} could not be verified, so nobody was signed in. "
        "Try again, or ask an administrator."
    ),
    "provider_unreachable": "{name} could not be reached. Try again in a moment.",
}


def _client():
    client = oidc_client.provider()
    if client is None:
        raise NotFound("Company sign-in is not configured.")
    return client


@bp.route("/login/oidc")
def oidc_login():
    """Send the browser to the company's OpenID provider (a safe ``next`` is kept)."""
    client = _client()
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    next_url = _safe_next(request.args.get("next"))
    try:
        found = client.create_authorization_url(external_url("auth.oidc_callback"))
    except (RequestException, ValueError, AuthlibBaseError):
        return _refused("provider_unreachable", 502)
    client.save_authorize_data(
        redirect_uri=external_url("auth.oidc_callback"), next=next_url, **found
    )
    return redirect(found["url"])


@bp.route("/login/oidc/callback")
def oidc_callback():
    """Take the provider's answer: check it, find the account, start the session."""
    client = _client()
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    state = client.framework.get_state_data(session, request.args.get("state")) or {}
    try:
        token = client.authorize_access_token(
            claims_options=oidc_client.claims_options(current_app.config),
            leeway=oidc_client.LEEWAY_SECONDS,
        )
    except RequestException:
        return _refused("provider_unreachable", 502)
    except AuthlibBaseError as err:
        if err.error == "mismatching_state":
            current_app.logger.warning("company sign-in callback without its state")
            return _page(_message("state_mismatch"), 403)
        if request.args.get("error"):
            return _refused("provider_error", error=request.args["error"][:60])
        return _refused("invalid_id_token")
    except (JoseError, ValueError, KeyError):
        return _refused("invalid_id_token")
    claims = token.get("userinfo")
    if not claims:  # no ID token in the answer: never trust the userinfo alone
        return _refused("invalid_id_token")
    identity = oidc.Identity.from_claims(claims)
    try:
        user = oidc.sign_in_with_identity(identity, current_app.config)
    except oidc.SignInRefused as refused:
        db.session.commit()  # the refusal's audit event
        return _page(refused.message, 403)
    db.session.commit()
    start_session(user)
    session[SIGN_IN_METHOD] = "oidc"
    session[oidc_client.SESSION_ID_TOKEN] = token.get("id_token")
    return redirect(_safe_next(state.get("next")))


def _message(reason: str, **values) -> str:
    values.setdefault("name", current_app.config["OIDC_NAME"])
    return TECHNICAL[reason].format(**values)


def _refused(reason: str, status: int = 403, **values):
    oidc.record_refusal(reason)
    db.session.commit()
    return _page(_message(reason, **values), status)


def _page(message: str, status: int):
    return render_template("auth/oidc_refused.html", message=message), status
