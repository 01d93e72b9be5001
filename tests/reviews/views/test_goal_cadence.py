"""The goal pages and the cadence: the forms offer it (monthly preselected), the edit
form saves it, and the goal page says how often and when the next check-in is due."""

from datetime import timedelta

import sqlalchemy as sa

from core.due import org_today
from reviews import services
from reviews.enums import CheckInCadence
from reviews.models import Goal
from tests.conftest import sign_in


def test_the_new_goal_form_offers_the_cadence_monthly_first(client, org):
    sign_in(client, org.employee)
    html = client.get("/reviews/goals/new").get_data(as_text=True)
    assert 'name="check_in_cadence"' in html
    assert '<option value="monthly" selected' in html
    assert "Fortnightly" in html and "Quarterly" in html


def test_create_with_a_cadence_through_the_form(db, client, org):
    sign_in(client, org.employee)
    data = {"title": "Weekly one", "check_in_cadence": "weekly"}
    assert client.post("/reviews/goals/new", data=data).status_code == 302
    goal = db.session.scalar(sa.select(Goal).where(Goal.title == "Weekly one"))
    assert goal.check_in_cadence is CheckInCadence.weekly


def test_edit_saves_the_cadence_and_a_bad_one_is_refused_inline(db, client, org):
    goal = services.create_goal(org.employee, {"title": "Tune"})
    db.session.commit()
    sign_in(client, org.employee)
    form = client.get(f"/reviews/goals/{goal.id}/edit").get_data(as_text=True)
    assert '<option value="monthly" selected' in form
    data = {
        "title": "Tune",
        "status": "active",
        "version": str(goal.version),
        "check_in_cadence": "daily",
    }
    response = client.post(f"/reviews/goals/{goal.id}/edit", data=data)
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    data["check_in_cadence"] = "fortnightly"
    assert client.post(f"/reviews/goals/{goal.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Goal, goal.id).check_in_cadence is CheckInCadence.fortnightly


def test_the_goal_page_says_when_the_next_check_in_is_due(db, client, org):
    goal = services.create_goal(
        org.employee, {"title": "Page", "check_in_cadence": CheckInCadence.weekly}
    )
    db.session.commit()
    sign_in(client, org.manager)
    html = client.get(f"/reviews/goals/{goal.id}").get_data(as_text=True)
    due = (org_today() + timedelta(days=7)).isoformat()
    assert "Weekly · " in html
    assert f'next due <time datetime="{due}">' in html
