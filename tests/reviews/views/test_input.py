"""Review pages given bad input (inline error, 4xx, nothing changed), stale forms (the
conflict page with both versions) and HR's and managers' creation forms."""

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from reviews import services
from reviews.enums import CycleStatus, ReviewStatus
from reviews.models import (
    Review,
    ReviewAddendum,
    ReviewCycle,
    ReviewRating,
    ReviewTemplate,
)
from tests.reviews.conftest import NOW, review_of, walk_to_shared
from tests.reviews.views.forms import manager_form, self_form, snapshot


@pytest.fixture
def review(db, cycle, org):
    return review_of(db, cycle, org.employee)


# --- bad input: inline error, 4xx, nothing changed -----------------------------------


def test_rating_out_of_scale_is_an_inline_error(db, org, review, login_as):
    before = snapshot(db, Review, ReviewRating)
    cid = review.template.competencies[0].id
    form = self_form(review, **{f"rating_{cid}": "9"})
    response = login_as(org.employee).post(
        f"/reviews/{review.id}/self-assessment", data=form
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="rating_{cid}-error"' in html and "from 1 to 5" in html
    assert snapshot(db, Review, ReviewRating) == before


def test_obstacle_without_description_is_an_inline_error(db, org, review, login_as):
    before = snapshot(db, Review, ReviewRating)
    form = manager_form(review, obstacle_category_1="process")
    response = login_as(org.manager).post(
        f"/reviews/{review.id}/manager-assessment", data=form
    )
    assert response.status_code == 422
    assert 'id="obstacle_description_1-error"' in response.get_data(as_text=True)
    assert snapshot(db, Review, ReviewRating) == before


def test_missing_addendum_text_is_refused(db, org, cycle, login_as):
    shared = walk_to_shared(db, org, cycle)
    services.acknowledge_review(org.employee, shared, {}, now=NOW)
    db.session.commit()
    response = login_as(org.employee).post(
        f"/reviews/{shared.id}/addenda", data={"text": "  "}
    )
    assert response.status_code == 422
    assert 'id="text-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ReviewAddendum.id))) == 0


def test_reopen_without_a_reason_is_refused(db, org, cycle, login_as):
    shared = walk_to_shared(db, org, cycle)
    services.acknowledge_review(org.employee, shared, {}, now=NOW)
    db.session.commit()
    response = login_as(org.hr).post(f"/reviews/{shared.id}/reopen", data={})
    assert response.status_code == 422
    assert 'id="reason-error"' in response.get_data(as_text=True)
    assert db.session.get(Review, shared.id).status is ReviewStatus.acknowledged


def test_acknowledging_someone_elses_review_is_forbidden(db, org, cycle, login_as):
    shared = walk_to_shared(db, org, cycle)
    response = login_as(org.manager).post(f"/reviews/{shared.id}/acknowledge")
    assert response.status_code == 403
    assert db.session.get(Review, shared.id).status is ReviewStatus.shared


def test_sharing_an_incomplete_review_shows_what_is_missing(db, org, review, login_as):
    client = login_as(org.manager)
    form = manager_form(review, overall_rating="")
    client.post(f"/reviews/{review.id}/manager-assessment", data=form)
    response = client.post(f"/reviews/{review.id}/share")
    assert response.status_code == 422
    assert "Give an overall rating." in response.get_data(as_text=True)
    assert db.session.get(Review, review.id).status is ReviewStatus.manager_in_progress


def test_closing_with_unfinished_reviews_needs_confirmation(db, org, cycle, login_as):
    response = login_as(org.hr).post(
        f"/reviews/cycles/{cycle.id}/close", data={"reason": "Year end"}
    )
    assert response.status_code == 422
    assert "unfinished. Confirm and give a reason" in response.get_data(as_text=True)
    assert db.session.get(ReviewCycle, cycle.id).status is CycleStatus.active


def test_closing_with_confirmation_and_reason_closes(db, org, cycle, login_as):
    response = login_as(org.hr).post(
        f"/reviews/cycles/{cycle.id}/close",
        data={"confirm_unfinished": "true", "reason": "Year end"},
    )
    assert response.status_code == 302
    assert db.session.get(ReviewCycle, cycle.id).status is CycleStatus.closed


def test_launching_twice_is_refused(db, org, cycle, login_as):
    before = db.session.scalar(sa.select(sa.func.count(Review.id)))
    response = login_as(org.hr).post(f"/reviews/cycles/{cycle.id}/launch")
    assert response.status_code == 409
    assert "launched already" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Review.id))) == before


# --- a stale form gets the conflict page -----------------------------------------------


