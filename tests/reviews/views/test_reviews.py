"""HTML pages of the reviews area: rendering per role, the whole flow through the forms,
and what each role may not see."""

import pytest
import sqlalchemy as sa

from reviews import services
from reviews.enums import QualityRule, ReviewStatus
from reviews.models import Review, ReviewAddendum, ReviewQualityFlag, TrainingNeed
from tests import factories as f
from tests.conftest import sign_in
from tests.reviews.conftest import NOW, review_of, walk_to_shared
from tests.reviews.views.forms import manager_form, self_form


@pytest.fixture
def review(db, cycle, org):
    return review_of(db, cycle, org.employee)


# --- pages render ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "path", "text"),
    [
        ("employee", "/reviews", "My reviews"),
        ("manager", "/reviews", "My team’s reviews"),
        ("employee", "/reviews/{review}", "Review of Emma Employee"),
        ("manager", "/reviews/{review}", "Write the manager’s part"),
        ("ceo", "/reviews/{review}", "Review of Emma Employee"),
        ("hr", "/reviews/{review}", "Quality flags"),
        ("employee", "/reviews/{review}/self-assessment", "Your self-assessment"),
        ("manager", "/reviews/{review}/manager-assessment", "Training need 1"),
        ("hr", "/reviews/cycles", "Review cycles"),
        ("hr", "/reviews/cycles/new", "New review cycle"),
        ("hr", "/reviews/cycles/{cycle}", "Close the cycle"),
        ("hr", "/reviews/templates", "Locked: used by a cycle"),
        ("hr", "/reviews/templates/new", "Competency 1"),
        ("hr", "/reviews/templates/{template}/edit", "Duplicate"),
        ("hr", "/reviews/quality", "Review quality"),
        ("employee", "/", "Write your self-assessment"),
    ],
)
def test_page_renders_for_an_allowed_role(login_as, org, review, actor, path, text):
    url = path.format(
        review=review.id, cycle=review.cycle_id, template=review.template_id
    )
    response = login_as(getattr(org, actor)).get(url)
    assert response.status_code == 200
    assert text in response.get_data(as_text=True)


def test_home_lists_each_review_waiting_for_the_manager(db, org, review, login_as):
    services.save_self_assessment(
        org.employee, review, {"ratings": [], "answers": [], "submit": False}, now=NOW
    )
    review.status = ReviewStatus.self_submitted
    db.session.commit()
    html = login_as(org.manager).get("/").get_data(as_text=True)
    # One to-do per review he writes, linked to his part (home.todos).
    form = f'href="/reviews/{review.id}/manager-assessment"'
    assert f"{form}>Write your part of Emma Employee’s review" in html


def test_team_list_filters_by_status(db, org, cycle, login_as):
    walk_to_shared(db, org, cycle)
    html = login_as(org.manager).get("/reviews?status=shared").get_data(as_text=True)
    assert "Emma Employee</a>" in html and "Piet Peer</a>" not in html


# --- the whole flow through the forms ------------------------------------------------


def test_the_whole_flow_through_html(db, org, review, client):
    rid = review.id
    sign_in(client, org.employee)
    r = client.post(f"/reviews/{rid}/self-assessment", data=self_form(review))
    assert r.status_code == 302
    review = db.session.get(Review, rid)
    assert review.status is ReviewStatus.self_in_progress
    r = client.post(
        f"/reviews/{rid}/self-assessment", data=self_form(review, action="submit")
    )
    assert r.status_code == 302
    review = db.session.get(Review, rid)
    assert review.status is ReviewStatus.self_submitted

    sign_in(client, org.manager)
    r = client.post(f"/reviews/{rid}/manager-assessment", data=manager_form(review))
    assert r.status_code == 302
    review = db.session.get(Review, rid)
    assert review.status is ReviewStatus.manager_in_progress
    assert review.proposed_goals[0]["title"] == "Mentor a new hire"
    assert client.post(f"/reviews/{rid}/share").status_code == 302
    assert db.session.get(Review, rid).status is ReviewStatus.shared

    sign_in(client, org.employee)
    r = client.post(
        f"/reviews/{rid}/acknowledge",
        data={"comment": "Fair overall.", "disagree": "true"},
    )
    assert r.status_code == 302
    review = db.session.get(Review, rid)
    assert review.status is ReviewStatus.acknowledged and review.employee_disagrees
    r = client.post(f"/reviews/{rid}/addenda", data={"text": "Also led the retro."})
    assert r.status_code == 302
    texts = db.session.scalars(
        sa.select(ReviewAddendum.text).where(ReviewAddendum.review_id == rid)
    ).all()
    assert texts == ["Also led the retro."]
    html = client.get(f"/reviews/{rid}").get_data(as_text=True)
    assert "Also led the retro." in html and "Disagrees" in html


