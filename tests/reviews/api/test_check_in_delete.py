"""A goal check-in entered by mistake is deleted by whoever entered it, within 7 days
(``DELETE /goals/{id}/check-ins/{check_in_id}`` with the goal's ``If-Match``)."""

from datetime import timedelta

from core.db import utcnow
from reviews.models import GoalCheckIn
from tests.conftest import bearer

API = "/api/v1"


def _etag(client, url, user):
    return client.get(url, headers=bearer(user)).headers["ETag"]


def _goal_with_check_ins(client, user, *values) -> tuple[str, list[int]]:
    goal = client.post(
        f"{API}/goals", json={"title": "Ship it"}, headers=bearer(user)
    ).get_json()
    url = f"{API}/goals/{goal['id']}"
    for value in values:
        headers = {**bearer(user), "If-Match": _etag(client, url, user)}
        response = client.post(
            f"{url}/check-ins",
            json={"value": value, "status": "on_track"},
            headers=headers,
        )
        assert response.status_code == 201, response.get_json()
    ids = [
        c["id"] for c in client.get(f"{url}/check-ins", headers=bearer(user)).get_json()
    ]
    return url, ids  # newest first


def test_the_mistaken_check_in_goes_and_the_goal_value_follows(client, org):
    url, (latest, first) = _goal_with_check_ins(client, org.employee, 20, 90)
    etag = _etag(client, url, org.employee)
    headers = {**bearer(org.employee), "If-Match": etag}
    response = client.delete(f"{url}/check-ins/{latest}", headers=headers)
    assert response.status_code == 204, response.get_json()
    after = client.get(url, headers=bearer(org.employee))
    goal = after.get_json()
    assert (goal["current_value"], goal["progress"]) == (20, 20)
    assert [c["id"] for c in goal["check_ins"]] == [first]
    assert after.headers["ETag"] != etag  # the goal changed: its version moved
    headers["If-Match"] = after.headers["ETag"]
    assert client.delete(f"{url}/check-ins/{first}", headers=headers).status_code == 204
    emptied = client.get(url, headers=bearer(org.employee)).get_json()
    assert (emptied["current_value"], emptied["progress"]) == (0, 0)


def test_only_its_author_deletes_a_check_in_with_if_match(client, org):
    url, (entry,) = _goal_with_check_ins(client, org.employee, 50)
    target = f"{url}/check-ins/{entry}"
    etag = _etag(client, url, org.employee)
    assert client.delete(target, headers=bearer(org.employee)).status_code == 428
    stale = {**bearer(org.employee), "If-Match": '"stale"'}
    assert client.delete(target, headers=stale).status_code == 412
    manager = {**bearer(org.manager), "If-Match": etag}
    assert client.delete(target, headers=manager).status_code == 403  # not hers to
    peer = {**bearer(org.other_manager), "If-Match": etag}
    assert client.delete(target, headers=peer).status_code == 404
    other_url, _ = _goal_with_check_ins(client, org.employee)
    wrong_goal = {
        **bearer(org.employee),
        "If-Match": _etag(client, other_url, org.employee),
    }
    assert (
        client.delete(f"{other_url}/check-ins/{entry}", headers=wrong_goal).status_code
        == 404
    )


def test_a_check_in_older_than_a_week_stays(client, db, org):
    url, (entry,) = _goal_with_check_ins(client, org.employee, 50)
    db.session.get(GoalCheckIn, entry).created_at = utcnow() - timedelta(days=8)
    db.session.commit()
    headers = {**bearer(org.employee), "If-Match": _etag(client, url, org.employee)}
    response = client.delete(f"{url}/check-ins/{entry}", headers=headers)
    assert response.status_code == 409
    assert "within 7 days" in response.get_json()["message"]
