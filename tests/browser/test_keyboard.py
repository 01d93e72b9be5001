"""Issue 23: every core task by keyboard alone, per role, with the focus checked after
every key (visible, inside the viewport, not covered — see ``keyboard.py``).

Only ``page.keyboard`` drives the pages: Tab/Shift+Tab to a control named as a screen
reader names it, Enter/Space to follow or press it, arrows in a select, typing into the
focused field. ``page.goto`` opens the first page of a task (a bookmark); every later
page is reached by keyboard. The native ``confirm()`` dialogs of ``data-confirm`` are
answered through Playwright's dialog handler (the browser's own dialog takes Enter and
Escape; Playwright cannot press keys in it) and the test checks the focus is where it
was when a question is declined.

The walks use Nora Nakamura, the demo manager's other senior engineer, whom no other
browser test touches; her reviews, needs, activity and notification are arranged
through the services below, and her demo review waiting to be signed off is picked
by state. Screenshots: ``test-artifacts/screenshots/kb-*.png``.
"""

import json
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tests.browser.conftest import ARTIFACTS
from tests.browser.keyboard import (
    Keyboard,
    answering,
    follow,
    follow_todo,
    is_field,
    open_section,
    press_confirmed,
    sign_in,
    type_date,
)
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser
PERSON = "nora.nakamura@trellis.example"
COMPETENCIES = ("Delivery", "Teamwork")


def _arrange(server) -> dict:
    from core.db import utcnow
    from core.extensions import db
    from development.enums import ActivityKind, ActivityStatus
    from development.learning_record import current_policy
    from development.services.activities import create_activity
    from development.services.interviews import (
        create_interview,
        request_interview,
        schedule_interview,
    )
    from notifications.kinds import NotificationKind as K
    from notifications.models import Notification
    from notifications.services import Pending, queue
    from people.models import Employee, Skill, User
    from reviews import services
    from reviews.enums import ReviewStatus
    from reviews.models import Review
    from reviews.queries import load_review

    with server.app.app_context():
        person = db.session.scalar(sa.select(User).where(User.email == PERSON))
        employee = db.session.get(Employee, person.employee_id)
        manager = db.session.scalar(
            sa.select(User).where(User.employee_id == employee.manager_id)
        )
        hr = db.session.scalar(sa.select(User).where(User.email == server.logins["hr"]))
        template = services.create_template(
            hr,
            {
                "name": "Keyboard walk template",
                "description": "",
                "rating_labels": None,
                "competencies": [
                    {"name": n, "description": "", "skill_id": None}
                    for n in COMPETENCIES
                ],
                "questions": [{"text": "What are you proudest of?"}],
            },
        )
        reviews = []
        # Periods long past, so these never become anyone's "last review".
        for start in (date(2024, 1, 1), date(2024, 7, 1)):
            reviews.append(
                services.start_adhoc_review(
                    manager,
                    {
                        "employee_id": employee.id,
                        "template_id": template.id,
                        "period_start": start,
                        "period_end": start + timedelta(days=180),
                    },
                )
            )
        db.session.commit()  # load it whole, as the pages do
        submitted = load_review(reviews[1].id)
        services.save_self_assessment(
            person,
            submitted,
            {
                "version": submitted.version,
                "ratings": [
                    {"competency_id": c.id, "rating": 3, "comment": "Went well."}
                    for c in submitted.template.competencies
                ],
                "answers": [],
                "achievements": "Shipped the search rewrite.",
                "submit": True,
            },
        )
        skills = {
            s.name: s
            for s in db.session.scalars(
                sa.select(Skill).where(Skill.name.in_(["Negotiation", "Budgeting"]))
            )
        }
        needs = {
            name: services.create_need(
                manager,
                {
                    "employee_id": employee.id,
                    "skill_id": skill.id,
                    "target_level": 3,
                    "due_on": None,
                },
            )
            for name, skill in skills.items()
        }
        # Evidence already logged for one need, for the manager to verify.
        evidence = create_activity(
            person,
            {
                "kind": ActivityKind.course,
                "title": "Keyboard budgeting course",
                "status": ActivityStatus.completed,
                "hours": 4.0,
                "need_ids": [needs["Budgeting"].id],
            },
        )
        # Over the monthly interview limit in a month ahead: the last one waits for
        # the manager's approval on the desk.
        start = utcnow().replace(day=10, hour=9, minute=0, second=0, microsecond=0)
        month = start + timedelta(days=62)
        for n in range(current_policy().interviews_per_month + 1):
            interview = create_interview(person, {"target_role": f"Keyboard role {n}"})
            request_interview(person, interview, {"message": "May I ask?"})
            schedule_interview(
                person,
                interview,
                {"scheduled_at": month + timedelta(days=n), "location": f"Room K{n}"},
            )
        assert interview.needs_approval
        # One delivered, unread notification each for the person and HR (delivered
        # here, not by running the jobs, which would deliver other tests' too).
        due = {
            "employee": employee.name,
            "cycle": "H2 2026",
            "owner": True,
            "step": "the self-assessment",
            "due_on": "2026-12-01",
        }
        now = utcnow()
        queue(
            [
                Pending(user.id, K.review_due_soon, "keyboard", n, now, due, "/reviews")
                for user, n in ((person, 1), (hr, 2), (hr, 3))
            ],
            now=now,
        )
        db.session.execute(
            sa.update(Notification)
            .where(Notification.subject_type == "keyboard")
            .values(delivered_at=now)
        )
        shared = db.session.scalar(
            sa.select(Review.id).where(
                Review.employee_id == employee.id,
                Review.status == ReviewStatus.shared,
            )
        )
        result = {
            "self_review": reviews[0].id,
            "manager_review": reviews[1].id,
            "shared_review": shared,
            "needs": {k: v.id for k, v in needs.items()},
            "evidence": evidence.id,
            "manager_email": manager.email,
        }
        db.session.commit()
        db.session.remove()
    return result


