"""Every role's pages in Chromium at laptop and phone widths: axe finds no serious or
critical accessibility violation, nothing breaks the CSP, and a screenshot of each page
is kept in ``test-artifacts/screenshots/<role>-<page>-<width>.png``.
"""

import json

import pytest
import sqlalchemy as sa

from tests.browser.a11y_checks import keyboard_and_screen_reader_problems
from tests.browser.conftest import ARTIFACTS, employee_ids, sign_in

pytestmark = pytest.mark.browser

ROLES = ("hr", "admin", "manager", "employee")
EVERYONE_PAGES = (
    "home",
    "people",
    "person",
    "departments",
    "department",
    "two-factor",
    "tokens",
    "time-zone",
)
EXTRA_PAGES = {
    "hr": (
        "person-edit",
        "skills",
        "role-profiles",
        "role-profile",
        "role-profile-edit",
        "review-settings",
        "audit",
        "audit-filtered",
        "accounts",
        "accounts-people",
        "review-template-new",
        "review-template-edit",
        "notification-settings",
        "people-import",
        "report-learning",
    ),
    "admin": ("accounts", "accounts-people", "audit", "sign-in"),
    "manager": (
        "manager-assessment",
        "team-goals",
        "notifications",
        "review-learning",
        "suggestion-new",
        "suggestion-new-need",
    ),
    "employee": (
        "self-assessment",
        "goals",
        "goal",
        "goal-edit",
        "goal-new",
        "needs",
        "mentorship",
        "interview-edit",
        "contact-edit",
        "interview-policy",
        "interview-schedule",
    ),
}


def _open_review(server, role: str, column: str, statuses: tuple[str, ...]):
    """The demo's first review whose ``column`` (employee_id, reviewer_id) is the
    ``role`` login's person and whose part is open (the assessment forms)."""
    from people.models import User
    from reviews.models import Review

    person = server.query(
        sa.select(User.employee_id).where(User.email == server.logins[role])
    )
    return server.query(
        sa.select(sa.func.min(Review.id)).where(
            getattr(Review, column) == person,
            Review.status.in_(statuses),
        )
    )


def _paths(server) -> dict[str, str]:
    from development.enums import InterviewStatus
    from development.models import Contact, InformationalInterview
    from people.models import RoleProfile
    from reviews.models import Goal, Review, ReviewTemplate, TrainingNeed

    person, dept = employee_ids(server)
    profile = server.query(sa.select(sa.func.min(RoleProfile.id)))
    template = server.query(sa.select(sa.func.min(ReviewTemplate.id)))
    mine = _open_review(
        server, "employee", "employee_id", ("not_started", "self_in_progress")
    )
    theirs = _open_review(
        server, "manager", "reviewer_id", ("self_submitted", "manager_in_progress")
    )
    need = server.query(  # a need of one of the manager's reports
        sa.select(sa.func.min(TrainingNeed.id)).where(
            TrainingNeed.employee_id
            == server.query(sa.select(Review.employee_id).where(Review.id == theirs))
        )
    )
    goal = server.query(  # the demo's weekly goal, its check-in overdue
        sa.select(sa.func.min(Goal.id)).where(
            Goal.title == "Triage the accessibility backlog"
        )
    )
    mentorship = server.query(  # the demo employee's mentorship (from an interview)
        sa.select(sa.func.min(InformationalInterview.mentorship_activity_id))
    )
    # Issue 16, item 3: the demo employee's idea accepted from a suggestion (it got
    # its contact on the edit page) and one of their contacts.
    idea = server.query(
        sa.select(sa.func.min(InformationalInterview.id)).where(
            InformationalInterview.employee_id == person,
            InformationalInterview.status == InterviewStatus.idea,
        )
    )
    contact = server.query(
        sa.select(sa.func.min(Contact.id)).where(Contact.owner_id == person)
    )
    # Issue 16, item 6: the demo's policy exception (approved, over the paid-hours cap)
    # and a request still to schedule (the form with "away from the premises").
    exception = server.query(
        sa.select(sa.func.min(InformationalInterview.id)).where(
            InformationalInterview.over_hours_cap.is_(True)
        )
    )
    to_schedule = server.query(
        sa.select(sa.func.min(InformationalInterview.id)).where(
            InformationalInterview.employee_id == person,
            InformationalInterview.status == InterviewStatus.requested,
            InformationalInterview.needs_approval.is_(False),
        )
    )
    return {
        "home": "/",
        "people": "/people",
        "person": f"/people/{person}",
        "person-edit": f"/people/{person}/edit",
        "departments": "/departments",
        "department": f"/departments/{dept}",
        "skills": "/skills",
        "role-profiles": "/role-profiles",
        "role-profile": f"/role-profiles/{profile}",
        "role-profile-edit": f"/role-profiles/{profile}/edit",
        "accounts": "/admin/accounts",
        "accounts-people": "/admin/accounts?view=people",
        "two-factor": "/account/two-factor",
        "tokens": "/account/tokens",
        "time-zone": "/account/time-zone",
        "review-settings": "/reviews/settings",
        "audit": "/admin/audit",
        "sign-in": "/admin/sign-in",
        "audit-filtered": "/admin/audit?subject_type=Review&action=status_changed",
        "review-template-new": "/reviews/templates/new",
        "review-template-edit": f"/reviews/templates/{template}/edit",
        "notification-settings": "/notifications/preferences",
        "people-import": "/people/import",
        "notifications": "/notifications",
        "self-assessment": f"/reviews/{mine}/self-assessment",
        "manager-assessment": f"/reviews/{theirs}/manager-assessment",
        "team-goals": "/reviews/goals/team",
        "goals": "/reviews/goals",
        "goal": f"/reviews/goals/{goal}",
        "goal-edit": f"/reviews/goals/{goal}/edit",
        "goal-new": "/reviews/goals/new",
        "needs": "/reviews/needs",
        # Issue 16, items 7 and 8: the review's learning record and suggestions.
        "review-learning": f"/reviews/{theirs}",
        "suggestion-new": f"/development/suggestions/new?review_id={theirs}",
        "suggestion-new-need": f"/development/suggestions/new?need_id={need}",
        # Issue 16, item 5: the demo employee's monthly mentorship.
        "mentorship": f"/development/mentorships/{mentorship}",
        "interview-edit": f"/development/interviews/{idea}/edit",
        "contact-edit": f"/development/contacts/{contact}/edit",
        "report-learning": "/reports/learning",
        "interview-policy": f"/development/interviews/{exception}",
        "interview-schedule": f"/development/interviews/{to_schedule}",
    }


