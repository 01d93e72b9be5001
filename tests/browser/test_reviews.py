"""The review flow in Chromium, through the real forms: the employee's self-assessment,
the manager's assessment, sharing, acknowledgement with "I disagree", an addendum; and the
review page showing earlier reviews, goals and what happened to the last review's
training needs. axe finds no serious or critical violation at either width; screenshots
go to ``test-artifacts/screenshots/review-*.png``.

The demo may or may not contain reviews, so the test arranges its own: two ad hoc reviews
of the demo employee by their direct manager, the earlier one shared and signed with needs
in every state (through the services, inside the live server's app context).
"""

import json
from datetime import date

import pytest
import sqlalchemy as sa

from tests.browser.conftest import sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser


def _arrange(server) -> dict:
    """Template, a signed earlier review with needs in every state, and a new review.

    The demo's own signed reviews follow the day it is loaded, so the two reviews are
    placed after the person's latest shared one: the earlier review ends with it (and,
    made later, is read as "the last review") and the new one follows.
    """
    from datetime import UTC, datetime, time, timedelta

    from core.extensions import db
    from people.models import Employee, Skill, User
    from reviews import services
    from reviews.enums import TrainingNeedStatus
    from reviews.models import Goal, Review, TrainingNeed
    from reviews.queries import SHARED, load_review

    with server.app.app_context():
        employee = db.session.scalar(
            sa.select(User).where(User.email == server.logins["employee"])
        )
        person = db.session.get(Employee, employee.employee_id)
        manager = db.session.scalar(
            sa.select(User).where(User.employee_id == person.manager_id)
        )
        hr = db.session.scalar(sa.select(User).where(User.email == server.logins["hr"]))
        from reviews.services.outcomes import current_levels

        levels = current_levels(person.id)  # needs aim above the current level
        skills = [
            s
            for s in db.session.scalars(sa.select(Skill).order_by(Skill.id))
            if levels.get(s.id, 0) < 3
        ][:4]
        template = services.create_template(
            hr,
            {
                "name": "Browser review template",
                "description": "",
                "rating_labels": None,
                "competencies": [
                    {"name": n, "description": "", "skill_id": None}
                    for n in ("Delivery", "Collaboration", "Craft")
                ],
                "questions": [{"text": "What are you proudest of?"}],
            },
        )
        latest = db.session.scalar(
            sa.select(sa.func.max(Review.period_end)).where(
                Review.employee_id == person.id, Review.status.in_(SHARED)
            )
        ) or date(2026, 5, 31)
        now = datetime.combine(latest + timedelta(days=1), time(9), tzinfo=UTC)
        earlier = services.start_adhoc_review(
            manager,
            {
                "employee_id": person.id,
                "template_id": template.id,
                "period_start": latest - timedelta(days=181),
                "period_end": latest,
            },
            now=now,
        )
        earlier = load_review(earlier.id)
        ratings = [
            {"competency_id": c.id, "rating": 2 + i % 2, "comment": "Solid work."}
            for i, c in enumerate(template.competencies)
        ]
        services.save_self_assessment(
            employee,
            earlier,
            {"ratings": ratings, "answers": [], "submit": True},
            now=now,
        )
        services.save_manager_assessment(
            manager,
            earlier,
            {
                "ratings": ratings,
                "strengths": "Calm, clear incident handling.",
                "areas_to_strengthen": "Write design notes earlier.",
                "overall_rating": 3,
                "obstacles": [],
                "training_needs": [
                    {
                        "skill_id": s.id,
                        "target_level": 3,
                        "priority": _medium(),
                        "due_on": latest + timedelta(days=63),
                    }
                    for s in skills
                ],
                "goals": [
                    {
                        "title": "Own the billing runbook",
                        "description": "",
                        "target_on": latest + timedelta(days=93),
                    }
                ],
            },
            now=now,
        )
        services.share_review(manager, earlier, now=now)
        services.acknowledge_review(employee, earlier, {"comment": "Fair."}, now=now)
        needs = db.session.scalars(
            sa.select(TrainingNeed)
            .where(TrainingNeed.source_review_id == earlier.id)
            .order_by(TrainingNeed.id)
        ).all()
        fates = [
            TrainingNeedStatus.met,
            TrainingNeedStatus.in_progress,
            TrainingNeedStatus.dropped,
            TrainingNeedStatus.open,
        ]
        for need, status in zip(needs, fates, strict=True):
            need.status = status
        needs[2].drop_reason = "The team moved off this stack."
        goal = db.session.scalar(
            sa.select(Goal).where(Goal.source_review_id == earlier.id)
        )
        goal.progress = 60
        current = services.start_adhoc_review(
            manager,
            {
                "employee_id": person.id,
                "template_id": template.id,
                "period_start": latest + timedelta(days=1),
                "period_end": latest + timedelta(days=182),
            },
        )
        result = {
            "review": current.id,
            "earlier": earlier.id,
            "competencies": [c.id for c in template.competencies],
            "manager_email": manager.email,
            "skill": skills[0].id,
            "employee_name": person.name,
        }
        db.session.commit()
        db.session.remove()
    return result


def _medium():
    from reviews.enums import Priority

    return Priority.medium


