"""The training-needs API: named, evidenced, verified (the skill level follows) or
dropped with a reason; skill gaps and proposals that never duplicate; bad input, the
order of checks and ``If-Match``."""

from datetime import date, timedelta

import sqlalchemy as sa

from people.enums import SkillLevelSource
from people.models import EmployeeSkillLevel, RoleProfileSkill
from reviews.models import TrainingNeed
from tests import factories as f
from tests.conftest import bearer

API = "/api/v1"


def _etag(client, url, user):
    response = client.get(url, headers=bearer(user))
    assert response.status_code == 200, response.get_json()
    return response.headers["ETag"]


def _need(client, org, **extra):
    body = {
        "employee_id": org.employee.employee_id,
        "skill_id": extra.pop("skill_id", None) or f.make_skill(name="Testing").id,
        "target_level": 4,
        **extra,
    }
    response = client.post(
        f"{API}/training-needs", json=body, headers=bearer(org.manager)
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _need_action(client, need_id, action, user, json=None, etag=None):
    headers = bearer(user)
    headers["If-Match"] = etag or _etag(client, f"{API}/training-needs/{need_id}", user)
    return client.post(
        f"{API}/training-needs/{need_id}/{action}", json=json, headers=headers
    )


# --- training needs ----------------------------------------------------------------


def test_need_named_evidenced_verified_updates_the_skill_level(client, org):
    need = _need(client, org)
    assert (need["status"], need["source"], need["evidence"]) == ("open", "manager", [])

    linked = client.post(
        f"{API}/training-needs/{need['id']}/evidence",
        json={"note": "Finished the course.", "url": "https://example.com/cert"},
        headers=bearer(org.employee),
    )
    assert linked.status_code == 201, linked.get_json()
    assert linked.get_json()["status"] == "in_progress"
    assert linked.get_json()["evidence"][0]["added_by"] == org.employee.email

    verified = _need_action(client, need["id"], "verify", org.manager)

    assert verified.status_code == 200, verified.get_json()
    assert (verified.get_json()["status"], verified.get_json()["verified_by"]) == (
        "met",
        org.manager.email,
    )
    levels = client.get(
        f"{API}/people/{org.employee.employee_id}/skill-levels",
        headers=bearer(org.manager),
    ).get_json()
    assert [(x["skill_name"], x["level"], x["source"]) for x in levels] == [
        ("Testing", 4, "training_need")
    ]


def _evidenced(client, org):
    need = _need(client, org)
    client.post(
        f"{API}/training-needs/{need['id']}/evidence",
        json={"note": "Did the work."},
        headers=bearer(org.employee),
    )
    return need


def test_the_owner_cannot_verify_their_own_need(client, org):
    need = _evidenced(client, org)
    # 403 before the precondition: no If-Match needed to learn it.
    response = client.post(
        f"{API}/training-needs/{need['id']}/verify", headers=bearer(org.employee)
    )
    assert response.status_code == 403
    assert _need_action(client, need["id"], "verify", org.employee).status_code == 403


def test_verifying_without_evidence_is_refused(client, org):
    need = _need(client, org)
    response = _need_action(client, need["id"], "verify", org.manager)
    assert response.status_code == 422
    assert "evidence" in response.get_json()["errors"]
    assert (
        _etag(client, f"{API}/training-needs/{need['id']}", org.manager)
        == (response.request.headers["If-Match"])
    )


def test_dropping_needs_a_reason(client, org):
    need = _need(client, org)
    response = _need_action(client, need["id"], "drop", org.manager, json={})
    assert response.status_code == 422
    assert "reason" in response.get_json()["errors"]
    dropped = _need_action(
        client, need["id"], "drop", org.manager, json={"reason": "Moved teams."}
    )
    assert (dropped.get_json()["status"], dropped.get_json()["drop_reason"]) == (
        "dropped",
        "Moved teams.",
    )
    again = _need_action(
        client, need["id"], "drop", org.manager, json={"reason": "Moved teams."}
    )
    assert again.status_code == 409


def test_need_actions_need_a_current_if_match(client, org):
    need = _need(client, org)
    url = f"{API}/training-needs/{need['id']}"
    stale = _etag(client, url, org.manager)
    client.post(
        f"{url}/evidence", json={"note": "Did it."}, headers=bearer(org.employee)
    )
    missing = client.post(f"{url}/verify", headers=bearer(org.manager))
    assert missing.status_code == 428
    assert (
        _need_action(client, need["id"], "verify", org.manager, etag=stale).status_code
        == 412
    )
    dropped = _need_action(
        client, need["id"], "drop", org.manager, json={"reason": "No."}, etag=stale
    )
    assert dropped.status_code == 412


def test_an_employee_cannot_name_a_need(client, org):
    response = client.post(
        f"{API}/training-needs", json={}, headers=bearer(org.employee)
    )
    assert response.status_code == 403


def test_the_overdue_filter(db, client, org):
    late = _need(client, org, due_on=str(date.today() + timedelta(days=1)))
    # Named weeks ago, due three days ago: a need is never named already overdue.
    db.session.get(TrainingNeed, late["id"]).due_on = date.today() - timedelta(days=3)
    db.session.commit()
    _need(
        client,
        org,
        skill_id=f.make_skill().id,
        due_on=str(date.today() + timedelta(days=30)),
    )
    overdue = client.get(
        f"{API}/training-needs?overdue=true", headers=bearer(org.manager)
    ).get_json()
    assert [(n["id"], n["is_overdue"]) for n in overdue] == [(late["id"], True)]
    rest = client.get(
        f"{API}/training-needs?overdue=false", headers=bearer(org.manager)
    ).get_json()
    assert late["id"] not in [n["id"] for n in rest] and len(rest) == 1


# --- gaps and proposals ------------------------------------------------------------


def _role_gap(db, org):
    """Emma's title expects Testing at 4; she was last assessed at 2."""
    skill = f.make_skill(name="Testing")
    profile = f.make_role_profile(job_title="Engineer")
    db.session.add_all(
        [
            RoleProfileSkill(
                role_profile_id=profile.id, skill_id=skill.id, expected_level=4
            ),
            EmployeeSkillLevel(
                employee_id=org.employee.employee_id,
                skill_id=skill.id,
                level=2,
                source=SkillLevelSource.manager,
            ),
        ]
    )
    db.session.commit()
    return skill


def test_skill_gaps_show_expected_against_assessed(client, org, db):
    skill = _role_gap(db, org)
    url = f"{API}/people/{org.employee.employee_id}/skill-gaps"
    for user in (org.employee, org.manager, org.ceo, org.hr):
        response = client.get(url, headers=bearer(user))
        assert response.get_json() == [
            {
                "skill_id": skill.id,
                "skill_name": "Testing",
                "expected": 4,
                "current": 2,
                "gap": 2,
            }
        ]
    assert client.get(url, headers=bearer(org.peer)).status_code == 403
    missing = client.get(f"{API}/people/99999/skill-gaps", headers=bearer(org.hr))
    assert missing.status_code == 404


def test_proposals_never_duplicate_an_open_need(client, org, db):
    skill = _role_gap(db, org)
    body = {"employee_ids": [org.employee.employee_id], "due_on": "2026-12-31"}
    url = f"{API}/training-needs/propose"

    first = client.post(url, json=body, headers=bearer(org.manager)).get_json()
    second = client.post(url, json=body, headers=bearer(org.manager)).get_json()

    assert first["needs_created"] == 1
    assert (first["needs"][0]["skill"]["id"], first["needs"][0]["source"]) == (
        skill.id,
        "role_profile",
    )
    assert second == {"needs_created": 0, "needs": []}
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(TrainingNeed.id))) == 1