def test_stale_self_assessment_shows_both_versions(db, org, review, login_as):
    client = login_as(org.employee)
    stale = self_form(review, achievements="Written in the OLD tab")
    client.post(
        f"/reviews/{review.id}/self-assessment",
        data=self_form(review, achievements="Saved in the NEW tab"),
    )
    before = snapshot(db, Review, ReviewRating)
    response = client.post(f"/reviews/{review.id}/self-assessment", data=stale)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Written in the OLD tab" in html and "Saved in the NEW tab" in html
    assert snapshot(db, Review, ReviewRating) == before


def test_stale_manager_assessment_shows_both_versions(db, org, review, login_as):
    client = login_as(org.manager)
    stale = manager_form(review, strengths="OLD tab strengths")
    client.post(
        f"/reviews/{review.id}/manager-assessment",
        data=manager_form(review, strengths="NEW tab strengths"),
    )
    before = snapshot(db, Review, ReviewRating)
    response = client.post(f"/reviews/{review.id}/manager-assessment", data=stale)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "OLD tab strengths" in html and "NEW tab strengths" in html
    assert snapshot(db, Review, ReviewRating) == before


# --- HR and manager forms ---------------------------------------------------------------


def test_hr_creates_a_cycle_and_launches_it(db, org, template, login_as):
    client = login_as(org.hr)
    form = {
        "name": "Autumn 2026",
        "template_id": str(template.id),
        "population": "departments",
        "department_ids": [str(org.department.id)],
        "period_start": "2026-07-01",
        "period_end": "2026-12-31",
        "self_due_on": "2096-01-10",
        "manager_due_on": "2096-01-20",
        "signoff_due_on": "2096-01-31",
    }
    assert client.post("/reviews/cycles/new", data=form).status_code == 302
    cycle = db.session.scalar(
        sa.select(ReviewCycle).where(ReviewCycle.name == form["name"])
    )
    assert client.post(f"/reviews/cycles/{cycle.id}/launch").status_code == 302
    count = db.session.scalar(
        sa.select(sa.func.count(Review.id)).where(Review.cycle_id == cycle.id)
    )
    assert count == 3  # manager, Emma and Piet; the CEO has no manager


def test_cycle_dates_out_of_order_are_inline_errors(db, org, template, login_as):
    form = {
        "name": "Bad",
        "template_id": str(template.id),
        "period_start": "2026-07-01",
        "period_end": "2026-01-01",
        "self_due_on": "2096-01-10",
        "manager_due_on": "2096-01-20",
        "signoff_due_on": "2096-01-31",
    }
    response = login_as(org.hr).post("/reviews/cycles/new", data=form)
    assert response.status_code == 422
    assert 'id="period_end-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ReviewCycle.id))) == 0


def test_hr_creates_a_template_with_competencies_and_questions(db, org, login_as):
    form = {
        "name": "Engineers 2027",
        "rating_labels": "Low\nMid\nHigh",
        "competency_name_0": "Delivery",
        "competency_name_1": "",
        "question_0": "What went well?",
        "question_1": "",
    }
    assert login_as(org.hr).post("/reviews/templates/new", data=form).status_code == 302
    template = db.session.scalar(
        sa.select(ReviewTemplate).options(selectinload(ReviewTemplate.competencies))
    )
    assert template.rating_labels == ["Low", "Mid", "High"]
    assert [c.name for c in template.competencies] == ["Delivery"]


def test_a_locked_template_is_duplicated_not_edited(db, org, cycle, login_as):
    client = login_as(org.hr)
    url = f"/reviews/templates/{cycle.template_id}/edit"
    assert client.post(url, data={"name": "Changed"}).status_code == 409
    response = client.post(f"/reviews/templates/{cycle.template_id}/duplicate")
    assert response.status_code == 302
    names = db.session.scalars(sa.select(ReviewTemplate.name)).all()
    assert any(name.endswith("(copy)") for name in names)


def test_manager_starts_an_ad_hoc_review(db, org, template, login_as):
    form = {
        "employee_id": str(org.employee.employee_id),
        "template_id": str(template.id),
        "period_start": "2026-09-01",
        "period_end": "2026-11-30",
    }
    response = login_as(org.manager).post("/reviews/adhoc", data=form)
    assert response.status_code == 302
    review = db.session.scalar(sa.select(Review))
    assert review.cycle_id is None and review.reviewer_id == org.manager.employee_id


def test_ad_hoc_review_for_someone_elses_report_is_forbidden(
    db, org, template, login_as
):
    form = {
        "employee_id": str(org.other_report.employee_id),
        "template_id": str(template.id),
        "period_start": "2026-09-01",
        "period_end": "2026-11-30",
    }
    response = login_as(org.manager).post("/reviews/adhoc", data=form)
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(Review.id))) == 0
