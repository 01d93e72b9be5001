"""Verifying evidence on the manager's desk: one activity or many at once, and — in
the same step — the training needs those activities are evidence for marked met.

One fact is verified once: a manager who confirms a course that is evidence for a need
says there whether the need is now met, instead of a second "Verify met" on the need's
page. Which needs may be marked is decided here, not by the form: only needs in
progress that one of the verified activities is linked to as evidence. All or nothing:
a refusal raises before anything is flushed, and the caller rolls back.

The API's verify takes the same step with one boolean, ``need_met``: every need in
progress the activity is evidence for is marked met (the verifier is the owner's direct
manager, who may close each of them), and asking for it when there is none is a 422 on
the field rather than a silent plain verification.
"""

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from core.db import utcnow
from core.errors import ValidationFailed
from core.extensions import db
from development.models import DevelopmentActivity
from development.services.activities import verify_activity
from reviews.enums import TrainingNeedStatus
from reviews.models import NeedEvidence, TrainingNeed
from reviews.services import verify_need

NOT_VERIFIED = "Nothing was verified; correct the fields marked."


def needs_evidenced_by(activity_ids: Iterable[int]) -> dict[int, list[TrainingNeed]]:
    """The needs in progress each activity is evidence for, by activity id (one query,
    each need with its skill)."""
    ids = sorted(set(activity_ids))
    if not ids:
        return {}
    # The status is checked here, not in SQL: with it in the WHERE, SQLite's planner
    # walked every need in progress of the organisation (27,879 at 20,000 people) by
    # the status index instead of the few evidence rows of these activities.
    rows = db.session.execute(
        sa.select(NeedEvidence.activity_id, TrainingNeed)
        .join(TrainingNeed, TrainingNeed.id == NeedEvidence.need_id)
        .where(NeedEvidence.activity_id.in_(ids))
        .options(joinedload(TrainingNeed.skill))
        .order_by(NeedEvidence.activity_id, TrainingNeed.id)
    ).all()
    found: dict[int, list[TrainingNeed]] = {}
    for activity_id, need in rows:
        if need.status is not TrainingNeedStatus.in_progress:
            continue
        needs = found.setdefault(activity_id, [])
        if need not in needs:
            needs.append(need)
    return found


NOT_EVIDENCE = (
    "This activity is not evidence for a need in progress: verify it without "
    "need_met, or link it to the need first."
)


def verify_activity_and_needs(
    actor, activity: DevelopmentActivity, data: dict, *, now=None
) -> DevelopmentActivity:
    """Verify one activity (the API's verify); with ``data["need_met"]`` also mark
    met every need in progress it is evidence for, through ``verify_activities`` — the
    step the manager's desk takes — so both happen in one transaction or neither.

    :raises ValidationFailed: ``need_met`` for an activity that is evidence for no
        need in progress.
    """
    met_need_ids: list[int] = []
    if data.get("need_met"):
        needs = needs_evidenced_by([activity.id]).get(activity.id, [])
        if not needs:
            raise ValidationFailed(NOT_VERIFIED, {"need_met": NOT_EVIDENCE})
        met_need_ids = [need.id for need in needs]
    verify_activities(actor, [activity], met_need_ids=met_need_ids, now=now)
    return activity


def verify_activities(
    actor,
    activities: list[DevelopmentActivity],
    *,
    met_need_ids: Iterable[int] = (),
    now=None,
) -> list[TrainingNeed]:
    """Verify each activity (its direct manager) and mark met the listed needs, each of
    which must be a need in progress these activities are evidence for. Return the
    needs marked met.

    :raises ValidationFailed: no activity, or a need the activities are not evidence
        for (``met_need_ids``).
    """
    now = now or utcnow()
    if not activities:
        raise ValidationFailed(
            NOT_VERIFIED, {"activity_ids": "Choose at least one activity to verify."}
        )
    evidenced = needs_evidenced_by(a.id for a in activities)
    allowed = {need.id: need for needs in evidenced.values() for need in needs}
    wanted = sorted(set(met_need_ids))
    if any(need_id not in allowed for need_id in wanted):
        raise ValidationFailed(
            NOT_VERIFIED,
            {
                "met_need_ids": "Mark met only a need in progress that these "
                "activities are evidence for."
            },
        )
    for activity in activities:
        verify_activity(actor, activity, now=now)
    return [verify_need(actor, allowed[need_id], now=now) for need_id in wanted]
