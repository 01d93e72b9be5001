"""The manager's form (reviews/views/assess.py): the employee's part beside each
competency, the need picker's levels, collapsible sections, "Save and share", and the
confirmations that irreversible buttons carry; and the sign-off's reason (actions.py)."""

import re

import pytest

from people.models import EmployeeSkillLevel, RoleProfile, RoleProfileSkill
from reviews import services
from reviews.enums import ReviewStatus
from reviews.models import Review
from tests import factories as f
from tests.conftest import sign_in
from tests.reviews.conftest import NOW, review_of, walk_to_shared
from tests.reviews.views.forms import manager_form, self_form


@pytest.fixture
def review(db, cycle, org, client):
    review = review_of(db, cycle, org.employee)
    sign_in(client, org.employee)
    data = self_form(review, action="submit", rating=2)
    for c in review.template.competencies:
        data[f"comment_{c.id}"] = f"My own words on {c.name}."
    response = client.post(f"/reviews/{review.id}/self-assessment", data=data)
    assert response.status_code == 302
    return review_of(db, cycle, org.employee)


def _form_html(client, org, review) -> str:
    sign_in(client, org.manager)
    response = client.get(f"/reviews/{review.id}/manager-assessment")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_manager_sees_the_employees_rating_and_comment_beside_each_field(
    org, review, client
):
    names = [c.name for c in review.template.competencies]
    label = review.template.label(2)
    html = _form_html(client, org, review)
    for name in names:
        assert f"My own words on {name}." in html
    assert html.count('class="their-part"') == len(names)
    assert f"<strong>2 · {label}</strong>" in html


def test_the_need_picker_shows_current_and_expected_levels(db, org, review, client):
    python = f.make_skill(name="Python")
    f.make_skill(name="Go")
    db.session.add(
        RoleProfile(
            job_title="Engineer",
            expectations=[RoleProfileSkill(skill_id=python.id, expected_level=4)],
        )
    )
    db.session.add(
        EmployeeSkillLevel(
            employee_id=org.employee.employee_id,
            skill_id=python.id,
            level=4,
            source="manager",
        )
    )
    db.session.commit()
    html = _form_html(client, org, review)
    assert "Python · now 4 · role expects 4 · met" in html
    assert "Go · not assessed" in html
    options = re.findall(r'<select id="need_skill_0".*?</select>', html, re.S)[0]
    assert options.index("Python ·") < options.index("Go ·")  # the role's skills first


