from datetime import date

import pytest
import sqlalchemy as sa

from core.audit import AuditEvent
from core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from reviews import services
from reviews.enums import CycleStatus, PopulationKind, ReviewStatus
from reviews.models import Review
from tests import factories as f
from tests.reviews.conftest import NOW, review_of, walk_to_shared


def _statuses(db, cycle):
    return set(
        db.session.scalars(sa.select(Review.status).where(Review.cycle_id == cycle.id))
    )


def test_closing_with_unfinished_reviews_needs_a_confirmed_reason(db, org, cycle):
    with pytest.raises(ValidationFailed, match="unfinished"):
        services.close_cycle(org.hr, cycle, {"confirm_unfinished": True, "reason": ""})
    assert cycle.status is CycleStatus.active
    assert _statuses(db, cycle) == {ReviewStatus.not_started}


def test_closing_with_a_reason_closes_every_review_and_audits_each(db, org, cycle):
    closed = services.close_cycle(
        org.hr, cycle, {"confirm_unfinished": True, "reason": "Reorganisation."}
    )
    db.session.commit()
    assert closed == 4
    assert _statuses(db, cycle) == {ReviewStatus.closed}
    events = db.session.scalar(
        sa.select(sa.func.count()).where(
            AuditEvent.object_type == "Review", AuditEvent.action == "status_changed"
        )
    )
    assert events == 4


def test_a_finished_cycle_closes_without_confirmation(db, org, template):
    cycle = f.make_cycle(
        template, population=PopulationKind.hired_before, hired_before=date(2000, 1, 1)
    )
    assert services.launch_cycle(org.hr, cycle) == 0
    assert services.close_cycle(org.hr, cycle, {}) == 0


def test_population_by_department_includes_sub_departments(db, org, template):
    sub = f.make_department(parent_id=org.other_department.id)
    f.make_person(department_id=sub.id, manager_id=org.other_manager.employee_id)
    cycle = f.make_cycle(
        template,
        population=PopulationKind.departments,
        department_ids=[org.other_department.id],
    )
    assert (
        services.launch_cycle(org.hr, cycle) == 2
    )  # other_report + the sub-department


def test_only_hr_launches(db, org, template):
    with pytest.raises(PermissionDenied):
        services.launch_cycle(org.manager, f.make_cycle(template))


def test_a_launched_cycle_cannot_be_edited(db, org, cycle):
    with pytest.raises(InvalidTransition):
        services.update_cycle(org.hr, cycle, {"name": "Renamed"})


def test_a_template_in_use_is_locked_and_can_be_duplicated(db, org, template, cycle):
    from reviews.queries import load_template

    template = load_template(template.id)
    with pytest.raises(Conflict, match="locked"):
        services.update_template(org.hr, template, {"name": "Changed"})
    copy = services.duplicate_template(org.hr, template)
    assert copy.name.endswith("(copy)")
    assert [c.name for c in copy.competencies] == [
        c.name for c in template.competencies
    ]
    services.update_template(org.hr, copy, {"name": "Next year"})
    assert copy.name == "Next year"


def test_a_manager_starts_an_ad_hoc_review_for_a_direct_report(db, org, template):
    data = {
        "employee_id": org.employee.employee_id,
        "template_id": template.id,
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 3, 31),
    }
    review = services.start_adhoc_review(org.manager, data, now=NOW)
    assert (review.cycle_id, review.reviewer_id) == (None, org.manager.employee_id)
    with pytest.raises(PermissionDenied):
        services.start_adhoc_review(org.ceo, data, now=NOW)  # indirect manager


def test_reopen_needs_hr_and_keeps_the_signed_content_in_the_audit(db, org, cycle):
    review = walk_to_shared(db, org, cycle)
    services.acknowledge_review(org.employee, review, {"comment": "Agreed"})
    with pytest.raises(PermissionDenied):
        services.reopen_review(org.manager, review, {"reason": "Typo"})
    services.reopen_review(org.hr, review, {"reason": "Typo in a rating"})
    assert review.status is ReviewStatus.manager_in_progress
    event = db.session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.object_id == review.id)
        .order_by(AuditEvent.id.desc())
    ).first()
    assert event.changes["reason"] == "Typo in a rating"
    assert event.changes["signed"]["employee_comment"] == "Agreed"


def test_no_one_reviews_themself_even_as_hr(db, org, template):
    """HR's own review is seen as an employee: no manager part before sharing."""
    from reviews import permissions as perms

    org_hr_review = Review(
        employee_id=org.hr.employee_id,
        reviewer_id=org.ceo.employee_id,
        status=ReviewStatus.manager_in_progress,
    )
    assert not perms.can_view_manager_part(org.hr, org_hr_review)
    assert not perms.can_view_quality_flags(org.hr, org_hr_review)
    assert not perms.can_edit_manager_part(org.hr, org_hr_review)


def test_a_rating_jump_needs_a_comment_before_sharing(db, org, template, cycle):
    walk_to_shared(db, org, cycle)
    later = f.make_cycle(
        template, period_start=date(2026, 7, 1), period_end=date(2026, 12, 31)
    )
    services.launch_cycle(org.hr, later, now=NOW)
    review = review_of(db, later, org.employee)
    services.save_self_assessment(
        org.employee,
        review,
        {
            "ratings": [
                {"competency_id": c.id, "rating": 3}
                for c in review.template.competencies
            ],
            "submit": True,
        },
        now=NOW,
    )
    manager = {"competency_id": review.template.competencies[0].id, "rating": 2}
    rest = [
        {"competency_id": c.id, "rating": 4, "comment": ""}
        for c in review.template.competencies[1:]
    ]
    services.save_manager_assessment(
        org.manager, review, {"ratings": [manager, *rest], "overall_rating": 3}, now=NOW
    )
    with pytest.raises(ValidationFailed, match="cannot be shared") as err:
        services.share_review(org.manager, review, now=NOW)
    assert "moved by 2" in err.value.errors["ratings"]


def test_a_partial_edit_is_checked_against_the_stored_dates(db, org, template):
    cycle = f.make_cycle(template)
    with pytest.raises(ValidationFailed) as err:
        services.update_cycle(org.hr, cycle, {"period_end": date(2025, 1, 1)})
    assert "period_end" in err.value.errors
    assert cycle.period_end == date(2026, 6, 30)
