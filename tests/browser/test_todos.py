"""The to-do list in Chromium, at 1280×800 and 390×844, through the UI only.

Every role's home starts with its to-dos (overdue first, each marked, each link opening
the page where the thing is done); then the employee does one — a goal check-in that had
been left for over a month — and the to-do is gone from her list afterwards. axe finds
no serious or critical violation; screenshots go to
``test-artifacts/screenshots/todos-*.png``.

The test arranges its own rows (in the live server's app context): two goals of the
demo employee, created 60 days ago and never checked in on, one per width.
"""

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.browser.conftest import sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser

ROLES = ("employee", "manager", "hr", "admin")
QUIET = "Write the runbook for the billing export ({width})"


@pytest.fixture(scope="module")
def quiet_goals(live_server) -> dict[int, int]:
    """width -> id of a goal of the demo employee with no check-in for 60 days."""
    from core.db import utcnow
    from core.extensions import db
    from people.models import User
    from reviews.models import Goal

    with live_server.app.app_context():
        owner = db.session.scalar(
            sa.select(User.employee_id).where(
                User.email == live_server.logins["employee"]
            )
        )
        created = utcnow() - timedelta(days=60)
        goals = {
            width: Goal(
                owner_id=owner,
                title=QUIET.format(width=width),
                created_at=created,
                updated_at=created,
            )
            for width in (1280, 390)
        }
        db.session.add_all(goals.values())
        db.session.commit()
        return {width: goal.id for width, goal in goals.items()}


def _todo_titles(page) -> list[str]:
    return page.locator(".todo-list li > a").all_text_contents()


@pytest.mark.parametrize("width", [1280, 390])
def test_every_role_starts_from_its_todos(live_server, new_page, width):
    problems: dict = {}
    for role in ROLES:
        page = new_page(width)
        sign_in(page, live_server, role)
        # The list is the first thing under the greeting.
        assert page.locator("h1 + section").get_attribute("aria-labelledby") == (
            "todo-heading"
        )
        items = page.locator(".todo-list li")
        late = items.evaluate_all(
            "els => els.map(e => e.classList.contains('todo-overdue'))"
        )
        if role == "admin":
            assert late == [] and "Nothing to do right now." in page.content()
        else:
            assert late and late[0], f"{role}: nothing overdue on top"
            assert late == sorted(late, reverse=True), f"{role}: overdue not first"
            badges = page.locator(".todo-overdue .badge-overdue").all_inner_texts()
            assert len(badges) == sum(late)
            assert all(b.startswith("Overdue · ") for b in badges)
        _check(page, f"todos-home-{role}", problems)
        # One link of each kind opens its page (not a 403 or 404).
        seen: dict[str, str] = {}
        for kind, href in items.evaluate_all(
            "els => els.map(e => [e.dataset.kind, e.querySelector('a').href])"
        ):
            seen.setdefault(kind, href)
        for kind, href in seen.items():
            response = page.goto(href)
            assert response.status == 200, f"{role} {kind}: {response.status}"
        page.close()
    assert not problems, json.dumps(problems, indent=2)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_goal_check_in_clears_its_todo(live_server, new_page, quiet_goals, width):
    problems: dict = {}
    title = f"Check in on your goal “{QUIET.format(width=width)}”"
    page = new_page(width)
    sign_in(page, live_server, "employee")
    before = _todo_titles(page)
    assert title in before
    item = page.locator(".todo-list li", has=page.locator(f"a:text-is('{title}')"))
    assert "todo-overdue" in item.get_attribute("class")
    assert item.locator(".badge-overdue").inner_text() == "Overdue · 30 days"
    _check(page, "todos-before-check-in", problems)
    with page.expect_navigation():
        item.locator("a").click()
    assert page.url.endswith(f"/reviews/goals/{quiet_goals[width]}")
    page.fill("#value", "40")
    page.select_option("#status", "on_track")
    page.fill("#note", "Outline written; two sections to go.")
    with page.expect_navigation():
        page.click("button:has-text('Save check-in')")
    assert "Check-in saved" in page.content()
    page.goto(f"{live_server.url}/")
    after = _todo_titles(page)
    assert title not in after
    assert len(after) == len(before) - 1  # nothing else changed
    _check(page, "todos-after-check-in", problems)
    assert not problems, json.dumps(problems, indent=2)
