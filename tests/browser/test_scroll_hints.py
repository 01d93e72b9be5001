"""No box hides content without saying so (issue 15, finding 10).

On a phone (390 px) every element that clips its content sideways — a table, a chart
or a heat map wider than its frame — must be a scroll region with a visible hint above
it ("Scroll sideways for more", static/js/scroll-hint.js); an ``overflow: hidden`` box
that cuts content off fails outright. The first column of a wide table stays in view.
"""

import json

import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

PAGES = {
    "hr": (
        "/reports/training-gaps",
        "/reports/review-quality",
        "/reports/decision-evidence",
        "/reports/learning",
        "/reviews",
        "/people",
    ),
    "manager": ("/development/team", "/reviews", "/reports/cycle-progress"),
    "employee": ("/development", "/reviews/needs", "/reviews/goals"),
}

FIND_CLIPPED = """() => {
  const out = [];
  for (const el of document.querySelectorAll("main *")) {
    const style = getComputedStyle(el);
    const clips = ["auto", "scroll", "hidden", "clip"].includes(style.overflowX);
    if (!clips || el.clientWidth <= 2 || el.scrollWidth <= el.clientWidth + 1) continue;
    if (style.textOverflow === "ellipsis") continue;  // cut on purpose, full text in a label
    const hint = el.previousElementSibling;
    const hinted = el.hasAttribute("data-overflowing") && hint
      && hint.classList.contains("scroll-hint") && !hint.hidden
      && hint.getBoundingClientRect().height > 0;
    const scrolls = style.overflowX === "auto" || style.overflowX === "scroll";
    if (!scrolls || !hinted) {
      out.push({tag: el.tagName, cls: el.className && String(el.className),
                overflow: style.overflowX, scroll: el.scrollWidth, client: el.clientWidth});
    }
  }
  return out;
}"""


@pytest.mark.parametrize("role", sorted(PAGES))
def test_every_clipped_box_on_a_phone_has_a_scroll_hint(live_server, new_page, role):
    page = new_page(390)
    sign_in(page, live_server, role)
    problems = {}
    for path in PAGES[role]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        found = page.evaluate(FIND_CLIPPED)
        if found:
            problems[path] = found
    assert not problems, json.dumps(problems, indent=2)


def test_a_wide_table_keeps_its_key_column_in_view(live_server, new_page):
    page = new_page(390)
    sign_in(page, live_server, "employee")
    page.goto(live_server.url + "/development")
    frame = page.locator(".table-scroll[data-overflowing]").first
    frame.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    first = frame.locator("tbody th[scope=row]").first
    box, frame_box = first.bounding_box(), frame.bounding_box()
    assert box["x"] <= frame_box["x"] + 2  # stuck at the left edge while scrolled
    assert page.locator(".scroll-hint:visible").count() >= 1
