"""A personal access token made in the browser: reached through the "Account" menu,
its secret shown once (accessible at both widths), then revoked."""

import json
import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser


def _status_with(server, secret: str) -> int:
    request = urllib.request.Request(
        f"{server.url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"}
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.mark.parametrize("width", [1280, 390])
def test_make_see_once_and_revoke_a_token(live_server, new_page, width):
    page = new_page(width)
    sign_in(page, live_server, "employee")
    page.click(".account-menu summary")
    page.click("text=Access tokens")
    page.wait_for_url(f"{live_server.url}/account/tokens")
    name = f"Browser token {width}"
    page.fill("#name", name)
    page.select_option("#scope", "read")
    page.select_option("#expires_in_days", "30")
    page.click("form.form button[type=submit]")
    secret = page.input_value("#new-token")
    assert secret.startswith("tpat_")
    problems: dict = {}
    _check(page, "employee-token-created", problems)
    assert not problems, json.dumps(problems, indent=2)
    assert _status_with(live_server, secret) == 200
    page.goto(f"{live_server.url}/account/tokens")
    assert secret not in page.content()  # shown once
    row = page.locator("tr", has_text=name)
    row.locator("button", has_text="Revoke").click()
    page.wait_for_url(f"{live_server.url}/account/tokens")
    assert "Revoked" in page.locator("tr", has_text=name).inner_text()
    assert _status_with(live_server, secret) == 401
