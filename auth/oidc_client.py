"""The OpenID provider's client for company sign-in (``auth.oidc`` decides who signs in).

Authlib's Flask client, one per app (``init_app`` → ``make_client``), on when
``OIDC_ISSUER``, ``OIDC_CLIENT_ID`` and ``OIDC_CLIENT_SECRET`` are set: the
authorization code flow with PKCE (S256), endpoints from the issuer's discovery document
(``<issuer>/.well-known/openid-configuration``, fetched at first use and kept), ``state``
and ``nonce`` kept in the signed session cookie. ``parse_id_token`` checks the ID token's
signature against the provider's published keys, ``exp``/``iat`` and the nonce; it
checks the issuer and the audience only as far as its ``claims_options`` ask (by
default the issuer alone, and an ``azp`` naming us passes a token whose audience is
another client), so ``claims_options`` here names both: the configured issuer and our
client id. The client secret stays in the config: no page, log or audit shows it.
"""

from urllib.parse import urlsplit

from authlib.integrations.flask_client import FlaskIntegration, FlaskOAuth2App
from flask import current_app
from requests import RequestException

CLIENT_NAME = "company"
EXTENSION = "trellis.oidc"
SCOPES = "openid email profile"
LEEWAY_SECONDS = 60  # clock skew allowed on exp / iat
PASSWORD_LOGIN_MODES = ("all", "admins")
# The session's ID token (auth.oidc_views), for the provider's end-session call.
SESSION_ID_TOKEN = "oidc_id_token"


def is_configured(config) -> bool:
    return bool(
        config.get("OIDC_ISSUER")
        and config.get("OIDC_CLIENT_ID")
        and config.get("OIDC_CLIENT_SECRET")
    )


def init_app(app) -> None:
    """Check the sign-in settings and, when company sign-in is configured, make the
    app's OpenID client (nothing is fetched from the provider until it is used)."""
    mode = app.config.get("PASSWORD_LOGIN", "all")
    if mode not in PASSWORD_LOGIN_MODES:
        raise RuntimeError(
            f"TRELLIS_PASSWORD_LOGIN must be one of {', '.join(PASSWORD_LOGIN_MODES)}"
            f", not {mode!r}."
        )
    app.jinja_env.globals["company_sign_in"] = company_sign_in
    if is_configured(app.config):
        app.extensions[EXTENSION] = make_client(app.config)
        # Runs after app.py's security headers (registered later, so called earlier).
        app.after_request(allow_sign_out_at_provider)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def allow_sign_out_at_provider(response):
    """Let the header's sign-out form end at the provider: its POST is redirected to
    the end-session endpoint, a step Chromium checks against the page's CSP
    ``form-action`` — so the issuer's origin (and the endpoint's, once the discovery
    document is loaded) joins ``'self'`` there, and nothing else does."""
    policy = response.headers.get("Content-Security-Policy")
    client = current_app.extensions.get(EXTENSION)
    if not policy or client is None or "form-action 'self'" not in policy:
        return response
    origins = {_origin(current_app.config["OIDC_ISSUER"])}
    end_session = client.server_metadata.get("end_session_endpoint")
    if end_session:
        origins.add(_origin(end_session))
    allowed = " ".join(["'self'", *sorted(origins)])
    response.headers["Content-Security-Policy"] = policy.replace(
        "form-action 'self'", f"form-action {allowed}", 1
    )
    return response


def make_client(config) -> FlaskOAuth2App:
    """Authlib's Flask client for the provider ``config`` names (what
    ``OAuth.register`` builds, without a registry shared between apps)."""
    issuer = config["OIDC_ISSUER"].rstrip("/")
    return FlaskOAuth2App(
        FlaskIntegration(CLIENT_NAME),
        CLIENT_NAME,
        client_id=config["OIDC_CLIENT_ID"],
        client_secret=config["OIDC_CLIENT_SECRET"],
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": SCOPES,
            "code_challenge_method": "S256",
            "default_timeout": 10,
        },
    )


def provider():
    """The app's OpenID client, or None when company sign-in is not configured."""
    return current_app.extensions.get(EXTENSION)


def company_sign_in() -> str | None:
    """The provider's name for the sign-in button, or None (templates)."""
    return current_app.config["OIDC_NAME"] if provider() is not None else None


def claims_options(config) -> dict:
    """What ``parse_id_token`` must check besides signature, expiry and nonce."""
    return {
        "iss": {"essential": True, "values": [config["OIDC_ISSUER"].rstrip("/")]},
        "aud": {"essential": True, "values": [config["OIDC_CLIENT_ID"]]},
        "sub": {"essential": True},
    }


def end_session_url(id_token: str | None, post_logout_redirect_uri: str) -> str | None:
    """Where to send the browser to end its session at the provider too: the
    provider's ``end_session_endpoint`` (None if it has none or cannot be reached)."""
    client = provider()
    if client is None:
        return None
    try:
        metadata = client.load_server_metadata()
    except (RequestException, ValueError):  # sign-out works with the provider down
        current_app.logger.warning("OpenID provider unreachable at sign-out")
        return None
    if not metadata.get("end_session_endpoint"):
        return None
    result = client.create_logout_url(
        post_logout_redirect_uri=post_logout_redirect_uri,
        id_token_hint=id_token,
        client_id=client.client_id,
    )
    return result["url"]
