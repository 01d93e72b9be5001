"""``POST /api/v1/activities/{id}/verify`` with ``need_met``: verify the evidence and
mark the need met in one call, as the manager's desk does in one step."""

import pytest
import sqlalchemy as sa

from core.extensions import db
from development.models import DevelopmentActivity
from people.models import EmployeeSkillLevel
from reviews.enums import TrainingNeedStatus
from reviews.models import TrainingNeed
from reviews.services import create_need
from tests.development.api.helpers import Caller
from tests.factories import make_skill

A = "/api/v1/activities"


@pytest.fixture
def need(org):
    need = create_need(
        org.manager,
        {
            "employee_id": org.employee.employee_id,
            "skill_id": make_skill().id,
            "target_level": 3,
        },
    )
    db.session.commit()
    return need


@pytest.fixture
def manager(client, org):
    return Caller(client, org.manager)


def _course(client, org, **body) -> int:
    emma = Caller(client, org.employee)
    response = emma.post(
        A, {"kind": "course", "title": "SQL", "hours": 6, "status": "completed", **body}
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def _verify(manager, activity_id, body):
    url = f"{A}/{activity_id}"
    return manager.post(f"{url}/verify", body, if_match=manager.etag(url))


def _status(need_id) -> TrainingNeedStatus:
    db.session.expire_all()
    return db.session.get(TrainingNeed, need_id).status


def _verified(activity_id) -> bool:
    db.session.expire_all()
    return db.session.get(DevelopmentActivity, activity_id).verified_at is not None


def test_need_met_verifies_the_activity_and_marks_the_need_met(
    client, org, need, manager
):
    activity_id = _course(client, org, need_ids=[need.id])
    response = _verify(manager, activity_id, {"need_met": True})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["is_verified"] is True
    assert _status(need.id) is TrainingNeedStatus.met
    level = db.session.scalar(
        sa.select(EmployeeSkillLevel.level).where(
            EmployeeSkillLevel.employee_id == org.employee.employee_id,
            EmployeeSkillLevel.skill_id == need.skill_id,
        )
    )
    assert level == 3  # the need's target, as a need verified on its own page


def test_without_need_met_only_the_activity_is_verified(client, org, need, manager):
    activity_id = _course(client, org, need_ids=[need.id])
    assert _verify(manager, activity_id, {}).status_code == 200
    assert _verified(activity_id)
    assert _status(need.id) is TrainingNeedStatus.in_progress


def test_need_met_false_is_the_default(client, org, need, manager):
    activity_id = _course(client, org, need_ids=[need.id])
    assert _verify(manager, activity_id, {"need_met": False}).status_code == 200
    assert _status(need.id) is TrainingNeedStatus.in_progress


def test_need_met_for_an_activity_that_is_evidence_for_no_need_is_422(
    client, org, manager
):
    activity_id = _course(client, org)
    response = _verify(manager, activity_id, {"need_met": True})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"need_met"}
    assert not _verified(activity_id)


def test_a_need_already_met_is_no_longer_one_to_mark(client, org, need, manager):
    first = _course(client, org, need_ids=[need.id])
    second = _course(client, org, need_ids=[need.id])
    assert _verify(manager, first, {"need_met": True}).status_code == 200
    response = _verify(manager, second, {"need_met": True})
    assert response.status_code == 422 and "need_met" in response.get_json()["errors"]
    assert not _verified(second)


def test_verify_and_mark_met_are_one_transaction(client, org, need, manager):
    activity_id = _course(client, org, need_ids=[need.id], status="in_progress")
    response = _verify(manager, activity_id, {"need_met": True})
    assert response.status_code == 409  # only a completed activity is verified
    assert _status(need.id) is TrainingNeedStatus.in_progress


def test_need_met_must_be_a_boolean(client, org, need, manager):
    activity_id = _course(client, org, need_ids=[need.id])
    response = _verify(manager, activity_id, {"need_met": "perhaps"})
    assert response.status_code == 422 and "need_met" in response.get_json()["errors"]
    assert _status(need.id) is TrainingNeedStatus.in_progress


def test_the_body_is_required_as_every_json_body(client, org, need, manager):
    activity_id = _course(client, org, need_ids=[need.id])
    assert _verify(manager, activity_id, None).status_code == 422
    assert not _verified(activity_id)


def test_the_document_describes_need_met(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    op = doc["paths"]["/api/v1/activities/{activity_id}/verify"]["post"]
    assert op["requestBody"]["required"] is True
    assert "need_met" in op["description"]