def _flash(page) -> str:
    return page.locator("main").inner_text()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(ARTIFACTS / f"kb-{name}-{width}.png"))


def _more_menu(kb: Keyboard) -> None:
    """The header's More menu: Enter opens it, Tab goes into its links, Escape closes
    it and gives the focus back to More."""
    more = lambda f: f.name == "More" and f.role in ("DisclosureTriangle", "button")  # noqa: E731
    kb.tab_to(more, "More")
    kb.press("Enter", "open More")
    assert kb.page.locator("nav.main-nav details[open]").count() == 1
    inside = kb.press("Tab", "into the More menu")
    assert inside.role == "link", inside
    _shot(kb.page, "more-open")
    kb.press("Escape", "close More")
    back = kb.check("after Escape")
    assert more(back), f"focus after Escape: {back.html}"
    assert kb.page.locator("nav.main-nav details[open]").count() == 0


# --- the employee --------------------------------------------------------------------
def _self_assessment(kb: Keyboard, arranged: dict, asked: list[str]) -> None:
    """From Home's to-do to a saved draft, then submitted through the question."""
    rid = arranged["self_review"]
    follow_todo(kb, "Write your self-assessment", f"/reviews/{rid}/self-assessment")
    assert kb.page.url.endswith(f"/reviews/{rid}/self-assessment"), kb.page.url
    for n in range(len(COMPETENCIES)):
        kb.tab_to(lambda f: f.id.startswith("rating_"), f"rating {n + 1}")
        kb.choose(re.compile(r"^3\b"))
        kb.tab_to(lambda f: f.id.startswith("comment_"), f"comment {n + 1}")
        kb.type(f"By keyboard: competency {n + 1} went well.")
    kb.tab_to(is_field("What are you proudest of?"), "the question")
    kb.type("Shipping the importer without a mouse.")
    kb.tab_to(is_field(re.compile(r"^What you achieved")), "achievements")
    kb.type("Shipped the importer.")
    kb.tab_to_role("button", "Save draft")
    kb.activate("Enter", "save the draft")
    assert "Your draft is saved." in _flash(kb.page)
    _shot(kb.page, "self-saved")
    press_confirmed(kb, "Submit to manager", asked)
    assert asked[-1].startswith("Submit your"), asked
    assert kb.page.url.endswith(f"/reviews/{rid}"), kb.page.url
    assert "submitted to your manager" in _flash(kb.page)


def _acknowledge(kb: Keyboard, arranged: dict, asked: list[str]) -> None:
    """The demo review waiting for her sign-off, from Home's to-do."""
    follow(kb, "Home")
    follow_todo(kb, "Read and acknowledge your review")
    assert kb.page.url.endswith(f"/reviews/{arranged['shared_review']}"), kb.page.url
    press_confirmed(kb, "Acknowledge the review", asked)
    assert "Sign off" in asked[-1], asked
    assert "acknowledged" in _flash(kb.page).lower()
    _shot(kb.page, "acknowledged")


def _activity_as_evidence(kb: Keyboard, arranged: dict, asked: list[str]) -> None:
    """Development › Add an activity › Course, completed, ticked against a need."""
    follow(kb, "Development")
    follow(kb, "Add an activity")
    follow(kb, "Course")
    kb.tab_to(is_field(re.compile(r"^Title")), "the title")
    kb.type("Negotiation basics, by keyboard")
    kb.tab_to(is_field("Hours"), "hours")
    kb.type("3")
    kb.tab_to(is_field("Status"), "the status")
    kb.choose("Completed")
    kb.tab_to(is_field(re.compile(r"^Negotiation to level")), "the need")
    kb.press("Space", "tick the need")
    assert kb.page.evaluate("document.activeElement.checked")
    kb.tab_to_role("button", "Save the activity")
    kb.activate("Enter", "save the activity")
    assert "is saved" in _flash(kb.page), _flash(kb.page)
    _shot(kb.page, "activity-saved")


