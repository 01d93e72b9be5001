"""Goals and training needs in Chromium, through the real forms: a review names a need →
the employee adds evidence → the manager verifies it met → the person page shows the new
skill level; my goals with a check-in; the team goal tree, team needs and the gap table.
axe finds no serious or critical violation at 1280×800 and 390×844; screenshots go to
``test-artifacts/screenshots/goals-*.png``.

The test arranges its own rows (through the services, in the live server's app context):
a shared ad hoc review of the demo employee that names a need for a fresh skill, and a
goal of theirs aligned to their manager's goal.
"""

import json
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tests.browser.conftest import sign_in
from tests.browser.test_pages import _check
from tests.browser.test_reviews import _sign_in_email

pytestmark = pytest.mark.browser


def _arrange(server) -> dict:
    from core.extensions import db
    from people.models import Employee, Skill, User
    from reviews import services
    from reviews.enums import MeasureType, Priority
    from reviews.models import TrainingNeed
    from reviews.queries import load_review

    with server.app.app_context():
        employee = db.session.scalar(
            sa.select(User).where(User.email == server.logins["employee"])
        )
        person = db.session.get(Employee, employee.employee_id)
        manager = db.session.scalar(
            sa.select(User).where(User.employee_id == person.manager_id)
        )
        hr = db.session.scalar(sa.select(User).where(User.email == server.logins["hr"]))
        skill = Skill(name="Chaos engineering (browser)", group="Engineering")
        db.session.add(skill)
        template = services.create_template(
            hr,
            {
                "name": "Browser goals template",
                "description": "",
                "rating_labels": None,
                "competencies": [
                    {"name": "Delivery", "description": "", "skill_id": None}
                ],
                "questions": [],
            },
        )
        review = services.start_adhoc_review(
            manager,
            {
                "employee_id": person.id,
                "template_id": template.id,
                "period_start": date(2024, 1, 1),
                "period_end": date(2024, 3, 31),
            },
        )
        review = load_review(review.id)
        ratings = [
            {"competency_id": c.id, "rating": 3, "comment": "Steady, careful work."}
            for c in template.competencies
        ]
        services.save_self_assessment(
            employee, review, {"ratings": ratings, "answers": [], "submit": True}
        )
        services.save_manager_assessment(
            manager,
            review,
            {
                "ratings": ratings,
                "strengths": "Calm under pressure.",
                "areas_to_strengthen": "Practise failure drills.",
                "overall_rating": 3,
                "obstacles": [],
                "goals": [],
                "training_needs": [
                    {
                        "skill_id": skill.id,
                        "target_level": 4,
                        "priority": Priority.high,
                        "due_on": date.today() + timedelta(days=90),
                    }
                ],
            },
        )
        services.share_review(manager, review)
        need = db.session.scalar(
            sa.select(TrainingNeed).where(
                TrainingNeed.source_review_id == review.id,
                TrainingNeed.skill_id == skill.id,
            )
        )
        percent = {"measure": MeasureType.percent}
        team = services.create_goal(
            manager, {"title": "Browser: halve incident time", **percent}
        )
        goal = services.create_goal(
            employee,
            {"title": "Browser: run four game days", "parent_id": team.id, **percent},
        )
        result = {
            "need": need.id,
            "goal": goal.id,
            "person": person.id,
            "manager_email": manager.email,
            "skill": skill.name,
        }
        db.session.commit()
        db.session.remove()
    return result


@pytest.fixture(scope="module")
def arranged(live_server):
    return _arrange(live_server)


