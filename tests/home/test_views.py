"""The home page's to-do list and its overdue marks (``home.views``)."""

from datetime import timedelta

import pytest

from core.due import org_today
from reviews import services
from tests import factories as f
from tests.conftest import sign_in


@pytest.fixture
def late_cycle(org, db):
    """A live cycle whose self-assessment was due 4 days ago (as the issue saw it)."""
    today = org_today()
    cycle = f.make_cycle(
        f.make_template(actor=org.hr),
        name="Live half",
        self_due_on=today - timedelta(days=4),
        manager_due_on=today + timedelta(days=10),
        signoff_due_on=today + timedelta(days=24),
    )
    services.launch_cycle(org.hr, cycle)
    db.session.commit()
    return cycle


def _home(client, user) -> str:
    sign_in(client, user)
    answer = client.get("/")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def test_the_employee_sees_her_late_self_assessment_on_top_marked(
    client, org, late_cycle
):
    html = _home(client, org.employee)
    todos = html[html.index('id="todo-heading"') : html.index('id="profile-heading"')]
    assert "Write your self-assessment for Live half" in todos
    assert 'class="todo todo-overdue"' in todos
    assert "Overdue · 4 days" in todos
    assert "1 overdue" in todos
    # The "My reviews" card says the same about the same date.
    reviews_card = html[html.index('id="my-reviews-heading"') :]
    assert "Overdue · 4 days" in reviews_card[: reviews_card.index("</section>")]


def test_the_manager_sees_each_review_to_write_and_no_loose_count(
    client, org, late_cycle
):
    html = _home(client, org.manager)
    assert "Write your part of Emma Employee’s review" in html
    assert "Write your part of Piet Peer’s review" in html
    assert "Reviews waiting for me" not in html  # the count that opened a longer list


def test_nothing_to_do_says_so(client, org):
    html = _home(client, org.peer)
    assert "Nothing to do right now." in html


def test_an_active_goal_past_its_target_is_marked_overdue_on_its_pages(client, org, db):
    from reviews.models import Goal

    goal = Goal(
        owner_id=org.employee.employee_id,
        title="Ship the thing",
        target_on=org_today() - timedelta(days=3),
    )
    db.session.add(goal)
    db.session.commit()
    sign_in(client, org.employee)
    for url in ("/reviews/goals", f"/reviews/goals/{goal.id}"):
        html = client.get(url).get_data(as_text=True)
        assert "Overdue · 3 days" in html, url


def test_the_review_lists_mark_the_late_step_the_same_way(client, org, late_cycle):
    sign_in(client, org.employee)
    mine = client.get("/reviews").get_data(as_text=True)
    assert "Overdue · 4 days" in mine
    sign_in(client, org.manager)
    team = client.get("/reviews").get_data(as_text=True)
    team = team[team.index('id="team-heading"') :]
    assert team.count("Overdue · 4 days") == 2  # Emma's and Piet's self-assessments
