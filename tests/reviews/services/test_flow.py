import pytest
import sqlalchemy as sa

from core.audit import AuditEvent
from core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from reviews import services
from reviews.enums import ReviewStatus
from reviews.models import Goal, Review
from tests.reviews.conftest import MANAGER_PART, NOW, ratings, review_of, walk_to_shared


def _events(db, review):
    return list(
        db.session.scalars(
            sa.select(AuditEvent.changes)
            .where(
                AuditEvent.object_type == "Review",
                AuditEvent.object_id == review.id,
                AuditEvent.action == "status_changed",
            )
            .order_by(AuditEvent.id)  # PostgreSQL promises no order without one
        )
    )


def test_launch_creates_one_review_per_person_with_a_manager(db, org, cycle):
    reviews = db.session.scalars(
        sa.select(Review).where(Review.cycle_id == cycle.id)
    ).all()
    # manager, employee, peer, other_report; CEO, other manager and HR have no manager
    assert len(reviews) == 4
    emma = next(r for r in reviews if r.employee_id == org.employee.employee_id)
    assert emma.reviewer_id == org.manager.employee_id


def test_launching_twice_is_refused(db, org, cycle):
    with pytest.raises(InvalidTransition):
        services.launch_cycle(org.hr, cycle)


def test_the_whole_flow_ends_signed_with_an_addendum(db, org, cycle):
    review = walk_to_shared(db, org, cycle)
    services.acknowledge_review(
        org.employee, review, {"comment": "Fair.", "disagree": False}
    )
    services.add_addendum(
        org.manager, review, {"text": "Promotion approved in August."}
    )
    db.session.commit()
    assert review.status is ReviewStatus.acknowledged
    assert [a.text for a in review.addenda] == ["Promotion approved in August."]
    steps = [(e["from"], e["to"]) for e in _events(db, review)]
    assert steps == [
        ("not_started", "self_submitted"),
        ("self_submitted", "manager_in_progress"),
        ("manager_in_progress", "shared"),
        ("shared", "acknowledged"),
    ]
    assert (
        db.session.scalar(
            sa.select(Goal.title).where(Goal.source_review_id == review.id)
        )
        == "Mentor a new hire"
    )


def test_manager_cannot_start_before_self_assessment_is_due(db, org, cycle):
    review = review_of(db, cycle, org.employee)
    with pytest.raises(InvalidTransition, match="not submitted yet"):
        services.save_manager_assessment(org.manager, review, MANAGER_PART, now=NOW)


def test_sharing_needs_every_competency_rated(db, org, cycle):
    review = review_of(db, cycle, org.employee)
    services.save_self_assessment(
        org.employee, review, {"ratings": ratings(review), "submit": True}, now=NOW
    )
    services.save_manager_assessment(
        org.manager, review, {**MANAGER_PART, "ratings": ratings(review)[:1]}, now=NOW
    )
    with pytest.raises(ValidationFailed) as err:
        services.share_review(org.manager, review, now=NOW)
    assert "ratings" in err.value.errors


def test_a_rating_out_of_the_scale_is_refused(db, org, cycle):
    review = review_of(db, cycle, org.employee)
    with pytest.raises(ValidationFailed):
        services.save_self_assessment(
            org.employee, review, {"ratings": ratings(review, 6)}, now=NOW
        )


def test_only_the_employee_acknowledges(db, org, cycle):
    review = walk_to_shared(db, org, cycle)
    with pytest.raises(PermissionDenied):
        services.acknowledge_review(org.manager, review, {})


def test_a_peer_cannot_write_the_self_assessment(db, org, cycle):
    review = review_of(db, cycle, org.employee)
    with pytest.raises(PermissionDenied):
        services.save_self_assessment(org.peer, review, {"ratings": []}, now=NOW)


def test_sharing_writes_skill_levels_for_skill_mapped_competencies(db, org):
    from people.enums import SkillLevelSource
    from people.queries import latest_skill_levels
    from tests import factories as f

    skill = f.make_skill(name="Testing")
    template = f.make_template(
        actor=org.hr, competencies=("Testing",), skill_id=skill.id
    )
    cycle = f.make_cycle(template)
    services.launch_cycle(org.hr, cycle, now=NOW)
    db.session.commit()
    review = walk_to_shared(db, org, cycle)  # the manager rates every competency 4
    level = db.session.scalars(latest_skill_levels(org.employee.employee_id)).one()
    assert (level.skill_id, level.level) == (skill.id, 4)
    assert (level.source, level.source_id) == (SkillLevelSource.review, review.id)


# --- a disagreement needs its reason; needs already met are refused on their row ---


def test_disagreeing_without_a_reason_is_refused_on_the_comment(db, org, cycle):
    review = walk_to_shared(db, org, cycle)
    with pytest.raises(ValidationFailed) as caught:
        services.acknowledge_review(
            org.employee, review, {"comment": "   ", "disagree": True}, now=NOW
        )
    assert set(caught.value.errors) == {"comment"}
    assert review.status is ReviewStatus.shared


def test_a_disagreement_keeps_its_reason(db, org, cycle):
    review = walk_to_shared(db, org, cycle)
    data = {"comment": " The deadline was not mine. ", "disagree": True}
    services.acknowledge_review(org.employee, review, data, now=NOW)
    assert review.employee_disagrees
    assert review.employee_comment == "The deadline was not mine."


def _level(db, org, skill, level):
    from people.models import EmployeeSkillLevel

    db.session.add(
        EmployeeSkillLevel(
            employee_id=org.employee.employee_id,
            skill_id=skill.id,
            level=level,
            source="manager",
        )
    )
    db.session.flush()


def test_needs_already_met_are_refused_each_on_its_level_field(db, org, cycle):
    from reviews.enums import Priority
    from tests import factories as f

    python, sql, go = (f.make_skill(name=n) for n in ("Python", "SQL", "Go"))
    _level(db, org, python, 4)
    _level(db, org, sql, 3)
    review = review_of(db, cycle, org.employee)
    services.save_self_assessment(
        org.employee, review, {"ratings": ratings(review), "submit": True}, now=NOW
    )
    needs = [
        {"skill_id": s.id, "target_level": t, "priority": Priority.medium}
        for s, t in ((python, 4), (go, 3), (sql, 2))
    ]
    with pytest.raises(ValidationFailed) as caught:
        services.save_manager_assessment(
            org.manager, review, {**MANAGER_PART, "training_needs": needs}, now=NOW
        )
    rows = caught.value.errors["training_needs"]
    assert set(rows) == {"0", "2"}  # every refused row at once; Go is fine
    assert "already at level 4" in rows["0"]["target_level"]
    assert "already at level 3" in rows["2"]["target_level"]