def test_review_need_evidence_verified_skill_level(live_server, new_page, arranged):
    from reviews.enums import TrainingNeedStatus
    from reviews.models import TrainingNeed

    base, problems = live_server.url, {}
    need_url = f"{base}/reviews/needs/{arranged['need']}"
    employee = new_page(1280)
    sign_in(employee, live_server, "employee")
    employee.goto(f"{base}/reviews/needs")
    _check(employee, "goals-my-needs", problems)
    employee.goto(need_url)
    assert "Verify met" not in employee.content()
    employee.fill("#note", "Ran two game days on the payments stack.")
    employee.fill("#url", "https://wiki.example.com/game-days")
    with employee.expect_navigation():
        employee.click("button:has-text('Add evidence')")
    assert "The evidence is added" in employee.content()
    _check(employee, "goals-need-detail", problems)

    manager = new_page(1280)
    _sign_in_email(manager, live_server, arranged["manager_email"])
    manager.goto(f"{base}/reviews/needs/team")
    _check(manager, "goals-team-needs", problems)
    manager.goto(need_url)
    _check(manager, "goals-need-verify", problems)
    with manager.expect_navigation():
        manager.click("button:has-text('Verify met')")
    assert "Verified met" in manager.content()
    status = live_server.query(
        sa.select(TrainingNeed.status).where(TrainingNeed.id == arranged["need"])
    )
    assert status is TrainingNeedStatus.met
    manager.goto(f"{base}/people/{arranged['person']}")
    row = manager.locator(
        "tr", has=manager.locator(f"th:text-is('{arranged['skill']}')")
    )
    assert row.locator("td").nth(1).inner_text().startswith("4 ·")
    assert not problems, json.dumps(problems, indent=2)


def test_my_goals_with_a_check_in(live_server, new_page, arranged):
    base, problems = live_server.url, {}
    goal_id = arranged["goal"]
    page = new_page(1280)
    sign_in(page, live_server, "employee")
    page.goto(f"{base}/reviews/goals/{goal_id}")
    page.fill("#value", "150")
    with page.expect_response(lambda r: r.request.method == "POST") as info:
        page.click("button:has-text('Save check-in')")
    assert info.value.status == 422
    assert page.get_attribute("#value", "aria-invalid") == "true"
    _check(page, "goals-check-in-error", problems)
    for value in ("25", "60"):
        page.fill("#value", value)
        page.select_option("#status", "at_risk" if value == "25" else "on_track")
        page.fill("#note", f"Game day {value}")
        with page.expect_navigation():
            page.click("button:has-text('Save check-in')")
        assert "Check-in saved" in page.content()
    assert page.locator("svg.chart polyline").count() == 1
    _check(page, "goals-goal-detail", problems)
    page.goto(f"{base}/reviews/goals")
    _check(page, "goals-my-goals", problems)
    page.goto(f"{base}/reviews/goals/new")
    _check(page, "goals-new-goal", problems)
    page.goto(f"{base}/")
    assert "My goals" in page.content()
    _check(page, "goals-home", problems)
    assert not problems, json.dumps(problems, indent=2)


@pytest.mark.parametrize("width", [1280, 390])
def test_goal_and_need_pages_are_accessible(live_server, new_page, arranged, width):
    base, problems = live_server.url, {}
    manager = new_page(width)
    _sign_in_email(manager, live_server, arranged["manager_email"])
    pages = {
        "team-goals": "/reviews/goals/team",
        "team-needs": "/reviews/needs/team",
        "gaps": "/reviews/gaps",
        "need-new": "/reviews/needs/new",
        "goal-edit": f"/reviews/goals/{arranged['goal']}/edit",
        "goal": f"/reviews/goals/{arranged['goal']}",
    }
    for name, path in pages.items():
        response = manager.goto(base + path)
        assert response.status == 200, f"{name}: {response.status}"
        assert manager.locator("h1").count() == 1, name
        _check(manager, f"goals-{name}", problems)
    employee = new_page(width)
    sign_in(employee, live_server, "employee")
    for name, path in (("my-goals", "/reviews/goals"), ("my-needs", "/reviews/needs")):
        employee.goto(base + path)
        _check(employee, f"goals-employee-{name}", problems)
    hr = new_page(width)
    sign_in(hr, live_server, "hr")
    hr.goto(f"{base}/reviews/gaps")
    if hr.locator("#department_id").count():  # HR without a team picks a department
        hr.select_option("#department_id", index=1)
        with hr.expect_navigation():
            hr.click("button:has-text('Show')")
    _check(hr, "goals-hr-gaps", problems)
    hr.locator("li.nav-more summary").click()  # the More menu (not Account)
    _check(hr, "goals-nav-more", problems)
    assert not problems, json.dumps(problems, indent=2)
