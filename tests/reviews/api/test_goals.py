"""The goals API: alignment, check-ins and roll-up, bulk assignment; bad input, the
order of checks and ``If-Match``. Training needs: ``test_needs.py`` beside this file."""

import sqlalchemy as sa

from reviews.models import Goal, GoalCheckIn
from tests import factories as f
from tests.conftest import bearer

API = "/api/v1"


def _etag(client, url, user):
    response = client.get(url, headers=bearer(user))
    assert response.status_code == 200, response.get_json()
    return response.headers["ETag"]


def _goal(client, user, **body):
    response = client.post(f"{API}/goals", json=body, headers=bearer(user))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _check_in(client, goal_id, user, value, etag=None):
    headers = bearer(user)
    headers["If-Match"] = etag or _etag(client, f"{API}/goals/{goal_id}", user)
    return client.post(
        f"{API}/goals/{goal_id}/check-ins",
        json={"value": value, "status": "on_track", "note": "Moving."},
        headers=headers,
    )


def _counts(db):
    db.session.expire_all()
    return (
        db.session.scalar(sa.select(sa.func.count(Goal.id))),
        db.session.scalar(sa.select(sa.func.count(GoalCheckIn.id))),
    )


def test_employee_aligns_a_goal_to_the_team_goal_and_progress_rolls_up(client, org):
    team = _goal(client, org.manager, title="Ship search")
    mine = _goal(client, org.employee, title="Search API", parent_id=team["id"])
    assert (mine["owner"]["name"], mine["parent"]["id"]) == (
        "Emma Employee",
        team["id"],
    )

    response = _check_in(client, mine["id"], org.employee, 40)

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["progress"], body["current_value"]) == (40, 40)
    assert [(c["value"], c["status"]) for c in body["check_ins"]] == [(40, "on_track")]
    team_now = client.get(
        f"{API}/goals/{team['id']}", headers=bearer(org.manager)
    ).get_json()
    assert team_now["rolled_progress"] == 40
    assert [c["id"] for c in team_now["children"]] == [mine["id"]]
    listed = client.get(f"{API}/goals", headers=bearer(org.manager)).get_json()
    assert {g["id"]: g["rolled_progress"] for g in listed} == {
        team["id"]: 40,
        mine["id"]: 40,
    }


def test_check_in_history_is_kept_newest_first(client, org):
    goal = _goal(client, org.employee, title="Write docs")
    for value in (10, 30):
        assert _check_in(client, goal["id"], org.employee, value).status_code == 201
    history = client.get(
        f"{API}/goals/{goal['id']}/check-ins", headers=bearer(org.manager)
    ).get_json()
    assert [c["value"] for c in history] == [30, 10]
    assert history[0]["author"] == org.employee.email


def test_manager_assigns_a_goal_to_the_team_in_one_action(client, org):
    team = _goal(client, org.manager, title="Zero incidents")
    response = client.post(
        f"{API}/goals/bulk-assign",
        json={
            "parent_id": team["id"],
            "employee_ids": [org.employee.employee_id, org.peer.employee_id],
        },
        headers=bearer(org.manager),
    )
    assert response.get_json() == {"goals_created": 2}
    copies = client.get(
        f"{API}/goals?parent_id={team['id']}", headers=bearer(org.manager)
    ).get_json()
    assert sorted((g["owner"]["id"], g["title"]) for g in copies) == [
        (org.employee.employee_id, "Zero incidents"),
        (org.peer.employee_id, "Zero incidents"),
    ]


def test_bulk_assign_outside_the_team_changes_nothing(client, org, db):
    team = _goal(client, org.manager, title="Zero incidents")
    before = _counts(db)
    response = client.post(
        f"{API}/goals/bulk-assign",
        json={"parent_id": team["id"], "employee_ids": [org.other_report.employee_id]},
        headers=bearer(org.manager),
    )
    assert response.status_code == 422
    assert "employee_ids" in response.get_json()["errors"]
    assert _counts(db) == before


def test_an_employee_cannot_bulk_assign(client, org):
    response = client.post(
        f"{API}/goals/bulk-assign", json={}, headers=bearer(org.employee)
    )
    assert response.status_code == 403


def test_a_value_outside_the_measure_is_refused_and_nothing_changes(client, org, db):
    goal = _goal(
        client,
        org.employee,
        title="Revenue",
        measure="number",
        start_value=10,
        target_value=50,
        unit="k€",
    )
    url = f"{API}/goals/{goal['id']}"
    etag = _etag(client, url, org.employee)

    response = _check_in(client, goal["id"], org.employee, 60, etag=etag)

    assert response.status_code == 422
    assert "between 10 and 50" in response.get_json()["errors"]["value"]
    after = client.get(url, headers=bearer(org.employee))
    assert after.headers["ETag"] == etag
    assert (after.get_json()["current_value"], after.get_json()["check_ins"]) == (
        10,
        [],
    )


def test_a_loop_in_alignment_is_refused(client, org):
    top = _goal(client, org.employee, title="Top")
    middle = _goal(client, org.employee, title="Middle", parent_id=top["id"])
    url = f"{API}/goals/{top['id']}"
    headers = {**bearer(org.employee), "If-Match": _etag(client, url, org.employee)}

    response = client.patch(url, json={"parent_id": middle["id"]}, headers=headers)

    assert response.status_code == 422
    assert "loop" in response.get_json()["errors"]["parent_id"]
    assert client.get(url, headers=bearer(org.employee)).get_json()["parent_id"] is None


