"""A goal's check-in cadence through the API: monthly by default, set on create,
changed with ``If-Match``, an unknown cadence refused by name; the goal answers with
the day its next check-in is due (``reviews.goal_due``)."""

from datetime import timedelta

from core.due import org_today
from tests.conftest import bearer

API = "/api/v1"


def _create(client, user, **body):
    return client.post(
        f"{API}/goals", json={"title": "Cadence", **body}, headers=bearer(user)
    )


def test_a_new_goal_checks_in_monthly_and_says_when_next(client, org):
    response = _create(client, org.employee)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["check_in_cadence"] == "monthly"
    assert body["next_check_in_on"] == (org_today() + timedelta(days=30)).isoformat()


def test_the_cadence_is_set_on_create_and_changed_with_if_match(client, org):
    goal = _create(client, org.employee, check_in_cadence="weekly").get_json()
    assert goal["check_in_cadence"] == "weekly"
    url = f"{API}/goals/{goal['id']}"
    etag = client.get(url, headers=bearer(org.employee)).headers["ETag"]

    without = client.patch(
        url, json={"check_in_cadence": "quarterly"}, headers=bearer(org.employee)
    )
    assert without.status_code == 428

    headers = {**bearer(org.employee), "If-Match": etag}
    response = client.patch(
        url, json={"check_in_cadence": "quarterly"}, headers=headers
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["check_in_cadence"] == "quarterly"
    assert body["next_check_in_on"] == (org_today() + timedelta(days=91)).isoformat()
    listed = client.get(f"{API}/goals", headers=bearer(org.employee)).get_json()
    assert [g["check_in_cadence"] for g in listed] == ["quarterly"]


def test_an_unknown_cadence_is_a_field_error(client, org):
    response = _create(client, org.employee, check_in_cadence="daily")
    assert response.status_code == 422
    assert "check_in_cadence" in str(response.get_json())


def test_a_goal_no_longer_active_has_no_next_check_in(client, org):
    goal = _create(client, org.employee).get_json()
    url = f"{API}/goals/{goal['id']}"
    etag = client.get(url, headers=bearer(org.employee)).headers["ETag"]
    headers = {**bearer(org.employee), "If-Match": etag}
    body = client.patch(url, json={"status": "achieved"}, headers=headers).get_json()
    assert body["next_check_in_on"] is None
