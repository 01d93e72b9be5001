"""The header's "More" and "Account" menus in Chromium (issue 23, WCAG 2.4.11 and
2.5.3): ``<details data-disclosure>`` elements that static/js/disclosure.js makes behave
as disclosure menus. Escape closes an open menu and puts focus back on its button; Tab
past its last link, or a click outside, closes it, so it never covers the focused
content; opening one closes the other; the buttons are named "More" and "Account"
without the drawn arrow; without script the menus still open.
"""

import json

import pytest

from tests.browser.conftest import ARTIFACTS, VIEWPORTS, sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser

MORE = "li.nav-more > details"
ACCOUNT = ".account-menu > details"

FOCUS = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return {tag: el.tagName.toLowerCase(), text: el.textContent.trim(),
          uncovered: !!hit && (hit === el || el.contains(hit))};
}"""


def _is_open(page, menu: str) -> bool:
    return page.eval_on_selector(menu, "d => d.open")


def _open_by_keyboard(page, menu: str) -> None:
    page.focus(f"{menu} > summary")
    page.keyboard.press("Enter")
    assert _is_open(page, menu)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("menu", [MORE, ACCOUNT])
def test_escape_closes_the_menu_and_returns_focus_to_its_button(
    live_server, new_page, menu, width
):
    page = new_page(width)
    sign_in(page, live_server, "hr")
    _open_by_keyboard(page, menu)
    page.keyboard.press("Tab")  # into the menu's first link
    assert page.evaluate("document.activeElement.tagName") == "A"
    page.keyboard.press("Escape")
    assert not _is_open(page, menu)
    assert page.evaluate(
        "(m) => document.activeElement === document.querySelector(m + ' > summary')",
        menu,
    )


@pytest.mark.parametrize("menu", [MORE, ACCOUNT])
def test_tab_out_of_the_open_menu_closes_it(live_server, new_page, menu):
    page = new_page(1280)
    sign_in(page, live_server, "hr")
    _open_by_keyboard(page, menu)
    links = page.locator(f"{menu} a").count()
    for _ in range(links):
        page.keyboard.press("Tab")
    assert _is_open(page, menu)  # still on its last link
    page.keyboard.press("Tab")
    assert not _is_open(page, menu)
    focused = page.evaluate(FOCUS)
    assert focused["uncovered"], focused


def test_shift_tab_back_to_the_button_keeps_the_menu_open(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "hr")
    _open_by_keyboard(page, MORE)
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert _is_open(page, MORE)


def test_a_click_outside_closes_the_menu(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "hr")
    page.click(f"{MORE} > summary")
    assert _is_open(page, MORE)
    page.click("main h1")
    assert not _is_open(page, MORE)


def test_a_click_on_a_link_in_the_menu_follows_it(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "hr")
    page.click(f"{MORE} > summary")
    with page.expect_navigation():
        page.click(f"{MORE} a[href='/skills']")
    assert page.url == f"{live_server.url}/skills"


def test_opening_one_menu_closes_the_other(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "hr")
    page.click(f"{MORE} > summary")
    page.click(f"{ACCOUNT} > summary")
    assert _is_open(page, ACCOUNT) and not _is_open(page, MORE)
    _open_by_keyboard(page, MORE)
    assert not _is_open(page, ACCOUNT)


def test_the_buttons_are_named_without_the_arrow(live_server, new_page):
    from playwright.sync_api import expect

    page = new_page(1280)
    sign_in(page, live_server, "hr")
    expect(page.locator(f"{MORE} > summary")).to_have_accessible_name("More")
    expect(page.locator(f"{ACCOUNT} > summary")).to_have_accessible_name("Account")
    content = page.eval_on_selector(
        f"{MORE} > summary", "s => getComputedStyle(s, '::after').content"
    )
    assert content in ('""', "none"), content  # the arrow is drawn, not text


@pytest.mark.parametrize("width", [1280, 390])
def test_the_home_page_with_its_menus_passes_the_gate(live_server, new_page, width):
    page = new_page(width)
    sign_in(page, live_server, "hr")
    page.click(f"{MORE} > summary")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"menu-more-open-{width}.png"))
    page.keyboard.press("Escape")
    problems: dict = {}
    _check(page, "hr-home-menus", problems)
    assert not problems, json.dumps(problems, indent=2)


@pytest.mark.parametrize("menu", [MORE, ACCOUNT])
def test_without_script_the_menu_still_opens(live_server, browser, menu):
    context = browser.new_context(viewport=VIEWPORTS[1280], java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, live_server, "hr")
        page.click(f"{menu} > summary")
        assert page.locator(f"{menu} a").first.is_visible()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(
                ARTIFACTS
                / f"menu-no-script-{'more' if menu == MORE else 'account'}.png"
            )
        )
        page.click(f"{menu} > summary")
        assert not page.locator(f"{menu} a").first.is_visible()
    finally:
        context.close()