def test_blank_rows_are_dropped_and_needs_are_saved(db, org, review, login_as):
    skill = f.make_skill(name="Kubernetes")
    form = manager_form(
        review,
        need_skill_0=str(skill.id),
        need_level_0="3",
        need_priority_0="high",
        need_due_0="2027-03-01",
        need_skill_1="",
        need_level_1="",
        need_priority_1="medium",
        need_due_1="",
        obstacle_category_0="workload",
        obstacle_description_0="Too many pages at night.",
        obstacle_remedy_0="Split the rota.",
        obstacle_category_1="",
        obstacle_description_1="",
        obstacle_remedy_1="",
    )
    response = login_as(org.manager).post(
        f"/reviews/{review.id}/manager-assessment", data=form
    )
    assert response.status_code == 302
    stored = db.session.get(Review, review.id)
    assert stored.proposed_needs == [
        {
            "skill_id": skill.id,
            "target_level": 3,
            "priority": "high",
            "due_on": "2027-03-01",
        }
    ]
    assert [o.description for o in stored.obstacles] == ["Too many pages at night."]


def test_shared_review_lists_the_needs_it_named(db, org, review, login_as):
    skill = f.make_skill(name="Kubernetes")
    client = login_as(org.manager)
    form = manager_form(review, need_skill_0=str(skill.id), need_level_0="3")
    client.post(f"/reviews/{review.id}/manager-assessment", data=form)
    client.post(f"/reviews/{review.id}/share")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TrainingNeed)) == 1
    html = login_as(org.employee).get(f"/reviews/{review.id}").get_data(as_text=True)
    assert "Kubernetes" in html and "Mentor a new hire" in html


# --- who sees what --------------------------------------------------------------------


def test_employee_cannot_see_the_manager_draft(db, org, review, login_as):
    form = manager_form(review, strengths="DRAFT-ONLY-MANAGER-WORDS in progress")
    login_as(org.manager).post(f"/reviews/{review.id}/manager-assessment", data=form)
    html = login_as(org.employee).get(f"/reviews/{review.id}").get_data(as_text=True)
    assert "DRAFT-ONLY-MANAGER-WORDS" not in html
    assert "Strong Delivery all half." not in html


def test_manager_cannot_see_an_unsubmitted_self_assessment(db, org, review, login_as):
    form = self_form(review, achievements="SELF-DRAFT-ACHIEVEMENT")
    login_as(org.employee).post(f"/reviews/{review.id}/self-assessment", data=form)
    client = login_as(org.manager)
    for url in (
        f"/reviews/{review.id}",
        f"/reviews/{review.id}/manager-assessment",
    ):
        html = client.get(url).get_data(as_text=True)
        assert "SELF-DRAFT-ACHIEVEMENT" not in html and "My Delivery" not in html


@pytest.mark.parametrize("actor", ["employee", "manager", "ceo"])
def test_quality_flags_are_hidden_from_employee_and_managers(
    db, org, cycle, login_as, actor
):
    shared = walk_to_shared(db, org, cycle)
    assert db.session.scalar(sa.select(sa.func.count(ReviewQualityFlag.id))) > 0
    html = (
        login_as(getattr(org, actor))
        .get(f"/reviews/{shared.id}")
        .get_data(as_text=True)
    )
    assert "Quality flags" not in html
    assert QualityRule.identical_ratings.title not in html


def test_hr_sees_the_quality_flags_on_the_review_and_the_list(db, org, cycle, login_as):
    shared = walk_to_shared(db, org, cycle)
    client = login_as(org.hr)
    assert QualityRule.identical_ratings.title in client.get(
        f"/reviews/{shared.id}"
    ).get_data(as_text=True)
    listing = client.get("/reviews/quality?rule=identical_ratings").get_data(
        as_text=True
    )
    assert "Emma Employee" in listing
