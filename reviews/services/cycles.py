"""Cycles (HR): create, edit while draft, launch in bulk, close; ad hoc reviews.

A cycle's due dates may not be in the past (the organisation's today) unless HR ticks
``backfill`` — recording an earlier cycle. ``backfill`` is an instruction, not a column:
the reminder and phase jobs send nothing for a date already past when the cycle was
created (``created_at``), so a back-filled cycle needs no flag of its own.
"""

from datetime import timedelta

import sqlalchemy as sa

from core.audit import record_event, record_events
from core.clock import local_today
from core.dates import check_order
from core.db import utcnow
from core.errors import Conflict, InvalidTransition, ValidationFailed
from core.extensions import db
from core.permissions import require
from core.queries import get_or_404, is_free
from people.models import Department, Employee
from reviews import permissions as perms
from reviews.enums import CycleStatus, PopulationKind, ReviewStatus
from reviews.models import Review, ReviewCycle, ReviewTemplate
from reviews.schemas.forms import CYCLE_ORDER
from reviews.services.common import new_review_row

DUE_DATES = ("self_due_on", "manager_due_on", "signoff_due_on")
UNFINISHED = [
    s for s in ReviewStatus if s not in (ReviewStatus.acknowledged, ReviewStatus.closed)
]


def _check_refs(data: dict, cycle: ReviewCycle | None = None) -> None:
    if not is_free(ReviewCycle, "name", data.get("name"), cycle):
        raise ValidationFailed(
            "Nothing was saved.", {"name": "A cycle with this name exists."}
        )
    if (
        "template_id" in data
        and db.session.get(ReviewTemplate, data["template_id"]) is None
    ):
        raise ValidationFailed(
            "Nothing was saved.", {"template_id": "No such template."}
        )
    ids = set(data.get("department_ids") or [])
    if ids:
        found = set(
            db.session.scalars(sa.select(Department.id).where(Department.id.in_(ids)))
        )
        if ids - found:
            raise ValidationFailed(
                "Nothing was saved.", {"department_ids": "No such department."}
            )


def _check_not_past(data: dict, backfill: bool, now, cycle=None) -> None:
    """Due dates (new or changed) from today on, unless HR back-fills an earlier cycle."""
    if backfill:
        return
    today = local_today(now)
    errors = {
        key: (
            f"Choose {today.isoformat()} (today) or later, or tick “Back-fill an "
            "earlier cycle” to record a cycle whose dates have passed."
        )
        for key in DUE_DATES
        if data.get(key) is not None
        and data[key] < today
        and (cycle is None or data[key] != getattr(cycle, key))
    }
    if errors:
        raise ValidationFailed("Nothing was saved; correct the fields marked.", errors)


def create_cycle(actor, data: dict, *, now=None) -> ReviewCycle:
    """Create a draft cycle; ``data["backfill"]`` allows due dates in the past."""
    now = now or utcnow()
    require(perms.can_manage_cycles(actor))
    data = dict(data)
    backfill = bool(data.pop("backfill", False))
    _check_refs(data)
    _check_not_past(data, backfill, now)
    cycle = ReviewCycle(
        **data, status=CycleStatus.draft, created_at=now, updated_at=now
    )
    db.session.add(cycle)
    db.session.flush()
    record_event(actor, cycle, "created", {**data, "backfill": backfill}, now=now)
    return cycle


def update_cycle(actor, cycle: ReviewCycle, data: dict, *, now=None) -> ReviewCycle:
    """Change a cycle while it is a draft; the date order is checked against the stored
    dates, and a changed due date may be in the past only with ``backfill``."""
    now = now or utcnow()
    require(perms.can_manage_cycles(actor))
    data = dict(data)
    version = data.pop("version", None)
    backfill = bool(data.pop("backfill", False))
    if version is not None and version != cycle.version:
        raise Conflict("Someone else changed this cycle; reload and try again.")
    if cycle.status is not CycleStatus.draft:
        raise InvalidTransition("Only a draft cycle can be edited.")
    _check_refs(data, cycle)
    check_order(cycle, data, CYCLE_ORDER)
    _check_not_past(data, backfill, now, cycle)
    for key, value in data.items():
        setattr(cycle, key, value)
    db.session.flush()
    record_event(actor, cycle, "updated", data)
    return cycle