def test_a_parent_not_up_the_chain_is_refused(client, org, db):
    peers = _goal(client, org.peer, title="Piet's own")
    before = _counts(db)
    response = client.post(
        f"{API}/goals",
        json={"title": "Mine", "parent_id": peers["id"]},
        headers=bearer(org.employee),
    )
    assert response.status_code == 422
    assert "parent_id" in response.get_json()["errors"]
    assert _counts(db) == before


def test_a_negative_weight_is_refused(client, org, db):
    before = _counts(db)
    created = client.post(
        f"{API}/goals",
        json={"title": "Heavy", "weight": -1},
        headers=bearer(org.employee),
    )
    assert created.status_code == 422
    assert "weight" in created.get_json()["errors"]
    assert _counts(db) == before
    goal = _goal(client, org.employee, title="Light")
    url = f"{API}/goals/{goal['id']}"
    headers = {**bearer(org.employee), "If-Match": _etag(client, url, org.employee)}
    assert client.patch(url, json={"weight": -3}, headers=headers).status_code == 422


def test_an_unknown_cycle_is_a_field_error(client, org):
    response = client.post(
        f"{API}/goals",
        json={"title": "X", "cycle_id": 999},
        headers=bearer(org.employee),
    )
    assert response.status_code == 422
    assert "cycle_id" in response.get_json()["errors"]


def test_goal_edits_need_a_current_if_match(client, org):
    goal = _goal(client, org.employee, title="Draft")
    url = f"{API}/goals/{goal['id']}"
    stale = _etag(client, url, org.employee)
    assert _check_in(client, goal["id"], org.employee, 20).status_code == 201
    missing = client.patch(url, json={"title": "New"}, headers=bearer(org.employee))
    assert missing.status_code == 428
    headers = {**bearer(org.employee), "If-Match": stale}
    assert client.patch(url, json={"title": "New"}, headers=headers).status_code == 412
    assert (
        _check_in(client, goal["id"], org.employee, 30, etag=stale).status_code == 412
    )
    no_etag = client.post(
        f"{url}/check-ins", json={"value": 30}, headers=bearer(org.employee)
    )
    assert no_etag.status_code == 428


def test_who_may_not_see_or_edit_hears_so_before_the_precondition(client, org):
    team = _goal(client, org.manager, title="Team")
    url = f"{API}/goals/{team['id']}"
    # Emma sees her manager's goal but may not change it: 403, not 428.
    assert client.patch(url, json={}, headers=bearer(org.employee)).status_code == 403
    # Olga may not see it at all: 404, not 428 or 403.
    response = client.patch(url, json={}, headers=bearer(org.other_manager))
    assert response.status_code == 404


def test_a_peer_does_not_see_a_goal_aligned_to_the_team_goal(client, org):
    team = _goal(client, org.manager, title="Team")
    mine = _goal(client, org.employee, title="Mine", parent_id=team["id"])
    as_peer = client.get(f"{API}/goals/{team['id']}", headers=bearer(org.peer))
    assert as_peer.status_code == 200
    assert as_peer.get_json()["children"] == []
    assert as_peer.get_json()["rolled_progress"] == 0
    assert (
        client.get(f"{API}/goals/{mine['id']}", headers=bearer(org.peer)).status_code
        == 404
    )


def test_status_changes_follow_the_transitions(client, org):
    goal = _goal(client, org.employee, title="Done soon")
    url = f"{API}/goals/{goal['id']}"
    headers = {**bearer(org.employee), "If-Match": _etag(client, url, org.employee)}
    achieved = client.patch(url, json={"status": "achieved"}, headers=headers)
    assert achieved.status_code == 200
    headers["If-Match"] = achieved.headers["ETag"]
    assert (
        client.patch(url, json={"status": "draft"}, headers=headers).status_code == 409
    )


def test_bulk_assign_to_fifty_people_takes_a_few_statements(client, org, count_queries):
    team = _goal(client, org.manager, title="Zero incidents")
    ids = [
        f.make_employee(manager_id=org.manager.employee_id).id for _ in range(48)
    ] + [org.employee.employee_id, org.peer.employee_id]
    headers = bearer(org.manager)
    with count_queries() as counter:
        response = client.post(
            f"{API}/goals/bulk-assign",
            json={"parent_id": team["id"], "employee_ids": ids},
            headers=headers,
        )
    assert response.get_json() == {"goals_created": 50}
    assert counter.count <= 12, counter.statements


def test_an_active_goal_past_its_target_is_overdue_as_on_the_pages(client, org, db):
    from datetime import timedelta

    from core.due import org_today

    late = Goal(
        owner_id=org.employee.employee_id,
        title="Late",
        target_on=org_today() - timedelta(days=1),
    )
    db.session.add(late)
    db.session.commit()
    answer = client.get(f"/api/v1/goals/{late.id}", headers=bearer(org.employee))
    assert answer.get_json()["is_overdue"] is True
