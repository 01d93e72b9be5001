"""Issue 16 item 3 through the API: an interview's details edited while it is an idea
or requested (``PATCH`` with ``If-Match``), contacts edited and deleted (the interview
keeps the name), and an activity entered by mistake deleted within the grace period."""

from datetime import timedelta

import pytest

from core.db import utcnow
from development.models import DevelopmentActivity
from tests.development.api.helpers import Caller

SENT = "2026-11-01"
WHEN = "2026-11-10T14:00:00Z"


@pytest.fixture
def emma(client, org):
    return Caller(client, org.employee)


def _contact(emma, name="Dana Lee", **body) -> dict:
    response = emma.post("/api/v1/contacts", {"name": name, **body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _accepted_suggestion(client, org, emma) -> dict:
    manager = Caller(client, org.manager)
    suggestion = manager.post(
        "/api/v1/interview-suggestions",
        {"employee_id": org.employee.employee_id, "topic": "Talk to a data lead"},
    ).get_json()
    url = f"/api/v1/interview-suggestions/{suggestion['id']}/accept"
    interview = emma.post(url)
    assert interview.status_code == 201
    return interview.get_json()


def test_an_interview_from_a_suggestion_gets_its_contact(client, org, emma):
    interview = _accepted_suggestion(client, org, emma)
    assert interview["contact"] is None
    contact = _contact(emma, organisation="Acme")
    url = f"/api/v1/interviews/{interview['id']}"
    response = emma.patch(
        url,
        {"contact_id": contact["id"], "target_role": "Data lead", "mode": "phone"},
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["contact"]["name"] == "Dana Lee" and body["contact_name"] == "Dana Lee"
    assert (body["target_role"], body["mode"]) == ("Data lead", "phone")
    assert body["title"] == "Informational interview with Dana Lee"
    assert body["purpose"] == "Talk to a data lead"  # not sent, not changed
    assert response.headers["ETag"] != interview.get("etag")
    assert body["version"] == interview["version"] + 1


def test_an_interview_is_edited_while_requested_but_not_once_scheduled(emma):
    iid = emma.post("/api/v1/interviews", {"purpose": "Learn"}).get_json()["id"]
    url = f"/api/v1/interviews/{iid}"
    emma.step(iid, "request", {"message": "Hello", "sent_on": SENT})
    assert emma.patch(url, {"purpose": "Learn more"}).status_code == 200
    emma.step(iid, "schedule", {"scheduled_at": WHEN})
    refused = emma.patch(url, {"purpose": "Too late"})
    assert refused.status_code == 409
    assert "only an idea or a requested interview" in refused.get_json()["message"]
    assert emma.get(url).get_json()["purpose"] == "Learn more"


def test_patching_an_interview_needs_if_match_and_the_owner(client, org, emma):
    iid = emma.post("/api/v1/interviews", {"purpose": "Learn"}).get_json()["id"]
    url = f"/api/v1/interviews/{iid}"
    stale = emma.etag(url)
    assert emma.patch(url, {"purpose": "One"}).status_code == 200
    assert emma.patch(url, {"purpose": "Two"}, if_match=stale).status_code == 412
    no_match = client.patch(url, json={"purpose": "Two"}, headers=emma.headers)
    assert no_match.status_code == 428
    manager = Caller(client, org.manager)
    assert manager.patch(url, {"purpose": "Mine"}, if_match=stale).status_code == 403
    peer = Caller(client, org.peer)
    assert peer.patch(url, {"purpose": "Mine"}, if_match=stale).status_code == 404


def test_an_interview_patch_takes_only_its_four_fields_and_own_contacts(
    client, org, emma
):
    iid = emma.post("/api/v1/interviews", {"purpose": "Learn"}).get_json()["id"]
    url = f"/api/v1/interviews/{iid}"
    for field, value in (("status", "completed"), ("private_notes", "x")):
        response = emma.patch(url, {field: value})
        assert response.status_code == 422 and field in str(response.get_json())
    someone_elses = _contact(Caller(client, org.peer), name="Peer's friend")
    response = emma.patch(url, {"contact_id": someone_elses["id"]})
    assert response.status_code == 422
    assert "contact_id" in response.get_json()["errors"]


def test_a_contact_is_edited_and_deleted_and_its_interview_keeps_the_name(
    client, org, emma
):
    contact = _contact(emma, organisation="Acme")
    url = f"/api/v1/contacts/{contact['id']}"
    iid = emma.post(
        "/api/v1/interviews", {"contact_id": contact["id"], "purpose": "Learn"}
    ).get_json()["id"]
    changed = client.patch(url, json={"title": "CTO"}, headers=emma.headers)
    assert changed.status_code == 200
    assert (changed.get_json()["title"], changed.get_json()["name"]) == (
        "CTO",
        "Dana Lee",
    )
    peer = Caller(client, org.peer)
    assert peer.get(url).status_code == 404
    assert client.delete(url, headers=peer.headers).status_code == 404
    assert client.delete(url, headers=emma.headers).status_code == 204
    assert emma.get(url).status_code == 404
    interview = emma.get(f"/api/v1/interviews/{iid}").get_json()
    assert interview["contact"] is None and interview["contact_name"] == "Dana Lee"
    assert [c["id"] for c in emma.get("/api/v1/contacts").get_json()] == []


def _activity(emma) -> dict:
    response = emma.post(
        "/api/v1/activities",
        {"kind": "course", "title": "Typo course", "status": "completed", "hours": 1},
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _delete(client, caller, url, etag=None):
    headers = {**caller.headers, "If-Match": etag or caller.etag(url)}
    return client.delete(url, headers=headers)


def test_an_activity_entered_by_mistake_is_deleted(client, org, emma):
    url = f"/api/v1/activities/{_activity(emma)['id']}"
    assert client.delete(url, headers=emma.headers).status_code == 428
    manager = Caller(client, org.manager)
    assert _delete(client, manager, url, emma.etag(url)).status_code == 403
    assert _delete(client, emma, url).status_code == 204
    assert emma.get(url).status_code == 404


def test_an_activity_is_not_deleted_once_verified_or_after_a_week(
    client, db, org, emma
):
    verified = f"/api/v1/activities/{_activity(emma)['id']}"
    manager = Caller(client, org.manager)
    assert manager.post(
        f"{verified}/verify", {}, if_match=manager.etag(verified)
    ).status_code == (200)
    refused = _delete(client, emma, verified)
    assert refused.status_code == 409
    assert refused.get_json()["message"] == "A verified activity cannot be deleted."
    old = _activity(emma)
    db.session.get(DevelopmentActivity, old["id"]).created_at = utcnow() - timedelta(
        days=8
    )
    db.session.commit()
    late = _delete(client, emma, f"/api/v1/activities/{old['id']}")
    assert late.status_code == 409 and "within 7 days" in late.get_json()["message"]
