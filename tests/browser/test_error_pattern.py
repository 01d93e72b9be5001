"""Where focus goes when a page arrives (issue 23; static/js/focus-on-arrival.js), in
Chromium: after a failed submit the error summary, whose links move focus to their
fields; after a redirect with a flash the flash region; on a URL with a fragment the
element it names (and an in-page link moves focus, not just the scroll); otherwise
nowhere. The summary is the ``form_errors`` macro on every form, sign-in included.
"""

import json

import pytest

from tests.browser.conftest import ARTIFACTS, employee_ids, sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser

ACTIVE = "() => { const a = document.activeElement;"
ACTIVE += " return a === document.body ? 'body' : (a.id || a.className); }"


def _submit(page):
    with page.expect_navigation():
        page.click("form.form button[type=submit]")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_failed_submit_focuses_the_summary_and_its_link_the_field(
    live_server, new_page, width
):
    page = new_page(width)
    sign_in(page, live_server, "hr")
    person, _ = employee_ids(live_server)
    page.goto(f"{live_server.url}/people/{person}/edit")
    page.fill("#name", "")
    _submit(page)
    assert page.evaluate(ACTIVE) == "error-summary"
    link = page.locator("#error-summary a[href='#name']")
    assert link.inner_text() == "This field is required."
    assert link.inner_text() in page.locator("#name-error").inner_text()
    problems: dict = {}
    _check(page, "error-pattern-person-edit", problems)
    assert not problems, json.dumps(problems, indent=2)
    page.focus("#error-summary a[href='#name']")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'name'")
    label = page.locator("label[for=name]").bounding_box()
    assert label["y"] >= 0  # the field's label scrolled into view with it
    page.screenshot(path=str(ARTIFACTS / f"error-pattern-field-{width}.png"))


def test_a_failed_sign_in_focuses_the_summary(live_server, new_page):
    page = new_page(1280)
    page.goto(f"{live_server.url}/login")
    page.fill("#email", live_server.logins["manager"])
    page.fill("#password", "not-the-password")
    _submit(page)
    assert page.evaluate(ACTIVE) == "error-summary"
    assert page.locator("#error-summary h2").inner_text() == "You are not signed in"


def test_an_empty_reset_request_links_to_the_email_field(live_server, new_page):
    page = new_page(1280)
    page.goto(f"{live_server.url}/password-reset")
    _submit(page)
    assert page.evaluate(ACTIVE) == "error-summary"
    page.click("#error-summary a[href='#email']")
    page.wait_for_function("document.activeElement.id === 'email'")


def test_a_flash_after_a_redirect_is_focused(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/skills/new")
    page.fill("#name", "Focus-on-arrival skill")
    page.fill("#group", "Core")
    _submit(page)
    assert page.url == f"{live_server.url}/skills"
    assert page.evaluate(ACTIVE) == "flashes"
    assert page.evaluate("document.activeElement.textContent.trim()") == (
        "Skill Focus-on-arrival skill is added."
    )
    problems: dict = {}
    _check(page, "error-pattern-flash", problems)  # axe takes the focused region
    assert not problems, json.dumps(problems, indent=2)


def test_a_page_without_flash_or_errors_leaves_focus_alone(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/skills")
    assert page.evaluate(ACTIVE) == "body"


def test_a_fragment_on_arrival_focuses_its_target(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "manager")
    page.goto(f"{live_server.url}/development/team#verify-heading")
    assert page.evaluate(ACTIVE) == "verify-heading"
    assert page.get_attribute("#verify-heading", "tabindex") == "-1"


def test_an_in_page_link_moves_focus_to_its_target(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "manager")
    page.goto(f"{live_server.url}/development/team")
    page.click(".desk-summary a[href='#approve-heading']")
    page.wait_for_function("document.activeElement.id === 'approve-heading'")
    page.click(".desk-summary a[href='#verify-heading']")
    page.wait_for_function("document.activeElement.id === 'verify-heading'")
    page.go_back()  # the fragment changes back: focus follows
    page.wait_for_function("document.activeElement.id === 'approve-heading'")


def test_the_skip_link_moves_focus_to_main(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "hr")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'main'")


def test_a_flash_and_a_fragment_focus_the_target_described_by_the_flash(
    live_server, new_page
):
    page = new_page(1280)
    sign_in(page, live_server, "employee")
    page.goto(f"{live_server.url}/development/interviews")
    page.click("summary:has-text('Add a contact')")
    page.fill("#name", "Focus Arrival Contact")
    with page.expect_navigation():
        page.click("button:has-text('Add the contact')")
    assert page.url.endswith("#contacts-heading")
    assert page.evaluate(ACTIVE) == "contacts-heading"
    assert "flashes" in page.get_attribute("#contacts-heading", "aria-describedby")
    assert "Focus Arrival Contact is in your contacts." in page.inner_text("#flashes")


def test_a_link_to_a_field_in_a_folded_section_opens_it(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "employee")
    page.goto(f"{live_server.url}/development/interviews#name")
    page.wait_for_function("document.activeElement.id === 'name'")
    assert page.locator("#name").is_visible()