def _sign_in_email(page, server, email: str) -> None:
    page.goto(f"{server.url}/login")
    page.fill("#email", email)
    page.fill("#password", server.password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/")


@pytest.fixture(scope="module")
def arranged(live_server):
    return _arrange(live_server)


def test_review_flow_through_the_ui(live_server, new_page, arranged):
    from reviews.enums import ReviewStatus
    from reviews.models import Review, ReviewAddendum

    url = f"{live_server.url}/reviews/{arranged['review']}"
    problems: dict = {}
    comps = arranged["competencies"]

    employee = new_page(1280)
    employee.on("dialog", lambda dialog: dialog.accept())  # the confirmations
    sign_in(employee, live_server, "employee")
    employee.goto(f"{live_server.url}/reviews")
    _check(employee, "review-my-reviews", problems)
    employee.goto(url)
    employee.click("text=Write the self-assessment")
    for cid in comps:
        employee.select_option(f"#rating_{cid}", "4")
        employee.fill(f"#comment_{cid}", "I shipped the importer and its docs.")
    employee.fill("#achievements", "Shipped the importer; mentored two interns.")
    _check(employee, "review-self-form", problems)
    employee.click("button[value=draft]")
    employee.wait_for_load_state()
    assert "Your draft is saved." in employee.content()
    employee.click("button[value=submit]")
    employee.wait_for_url(url)
    status = live_server.query(
        sa.select(Review.status).where(Review.id == arranged["review"])
    )
    assert status is ReviewStatus.self_submitted

    manager = new_page(1280)
    manager.on("dialog", lambda dialog: dialog.accept())
    _sign_in_email(manager, live_server, arranged["manager_email"])
    manager.goto(url)
    assert "I shipped the importer" in manager.content()  # submitted: now visible
    manager.click("text=Write the manager’s part")
    for cid in comps:
        manager.select_option(f"#rating_{cid}", "4")
        manager.fill(f"#comment_{cid}", "Delivered the importer a week early.")
    manager.click("#step-strengths > summary")  # sections start closed
    manager.fill("#strengths", "Broke the importer into safe, reviewable steps.")
    manager.fill("#areas_to_strengthen", "Share design notes before coding.")
    manager.click("#step-needs > summary")
    manager.select_option("#need_skill_0", str(arranged["skill"]))
    manager.select_option("#need_level_0", "4")
    manager.click("#step-goals > summary")
    manager.fill("#goal_title_0", "Lead the next data migration")
    manager.select_option("#overall_rating", "4")
    _check(manager, "review-manager-form", problems)
    manager.click("button[value=review]")
    manager.wait_for_url(url)
    manager.click("text=Share the review")
    manager.wait_for_load_state()
    assert "The review is shared" in manager.content()

    employee.goto(url)
    assert "Broke the importer into safe" in employee.content()
    employee.fill("#comment", "Thanks — but the deadline was not mine to set.")
    employee.check("#disagree")
    employee.click("text=Acknowledge the review")
    employee.wait_for_load_state()
    employee.fill("#text", "The migration plan is in the wiki.")
    employee.click("text=Add addendum")
    employee.wait_for_load_state()
    assert "Your addendum is added." in employee.content()
    review_id = arranged["review"]
    assert (
        live_server.query(sa.select(Review.status).where(Review.id == review_id))
        is ReviewStatus.acknowledged
    )
    assert (
        live_server.query(
            sa.select(ReviewAddendum.text).where(ReviewAddendum.review_id == review_id)
        )
        == "The migration plan is in the wiki."
    )
    assert not problems, json.dumps(problems, indent=2)


@pytest.mark.parametrize("width", [1280, 390])
def test_review_page_shows_history_and_is_accessible(
    live_server, new_page, arranged, width
):
    page = new_page(width)
    sign_in(page, live_server, "employee")
    page.goto(f"{live_server.url}/reviews/{arranged['review']}")
    text = page.inner_text("main")
    for expected in (
        "Earlier reviews",
        "Own the billing runbook",
        "60% done",
        "Met",
        "In progress (evidence linked)",
        "Dropped",
        "The team moved off this stack.",
        "Development since the last review",
    ):
        assert expected in text, expected
    assert page.locator("svg.chart[role=img] title").count() == 1
    problems: dict = {}
    _check(page, "review-detail", problems)
    page.goto(f"{live_server.url}/reviews/{arranged['earlier']}")
    _check(page, "review-earlier", problems)
    assert not problems, json.dumps(problems, indent=2)


@pytest.mark.parametrize("width", [1280, 390])
def test_hr_review_pages_are_accessible(live_server, new_page, arranged, width):
    page = new_page(width)
    sign_in(page, live_server, "hr")
    problems: dict = {}
    for name, path in (
        ("review-cycles", "/reviews/cycles"),
        ("review-templates", "/reviews/templates"),
        ("review-quality", "/reviews/quality"),
        ("review-disagreements", "/reviews/quality?view=disagreements"),
        ("review-hr-detail", f"/reviews/{arranged['earlier']}"),
        ("review-cycle-new", "/reviews/cycles/new"),
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        _check(page, name, problems)
    assert not problems, json.dumps(problems, indent=2)


@pytest.mark.parametrize("width", [390])
def test_forms_are_accessible_on_a_phone(live_server, new_page, arranged, width):
    page = new_page(width)
    _sign_in_email(page, live_server, arranged["manager_email"])
    problems: dict = {}
    page.goto(f"{live_server.url}/reviews")
    _check(page, "review-team-list", problems)
    assert not problems, json.dumps(problems, indent=2)
