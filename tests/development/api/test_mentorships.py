"""Mentorship plan and sessions through the API: the mentee writes; the mentor (an
employee), the manager and HR read — never the mentee's session notes."""

import pytest

from development.enums import ActivityKind
from tests.development.api.helpers import MARKER, Caller


@pytest.fixture
def emma(client, org):
    return Caller(client, org.employee)


def _mentorship(emma) -> int:
    response = emma.post(
        "/api/v1/activities",
        {
            "kind": ActivityKind.mentoring.value,
            "title": "Mentoring with Piet",
            "status": "in_progress",
            "started_on": "2026-08-01",
        },
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def test_plan_and_sessions_end_to_end(client, org, emma):
    aid = _mentorship(emma)
    url = f"/api/v1/activities/{aid}/mentorship"
    assert emma.client.patch(url, json={}, headers=emma.headers).status_code == 428
    planned = emma.patch(
        url,
        {
            "cadence": "monthly",
            "planned_sessions": 6,
            "mentor_id": org.peer.employee_id,
        },
    )
    assert planned.status_code == 200, planned.get_json()
    assert planned.get_json()["cadence"] == "monthly"
    assert planned.get_json()["mentor"]["name"] == "Piet Peer"
    for day in ("2026-08-10", "2026-09-10"):
        added = emma.post(
            f"/api/v1/activities/{aid}/sessions",
            {"held_on": day, "hours": 1.5, "note": MARKER},
        )
        assert added.status_code == 201, added.get_json()
        assert added.get_json()["note"] == MARKER
    plan = emma.get(url).get_json()
    assert plan["next_session_on"] == "2026-10-10"
    assert plan["sessions_held"] == 2
    moved = emma.patch(url, {"next_session_on": "2026-10-14"})
    assert moved.get_json()["next_session_on"] == "2026-10-14"
    both = emma.patch(url, {"plan_ends_on": "2027-01-31"})
    assert both.status_code == 422 and "plan_ends_on" in both.get_json()["errors"]
    sessions = emma.get(f"/api/v1/activities/{aid}/sessions").get_json()
    assert [s["held_on"] for s in sessions] == ["2026-08-10", "2026-09-10"]
    assert {s["note"] for s in sessions} == {MARKER}


def test_the_mentor_reads_the_sessions_they_give_without_notes(client, org, emma):
    aid = _mentorship(emma)
    url = f"/api/v1/activities/{aid}/mentorship"
    emma.patch(url, {"cadence": "weekly", "mentor_id": org.peer.employee_id})
    emma.post(
        f"/api/v1/activities/{aid}/sessions", {"held_on": "2026-08-10", "note": MARKER}
    )
    for user in (org.peer, org.manager, org.hr):
        reader = Caller(client, user)
        response = reader.get(f"/api/v1/activities/{aid}/sessions")
        assert response.status_code == 200
        assert MARKER not in response.get_data(as_text=True)
        assert response.get_json()[0]["note"] is None
        assert reader.get(url).get_json()["next_session_on"] == "2026-08-17"
        denied = reader.post(
            f"/api/v1/activities/{aid}/sessions", {"held_on": "2026-08-17"}
        )
        assert denied.status_code == 403
        patched = reader.patch(url, {"cadence": "monthly"})
        assert patched.status_code == 403
    # the mentor reaches the mentorship, not the activity's other resources
    assert Caller(client, org.peer).get(f"/api/v1/activities/{aid}").status_code == 404


def test_strangers_and_other_activities_are_not_found(client, org, emma):
    aid = _mentorship(emma)
    stranger = Caller(client, org.other_report)
    assert stranger.get(f"/api/v1/activities/{aid}/sessions").status_code == 404
    assert stranger.get(f"/api/v1/activities/{aid}/mentorship").status_code == 404
    course = emma.post("/api/v1/activities", {"kind": "course", "title": "SQL"})
    cid = course.get_json()["id"]
    assert emma.get(f"/api/v1/activities/{cid}/mentorship").status_code == 404
    assert (
        emma.post(
            f"/api/v1/activities/{cid}/sessions", {"held_on": "2026-08-10"}
        ).status_code
        == 404
    )


def test_session_input_is_checked(client, org, emma):
    aid = _mentorship(emma)
    url = f"/api/v1/activities/{aid}/sessions"
    assert emma.post(url, {}).status_code == 422
    assert emma.post(url, {"held_on": "2026-08-10", "hours": -1}).status_code == 422
    assert emma.post(url, {"held_on": "2026-08-10", "mentor": 1}).status_code == 422
