"""HR reads the training-gap heat map in Chromium at 1280×800 and 390×844, through the
UI only: every skill a role profile expects is a column (the demo's Budgeting and
Roadmapping included), a wide map says it scrolls, the clicked cell is
highlighted and its people listed, the caption tells what a cell is, and the
review-quality chart's legend is an ordered scale. Screenshots:
``test-artifacts/screenshots/hr-heat-map-<width>.png`` and
``hr-heat-map-clicked-<width>.png``."""

import json

import pytest

from tests.browser.conftest import ARTIFACTS, sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_hr_reads_every_skill_and_the_clicked_cell(live_server, new_page, width):
    page = new_page(width)
    sign_in(page, live_server, "hr")
    page.get_by_role("link", name="Reports").first.click()
    page.get_by_role("link", name="Training gaps").first.click()
    page.wait_for_selector("svg.report-heat")
    columns = page.locator("svg.report-heat text.heat-col").all_text_contents()
    assert len(columns) == len(set(columns)) > 10
    # A skill with everyone below it was cut by the old top-ten rule.
    assert "Roadmapping" in columns and "Budgeting" in columns, columns
    caption = page.locator("figure.report-figure figcaption").inner_text()
    assert "Every skill a role profile expects is a column" in caption
    problems: dict = {}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("svg.report-heat").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"hr-heat-map-{width}.png"))
    if width == 390:
        assert page.locator(".heat-scroll[data-overflowing]").count() == 1
        assert page.locator(".scroll-hint:visible").count() >= 1
    cell = page.locator("svg.report-heat a").nth(3)
    said = cell.get_attribute("aria-label")
    cell.click()
    page.wait_for_url("**skill_id=*")
    chosen = page.locator("svg.report-heat a[aria-current=true]")
    assert chosen.count() == 1
    assert chosen.get_attribute("aria-label").startswith(said.split(":")[0])
    assert page.locator("#people-heading").count() == 1
    chosen.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"hr-heat-map-clicked-{width}.png"))
    _check(page, "hr-heat-map-page", problems)
    assert not problems, json.dumps(problems, indent=2)


def test_review_quality_legend_is_an_ordered_scale(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "hr")
    page.goto(live_server.url + "/reports/review-quality")
    classes = page.locator(".chart-legend .swatch").evaluate_all(
        "els => els.map(e => e.className)"
    )
    assert [c.split()[-1] for c in classes] == [f"scale-{i}" for i in range(5)]
    page.locator("figure.report-figure").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "hr-review-quality-1280.png"))
