"""The admin page "Sign-in and provisioning" in Chromium: reached from the navigation,
a SCIM token made (its secret shown once, accessible at both widths), used by a
provider (the request appears in the log), then revoked."""

import json
import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser


def _scim_status(server, secret: str) -> int:
    request = urllib.request.Request(
        f"{server.url}/scim/v2/Users?count=1",
        headers={"Authorization": f"Bearer {secret}"},
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.mark.parametrize("width", [1280, 390])
def test_admin_makes_uses_and_revokes_a_scim_token(live_server, new_page, width):
    page = new_page(width)
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/admin/sign-in")
    assert page.locator("h1").inner_text() == "Sign-in and provisioning"
    name = f"Browser IdP {width}"
    page.fill("#name", name)
    page.click("form.form button[type=submit]")
    secret = page.input_value("#new-token")
    assert secret.startswith("trscim_")
    problems: dict = {}
    _check(page, f"admin-scim-token-created-{width}", problems)
    assert _scim_status(live_server, secret) == 200
    page.goto(f"{live_server.url}/admin/sign-in")
    assert secret not in page.content()  # shown once
    assert "GET /scim/v2/Users" in page.locator("table.scim-requests").inner_text()
    _check(page, f"admin-sign-in-log-{width}", problems)
    assert not problems, json.dumps(problems, indent=2)
    row = page.locator("table.scim-tokens tr", has_text=name)
    row.locator("button", has_text="Revoke").click()
    page.wait_for_url(f"{live_server.url}/admin/sign-in")
    assert "Revoked" in page.locator("table.scim-tokens tr", has_text=name).inner_text()
    assert _scim_status(live_server, secret) == 401
