"""``/api/v1/docs`` in Chromium: inside the app's header with a way back, human tag
headings, Swagger UI under our stylesheet with no serious axe finding (an operation
opened too), at 1280 and 390; and the app answers ``/favicon.ico``."""

import json

import pytest

from tests.browser.conftest import ARTIFACTS, sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_api_docs_sit_in_the_app_and_pass_axe(live_server, new_page, width):
    page = new_page(width)
    sign_in(page, live_server, "manager")
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-tag-section")
    # Under /api/ the session cookie is not read (bearer tokens only), so the header
    # is the signed-out one: the brand, which leads home, and our own back link.
    assert page.locator(".site-header a.brand").count() == 1
    back = page.get_by_role("link", name="← Back to Trellis")
    tags = page.locator(".opblock-tag").all_inner_texts()
    assert any(t.startswith("Personal tokens") for t in tags), tags
    assert not any("_api" in t for t in tags), tags
    page.screenshot(path=str(ARTIFACTS / f"manager-api-docs-top-{width}.png"))
    page.locator(".opblock-tag-section .opblock-summary").first.click()
    page.wait_for_selector(".opblock-body")
    problems: dict = {}
    _check(page, "manager-api-docs", problems)
    assert not problems, json.dumps(problems, indent=2)
    back.click()
    page.wait_for_url(f"{live_server.url}/")


def test_favicon_is_served(live_server, new_page):
    page = new_page(1280)
    response = page.goto(f"{live_server.url}/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/")
