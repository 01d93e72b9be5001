"""Signing bench actors in: over HTTP for a load generator, or in a test client.

``sign_in``: GET ``/login`` (the session cookie that holds the CSRF secret, and the
form's token), then POST the form as a browser does; the answer is a redirect that sets
the signed-in session cookie, which ``ab -C`` replays. Real rather than forged with the
app's session interface, so the cookie is whatever Trellis makes at sign-in (login and
activity times, session version). ``sign_in_client``: the in-process benches put the
same keys in a Flask test client's session (as tests/conftest.py ``sign_in``), with no
password check per actor.
"""

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

CSRF_INPUT = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')
COOKIE = "session"  # Flask's SESSION_COOKIE_NAME (Trellis keeps the default)


def _cookies(response: http.client.HTTPResponse) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return jar


def sign_in(server, email: str, password: str) -> str:
    """Sign ``email`` in on ``server`` (a ``bench.common.Server``); return the cookie
    as ``ab -C`` takes it (``session=…``)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request("GET", "/login")
        response = conn.getresponse()
        page = response.read().decode()
        match = CSRF_INPUT.search(page)
        first = _cookies(response).get(COOKIE)
        if response.status != 200 or match is None or first is None:
            raise RuntimeError(f"GET /login: {response.status}, no form or cookie")
        body = urlencode({"email": email, "password": password, "csrf_token": match[1]})
        conn.request(
            "POST",
            "/login",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"{COOKIE}={first.value}",
            },
        )
        response = conn.getresponse()
        response.read()
        signed_in = _cookies(response).get(COOKIE)
        location = response.headers.get("Location", "")
        if response.status != 302 or signed_in is None or "/login" in location:
            raise RuntimeError(
                f"POST /login as {email}: {response.status} to {location or '-'}"
            )
        return f"{COOKIE}={signed_in.value}"
    finally:
        conn.close()


def sign_in_client(client, login_id: str) -> None:
    """Put a login in the test client's session as a sign-in does."""
    from core.db import utcnow

    now = utcnow().isoformat()
    with client.session_transaction() as session:
        session["_user_id"] = login_id
        session["_fresh"] = True
        session["login_at"] = now
        session["seen_at"] = now
