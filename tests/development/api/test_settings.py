"""Contacts and the LinkedIn import, the question bank, suggestions, the policy and
the learning record through the API."""

import pytest

from development.seeds import ensure_question_bank
from tests.development.api.helpers import Caller

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
GOOD = HEADER + (
    "Ann,Lee,https://www.linkedin.com/in/annlee,ann@example.com,Acme,CTO,12 Mar 2024\n"
    "Bo,Berg,,bo@example.com,Initech,Analyst,1 Feb 2025\n"
)
BAD = GOOD + "Cy,Chen,not a url,nope,Acme,Dev,yesterday\n"


@pytest.fixture
def emma(client, org):
    return Caller(client, org.employee)


def test_import_preview_writes_nothing(emma):
    body = emma.post("/api/v1/contacts/import", {"csv": GOOD}).get_json()
    assert body["preview"] is True
    assert [r["name"] for r in body["rows"]] == ["Ann Lee", "Bo Berg"]
    assert body["errors"] == []
    assert emma.get("/api/v1/contacts").get_json() == []


def test_import_writes_the_contacts_and_skips_known_ones(emma):
    done = emma.post("/api/v1/contacts/import", {"csv": GOOD, "preview": False})
    assert done.get_json()["created"] == 2
    again = emma.post("/api/v1/contacts/import", {"csv": GOOD, "preview": False})
    assert again.get_json() | {"rows": []} == {
        "preview": False,
        "rows": [],
        "errors": [],
        "created": 0,
        "skipped": 2,
    }
    assert len(emma.get("/api/v1/contacts").get_json()) == 2


def test_a_bad_file_shows_row_errors_and_writes_nothing(emma):
    preview = emma.post("/api/v1/contacts/import", {"csv": BAD}).get_json()
    assert [e["line"] for e in preview["errors"]] == [4]
    response = emma.post("/api/v1/contacts/import", {"csv": BAD, "preview": False})
    assert response.status_code == 422
    assert "line 4" in response.get_json()["errors"]
    assert emma.get("/api/v1/contacts").get_json() == []


def test_a_file_in_the_wrong_shape_is_refused(emma):
    response = emma.post(
        "/api/v1/contacts/import", {"csv": "Name,Email\nAnn,a@b.c\n", "preview": False}
    )
    assert response.status_code == 422
    assert emma.get("/api/v1/contacts").get_json() == []


def test_contacts_are_their_owners_alone(client, org, emma):
    emma.post("/api/v1/contacts", {"name": "Dana Lee"})
    for name in ("manager", "hr"):
        assert (
            Caller(client, getattr(org, name)).get("/api/v1/contacts").get_json() == []
        )


def test_hr_adds_a_topic_and_whom_else_stays_last(client, db, org, emma):
    ensure_question_bank()
    db.session.commit()
    hr = Caller(client, org.hr)
    added = hr.post("/api/v1/question-bank", {"text": "What surprised you?"})
    assert added.status_code == 201
    topics = [t["text"] for t in emma.get("/api/v1/question-bank").get_json()]
    assert topics[-2:] == ["What surprised you?", "Whom else should I talk to?"]
    assert emma.post("/api/v1/question-bank", {"text": "Mine?"}).status_code == 403


def _suggest(client, org) -> dict:
    manager = Caller(client, org.manager)
    response = manager.post(
        "/api/v1/interview-suggestions",
        {"employee_id": org.employee.employee_id, "topic": "Talk to a data lead"},
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_suggestion_accepted_becomes_an_idea(client, org, emma):
    suggestion = _suggest(client, org)
    assert [s["id"] for s in emma.get("/api/v1/interview-suggestions").get_json()] == [
        suggestion["id"]
    ]
    url = f"/api/v1/interview-suggestions/{suggestion['id']}"
    assert Caller(client, org.manager).post(f"{url}/accept").status_code == 403
    interview = emma.post(f"{url}/accept")
    assert interview.status_code == 201
    assert interview.get_json()["status"] == "idea"
    assert interview.get_json()["purpose"] == "Talk to a data lead"
    assert emma.post(f"{url}/dismiss").status_code == 409


def test_a_suggestion_dismissed(client, org, emma):
    suggestion = _suggest(client, org)
    url = f"/api/v1/interview-suggestions/{suggestion['id']}"
    assert emma.post(f"{url}/dismiss").get_json()["status"] == "dismissed"
    assert Caller(client, org.peer).post(f"{url}/dismiss").status_code == 404


def test_only_a_manager_of_the_person_suggests(client, org):
    response = Caller(client, org.other_manager).post(
        "/api/v1/interview-suggestions",
        {"employee_id": org.employee.employee_id, "topic": "Talk to sales"},
    )
    assert response.status_code == 403


def test_policy_patch_needs_if_match_and_checks_the_window(client, org, emma):
    hr = Caller(client, org.hr)
    url = "/api/v1/development-policy"
    no_etag = client.patch(url, json={"window_months": 4}, headers=hr.headers)
    assert no_etag.status_code == 428
    assert hr.patch(url, {"active_months": 5}).status_code == 422
    assert hr.patch(url, {"window_months": 6, "active_months": 5}).status_code == 200
    assert emma.get(url).get_json()["active_months"] == 5
    assert client.patch(url, json={}, headers=emma.headers).status_code == 403


def test_learning_record_for_the_person_their_managers_and_hr(client, org, emma):
    emma.post(
        "/api/v1/activities",
        {"kind": "course", "title": "SQL", "status": "completed", "hours": 3},
    )
    url = f"/api/v1/people/{org.employee.employee_id}/learning-record"
    for name in ("employee", "manager", "ceo", "hr"):
        record = Caller(client, getattr(org, name)).get(url)
        assert record.status_code == 200
    body = record.get_json()
    assert body["status"] in ("active", "lapsing", "inactive")
    assert len(body["months"]) == 12
    for name in ("peer", "other_manager"):
        assert Caller(client, getattr(org, name)).get(url).status_code == 403