def population_select(cycle: ReviewCycle) -> sa.Select:
    """(employee id, manager id) of everyone the cycle reviews: active, with a manager."""
    stmt = sa.select(Employee.id, Employee.manager_id).where(
        Employee.is_active.is_(True), Employee.manager_id.is_not(None)
    )
    if cycle.population is PopulationKind.departments:
        tree = (
            sa.select(Department.id)
            .where(Department.id.in_(cycle.department_ids or [0]))
            .cte("cycle_departments", recursive=True)
        )
        child = sa.orm.aliased(Department)
        tree = tree.union(sa.select(child.id).where(child.parent_id == tree.c.id))
        stmt = stmt.where(Employee.department_id.in_(sa.select(tree.c.id)))
    elif cycle.population is PopulationKind.hired_before:
        stmt = stmt.where(Employee.hired_on < cycle.hired_before)
    return stmt


def launch_cycle(actor, cycle: ReviewCycle, *, now=None) -> int:
    """Create one review per person in the population (bulk); return how many.

    :raises InvalidTransition: the cycle is not a draft (launching twice).
    """
    now = now or utcnow()
    require(perms.can_manage_cycles(actor))
    if cycle.status is not CycleStatus.draft:
        raise InvalidTransition("This cycle has been launched already.")
    people = db.session.execute(population_select(cycle)).all()
    base = new_review_row(
        now,
        cycle_id=cycle.id,
        template_id=cycle.template_id,
        period_start=cycle.period_start,
        period_end=cycle.period_end,
        self_due_on=cycle.self_due_on,
    )
    rows = [{**base, "employee_id": emp, "reviewer_id": mgr} for emp, mgr in people]
    if rows:
        db.session.execute(sa.insert(Review), rows)
    cycle.status = CycleStatus.active
    cycle.launched_at = now
    db.session.flush()
    record_event(actor, cycle, "launched", {"reviews": len(rows)}, now=now)
    return len(rows)


def unfinished_count(cycle: ReviewCycle) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Review)
        .where(Review.cycle_id == cycle.id, Review.status.in_(UNFINISHED))
    )


def close_cycle(actor, cycle: ReviewCycle, data: dict, *, now=None) -> int:
    """Close the cycle and its reviews; unfinished reviews need a confirmed reason.

    Returns the number of reviews closed. One AuditEvent per review status change.
    """
    now = now or utcnow()
    require(perms.can_manage_cycles(actor))
    if cycle.status is not CycleStatus.active:
        raise InvalidTransition("Only an active cycle can be closed.")
    unfinished = unfinished_count(cycle)
    reason = (data.get("reason") or "").strip()
    if unfinished and not (data.get("confirm_unfinished") and reason):
        raise ValidationFailed(
            f"{unfinished} review(s) are unfinished. Confirm and give a reason to close anyway.",
            {
                "reason": "Required when reviews are unfinished.",
                "unfinished": str(unfinished),
            },
        )
    to_close = db.session.execute(
        sa.select(Review.id, Review.status).where(
            Review.cycle_id == cycle.id, Review.status != ReviewStatus.closed
        )
    ).all()
    if to_close:
        db.session.execute(
            sa.update(Review.__table__)
            .where(Review.__table__.c.id.in_([r.id for r in to_close]))
            .values(
                status=ReviewStatus.closed,
                closed_at=now,
                version=Review.__table__.c.version + 1,
            )
        )
        record_events(
            actor,
            "Review",
            [
                (r.id, {"from": r.status.value, "to": "closed", "by_cycle": cycle.id})
                for r in to_close
            ],
            "status_changed",
            now=now,
        )
    cycle.status = CycleStatus.closed
    cycle.closed_at = now
    cycle.close_reason = reason
    db.session.flush()
    record_event(
        actor, cycle, "closed", {"reason": reason, "unfinished": unfinished}, now=now
    )
    return len(to_close)


def start_adhoc_review(actor, data: dict, *, now=None) -> Review:
    """A manager starts a review outside any cycle for a direct report."""
    now = now or utcnow()
    employee = get_or_404(Employee, data["employee_id"])
    require(
        perms.can_start_adhoc_review(actor, employee),
        "Managers start ad hoc reviews for their direct reports.",
    )
    if db.session.get(ReviewTemplate, data["template_id"]) is None:
        raise ValidationFailed(
            "Nothing was saved.", {"template_id": "No such template."}
        )
    review = Review(
        employee_id=employee.id,
        reviewer_id=actor.employee_id,
        template_id=data["template_id"],
        period_start=data["period_start"],
        period_end=data["period_end"],
        self_due_on=(now + timedelta(days=14)).date(),
        status=ReviewStatus.not_started,
        answers={},
        proposed_needs=[],
        proposed_goals=[],
    )
    db.session.add(review)
    db.session.flush()
    record_event(actor, review, "created", {"ad_hoc": True}, now=now)
    return review
