"""Configuration read from the environment.

SQLite in the instance folder is the embedded default; ``DATABASE_URL`` selects PostgreSQL.
"""

import os
from datetime import timedelta


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-change-me")
    # None means "SQLite file in the instance folder", resolved in create_app.
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or None
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024

    HTTPS = _bool("TRELLIS_HTTPS")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = HTTPS
    IDLE_TIMEOUT = timedelta(minutes=30)
    ABSOLUTE_TIMEOUT = timedelta(hours=12)
    PERMANENT_SESSION_LIFETIME = ABSOLUTE_TIMEOUT
    # Sessions are permanent (auth.session.start_session): Flask would re-sign and
    # re-send the cookie on every response; it is sent when the session changes,
    # which the last-activity time does at most once a minute (auth.session).
    SESSION_REFRESH_EACH_REQUEST = False
    LOCKOUT_ATTEMPTS = 5
    LOCKOUT_WINDOW = timedelta(minutes=15)
    API_TOKEN_LIFETIME = timedelta(hours=12)
    # Two-factor sign-in: HR and admin accounts must turn it on (TRELLIS_REQUIRE_2FA=1);
    # between a correct password and the code, the half-signed-in state lasts this long.
    REQUIRE_2FA = _bool("TRELLIS_REQUIRE_2FA")
    TWO_FACTOR_LOGIN_WINDOW = timedelta(minutes=5)
    DEMO_PASSWORD = os.environ.get("TRELLIS_DEMO_PASSWORD", "trellis-demo-2026")
    # Company sign-in (OpenID Connect, auth.oidc): on when issuer, client id and secret
    # are set. OIDC_DOMAINS: the email domains it may link or create accounts for;
    # OIDC_CREATE: a known person without an account gets one at their first sign-in.
    # PASSWORD_LOGIN: "all", or "admins" (password sign-in for admin accounts only).
    OIDC_ISSUER = (os.environ.get("TRELLIS_OIDC_ISSUER") or "").strip().rstrip("/")
    OIDC_CLIENT_ID = os.environ.get("TRELLIS_OIDC_CLIENT_ID") or ""
    OIDC_CLIENT_SECRET = os.environ.get("TRELLIS_OIDC_CLIENT_SECRET") or ""
    OIDC_NAME = os.environ.get("TRELLIS_OIDC_NAME") or "your company account"
    OIDC_DOMAINS = tuple(
        domain.strip().lower()
        for domain in (os.environ.get("TRELLIS_OIDC_DOMAINS") or "").split(",")
        if domain.strip()
    )
    OIDC_CREATE = _bool("TRELLIS_OIDC_CREATE")
    PASSWORD_LOGIN = (os.environ.get("TRELLIS_PASSWORD_LOGIN") or "all").strip().lower()

    # flask-smorest / OpenAPI. The interactive page is our own (strict CSP, local assets).
    API_TITLE = "Trellis"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    API_SPEC_OPTIONS = {
        "info": {"description": "Trellis performance reviews and development API."},
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer"},
            }
        },
        "security": [{"bearerAuth": []}],
    }
    PAGE_SIZE = 25

    # Email: SMTP when SMTP_HOST is set; otherwise messages stay in the outbox (admin).
    SMTP_HOST = os.environ.get("SMTP_HOST") or None
    SMTP_PORT = int(os.environ.get("SMTP_PORT") or 587)
    SMTP_USERNAME = os.environ.get("SMTP_USERNAME") or None
    SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD") or None
    SMTP_STARTTLS = _bool("SMTP_STARTTLS", True)
    SMTP_TIMEOUT = float(os.environ.get("SMTP_TIMEOUT") or 30)
    MAIL_FROM = os.environ.get("MAIL_FROM", "trellis@localhost")
    # Where people reach Trellis: the links in emails (invitations, password reset) are
    # made from it, since a job or a CLI command has no request to take a host from.
    BASE_URL = os.environ.get("TRELLIS_BASE_URL", "http://127.0.0.1:5000")
    # A sender's claim on outbox mail lasts this long and is renewed after every message
    # sent, so a killed sender's claims go back to the others within this time. Longer
    # than SMTP_TIMEOUT: a slow but live sender keeps what it claimed.
    EMAIL_CLAIM_LEASE_SECONDS = float(os.environ.get("EMAIL_CLAIM_LEASE") or 45)
    # Scheduler (`flask jobs scheduler`): its clock and the lock that keeps it single.
    SCHEDULER_TIMEZONE = os.environ.get("SCHEDULER_TIMEZONE", "Europe/London")
    SCHEDULER_LOCK_STALE_SECONDS = int(os.environ.get("SCHEDULER_LOCK_STALE") or 300)
    SCHEDULER_LOCK_POLL_SECONDS = float(os.environ.get("SCHEDULER_LOCK_POLL") or 5)
    # A run without a heartbeat (start or batch commit) for this long did not finish.
    JOB_RUN_STALE_SECONDS = float(os.environ.get("JOB_RUN_STALE") or 60)
    # Planned reviews: a probation review this many days after hire (0 turns it off).
    PROBATION_REVIEW_DAYS = int(os.environ.get("PROBATION_REVIEW_DAYS") or 90)


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or "sqlite://"
    WTF_CSRF_ENABLED = False
    SERVER_NAME = None
    SMTP_HOST = None  # tests that send mail set it themselves
    OIDC_ISSUER = ""  # company sign-in: the tests that need it start a provider
    PASSWORD_LOGIN = "all"
