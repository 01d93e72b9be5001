"""The keyboard and screen-reader gate catches what it is meant to catch: each check
runs on a small page with the defect and on its fixed twin (so the gate cannot pass by
seeing nothing)."""

import pytest

from tests.browser import a11y_checks as gate

pytestmark = pytest.mark.browser

SELECT = '<label for="{id}">Rating</label><select id="{id}"{extra}><option>1</select>'


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 800, "height": 600})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("html", "found"),
    [
        (SELECT.format(id="a", extra="") + SELECT.format(id="b", extra=""), 1),
        (
            "".join(
                f"<fieldset><legend>{c}</legend>{SELECT.format(id=c, extra='')}</fieldset>"
                for c in ("Delivery", "Ownership")
            ),
            0,
        ),
        (
            SELECT.format(id="a", extra=' aria-describedby="x"')
            + SELECT.format(id="b", extra=' aria-describedby="y"')
            + '<p id="x">Delivery</p><p id="y">Ownership</p>',
            0,
        ),
        (
            '<label for="a">From</label><input id="a" type="date">'
            '<label for="b">To</label><input id="b" type="date">',
            0,
        ),
        (
            '<label for="a">Due</label><input id="a" type="date">'
            '<label for="b">Due</label><input id="b" type="date">',
            1,
        ),
    ],
)
def test_controls_named_alike_are_found(page, html, found):
    page.set_content(html)
    assert len(gate.duplicate_control_names(page)) == found


def test_an_invalid_field_needs_a_message(page):
    page.set_content('<label for="a">Name</label><input id="a" aria-invalid="true">')
    assert len(page.evaluate(gate.INVALID_WITHOUT_MESSAGE)) == 1
    page.set_content(
        '<label for="a">Name</label><input id="a" aria-invalid="true"'
        ' aria-describedby="e"><p id="e">Enter a name.</p>'
    )
    assert page.evaluate(gate.INVALID_WITHOUT_MESSAGE) == []


def test_a_skipped_heading_level_is_found(page):
    page.set_content("<h1>A</h1><h3>B</h3>")
    assert gate.heading_skips(page) == ["h1 → h3 at 'B'"]
    page.set_content("<h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2>")
    assert gate.heading_skips(page) == []


@pytest.mark.parametrize(
    ("html", "normal", "spaced"),
    [
        (
            '<div style="width:60px;overflow:hidden;white-space:nowrap">Account '
            "management</div>",
            True,
            True,
        ),
        (
            '<div style="width:60px;overflow:auto;white-space:nowrap">Account '
            "management</div>",
            False,
            False,
        ),
        (
            '<span style="position:absolute;width:1px;height:1px;overflow:hidden;'
            'clip:rect(0 0 0 0)">Only for screen readers</span>',
            False,
            False,
        ),
        (
            '<div style="height:20px;overflow:hidden;width:80px;font-size:16px;'
            'line-height:18px">Short line</div>',
            False,
            True,
        ),
        (
            '<svg width="100" height="40"><text x="60" y="20">Written communication'
            "</text></svg>",
            True,
            True,
        ),
        (
            '<svg width="300" height="40"><text x="10" y="20">Fits</text></svg>',
            False,
            False,
        ),
    ],
)
def test_clipped_text_is_found_with_and_without_text_spacing(
    page, html, normal, spaced
):
    page.set_content(html)
    found = gate.clipped_text(page)
    assert ("clipped text" in found) is normal
    assert ("clipped text with text spacing" in found) is spaced


def test_a_menu_that_ignores_escape_is_found(page):
    page.set_content(
        "<header><details><summary>More</summary><a href='#x'>X</a></details></header>"
    )
    assert gate.menus_that_stay_open(page) == ["'More' stays open on Escape"]