def _interview(kb: Keyboard, arranged: dict, asked: list[str]) -> None:
    """A new informational interview: idea → sent → scheduled → completed → thanked.
    Held two months ago (completion waits for the time to come)."""
    held = date.today() - timedelta(days=60)
    follow(kb, "Development")
    follow(kb, "Informational interviews")
    follow(kb, "New interview")
    kb.tab_to(is_field("Target role"), "the target role")
    kb.type("Data engineer (keyboard)")
    follow(kb, "Add the idea", role="button")
    kb.tab_to(is_field(re.compile(r"^Sent on")), "the day it was sent")
    type_date(kb, held - timedelta(days=7))
    follow(kb, "Mark sent", role="button")
    kb.tab_to(is_field(re.compile(r"^(Date and time|When)")), "the time")
    type_date(kb, held, hour=14)
    follow(kb, "Schedule", role="button")
    assert "The interview is scheduled" in _flash(kb.page), _flash(kb.page)
    kb.tab_to(is_field(re.compile(r"^Shared takeaways")), "takeaways")
    kb.type("Learn dbt.")
    follow(kb, "Mark completed", role="button")
    follow(kb, "Record the thank-you", role="button")
    assert "Followed up" in _flash(kb.page)
    _shot(kb.page, "interview-done")


def _notifications(kb: Keyboard, arranged: dict, asked: list[str]) -> None:
    """The bell in the header (its name says how many are unread) › Mark as read."""
    before = kb.tab_to_role("link", re.compile(r"^Notifications \d+ unread"))
    count = int(re.search(r"(\d+) unread", before.name).group(1))
    kb.activate("Enter", "open the notifications")
    kb.tab_to_role("button", re.compile(r"^Mark as read"))
    kb.activate("Enter", "mark one read")
    after = kb.tab_to_role("link", re.compile(r"^Notifications"))
    assert after.name == (
        f"Notifications {count - 1} unread" if count > 1 else "Notifications"
    ), after.name


# --- the manager and HR ----------------------------------------------------------------
def _manager_part(kb: Keyboard, arranged: dict, asked: list[str]) -> None:
    """From Home's to-do: a rating and comment per competency, strengths, the overall
    rating, then "Save and share" through its question."""
    rid = arranged["manager_review"]
    part = f"/reviews/{rid}/manager-assessment"
    follow_todo(kb, re.compile(r"^Write your part of Nora Nakamura"), part)
    assert kb.page.url.endswith(f"/reviews/{rid}/manager-assessment"), kb.page.url
    for n in range(len(COMPETENCIES)):
        kb.tab_to(lambda f: f.id.startswith("rating_"), f"rating {n + 1}")
        kb.choose(re.compile(r"^4\b"))
        kb.tab_to(lambda f: f.id.startswith("comment_"), f"comment {n + 1}")
        kb.type("Delivered the importer a week early.")
    open_section(kb, re.compile(r"\b2\. Strengths"))
    kb.tab_to(is_field(re.compile(r"^Strengths")), "strengths")
    kb.type("Broke the importer into safe, reviewable steps.")
    open_section(kb, re.compile(r"\b6\. Overall rating"))
    kb.tab_to(is_field(re.compile(r"^Overall rating")), "the overall rating")
    kb.choose(re.compile(r"^4\b"))
    _shot(kb.page, "manager-form")
    press_confirmed(kb, "Save and share", asked)
    assert asked[-1].startswith("Save and share"), asked
    assert "The review is shared with Nora Nakamura" in _flash(kb.page), _flash(kb.page)


def _verify_on_desk(kb: Keyboard, arranged: dict, asked: list[str]) -> None:
    """Team (the desk) › tick the course logged as evidence › Verify selected… › tick
    the need it meets › Verify 1 activity."""
    follow(kb, "Team")
    kb.tab_to(is_field(re.compile(r"^Keyboard budgeting course")), "the course")
    kb.press("Space", "tick the course")
    follow(kb, "Verify selected", role="button")
    assert kb.page.locator("h1").inner_text() == "Verify 1 activity?"
    kb.tab_to(is_field(re.compile(r"Budgeting")), "the need it meets")
    kb.press("Space", "mark the need met")
    follow(kb, "Verify 1 activity", role="button")
    assert "1 activity is verified; 1 need is marked met." in _flash(kb.page)
    _shot(kb.page, "desk-verified")


def _approve_on_desk(kb: Keyboard, arranged: dict, asked: list[str]) -> None:
    """Team › "Approve Nora Nakamura's interview" (over the monthly limit)."""
    follow(kb, "Team")
    follow(kb, re.compile(r"^Approve Nora Nakamura"), role="button")
    assert "scheduled as proposed" in _flash(kb.page), _flash(kb.page)


