"""A real OpenID provider for the tests: ``oidc-provider-mock`` as its own process on a
free port (``python -m oidc_provider_mock``), stopped when its fixture
(``tests/auth/conftest.py``) ends; and the helpers the company sign-in tests share (the
whole sign-in as one call, who is signed in, the audit events it wrote).

It accepts any client id and secret, publishes its discovery document, keys and
end-session endpoint, and signs ID tokens with its own RSA key. A test chooses who signs
in: ``set_user`` stores the subject's claims (``email``, ``email_verified`` …) through the
provider's API, and ``authorize`` answers the authorization page as that subject, as the
person would by clicking "Authorize", returning the provider's redirect back to Trellis.
"""

import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

import requests
import sqlalchemy as sa

from app import create_app
from auth import oidc_client
from core.audit import AuditEvent
from core.extensions import db as _db
from tests.conftest import IsolatedClient

CLIENT_ID = "trellis-test-client"
CLIENT_SECRET = "trellis-test-secret-not-shown-anywhere"


class Provider:
    def __init__(self, url: str):
        self.url = url  # also the issuer: the provider names itself by its host URL

    def set_user(self, subject: str, **claims) -> None:
        """Store the claims the provider gives ``subject`` (replacing earlier ones)."""
        response = requests.put(f"{self.url}/users/{subject}", json=claims, timeout=10)
        response.raise_for_status()

    def authorize(self, authorize_url: str, subject: str) -> str:
        """Sign in at the provider as ``subject``; return where it sends the browser
        back (Trellis's callback URL with the code and the state)."""
        response = requests.post(
            authorize_url, data={"sub": subject}, allow_redirects=False, timeout=10
        )
        assert response.status_code == 302, response.text[:300]
        return response.headers["Location"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def path_of(url: str) -> str:
    """The path and query of ``url`` (for the Flask test client)."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def start_provider():
    """Start the provider process; return (process, Provider) once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            requests.get(f"{url}/.well-known/openid-configuration", timeout=1)
            break
        except requests.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("oidc-provider-mock did not start") from None
            time.sleep(0.1)
    return process, Provider(url)


def stop_provider(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def oidc_config(base, provider: Provider, **extra):
    """A config class like ``base`` with company sign-in pointing at ``provider``."""
    values = {
        "OIDC_ISSUER": provider.url,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_NAME": "Example Corp",
        **extra,
    }
    return type("OidcConfig", (base,), values)


SUB = "subject-emma"


def fresh_app(config):
    """An app of its own (in-memory SQLite: an empty database of its own too)."""
    app = create_app(config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        _db.create_all()
    return app


def start(client, next_url=None) -> str:
    """GET /login/oidc; return the provider's authorization URL it redirects to."""
    response = client.get("/login/oidc", query_string={"next": next_url or ""})
    assert response.status_code == 302
    return response.location


def sign_in(client, provider, subject=SUB, next_url=None, **claims):
    """The whole company sign-in as ``subject`` (with ``claims`` at the provider)."""
    if claims:
        provider.set_user(subject, **claims)
    callback = provider.authorize(start(client, next_url), subject)
    return client.get(path_of(callback))


def signed_in_as(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("_user_id")


def events(action: str) -> list[AuditEvent]:
    return list(
        _db.session.scalars(
            sa.select(AuditEvent)
            .where(AuditEvent.action == action)
            .order_by(AuditEvent.id)
        )
    )


def refusal_reasons() -> list[str]:
    return [e.changes["reason"] for e in events("sign_in_refused")]


def client_of(app):
    return app.extensions[oidc_client.EXTENSION]
