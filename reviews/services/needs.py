"""Training needs: named, evidenced, verified met (which updates the skill level), or
dropped with a reason. Role-profile gaps propose needs, never duplicating an open one."""

from datetime import date

import sqlalchemy as sa

from core.audit import record_event
from core.clock import local_today
from core.dates import not_before
from core.db import utcnow
from core.errors import InvalidTransition, ValidationFailed
from core.extensions import db
from core.permissions import require
from core.queries import get_or_404
from core.transitions import StateMachine
from people.models import (
    Employee,
    RoleProfileSkill,
    Skill,
)
from people.queries import expected_skill_levels
from people.services import record_skill_level
from reviews import permissions as perms
from reviews.enums import (
    NEED_TRANSITIONS,
    Priority,
    TrainingNeedSource,
    TrainingNeedStatus,
)
from reviews.models import NeedEvidence, TrainingNeed
from reviews.services.outcomes import current_levels

N = TrainingNeedStatus
NAMED = "the day the need was named"
OPEN = (N.open, N.in_progress)
NEEDS = StateMachine(NEED_TRANSITIONS, "A need that is {current} cannot become {to}.")


def create_need(actor, data: dict, *, now=None) -> TrainingNeed:
    """A manager (or HR) names a need for someone in their team; it is not due before
    the day it is named."""
    now = now or utcnow()
    data = dict(data)
    employee = get_or_404(Employee, data.pop("employee_id"))
    require(
        perms.can_create_need_for(actor, employee.id),
        "Managers name needs for their team.",
    )
    if db.session.get(Skill, data["skill_id"]) is None:
        raise ValidationFailed("Nothing was saved.", {"skill_id": "No such skill."})
    not_before("due_on", data.get("due_on"), local_today(now), NAMED)
    level = current_levels(employee.id).get(data["skill_id"])
    if level is not None and data["target_level"] <= level:
        raise ValidationFailed(
            "Nothing was saved.",
            {"target_level": f"Already at level {level}; set a higher target."},
        )
    if data.get("current_level") is None:
        data["current_level"] = level
    need = TrainingNeed(
        employee_id=employee.id, source=TrainingNeedSource.manager, **data
    )
    db.session.add(need)
    db.session.flush()
    record_event(actor, need, "created", {"skill_id": need.skill_id}, now=now)
    return need


def link_evidence(
    actor, need: TrainingNeed, *, activity_id=None, note="", url="", now=None
) -> NeedEvidence:
    """Attach evidence (an activity, or a note/link); an open need becomes in progress."""
    now = now or utcnow()
    require(perms.can_view_need(actor, need))
    if not perms.can_link_evidence(actor, need):
        raise InvalidTransition("Evidence can only be linked to an open need.")
    if activity_id is None and not (note or "").strip() and not (url or "").strip():
        raise ValidationFailed(
            "Nothing was saved.", {"note": "Describe the evidence or link it."}
        )
    evidence = NeedEvidence(
        need_id=need.id,
        activity_id=activity_id,
        note=(note or "").strip(),
        url=(url or "").strip(),
        added_by_id=actor.id,
        added_at=now,
    )
    db.session.add(evidence)
    db.session.flush()
    record_event(
        actor,
        need,
        "evidence_linked",
        {"evidence_id": evidence.id, "activity_id": activity_id},
        now=now,
    )
    need.evidence_at = need.evidence_at or now
    if need.status is N.open:
        NEEDS.move(actor, need, N.in_progress, now=now)
    db.session.flush()
    return evidence


def has_evidence(need: TrainingNeed) -> bool:
    return bool(
        db.session.scalar(sa.select(sa.exists().where(NeedEvidence.need_id == need.id)))
    )


def verify_need(actor, need: TrainingNeed, *, now=None) -> TrainingNeed:
    """Mark a need met (manager or HR, never the owner); the skill level goes up."""
    now = now or utcnow()
    require(perms.can_view_need(actor, need))
    require(
        perms.can_create_need_for(actor, need.employee_id),
        "A manager or HR verifies a need — never its owner.",
    )
    if not has_evidence(need):
        raise ValidationFailed(
            "The need was not verified.", {"evidence": "Link evidence first."}
        )
    if not perms.can_verify_need(actor, need):
        raise InvalidTransition("Only a need in progress can be verified.")
    NEEDS.move(actor, need, N.met, now=now)
    need.verified_by_id = actor.id
    need.verified_at = now
    employee = db.session.get(Employee, need.employee_id)
    skill = db.session.get(Skill, need.skill_id)
    record_skill_level(
        actor,
        employee,
        skill,
        need.target_level,
        source="training_need",
        source_id=need.id,
        now=now,
    )
    db.session.flush()
    return need


def drop_need(actor, need: TrainingNeed, reason: str, *, now=None) -> TrainingNeed:
    """Drop a need, with the reason kept."""
    now = now or utcnow()
    require(perms.can_view_need(actor, need))
    require(
        perms.can_create_need_for(actor, need.employee_id), "Managers or HR drop needs."
    )
    if not (reason or "").strip():
        raise ValidationFailed("The need was not dropped.", {"reason": "Say why."})
    if need.status not in OPEN:
        raise InvalidTransition("Only an open need can be dropped.")
    NEEDS.move(actor, need, N.dropped, now=now, reason=reason.strip())
    need.drop_reason = reason.strip()
    db.session.flush()
    return need


def skill_gaps(employee_ids) -> list[dict]:
    """Per employee and expected skill: expected level (their title's role profile) and
    latest assessed level. One query for any number of people."""
    stmt, _ = expected_skill_levels(
        employee_ids,
        lambda latest: (
            Employee.id.label("employee_id"),
            Skill.id.label("skill_id"),
            Skill.name.label("skill_name"),
            RoleProfileSkill.expected_level.label("expected"),
            latest.c.level.label("current"),
        ),
    )
    stmt = stmt.order_by(Employee.id, Skill.name)
    return [
        {**row._asdict(), "gap": row.expected - (row.current or 0)}
        for row in db.session.execute(stmt)
    ]


def propose_training_needs(
    actor, employee_ids: list[int], *, due_on: date | None = None, now=None
) -> list[TrainingNeed]:
    """Turn role-profile gaps into needs; never a second open need for the same skill,
    never one due before today."""
    now = now or utcnow()
    not_before("due_on", due_on, local_today(now), NAMED)
    for employee_id in employee_ids:
        require(
            perms.can_create_need_for(actor, employee_id),
            "Managers turn gaps into needs.",
        )
    existing = set(
        db.session.execute(
            sa.select(TrainingNeed.employee_id, TrainingNeed.skill_id).where(
                TrainingNeed.employee_id.in_(employee_ids),
                TrainingNeed.status.in_(OPEN),
            )
        ).all()
    )
    created = []
    for gap in skill_gaps(employee_ids):
        key = (gap["employee_id"], gap["skill_id"])
        if gap["gap"] <= 0 or key in existing:
            continue
        need = TrainingNeed(
            employee_id=gap["employee_id"],
            skill_id=gap["skill_id"],
            current_level=gap["current"],
            target_level=gap["expected"],
            priority=Priority.high if gap["gap"] >= 2 else Priority.medium,
            due_on=due_on,
            source=TrainingNeedSource.role_profile,
        )
        db.session.add(need)
        existing.add(key)
        created.append(need)
    db.session.flush()
    for need in created:
        record_event(actor, need, "created", {"source": "role_profile"}, now=now)
    return created
