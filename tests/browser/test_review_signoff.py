"""The review task from issue 15, at 1280×800 and 390×844, through the UI only: the
employee writes and submits the self-assessment; the manager opens the review from the
to-do list, sees the employee's rating and comment beside each field, is refused a
training need already met (on its level field), and saves and shares from the form;
the employee tries "I disagree" without a reason (refused on the comment), then gives
one; HR finds the disagreement on Review quality › Disagreements and counted in the
review-quality report. Every irreversible button asks first (the dialog is accepted
here); the to-do list is read before and after each step.

Arranged through the services (inside the live server's app context): one ad hoc
review per width of the demo employee by their manager, and a skill the employee is
already at level 4 in. Screenshots: ``test-artifacts/screenshots/task-signoff-*.png``.
"""

import json
from datetime import date

import pytest
import sqlalchemy as sa

from tests.browser.conftest import sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser
REASON = "The release date was set before I joined the project."


def _arrange(server) -> dict:
    from core.extensions import db
    from people.models import Employee, EmployeeSkillLevel, Skill, User
    from reviews import services

    with server.app.app_context():
        account = db.session.scalar(
            sa.select(User).where(User.email == server.logins["employee"])
        )
        person = db.session.get(Employee, account.employee_id)
        manager = db.session.scalar(
            sa.select(User).where(User.employee_id == person.manager_id)
        )
        hr = db.session.scalar(sa.select(User).where(User.email == server.logins["hr"]))
        skill = Skill(name="Task test skill", group="General")
        db.session.add(skill)
        db.session.flush()
        db.session.add(
            EmployeeSkillLevel(
                employee_id=person.id, skill_id=skill.id, level=4, source="manager"
            )
        )
        template = services.create_template(
            hr,
            {
                "name": "Sign-off task template",
                "description": "",
                "rating_labels": None,
                "competencies": [
                    {"name": n, "description": "", "skill_id": None}
                    for n in ("Delivery", "Teamwork")
                ],
                "questions": [{"text": "What are you proudest of?"}],
            },
        )
        reviews = {}
        # Periods long past: these reviews never become "the last review" of the
        # reviews other browser tests arrange for the same person.
        for width, start in ((1280, date(2025, 1, 1)), (390, date(2025, 1, 2))):
            review = services.start_adhoc_review(
                manager,
                {
                    "employee_id": person.id,
                    "template_id": template.id,
                    "period_start": start,
                    "period_end": date(2025, 6, 30),
                },
            )
            reviews[width] = review.id
        result = {
            "reviews": reviews,
            "competencies": [c.id for c in template.competencies],
            "manager_email": manager.email,
            "skill": skill.id,
        }
        db.session.commit()
        db.session.remove()
    return result


@pytest.fixture(scope="module")
def arranged(live_server):
    return _arrange(live_server)


def _sign_in_email(page, server, email: str) -> None:
    page.goto(f"{server.url}/login")
    page.fill("#email", email)
    page.fill("#password", server.password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/")


def _todo_links(page, server) -> list[str]:
    """The links of Home's to-do list (``section.todos``), read from Home."""
    page.goto(f"{server.url}/")
    return page.locator("section.todos a").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))"
    )


def _follow_todo(page, href: str) -> None:
    """Click the to-do with ``href``, unfolding "N more to do" when it is there."""
    link = page.locator(f"section.todos a[href='{href}']").first
    if not link.is_visible():
        page.click("section.todos details.todo-more > summary")
    link.click()


def _about(links: list[str], review_id: int) -> list[str]:
    return [
        h
        for h in links
        if h.rstrip("/").split("?")[0].startswith(f"/reviews/{review_id}")
    ]


def _accepting(page) -> list[str]:
    """Accept every confirm dialog; return the list their questions are added to."""
    asked: list[str] = []

    def accept(dialog):
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    return asked


def _error_field(page) -> list[str]:
    return page.locator(
        ".field.has-error select, .field.has-error textarea"
    ).evaluate_all("els => els.map(e => e.id)")


