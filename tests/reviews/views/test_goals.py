"""HTML pages for goals: rendering per role, check-ins (with bad input refused inline),
alignment loops, stale edits, the team tree's roll-up and bulk assignment."""

import pytest
import sqlalchemy as sa

from reviews import services
from reviews.enums import GoalStatus, MeasureType
from reviews.models import Goal, GoalCheckIn
from tests.conftest import sign_in

PERCENT = {"measure": MeasureType.percent}


@pytest.fixture
def team_goal(db, org):
    goal = services.create_goal(org.manager, {"title": "Ship v2", **PERCENT})
    db.session.commit()
    return goal


@pytest.fixture
def goal(db, org, team_goal):
    goal = services.create_goal(
        org.employee,
        {"title": "Write the migration guide", "parent_id": team_goal.id, **PERCENT},
    )
    db.session.commit()
    return goal


def _check_ins(db, goal_id) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(GoalCheckIn.goal_id == goal_id)
    )


@pytest.mark.parametrize(
    ("actor", "path", "text"),
    [
        ("employee", "/reviews/goals", "Write the migration guide"),
        ("employee", "/reviews/goals", "Aligned to"),
        ("employee", "/reviews/goals/{goal}", "Progress over time"),
        ("manager", "/reviews/goals/{goal}", "Check in"),
        ("ceo", "/reviews/goals/{goal}", "Write the migration guide"),
        ("hr", "/reviews/goals/{goal}", "Edit goal"),
        ("employee", "/reviews/goals/{goal}/edit", "Edit goal"),
        ("employee", "/reviews/goals/new", "New goal"),
        ("manager", "/reviews/goals/new", "Whose goal"),
        ("manager", "/reviews/goals/team", "Goal tree"),
        ("manager", "/reviews/goals/team", "Assign a goal to your team"),
        ("employee", "/", "My goals"),
    ],
)
def test_goal_page_renders_for_an_allowed_role(login_as, org, goal, actor, path, text):
    response = login_as(getattr(org, actor)).get(path.format(goal=goal.id))
    assert response.status_code == 200
    assert text in response.get_data(as_text=True)


def test_peer_cannot_see_another_persons_goal(login_as, org, goal):
    assert login_as(org.peer).get(f"/reviews/goals/{goal.id}").status_code == 404


def test_my_goals_lists_only_my_own(login_as, org, goal):
    html = login_as(org.peer).get("/reviews/goals").get_data(as_text=True)
    assert "Write the migration guide" not in html


def test_employee_cannot_open_team_goals(login_as, org, goal):
    assert login_as(org.employee).get("/reviews/goals/team").status_code == 403


def test_check_in_records_progress_and_draws_the_chart(db, client, org, goal):
    sign_in(client, org.employee)
    data = {"value": "40", "status": "at_risk", "note": "Half the chapters drafted"}
    response = client.post(f"/reviews/goals/{goal.id}/check-ins", data=data)
    assert response.status_code == 302
    assert db.session.get(Goal, goal.id).progress == 40
    html = client.get(f"/reviews/goals/{goal.id}").get_data(as_text=True)
    assert '<svg class="chart"' in html and "Check-in history" in html
    assert "Half the chapters drafted" in html and "At risk" in html


def test_check_in_from_the_list_returns_to_the_list(client, org, goal):
    sign_in(client, org.employee)
    data = {"value": "10", "status": "on_track", "next": "list"}
    response = client.post(f"/reviews/goals/{goal.id}/check-ins", data=data)
    assert response.headers["Location"].endswith(f"/reviews/goals#goal-{goal.id}")


def test_check_in_out_of_range_is_refused_inline(db, client, org, goal):
    sign_in(client, org.employee)
    response = client.post(
        f"/reviews/goals/{goal.id}/check-ins",
        data={"value": "140", "status": "on_track"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "A percentage goes from 0 to 100." in html
    assert 'id="value" name="value"' in html and 'aria-invalid="true"' in html
    assert _check_ins(db, goal.id) == 0
    assert db.session.get(Goal, goal.id).progress == 0


def test_check_in_on_a_number_goal_outside_start_and_target(db, client, org):
    goal = services.create_goal(
        org.employee,
        {
            "title": "Cut p95",
            "measure": MeasureType.number,
            "start_value": 800,
            "target_value": 200,
            "unit": "ms",
        },
    )
    db.session.commit()
    sign_in(client, org.employee)
    response = client.post(f"/reviews/goals/{goal.id}/check-ins", data={"value": "100"})
    assert response.status_code == 422
    assert "between 800 and 200" in response.get_data(as_text=True)
    assert _check_ins(db, goal.id) == 0


def test_peer_cannot_check_in_on_another_persons_goal(client, org, goal):
    sign_in(client, org.peer)
    response = client.post(f"/reviews/goals/{goal.id}/check-ins", data={"value": "5"})
    assert response.status_code == 404


def test_create_goal_through_the_form(db, client, org, team_goal):
    sign_in(client, org.employee)
    data = {
        "title": "Learn Rust",
        "measure": "percent",
        "weight": "2",
        "parent_id": str(team_goal.id),
        "target_on": "2026-12-31",
    }
    response = client.post("/reviews/goals/new", data=data)
    assert response.status_code == 302
    goal = db.session.scalar(sa.select(Goal).where(Goal.title == "Learn Rust"))
    assert (goal.owner_id, goal.parent_id, goal.weight) == (
        org.employee.employee_id,
        team_goal.id,
        2,
    )


def test_manager_sets_a_goal_for_a_report(db, client, org):
    sign_in(client, org.manager)
    data = {"title": "On-call rotation", "owner_id": str(org.employee.employee_id)}
    assert client.post("/reviews/goals/new", data=data).status_code == 302
    goal = db.session.scalar(sa.select(Goal).where(Goal.title == "On-call rotation"))
    assert goal.owner_id == org.employee.employee_id


def test_parent_outside_the_chain_is_refused_inline(db, client, org):
    foreign = services.create_goal(org.other_manager, {"title": "Sales", **PERCENT})
    db.session.commit()
    sign_in(client, org.employee)
    data = {"title": "Mine", "parent_id": str(foreign.id)}
    response = client.post("/reviews/goals/new", data=data)
    assert response.status_code == 422
    assert "someone up your org chart" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Goal).where(Goal.title == "Mine")) is None