def _heat_map_cell(kb: Keyboard, arranged: dict, asked: list[str]) -> None:
    """Reports › Training gaps › a heat-map cell (an SVG link) › its people list ›
    a person. After the cell, the focus must lead to the people: the next Tab stops
    are in the list (not back at the top of the page)."""
    follow(kb, "Reports")
    follow(kb, "Training gaps")
    # A cell is named "<department>, <skill>: 2 of 6 below, average gap 1.0".
    cell = kb.tab_to_role("link", re.compile(r"^[^:]+, [^:]+: \d+ of \d+ below"), 200)
    _shot(kb.page, "heat-cell-focused")
    kb.activate("Enter", f"open the cell {cell.name!r}")
    assert "skill_id=" in kb.page.url, kb.page.url
    # The cell links to the heading of its people (#cell-people), which the arrival
    # script focuses; the next Tab stops must be the people.
    fragment = kb.page.url.partition("#")[2] or "people-heading"
    heading = kb.page.locator(f"[id='{fragment}']")
    assert heading.count() == 1, f"no #{fragment} on {kb.page.url}"
    arrived = kb.focus()
    person = kb.tab_to(lambda f: f.role == "link", "the first link after the cell")
    inside = heading.locator("..").evaluate("e => e.contains(document.activeElement)")
    assert inside, (
        f"after the cell the focus was on {arrived.html[:120]} and the next link is "
        f"{person.name!r}, outside the people list under #{fragment}"
    )
    _shot(kb.page, "heat-people")
    kb.activate("Enter", f"open {person.name!r}")
    assert "/people/" in kb.page.url, kb.page.url


# --- the tests ---------------------------------------------------------------------------
def _walk(live_server, new_page, arranged, email, tasks, width: int = 1280) -> None:
    """Sign in as ``email`` and run each task; the shared page checks (axe, the issue-23
    gate) run on the page each task ends on."""
    problems: dict = {}
    page = new_page(width)
    kb = Keyboard(page, f"{email} at {width}")
    asked = answering(kb)
    sign_in(kb, live_server.url, email, live_server.password)
    for task in tasks:
        task(kb, arranged, asked)
        _check(page, f"kb{task.__name__.replace('_', '-')}", problems)
    assert not problems, json.dumps(problems, indent=2)


@pytest.fixture(scope="module")
def arranged(live_server):
    return _arrange(live_server)


def test_the_employee_by_keyboard(live_server, new_page, arranged):
    tasks = (_self_assessment, _acknowledge, _interview, _activity_as_evidence)
    _walk(live_server, new_page, arranged, PERSON, (*tasks, _notifications))


def test_the_manager_by_keyboard(live_server, new_page, arranged):
    manager = arranged["manager_email"]
    _walk(
        live_server,
        new_page,
        arranged,
        manager,
        (_manager_part, _verify_on_desk, _approve_on_desk),
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_hr_by_keyboard(live_server, new_page, arranged, width):
    hr = live_server.logins["hr"]
    _walk(live_server, new_page, arranged, hr, (_heat_map_cell, _notifications), width)


@pytest.mark.parametrize("who", ["person", "manager", "hr"])
def test_the_more_menu_by_keyboard(live_server, new_page, arranged, who):
    email = {
        "person": PERSON,
        "manager": arranged["manager_email"],
        "hr": live_server.logins["hr"],
    }[who]
    page = new_page(1280)
    kb = Keyboard(page, f"{who} More menu")
    sign_in(kb, live_server.url, email, live_server.password)
    _more_menu(kb)


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (
            '<button>Under</button><div style="position:fixed;top:0;left:0;'
            'width:100%;height:9rem;background:#fff">An open menu</div>',
            "covered by <div",
        ),
        ('<button style="position:fixed;top:900px">Below</button>', "outside the"),
        ('<button style="opacity:0">Clear</button>', "not visible"),
    ],
)
def test_the_focus_check_fails_on_hidden_focus(new_page, html, problem):
    """The check itself: a focused control under an overlay (the More menu of issue
    23), off the viewport or transparent fails; the walks above would catch it."""
    page = new_page(1280)
    page.set_content(f"<!doctype html><body>{html}</body>")
    kb = Keyboard(page, "self-test")
    with pytest.raises(AssertionError, match=problem):
        kb.press("Tab", "to the only button")


def test_the_focus_check_passes_a_link_wrapped_over_two_lines(new_page):
    page = new_page(1280)
    page.set_content(
        '<!doctype html><p style="width:12rem">Some words then <a href="#x">a link'
        " that wraps onto the next line</a> and more.</p>"
    )
    assert Keyboard(page, "self-test").press("Tab").role == "link"