@pytest.mark.parametrize("width", [1280, 390])
def test_review_sign_off_task(live_server, new_page, arranged, width):
    from reviews.enums import ReviewStatus
    from reviews.models import Review

    rid = arranged["reviews"][width]
    url = f"{live_server.url}/reviews/{rid}"
    problems: dict = {}
    shot = "task-signoff-{}"  # _check adds the width

    # --- the employee: self-assessment ------------------------------------------
    employee = new_page(width)
    employee_asked = _accepting(employee)
    sign_in(employee, live_server, "employee")
    before = _todo_links(employee, live_server)
    assert f"/reviews/{rid}/self-assessment" in before, before
    _check(employee, shot.format("employee-home-before"), problems)
    _follow_todo(employee, f"/reviews/{rid}/self-assessment")
    employee.wait_for_url(f"{url}/self-assessment")
    for n, cid in enumerate(arranged["competencies"]):
        employee.select_option(f"#rating_{cid}", "3")
        employee.fill(f"#comment_{cid}", f"In my words: competency {n} went well.")
    employee.fill("textarea[id^=answer_]", "The importer and its docs.")
    employee.fill("#achievements", "Shipped the importer; mentored two interns.")
    employee.click("button[value=submit]")
    employee.wait_for_url(url)
    assert employee_asked and employee_asked[-1].startswith("Submit your")
    assert not _about(_todo_links(employee, live_server), rid)

    # --- the manager: from the to-do list to the form, both parts side by side ---
    manager = new_page(width)
    manager_asked = _accepting(manager)
    _sign_in_email(manager, live_server, arranged["manager_email"])
    links = _about(_todo_links(manager, live_server), rid)
    assert links, "the manager's to-do list names the review"
    _check(manager, shot.format("manager-home-before"), problems)
    _follow_todo(manager, links[0])
    manager.wait_for_load_state()
    if "/manager-assessment" not in manager.url:
        manager.click("text=Write the manager’s part")
    manager.wait_for_url(f"{url}/manager-assessment")
    beside = manager.locator(".their-part")
    assert beside.count() == len(arranged["competencies"])
    assert "In my words: competency 0 went well." in beside.first.inner_text()
    assert manager.locator("details#step-needs[open]").count() == 0  # short form
    _check(manager, shot.format("manager-form"), problems)
    for cid in arranged["competencies"]:
        manager.select_option(f"#rating_{cid}", "4")
        manager.fill(f"#comment_{cid}", "Delivered the importer a week early.")
    manager.click("#step-strengths > summary")
    manager.fill("#strengths", "Broke the importer into safe, reviewable steps.")
    manager.click("#step-needs > summary")
    option = manager.locator(f"#need_skill_0 option[value='{arranged['skill']}']")
    assert "now 4" in option.inner_text()  # the picker shows the current level
    manager.select_option("#need_skill_0", str(arranged["skill"]))
    manager.select_option("#need_level_0", "3")
    manager.select_option("#overall_rating", "4")
    manager.click("button[value=share]")
    manager.wait_for_load_state()
    assert manager_asked and manager_asked[-1].startswith("Save and share")
    assert _error_field(manager) == ["need_level_0"]  # refused on its own field
    assert "this need is met" in manager.inner_text("#step-needs")
    _check(manager, shot.format("manager-form-refused"), problems)
    manager.select_option("#need_level_0", "5")
    manager.click("button[value=share]")
    manager.wait_for_url(url)
    assert "The review is shared" in manager.content()
    assert not [h for h in _todo_links(manager, live_server) if h in links]

    # --- the employee: "I disagree" needs a reason ----------------------------------
    links = _about(_todo_links(employee, live_server), rid)
    assert links, "the employee's to-do list asks for the sign-off"
    _follow_todo(employee, links[0])
    employee.wait_for_url(url + "**")
    employee.check("#disagree")
    employee.click("text=Acknowledge the review")
    employee.wait_for_load_state()
    assert employee_asked[-1].startswith("Sign off the review?")
    assert _error_field(employee) == ["comment"]
    assert "Say why you disagree" in employee.inner_text("main")
    _check(employee, shot.format("employee-disagree-refused"), problems)
    employee.fill("#comment", REASON)
    if not employee.is_checked("#disagree"):
        employee.check("#disagree")
    employee.click("text=Acknowledge the review")
    employee.wait_for_url(url)
    assert "You disagree with this review" in employee.inner_text("main")
    assert REASON in employee.inner_text("main")
    _check(employee, shot.format("employee-signed"), problems)
    assert not _about(_todo_links(employee, live_server), rid)
    status = live_server.query(sa.select(Review.status).where(Review.id == rid))
    assert status is ReviewStatus.acknowledged

    # --- HR: the disagreement on Review quality and in the report ---------------
    hr = new_page(width)
    sign_in(hr, live_server, "hr")
    _check(hr, shot.format("hr-home"), problems)
    hr.goto(f"{live_server.url}/reviews/quality")
    hr.click("text=Disagreements")
    hr.wait_for_url("**view=disagreements**")
    assert REASON in hr.inner_text("main")
    _check(hr, shot.format("hr-disagreements"), problems)
    hr.goto(f"{live_server.url}/reports/review-quality")
    assert "Employee disagrees" in hr.inner_text("main")
    assert not problems, json.dumps(problems, indent=2)