def _serious(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _check(page, name: str, problems: dict) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    found = _serious(page)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    if found:
        problems[f"{name} axe"] = found
    problems.update(keyboard_and_screen_reader_problems(page, name, ARTIFACTS))
    if overflow:
        problems[f"{name} layout"] = "the page scrolls sideways"
    # At laptop width the header bar is one row: the nav and the user menu share a line.
    if width >= 1280:
        rows = page.evaluate(
            "(() => { const n = document.querySelector('.main-nav'),"
            " u = document.querySelector('.user-menu');"
            " return n && u ? [n.getBoundingClientRect().top,"
            " u.getBoundingClientRect().top] : [0, 0]; })()"
        )
        if abs(rows[0] - rows[1]) > 12:
            problems[f"{name} header"] = "the header bar wraps to a second row"
    if page.csp_errors:
        problems[f"{name} csp"] = list(page.csp_errors)
        page.csp_errors.clear()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("role", ROLES)
def test_role_pages_are_accessible(live_server, new_page, role, width):
    page = new_page(width)
    sign_in(page, live_server, role)
    paths = _paths(live_server)
    problems: dict = {}
    for key in EVERYONE_PAGES + EXTRA_PAGES[role]:
        response = page.goto(live_server.url + paths[key])
        assert response.status == 200, f"{key}: {response.status}"
        assert page.locator("h1").count() == 1, key
        _check(page, f"{role}-{key}", problems)
    assert not problems, json.dumps(problems, indent=2)


@pytest.mark.parametrize("width", [1280, 390])
def test_form_errors_are_inline_and_accessible(live_server, new_page, width):
    page = new_page(width)
    sign_in(page, live_server, "hr")
    page.goto(live_server.url + _paths(live_server)["person-edit"])
    page.fill("#name", "")
    page.fill("#email", "not-an-email")
    with page.expect_response(lambda r: r.request.method == "POST") as info:
        page.click("form.form button[type=submit]")
    assert info.value.status == 422
    assert page.get_attribute("#name", "aria-invalid") == "true"
    assert page.get_attribute("#email", "aria-describedby") == "email-error"
    problems: dict = {}
    _check(page, "hr-person-edit-errors", problems)
    assert not problems, json.dumps(problems, indent=2)


def test_bad_password_shows_an_error(live_server, new_page):
    page = new_page(1280)
    page.goto(f"{live_server.url}/login")
    page.fill("#email", live_server.logins["manager"])
    page.fill("#password", "not-the-password")
    page.click("button[type=submit]")
    alert = page.locator("[role=alert]")
    assert alert.count() == 1 and alert.inner_text().strip()
    assert page.url.startswith(f"{live_server.url}/login")
    _check(page, "anonymous-login-error", {})


def test_sign_out_ends_the_session(live_server, new_page):
    page = new_page(390)
    sign_in(page, live_server, "employee")
    page.click("text=Sign out")
    page.wait_for_url(f"{live_server.url}/login")
    assert "You are signed out." in page.content()
    page.goto(f"{live_server.url}/people")
    assert page.url.startswith(f"{live_server.url}/login")


def test_hr_adds_a_skill_through_the_form(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/skills/new")
    page.fill("#name", "Browser-made skill")
    page.fill("#group", "Core")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/skills")
    assert page.locator("[role=status]").inner_text() == (
        "Skill Browser-made skill is added."
    )
    assert page.locator("th", has_text="Browser-made skill").count() == 1


def test_admin_toggles_a_role_flag_in_the_accounts_table(live_server, new_page):
    page = new_page(1280)
    sign_in(page, live_server, "admin")
    email = live_server.logins["employee"]
    page.goto(f"{live_server.url}/admin/accounts")
    row = page.locator("tr", has=page.locator("th", has_text=email))
    row.locator("input[name=is_hr]").check()
    row.get_by_role("button", name=f"Save {email}").click()
    page.wait_for_load_state()
    assert f"Account {email} is saved." in page.content()
    row = page.locator("tr", has=page.locator("th", has_text=email))
    assert row.locator("input[name=is_hr]").is_checked()
    row.locator("input[name=is_hr]").uncheck()  # put the demo back as it was
    row.get_by_role("button", name=f"Save {email}").click()
    page.wait_for_load_state()
