"""The manager's desk in Chromium, through the UI only, at 1280×800 and 390×844.

1. The employee logs a completed course against one of her open training needs; her
   manager opens "Team" from the main navigation, ticks the course, confirms, and on
   the confirmation marks the need met — one step; the need page says "Met".
2. The employee schedules an interview in a month already at the policy's limit: it
   waits for approval with the time she proposed; the manager approves it on the desk
   and the interview is scheduled at that time, nothing typed again.

The manager's to-do list on Home is read before and after each step: the activities to
verify and the approval items go down by one. axe runs on the desk and on the
confirmation; screenshots go to ``test-artifacts/screenshots/desk-*.png``.
"""

import json
import re

import pytest
import sqlalchemy as sa

from core.timezones import local, local_input
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser


def _submit(page, button: str):
    with page.expect_navigation():
        page.get_by_role("button", name=button).first.click()


def _full_month(server):
    """The month of the demo's interview waiting for approval: already at the limit
    (read, not arranged)."""
    from development.models import InformationalInterview

    waiting = InformationalInterview.needs_approval.is_(True)
    return server.query(
        sa.select(InformationalInterview.scheduled_at).where(waiting).limit(1)
    )


def _todos(page, base: str, kind: str) -> list[str]:
    page.goto(base + "/")
    return page.locator(f".todos li[data-kind={kind}]").all_text_contents()


def _verify_count(items: list[str]) -> int:
    """How many activities the to-do list says wait for verification."""
    found = [re.search(r"Verify (\d+) completed activit", text) for text in items]
    return sum(int(m.group(1)) for m in found if m)


@pytest.mark.parametrize("width", [1280, 390])
def test_verify_and_mark_met_in_one_step(live_server, new_page, width):
    base, problems = live_server.url, {}
    title = f"Desk course at {width}"
    employee = new_page(width)
    sign_in(employee, live_server, "employee")
    employee.goto(base + "/development/activities/new?kind=course")
    employee.fill("#title", title)
    employee.fill("#hours", "6")
    employee.select_option("#status", "completed")
    need = employee.locator("input[name=need_ids]:not(:checked)").first
    need_id = need.get_attribute("value")
    need.check()
    _submit(employee, "Save")
    assert f"“{title}” is saved." in employee.content()

    manager = new_page(width)
    sign_in(manager, live_server, "manager")
    before = _verify_count(_todos(manager, base, "verify"))
    assert before >= 1
    nav = manager.locator("nav.main-nav")
    with manager.expect_navigation():
        nav.get_by_role("link", name="Team", exact=True).click()
    assert manager.locator("h1").inner_text() == "Team"
    _check(manager, "desk", problems)
    manager.locator(".desk-summary").screenshot(
        path=str(ARTIFACTS / f"desk-summary-{width}.png")
    )
    for section in ("reviews", "verify", "approve", "needs"):
        card = manager.locator(f"#{section}-heading").locator("..")
        card.screenshot(path=str(ARTIFACTS / f"desk-{section}-{width}.png"))
    manager.get_by_label(title).check()
    _submit(manager, "Verify selected…")
    assert manager.locator("h1").inner_text() == "Verify 1 activity?"
    manager.locator(f"input[name=met_need_ids][value='{need_id}']").check()
    _check(manager, "desk-verify-confirm", problems)
    _submit(manager, "Verify 1 activity")
    assert "1 activity is verified; 1 need is marked met." in manager.content()
    after = _verify_count(_todos(manager, base, "verify"))
    assert after == before - 1
    manager.goto(f"{base}/reviews/needs/{need_id}")
    assert "Met" in manager.locator("main").inner_text()
    assert not problems, json.dumps(problems, indent=2)


@pytest.mark.parametrize("width", [1280, 390])
def test_an_approved_interview_keeps_its_proposed_schedule(
    live_server, new_page, width
):
    base, problems = live_server.url, {}
    full = _full_month(live_server)
    when = full.replace(day=min(full.day + 1, 28), hour=9 if width == 1280 else 11)
    stamp = local_input(when)  # typed in the reader's (the organisation's) zone
    employee = new_page(width)
    sign_in(employee, live_server, "employee")
    employee.goto(base + "/development/interviews/new")
    employee.fill("#target_role", f"Desk role {width}")
    _submit(employee, "Add the idea")
    interview_url = employee.url.split("#")[0]
    _submit(employee, "Mark sent")
    employee.fill("#scheduled_at", stamp)
    employee.fill("#location", f"Room {width}")
    _submit(employee, "Schedule")
    assert "waits for your manager’s approval" in employee.content()

    manager = new_page(width)
    sign_in(manager, live_server, "manager")
    approvals = len(_todos(manager, base, "approval"))
    manager.goto(base + "/development/team")
    item = manager.locator("#approve-heading ~ ul li", has_text=f"Room {width}")
    assert f"proposed {local(when)}, 20 min" in item.inner_text()
    with manager.expect_navigation():
        item.get_by_role("button").click()
    assert "scheduled as proposed" in manager.content()
    assert len(_todos(manager, base, "approval")) == approvals - 1

    employee.goto(interview_url)
    scheduling = employee.locator("#scheduling-heading + *").locator("..")
    text = scheduling.inner_text()
    assert local(when) in text and f"Room {width}" in text
    assert "Scheduled" in employee.locator("main").inner_text()
    _check(employee, "desk-interview-approved", problems)
    assert not problems, json.dumps(problems, indent=2)
