import pytest

from core.errors import PermissionDenied, ValidationFailed
from development.enums import ActivityKind, ActivityStatus
from development.services import activities as activities_svc
from development.services import verification as svc
from reviews import services as review_services
from reviews.enums import TrainingNeedStatus
from reviews.services.outcomes import current_levels
from tests import factories as f


def _need(org, person=None):
    return review_services.create_need(
        org.manager,
        {
            "employee_id": (person or org.employee).employee_id,
            "skill_id": f.make_skill().id,
            "target_level": 3,
        },
    )


def _course(org, owner=None, **extra):
    data = {
        "kind": ActivityKind.course,
        "title": "Testing in Practice",
        "hours": 12.0,
        "status": ActivityStatus.completed,
        **extra,
    }
    return activities_svc.create_activity(owner or org.employee, data)


def test_verifying_an_activity_marks_its_need_met_in_the_same_step(db, org):
    need = _need(org)
    activity = _course(org, need_ids=[need.id])
    met = svc.verify_activities(org.manager, [activity], met_need_ids=[need.id])
    assert met == [need]
    assert activity.verified_at is not None
    assert need.status is TrainingNeedStatus.met
    assert current_levels(org.employee.employee_id)[need.skill_id] == 3


def test_verifying_without_ticking_the_need_leaves_it_in_progress(db, org):
    need = _need(org)
    activity = _course(org, need_ids=[need.id])
    assert svc.verify_activities(org.manager, [activity]) == []
    assert activity.verified_at is not None
    assert need.status is TrainingNeedStatus.in_progress


def test_bulk_verify_verifies_every_activity(db, org):
    first, second = _course(org), _course(org, title="Pairing")
    svc.verify_activities(org.manager, [first, second])
    assert first.verified_at is not None and second.verified_at is not None


def test_a_need_the_activities_are_not_evidence_for_is_refused(db, org):
    unrelated = _need(org)
    _course(org, title="Other evidence", need_ids=[unrelated.id])
    activity = _course(org)
    with pytest.raises(ValidationFailed) as refused:
        svc.verify_activities(org.manager, [activity], met_need_ids=[unrelated.id])
    assert "met_need_ids" in refused.value.errors
    assert activity.verified_at is None
    assert unrelated.status is TrainingNeedStatus.in_progress


def test_an_empty_selection_is_a_field_error(db, org):
    with pytest.raises(ValidationFailed) as refused:
        svc.verify_activities(org.manager, [])
    assert "activity_ids" in refused.value.errors


def test_only_the_direct_manager_verifies_in_bulk(db, org):
    activity = _course(org)
    with pytest.raises(PermissionDenied):
        svc.verify_activities(org.ceo, [activity])


def test_needs_evidenced_by_lists_needs_in_progress_per_activity(db, org):
    need = _need(org)
    activity = _course(org, need_ids=[need.id])
    plain = _course(org, title="No need")
    assert svc.needs_evidenced_by([activity.id, plain.id]) == {activity.id: [need]}