def test_a_need_already_met_is_refused_on_its_level_field(db, org, review, client):
    python = f.make_skill(name="Python")
    db.session.add(
        EmployeeSkillLevel(
            employee_id=org.employee.employee_id,
            skill_id=python.id,
            level=4,
            source="manager",
        )
    )
    db.session.commit()
    sign_in(client, org.manager)
    data = manager_form(review, need_skill_0=str(python.id), need_level_0="3")
    response = client.post(f"/reviews/{review.id}/manager-assessment", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    field = re.findall(r'<div class="field has-error">\s*<label for="(\w+)"', html)
    assert field == ["need_level_0"]
    assert "already at level 4: this need is met" in html
    assert re.search(r'<details class="form-section" id="step-needs" open>', html)


def test_sections_other_than_ratings_start_closed(org, review, client):
    html = _form_html(client, org, review)
    opened = re.findall(r'<details class="form-section" id="step-(\w+)" open>', html)
    assert opened == ["ratings", "overall"]
    assert "0 of 2 written" in html and "none yet" in html


def test_save_and_share_from_the_form(db, org, review, client):
    sign_in(client, org.manager)
    data = manager_form(review, action="share")
    response = client.post(f"/reviews/{review.id}/manager-assessment", data=data)
    assert response.status_code == 302
    assert response.location.endswith(f"/reviews/{review.id}")
    assert db.session.get(Review, review.id).status is ReviewStatus.shared


def test_save_and_share_of_an_incomplete_part_saves_nothing(db, org, review, client):
    sign_in(client, org.manager)
    data = manager_form(review, action="share", overall_rating="")
    before = db.session.get(Review, review.id).status
    response = client.post(f"/reviews/{review.id}/manager-assessment", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Not shared yet." in html and "Give an overall rating." in html
    db.session.expire_all()
    assert db.session.get(Review, review.id).status is before


def test_irreversible_buttons_ask_first(db, org, cycle, review, client):
    html = _form_html(client, org, review)
    assert re.search(r'value="share"[^>]*data-confirm="Save and share', html)
    other = review_of(db, cycle, org.peer)
    sign_in(client, org.peer)
    html = client.get(f"/reviews/{other.id}/self-assessment").get_data(as_text=True)
    assert re.search(r'value="submit"[^>]*data-confirm="Submit your', html)
    assert '<script src="/static/js/confirm.js" defer></script>' in html
    sign_in(client, org.hr)
    html = client.get(f"/reviews/cycles/{cycle.id}").get_data(as_text=True)
    assert re.search(r'<button[^>]*data-confirm="Close the cycle', html)


# --- sign-off: "I disagree" needs a reason ------------------------------------------


@pytest.fixture
def shared(db, org, cycle):
    return walk_to_shared(db, org, cycle)


def test_disagreeing_without_a_reason_shows_the_error_on_the_comment(
    db, org, shared, client
):
    sign_in(client, org.employee)
    html_before = client.get(f"/reviews/{shared.id}").get_data(as_text=True)
    assert re.search(r'data-confirm="Sign off the review\?', html_before)
    response = client.post(
        f"/reviews/{shared.id}/acknowledge", data={"comment": "", "disagree": "true"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    field = re.findall(r'<div class="field has-error">\s*<label for="(\w+)"', html)
    assert field == ["comment"]
    assert "Say why you disagree" in html
    db.session.expire_all()
    assert db.session.get(Review, shared.id).status is ReviewStatus.shared


def test_a_disagreement_shows_on_the_review_and_to_hr(db, org, shared, client):
    services.acknowledge_review(
        org.employee,
        shared,
        {"comment": "The deadline was not mine to set.", "disagree": True},
        now=NOW,
    )
    db.session.commit()
    sign_in(client, org.manager)
    html = client.get(f"/reviews/{shared.id}").get_data(as_text=True)
    assert "Emma Employee disagrees with this review" in html
    assert "The deadline was not mine to set." in html
    sign_in(client, org.hr)
    html = client.get("/reviews/quality?view=disagreements").get_data(as_text=True)
    assert "The deadline was not mine to set." in html and "Emma Employee" in html
    flagged = client.get("/reviews/quality").get_data(as_text=True)
    assert "The deadline was not mine to set." not in flagged


def test_the_disagreements_list_does_not_grow_in_statements(
    db, org, cycle, client, count_queries
):
    def disagree(person):
        review = walk_to_shared(db, org, cycle, person)
        data = {"comment": f"Person {person.id} disagrees.", "disagree": True}
        services.acknowledge_review(person, review, data, now=NOW)
        db.session.commit()

    def count() -> int:
        sign_in(client, org.hr)
        with count_queries() as counter:
            response = client.get("/reviews/quality?view=disagreements")
        assert response.status_code == 200
        return counter.count

    disagree(org.employee)
    one = count()
    disagree(org.peer)
    assert count() == one


# --- an unrated competency: the error sits on its empty field ----------------------


def _error_fields(html: str) -> list[str]:
    return re.findall(r'<div class="field has-error">\s*<label for="(\w+)"', html)


def test_submitting_with_an_unrated_competency_marks_that_field(db, org, cycle, client):
    review = review_of(db, cycle, org.peer)
    first = review.template.competencies[0].id
    sign_in(client, org.peer)
    data = self_form(review, action="submit", **{f"rating_{first}": ""})
    response = client.post(f"/reviews/{review.id}/self-assessment", data=data)
    assert response.status_code == 422
    assert _error_fields(response.get_data(as_text=True)) == [f"rating_{first}"]


def test_save_and_share_with_an_unrated_competency_marks_that_field(
    db, org, review, client
):
    last = review.template.competencies[-1].id
    sign_in(client, org.manager)
    data = manager_form(review, action="share", **{f"rating_{last}": ""})
    response = client.post(f"/reviews/{review.id}/manager-assessment", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert _error_fields(html) == [f"rating_{last}"] and "Not shared yet." in html


def test_a_reopened_review_leaves_the_disagreements_list(db, org, shared, client):
    data = {"comment": "The deadline was not mine to set.", "disagree": True}
    services.acknowledge_review(org.employee, shared, data, now=NOW)
    services.reopen_review(org.hr, shared, {"reason": "Wrong period"}, now=NOW)
    db.session.commit()
    sign_in(client, org.hr)
    html = client.get("/reviews/quality?view=disagreements").get_data(as_text=True)
    assert "The deadline was not mine to set." not in html
    assert "No employee disagrees with a signed review." in html
