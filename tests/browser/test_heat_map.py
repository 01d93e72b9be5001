"""HR reads the training-gap heat map in Chromium at 1280×800 and 390×844, through the
UI only: every skill a role profile expects is a column (the demo's Budgeting and
Roadmapping included), a wide map says it scrolls, the clicked cell is
highlighted and its people listed, the caption tells what a cell is, and the
review-quality chart's legend is an ordered scale. Its labels are never clipped, at
normal spacing or under the WCAG 1.4.12 text-spacing override, and opening a cell moves
focus to the heading of its people (issue 23). Screenshots:
``test-artifacts/screenshots/hr-heat-map-<width>.png``,
``hr-heat-map-clicked-<width>.png`` and ``hr-heat-map-labels-<width>[-spacing].png``."""

import json

import pytest

from tests.browser.a11y_checks import CLIPPED_TEXT, SPACING_ON, TEXT_SPACING
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
    assert page.locator("#cell-people").count() == 1
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


# Each SVG text of the heat map whose box leaves its <svg> box (1 px of rounding).
SVG_TEXT_OUTSIDE = """() => {
  const svg = document.querySelector('svg.report-heat');
  const r = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].filter(t => {
    const b = t.getBoundingClientRect();
    return b.left < r.left - 1 || b.right > r.right + 1
      || b.top < r.top - 1 || b.bottom > r.bottom + 1;
  }).map(t => t.textContent.trim());
}"""


def _heat_map_page(live_server, new_page, width):
    page = new_page(width)
    sign_in(page, live_server, "hr")
    page.goto(live_server.url + "/reports/training-gaps")
    page.wait_for_selector("svg.report-heat")
    return page


@pytest.mark.parametrize("width", [1280, 390])
def test_heat_map_labels_are_whole_with_text_spacing(live_server, new_page, width):
    """The long skill names ("Account management", "Written communication") were cut
    at the top of the map; every label lies inside the map, at normal spacing and with
    the text-spacing override, and no HTML text on the page is clipped."""
    page = _heat_map_page(live_server, new_page, width)
    columns = page.locator("svg.report-heat text.heat-col").all_text_contents()
    assert "Account management" in columns and "Written communication" in columns
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for spacing in ("", "-spacing"):
        if spacing:
            page.evaluate(SPACING_ON, TEXT_SPACING)
        page.locator("figure.report-figure").scroll_into_view_if_needed()
        shot = ARTIFACTS / f"hr-heat-map-labels-{width}{spacing}.png"
        page.screenshot(path=str(shot))
        outside = page.evaluate(SVG_TEXT_OUTSIDE)
        clipped = page.evaluate(CLIPPED_TEXT)
        if outside or clipped:
            found[spacing or "normal"] = {"svg": outside, "html": clipped}
    assert not found, json.dumps(found, indent=2)


def test_opening_a_cell_moves_focus_to_its_people(live_server, new_page):
    """The cell link reloads the page with the people far below the map: focus lands
    on their heading, which names the cell, and the cell stays highlighted."""
    page = _heat_map_page(live_server, new_page, 1280)
    cell = page.locator("svg.report-heat a").nth(3)
    department, skill = cell.get_attribute("aria-label").split(":")[0].split(", ")
    assert cell.get_attribute("href").endswith("#cell-people")
    cell.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**skill_id=*#cell-people")
    page.wait_for_function("document.activeElement.id === 'cell-people'")
    focused = page.locator(":focus")
    assert focused.evaluate("el => el.tagName") == "H2"
    assert focused.inner_text().startswith(f"{department}, {skill}:")
    assert focused.is_visible() and focused.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    assert page.locator("svg.report-heat a[aria-current=true]").count() == 1
    page.screenshot(path=str(ARTIFACTS / "hr-heat-map-cell-focus-1280.png"))


@pytest.mark.parametrize("width", [1280, 390])
def test_a_paged_heat_map_is_accessible_and_opens_a_cell_on_its_page(
    live_server, new_page, monkeypatch, width
):
    """A large organisation's map shows a page of departments (here two): the pager
    moves the map and its table twin together, and a cell clicked on the second page
    reopens that page with the cell highlighted and its people below."""
    from reports import training_gaps

    monkeypatch.setattr(training_gaps, "DEPARTMENTS_PER_PAGE", 2)
    page = _heat_map_page(live_server, new_page, width)
    first = page.locator("svg.report-heat text.heat-row").all_text_contents()
    assert len(first) == 2
    page.get_by_role("link", name="Next page").click()
    page.wait_for_url("**page=2*")
    second = page.locator("svg.report-heat text.heat-row").all_text_contents()
    assert second and not set(second) & set(first)
    caption = page.locator("section[aria-labelledby=table-heading] caption")
    assert "departments 3–" in caption.inner_text()
    problems: dict = {}
    _check(page, "hr-heat-map-paged", problems)
    cell = page.locator("svg.report-heat a").first
    department = cell.get_attribute("aria-label").split(",")[0]
    cell.click()
    page.wait_for_url("**skill_id=*")
    chosen = page.locator("svg.report-heat a[aria-current=true]")
    assert chosen.count() == 1
    assert chosen.get_attribute("aria-label").startswith(department)
    assert page.locator("#cell-people").count() == 1
    assert not problems, json.dumps(problems, indent=2)