def test_negative_weight_is_refused_inline(client, org):
    sign_in(client, org.employee)
    response = client.post("/reviews/goals/new", data={"title": "X", "weight": "-1"})
    assert response.status_code == 422
    assert "0 to 100." in response.get_data(as_text=True)


def test_loop_in_alignment_is_refused_inline(db, client, org, goal):
    child = services.create_goal(
        org.employee, {"title": "Chapter one", "parent_id": goal.id, **PERCENT}
    )
    db.session.commit()
    sign_in(client, org.employee)
    data = {
        "title": goal.title,
        "parent_id": str(child.id),
        "status": "active",
        "version": str(goal.version),
        "weight": "1",
    }
    response = client.post(f"/reviews/goals/{goal.id}/edit", data=data)
    assert response.status_code == 422
    assert "loop of goals" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Goal, goal.id).parent_id != child.id


def test_stale_edit_shows_the_conflict(db, client, org, goal):
    sign_in(client, org.employee)
    data = {"title": "Renamed", "status": "active", "version": "99"}
    response = client.post(f"/reviews/goals/{goal.id}/edit", data=data)
    assert response.status_code == 409
    assert "This record changed while you were editing" in response.get_data(
        as_text=True
    )
    assert db.session.get(Goal, goal.id).title == "Write the migration guide"


def test_edit_changes_status_and_a_forged_transition_is_a_409(db, client, org, goal):
    sign_in(client, org.employee)
    data = {"title": goal.title, "status": "achieved", "version": str(goal.version)}
    assert client.post(f"/reviews/goals/{goal.id}/edit", data=data).status_code == 302
    assert db.session.get(Goal, goal.id).status is GoalStatus.achieved
    data = {"title": goal.title, "status": "draft", "version": str(goal.version + 1)}
    assert client.post(f"/reviews/goals/{goal.id}/edit", data=data).status_code == 409


def test_team_tree_rolls_progress_up_by_weight(db, login_as, org, team_goal):
    for person, weight, value in ((org.employee, 1, 100), (org.peer, 3, 0)):
        child = services.create_goal(
            person,
            {
                "title": f"Part {weight}",
                "parent_id": team_goal.id,
                "weight": weight,
                **PERCENT,
            },
        )
        services.check_in(person, child, {"value": value, "status": "on_track"})
    db.session.commit()
    html = login_as(org.manager).get("/reviews/goals/team").get_data(as_text=True)
    assert "Ship v2 rolled" not in html  # labels are the titles
    tree = html.split("Goal tree", 1)[1].split("Assign a goal", 1)[0]
    assert tree.index("Ship v2") < tree.index("Part 1")
    assert "Ship v2: </span>25%" in tree


def test_bulk_assign_creates_aligned_copies(db, client, org, team_goal):
    sign_in(client, org.manager)
    data = {
        "parent_id": str(team_goal.id),
        "employee_ids": [str(org.employee.employee_id), str(org.peer.employee_id)],
    }
    response = client.post("/reviews/goals/bulk-assign", data=data)
    assert response.status_code == 302
    copies = db.session.scalars(
        sa.select(Goal).where(Goal.parent_id == team_goal.id).order_by(Goal.owner_id)
    ).all()
    assert sorted(g.owner_id for g in copies) == sorted(
        [org.employee.employee_id, org.peer.employee_id]
    )
    assert {g.title for g in copies} == {"Ship v2"}


def test_bulk_assign_needs_one_of_my_own_goals(db, client, org, goal):
    sign_in(client, org.manager)
    data = {"parent_id": str(goal.id), "employee_ids": [str(org.peer.employee_id)]}
    response = client.post("/reviews/goals/bulk-assign", data=data)
    assert response.status_code == 422
    assert "Choose one of your own goals." in response.get_data(as_text=True)


def test_bulk_assign_without_people_is_refused_inline(client, org, team_goal):
    sign_in(client, org.manager)
    response = client.post(
        "/reviews/goals/bulk-assign", data={"parent_id": str(team_goal.id)}
    )
    assert response.status_code == 422
    assert 'id="employee_ids-error"' in response.get_data(as_text=True)


def test_bulk_assign_from_a_reports_goal_reaches_only_people_below_them(db, org, goal):
    """Service rule behind the form: copies must stay alignable to their parent."""
    from core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.bulk_assign(org.manager, goal, [org.peer.employee_id])
