import pytest
import sqlalchemy as sa

from core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from people.models import EmployeeSkillLevel, RoleProfile, RoleProfileSkill
from people.queries import latest_skill_levels
from reviews import services
from reviews.enums import TrainingNeedSource, TrainingNeedStatus
from reviews.models import TrainingNeed
from tests import factories as f
from tests.reviews.conftest import MANAGER_PART, NOW, ratings, review_of


def test_review_to_need_to_evidence_to_verified_to_skill_level(db, org, cycle):
    skill = f.make_skill(name="Testing")
    review = review_of(db, cycle, org.employee)
    services.save_self_assessment(
        org.employee, review, {"ratings": ratings(review), "submit": True}, now=NOW
    )
    need_in = {
        "skill_id": skill.id,
        "target_level": 4,
        "priority": "high",
        "due_on": None,
    }
    from reviews.enums import Priority

    need_in["priority"] = Priority.high
    services.save_manager_assessment(
        org.manager,
        review,
        {**MANAGER_PART, "ratings": ratings(review, 4), "training_needs": [need_in]},
        now=NOW,
    )
    services.share_review(org.manager, review, now=NOW)
    need = db.session.scalar(
        sa.select(TrainingNeed).where(TrainingNeed.source_review_id == review.id)
    )
    assert (need.source, need.status) == (
        TrainingNeedSource.review,
        TrainingNeedStatus.open,
    )
    services.link_evidence(org.employee, need, note="Completed the testing course.")
    assert need.status is TrainingNeedStatus.in_progress
    services.verify_need(org.manager, need)
    assert (need.status, need.verified_by_id) == (
        TrainingNeedStatus.met,
        org.manager.id,
    )
    level = db.session.scalars(latest_skill_levels(org.employee.employee_id)).one()
    assert (level.skill_id, level.level, level.source.value, level.source_id) == (
        skill.id,
        4,
        "training_need",
        need.id,
    )


def _need(org, **extra):
    skill = extra.pop("skill", None) or f.make_skill()
    return services.create_need(
        org.manager,
        {
            "employee_id": org.employee.employee_id,
            "skill_id": skill.id,
            "target_level": 3,
            **extra,
        },
    )


def test_verifying_without_evidence_is_refused(db, org):
    need = _need(org)
    with pytest.raises(ValidationFailed):
        services.verify_need(org.manager, need)
    assert need.status is TrainingNeedStatus.open


def test_the_owner_never_verifies_their_own_need(db, org):
    need = _need(org)
    services.link_evidence(org.employee, need, url="https://certs.example/123")
    with pytest.raises(PermissionDenied):
        services.verify_need(org.employee, need)


def test_dropping_needs_a_reason(db, org):
    need = _need(org)
    with pytest.raises(ValidationFailed):
        services.drop_need(org.manager, need, " ")
    services.drop_need(org.manager, need, "Role changed")
    assert (need.status, need.drop_reason) == (
        TrainingNeedStatus.dropped,
        "Role changed",
    )


def test_a_met_need_takes_no_more_evidence(db, org):
    need = _need(org)
    services.link_evidence(org.employee, need, note="Course")
    services.verify_need(org.manager, need)
    with pytest.raises(InvalidTransition):
        services.link_evidence(org.employee, need, note="More")


def test_gap_proposals_never_duplicate_an_open_need(db, org):
    python, sql = f.make_skill(name="Python"), f.make_skill(name="SQL")
    profile = RoleProfile(
        job_title="Engineer",
        expectations=[
            RoleProfileSkill(skill_id=python.id, expected_level=4),
            RoleProfileSkill(skill_id=sql.id, expected_level=3),
        ],
    )
    db.session.add(profile)
    db.session.add(
        EmployeeSkillLevel(
            employee_id=org.employee.employee_id,
            skill_id=sql.id,
            level=3,
            source="manager",
        )
    )
    _need(org, skill=python)  # already open for Python
    created = services.propose_training_needs(
        org.manager, [org.employee.employee_id, org.peer.employee_id]
    )
    assert sorted((n.employee_id, n.skill_id) for n in created) == sorted(
        [(org.peer.employee_id, python.id), (org.peer.employee_id, sql.id)]
    )
    assert services.propose_training_needs(org.manager, [org.peer.employee_id]) == []


def test_skill_gaps_are_one_query_for_a_team(db, org, count_queries):
    skill = f.make_skill()
    db.session.add(
        RoleProfile(
            job_title="Engineer",
            expectations=[RoleProfileSkill(skill_id=skill.id, expected_level=4)],
        )
    )
    db.session.commit()
    team = [org.employee.employee_id, org.peer.employee_id]
    with count_queries() as counter:
        gaps = services.skill_gaps(team)
    assert counter.count == 1
    assert {g["gap"] for g in gaps} == {4}


def test_a_need_must_aim_above_the_current_level(db, org):
    skill = f.make_skill()
    db.session.add(
        EmployeeSkillLevel(
            employee_id=org.employee.employee_id,
            skill_id=skill.id,
            level=4,
            source="manager",
        )
    )
    with pytest.raises(ValidationFailed) as err:
        _need(org, skill=skill)  # target 3 < current 4
    assert "Already at level 4" in err.value.errors["target_level"]
