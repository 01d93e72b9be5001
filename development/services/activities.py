"""Activities: log, edit, link to training needs as evidence, verify (direct manager),
delete one entered by mistake.

Deleting (``delete_activity``): the owner deletes an activity within
``GRACE_DAYS`` (7) days of entering it and while it is not verified — whichever ends
first; afterwards it is part of the record others rely on (409 with the reason). Its
sessions, evidence file, skills and links as need evidence go with it; a need it had
moved to "in progress" stays there (the person may have other evidence). An
interview's activity is deleted only with its interview (409 here: close it instead).
The audit event keeps the title, kind and dates.
"""

from datetime import timedelta

import sqlalchemy as sa

from core.audit import record_event
from core.dates import check_order
from core.db import utcnow
from core.errors import Conflict, InvalidTransition, ValidationFailed
from core.extensions import db
from core.permissions import require
from development import permissions as perms
from development.enums import ActivityStatus
from development.models import DevelopmentActivity, EvidenceBlob, MentoringSession
from development.schemas.forms import ACTIVITY_ORDER
from people.models import Skill
from reviews.models import NeedEvidence, TrainingNeed
from reviews.services import link_evidence

NOT_SAVED = "Nothing was saved; correct the fields marked."
GRACE_DAYS = 7


def _invalid(field, message):
    raise ValidationFailed(NOT_SAVED, {field: message})


def _skills(ids) -> list[Skill]:
    if not ids:
        return []
    skills = list(db.session.scalars(sa.select(Skill).where(Skill.id.in_(set(ids)))))
    if len(skills) != len(set(ids)):
        _invalid("skill_ids", "No such skill.")
    return skills


def _needs_for(activity: DevelopmentActivity, ids) -> list[TrainingNeed]:
    """The listed needs, which must be the activity owner's own."""
    if not ids:
        return []
    if not activity.kind.is_learning:
        _invalid(
            "need_ids", "A given interview is a contribution, not evidence for a need."
        )
    needs = list(
        db.session.scalars(sa.select(TrainingNeed).where(TrainingNeed.id.in_(set(ids))))
    )
    if len(needs) != len(set(ids)) or any(
        n.employee_id != activity.employee_id for n in needs
    ):
        _invalid("need_ids", "Link evidence only to your own training needs.")
    return needs


def _link(actor, activity, needs, now) -> None:
    for need in needs:
        link_evidence(
            actor,
            need,
            activity_id=activity.id,
            note=f"Activity: {activity.title}",
            now=now,
        )


def create_activity(actor, data: dict, *, now=None) -> DevelopmentActivity:
    """Log an activity for oneself (interviews are created by ``create_interview``)."""
    now = now or utcnow()
    require(
        actor is not None and actor.employee_id is not None,
        "Only employees log activities.",
    )
    data = dict(data)
    if data["kind"].is_interview:
        _invalid("kind", "Record informational interviews from the interview page.")
    skills = _skills(data.pop("skill_ids", []))
    need_ids = data.pop("need_ids", [])
    activity = DevelopmentActivity(employee_id=actor.employee_id, skills=skills, **data)
    needs = _needs_for(activity, need_ids)
    db.session.add(activity)
    db.session.flush()
    record_event(actor, activity, "created", {"kind": activity.kind.value}, now=now)
    _link(actor, activity, needs, now)
    return activity


def update_activity(actor, activity: DevelopmentActivity, data: dict, *, now=None):
    """Change one's own activity; newly listed needs get it as evidence."""
    now = now or utcnow()
    require(
        perms.can_edit_activity(actor, activity), "Only the owner edits an activity."
    )
    data = dict(data)
    version = data.pop("version", None)
    if version is not None and version != activity.version:
        raise Conflict("Someone else changed this activity; reload and try again.")
    kind = data.get("kind")
    if (
        kind is not None
        and kind is not activity.kind
        and (kind.is_interview or activity.kind.is_interview)
    ):
        _invalid("kind", "An interview stays an interview.")
    if "skill_ids" in data:
        activity.skills = _skills(data.pop("skill_ids"))
    needs = _needs_for(activity, data.pop("need_ids", []))
    if activity.verified_at is not None and data:
        raise InvalidTransition("A verified activity cannot be changed.")
    check_order(activity, data, ACTIVITY_ORDER)  # a PATCH against the stored dates
    for key, value in data.items():
        setattr(activity, key, value)
    activity.updated_at = now
    db.session.flush()
    record_event(actor, activity, "updated", {"fields": sorted(data)}, now=now)
    _link(actor, activity, needs, now)
    return activity


def verify_activity(actor, activity: DevelopmentActivity, *, now=None):
    """The direct manager confirms a completed activity (never the owner)."""
    now = now or utcnow()
    require(perms.can_view_activity(actor, activity))
    require(
        perms.can_verify_activity(actor, activity), "Only the direct manager verifies."
    )
    if activity.status is not ActivityStatus.completed:
        raise InvalidTransition("Only completed activities can be verified.")
    if activity.verified_at is not None:
        raise InvalidTransition("This activity is verified already.")
    activity.verified_by_id = actor.id
    activity.verified_at = now
    db.session.flush()
    record_event(actor, activity, "verified", {}, now=now)
    return activity


def link_activity_to_need(
    actor, activity: DevelopmentActivity, need: TrainingNeed, *, now=None
):
    """The owner names an activity as evidence for one of their needs."""
    require(perms.can_edit_activity(actor, activity), "Only the owner links evidence.")
    _link(actor, activity, _needs_for(activity, [need.id]), now or utcnow())
    return need


def deletion_refusal(activity: DevelopmentActivity, now) -> str:
    """Why the owner may no longer delete ``activity`` ("" while they may)."""
    if activity.kind.is_interview:
        return "An interview's activity goes with the interview; close the interview."
    if activity.verified_at is not None:
        return "A verified activity cannot be deleted."
    if now - activity.created_at > timedelta(days=GRACE_DAYS):
        return (
            f"An activity can be deleted within {GRACE_DAYS} days of entering it; "
            "this one is part of your record now."
        )
    return ""


def delete_activity(actor, activity: DevelopmentActivity, *, now=None) -> None:
    """The owner deletes an activity entered by mistake (grace period, unverified)."""
    now = now or utcnow()
    require(
        perms.can_delete_activity(actor, activity),
        "Only the owner deletes an activity.",
    )
    reason = deletion_refusal(activity, now)
    if reason:
        raise InvalidTransition(reason)
    for model in (MentoringSession, EvidenceBlob, NeedEvidence):
        db.session.execute(sa.delete(model).where(model.activity_id == activity.id))
    record_event(
        actor,
        activity,
        "deleted",
        {
            "title": activity.title,
            "kind": activity.kind.value,
            "started_on": activity.started_on,
            "ended_on": activity.ended_on,
        },
        now=now,
    )
    db.session.delete(activity)
    db.session.flush()
