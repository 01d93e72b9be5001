"""Activities through the API: evidence for needs, edits, verification, privacy."""

import pytest

from reviews.services import create_need
from tests.development.api.helpers import MARKER, Caller
from tests.factories import make_skill

A = "/api/v1/activities"


@pytest.fixture
def emma(client, org):
    return Caller(client, org.employee)


def _need(org):
    return create_need(
        org.manager,
        {
            "employee_id": org.employee.employee_id,
            "skill_id": make_skill().id,
            "target_level": 3,
        },
    )


def _course(emma, **body) -> dict:
    response = emma.post(A, {"kind": "course", "title": "SQL", "hours": 6, **body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_an_activity_linked_to_a_need_moves_it_to_in_progress(client, db, org, emma):
    need = _need(org)
    db.session.commit()
    _course(emma, need_ids=[need.id], status="completed")
    manager = Caller(client, org.manager)
    url = f"/api/v1/training-needs/{need.id}"
    assert manager.get(url).get_json()["status"] == "in_progress"
    verified = manager.post(f"{url}/verify", if_match=manager.etag(url))
    assert verified.get_json()["status"] == "met"


def test_evidence_only_for_ones_own_needs(client, db, org):
    need = _need(org)
    db.session.commit()
    peer = Caller(client, org.peer)
    body = {"kind": "course", "title": "SQL", "need_ids": [need.id]}
    response = peer.post(A, body)
    assert response.status_code == 422
    assert "need_ids" in response.get_json()["errors"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"started_on": "2026-05-02", "ended_on": "2026-05-01"}, "ended_on"),
        ({"hours": -1}, "hours"),
        ({"kind": "interview_conducted"}, "kind"),
    ],
)
def test_bad_activities_are_refused(emma, body, field):
    response = emma.post(A, {"kind": "course", "title": "SQL", **body})
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert emma.get(A).get_json() == []


def test_patch_checks_dates_against_the_saved_ones(emma):
    course = _course(emma, started_on="2026-05-10")
    url = f"{A}/{course['id']}"
    response = emma.patch(url, {"ended_on": "2026-05-01"})
    assert response.status_code == 422
    assert emma.patch(url, {"ended_on": "2026-05-12"}).status_code == 200


def test_patch_needs_if_match(client, emma):
    url = f"{A}/{_course(emma)['id']}"
    headers = {**emma.headers}
    assert client.patch(url, json={}, headers=headers).status_code == 428
    headers["If-Match"] = '"old"'
    assert client.patch(url, json={}, headers=headers).status_code == 412


def test_only_the_direct_manager_verifies(client, org, emma):
    course = _course(emma, status="completed")
    url = f"{A}/{course['id']}"
    for name, status in [("employee", 403), ("ceo", 403), ("hr", 403)]:
        caller = Caller(client, getattr(org, name))
        verify = caller.post(f"{url}/verify", {}, if_match=caller.etag(url))
        assert verify.status_code == status
    manager = Caller(client, org.manager)
    verified = manager.post(f"{url}/verify", {}, if_match=manager.etag(url)).get_json()
    assert verified["is_verified"] is True
    again = manager.post(f"{url}/verify", {}, if_match=manager.etag(url))
    assert again.status_code == 409


def test_a_private_activitys_reflection_is_the_owners_alone(client, org, emma):
    course = _course(emma, reflection=MARKER, is_private=True)
    assert emma.get(f"{A}/{course['id']}").get_json()["reflection"] == MARKER
    for name in ("manager", "hr"):
        caller = Caller(client, getattr(org, name))
        for url in (A, f"{A}/{course['id']}"):
            assert MARKER not in caller.get(url).get_data(as_text=True)
        assert caller.get(f"{A}/{course['id']}").get_json()["reflection"] is None


def test_filters(client, org, emma):
    _course(emma)
    emma.post(A, {"kind": "conference_workshop", "title": "PyCon"})
    manager = Caller(client, org.manager)
    rows = manager.get(f"{A}?kind=course&employee_id={org.employee.employee_id}")
    assert [a["title"] for a in rows.get_json()] == ["SQL"]
    assert Caller(client, org.peer).get(A).get_json() == []
