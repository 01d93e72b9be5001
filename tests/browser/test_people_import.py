"""HR's people import in Chromium, through the real form (CSRF on): the sample file
linked from the page previews as a report (2 new, 1 update) with a confirm; a file with
bad rows lists each with its line, marks the file field invalid and offers no confirm;
an update-only file is confirmed and imported. axe and the keyboard/screen-reader checks
pass on each state at 1280×800 and 390×844 (screenshots ``people-import-*.png``)."""

import pytest

from tests.browser.conftest import sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser

BAD = (
    "email,name,job_title,department,manager_email,hired_on\n"
    "not-an-email,Nobody,,,,\n"
    "zed@example.com,Zed,,,boss@nowhere.example,2026-13-01\n"
)


def _upload(page, name: str, text: str) -> None:
    page.set_input_files(
        "#csv_file",
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}],
    )
    with page.expect_navigation():
        page.click("button:has-text('Check the file')")


@pytest.mark.parametrize("width", [1280, 390])
def test_hr_previews_and_imports_people(live_server, new_page, width):
    base, problems = live_server.url, {}
    page = new_page(width)
    sign_in(page, live_server, "hr")
    page.goto(f"{base}/people/import")
    sample = page.request.get(f"{base}/people/import/sample.csv").text()

    _upload(page, "people-sample.csv", sample)
    summary = page.locator("#report-summary").inner_text()
    assert "add 2 new and update 1 existing" in summary, summary
    assert page.locator("button:has-text('Import these 3 people')").count() == 1
    _check(page, f"people-import-report-{width}", problems)

    _upload(page, "bad.csv", BAD)
    errors = page.locator("#row-errors-list li").all_inner_texts()
    assert [e.split(":")[0] for e in errors] == ["Line 2", "Line 3", "Line 3"], errors
    assert page.locator("button:has-text('Import these')").count() == 0
    _check(page, f"people-import-errors-{width}", problems)

    update_only = "\n".join(sample.splitlines()[:2]) + "\n"
    _upload(page, "update.csv", update_only)
    with page.expect_navigation():
        page.click("button:has-text('Import these 1 people')")
    assert "Imported 0 new and 1 updated people" in page.content()
    assert not problems, problems
