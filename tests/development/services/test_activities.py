import pytest

from core.errors import PermissionDenied, ValidationFailed
from development.enums import ActivityKind, ActivityStatus
from development.services import activities as svc
from reviews import services as review_services
from reviews.enums import TrainingNeedStatus
from tests import factories as f


def _need(org):
    return review_services.create_need(
        org.manager,
        {
            "employee_id": org.employee.employee_id,
            "skill_id": f.make_skill().id,
            "target_level": 3,
        },
    )


def _course(org, **extra):
    data = {
        "kind": ActivityKind.course,
        "title": "Testing in Practice",
        "hours": 12.0,
        "status": ActivityStatus.completed,
        **extra,
    }
    return svc.create_activity(org.employee, data)


def test_an_activity_linked_to_a_need_moves_it_to_in_progress_and_verification_closes_it(
    db, org
):
    need = _need(org)
    activity = _course(org, need_ids=[need.id])
    assert need.status is TrainingNeedStatus.in_progress
    svc.verify_activity(org.manager, activity)
    review_services.verify_need(org.manager, need)
    assert need.status is TrainingNeedStatus.met


def test_evidence_cannot_go_to_someone_elses_need(db, org):
    need = review_services.create_need(
        org.manager,
        {
            "employee_id": org.peer.employee_id,
            "skill_id": f.make_skill().id,
            "target_level": 3,
        },
    )
    with pytest.raises(ValidationFailed):
        _course(org, need_ids=[need.id])


def test_nobody_verifies_their_own_activity(db, org):
    activity = _course(org)
    with pytest.raises(PermissionDenied):
        svc.verify_activity(org.employee, activity)
    with pytest.raises(PermissionDenied):
        svc.verify_activity(org.ceo, activity)  # indirect manager: only the direct one


def test_interviews_are_not_logged_as_plain_activities(db, org):
    with pytest.raises(ValidationFailed):
        svc.create_activity(
            org.employee, {"kind": ActivityKind.interview_conducted, "title": "x"}
        )
