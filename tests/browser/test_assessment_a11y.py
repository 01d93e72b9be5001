"""The self-assessment as a screen reader meets it (issue 23), in Chromium: submitted
with two of four competencies unrated, each unrated rating is invalid and described by
a message naming its competency, the rating set's fieldset is described by the group's
message, the error summary links to each empty rating, and the four "Rating" fields are
told apart by their accessible names (read from Chromium's accessibility tree).

The test arranges its own review (a four-competency template, an ad hoc review of a
demo person who is not one of the role logins) so no other browser test sees it.
"""

import json
from datetime import date

import pytest
import sqlalchemy as sa

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser

COMPETENCIES = ("Delivery", "Ownership", "Communication", "Craft")


def _arrange(server) -> dict:
    from core.extensions import db
    from people.models import Employee, User
    from reviews import services

    with server.app.app_context():
        logins = set(server.logins.values())
        boss = sa.orm.aliased(User)
        person, manager = db.session.execute(
            sa.select(User, boss)
            .join(Employee, Employee.id == User.employee_id)
            .join(boss, boss.employee_id == Employee.manager_id)
            .where(User.email.not_in(logins), User.is_enabled.is_(True))
            .order_by(User.id)
            .limit(1)
        ).one()
        hr = db.session.scalar(sa.select(User).where(User.email == server.logins["hr"]))
        template = services.create_template(
            hr,
            {
                "name": "Browser four-competency template",
                "description": "",
                "rating_labels": None,
                "competencies": [
                    {"name": n, "description": "", "skill_id": None}
                    for n in COMPETENCIES
                ],
                "questions": [],
            },
        )
        employee = db.session.get(Employee, person.employee_id)
        review = services.start_adhoc_review(
            manager,
            {
                "employee_id": employee.id,
                "template_id": template.id,
                "period_start": date(2026, 1, 1),
                "period_end": date(2026, 6, 30),
            },
        )
        result = {
            "review": review.id,
            "email": person.email,
            "competencies": [(c.id, c.name) for c in template.competencies],
        }
        db.session.commit()
        db.session.remove()
    return result


def _rating_nodes(page) -> list[tuple[str, str]]:
    """(name, description) of every combobox whose name starts with "Rating"."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()

    def value(node, key):
        return str((node.get(key) or {}).get("value") or "").strip()

    return [
        (value(n, "name"), value(n, "description"))
        for n in nodes
        if not n.get("ignored")
        and value(n, "role") == "combobox"
        and value(n, "name").startswith("Rating")
    ]


def test_an_unrated_self_assessment_ties_each_error_to_its_field(live_server, new_page):
    arranged = _arrange(live_server)
    page = new_page(1280)
    page.on("dialog", lambda dialog: dialog.accept())  # "Submit …?" confirmation
    page.goto(f"{live_server.url}/login")
    page.fill("#email", arranged["email"])
    page.fill("#password", live_server.password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/reviews/{arranged['review']}/self-assessment")
    problems: dict = {}
    _check(page, "assessment-self-form", problems)
    (first, first_name), (second, second_name), *rated = arranged["competencies"]
    for cid, _name in rated:
        page.select_option(f"#rating_{cid}", "3")
    with page.expect_response(lambda r: r.request.method == "POST") as info:
        page.click("button[value=submit]")
    assert info.value.status == 422
    page.wait_for_load_state()

    for cid, name in ((first, first_name), (second, second_name)):
        select = page.locator(f"#rating_{cid}")
        assert select.get_attribute("aria-invalid") == "true"
        described = select.get_attribute("aria-describedby").split()
        assert described == [f"rating_{cid}-error", "ratings-error"]
        message = page.locator(f"#rating_{cid}-error").inner_text()
        assert name in message and "before you submit" in message
        assert page.locator(f"#error-summary a[href='#rating_{cid}']").count() == 1
    for cid, _name in rated:
        assert page.get_attribute(f"#rating_{cid}", "aria-invalid") is None
    fieldset = page.locator("fieldset#ratings")
    assert fieldset.get_attribute("aria-describedby") == "ratings-error"
    group = page.locator("#ratings-error").inner_text()
    assert f"{first_name}, {second_name}" in group
    assert page.locator("#error-summary a[href='#ratings']").count() == 1

    nodes = _rating_nodes(page)
    assert len(nodes) == 4, nodes
    assert len(set(nodes)) == 4, nodes  # each told apart by name or description
    for (name, _description), (_cid, competency) in zip(
        nodes, arranged["competencies"], strict=True
    ):
        assert competency in name
    unrated = [d for _n, d in nodes if d]
    assert len(unrated) == 2 and f"Rate {first_name}" in unrated[0]

    _check(page, "assessment-self-form-errors", problems)
    page.screenshot(
        path=str(ARTIFACTS / "assessment-self-form-errors-ratings.png"),
        clip=fieldset.bounding_box(),
    )
    assert not problems, json.dumps(problems, indent=2)
