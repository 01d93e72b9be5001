"""Output contracts of the goals and training-needs API (input: ``reviews.schemas.goals``).

Every field is listed explicitly. ``rolled_progress`` is not a column: the resources
attach it to each goal from one ``rolled_up_progress`` call per response. A need's
evidence and verifier are named by the adding/verifying account's e-mail, as review
addenda are.
"""

from marshmallow import Schema, fields

from core.due import is_overdue as due_overdue
from core.due import org_today
from core.schemas import RefSchema
from people.schemas import EmployeeRefSchema
from reviews.enums import (
    CheckInCadence,
    CheckInStatus,
    GoalStatus,
    MeasureType,
    Priority,
    TrainingNeedSource,
    TrainingNeedStatus,
)
from reviews.goal_due import goal_next_check_in_on

OPEN_NEEDS = (TrainingNeedStatus.open, TrainingNeedStatus.in_progress)

ROLLED = {
    "description": "Progress rolled up from the aligned goals by weight (0–100); "
    "the goal's own progress when nothing is aligned to it."
}


def is_overdue(need) -> bool:
    """Open past its due date on the organisation's day (``core.due``, as the pages)."""
    return due_overdue(need.due_on, org_today(), is_open=need.status in OPEN_NEEDS)


def goal_is_overdue(goal) -> bool:
    """An active goal past its target date (``core.due``, as the pages)."""
    return due_overdue(
        goal.target_on, org_today(), is_open=goal.status is GoalStatus.active
    )


def _next_check_in(goal) -> str | None:
    day = goal_next_check_in_on(goal, org_today())
    return day.isoformat() if day else None


class GoalRefSchema(Schema):
    """A goal named from another: its parent, or one aligned to it."""

    id = fields.Integer()
    title = fields.String()
    owner = fields.Nested(EmployeeRefSchema)
    status = fields.Enum(GoalStatus, by_value=True)
    progress = fields.Integer()
    rolled_progress = fields.Float(allow_none=True, metadata=ROLLED)
    weight = fields.Integer()


class GoalSummarySchema(Schema):
    id = fields.Integer()
    owner = fields.Nested(EmployeeRefSchema)
    title = fields.String()
    description = fields.String()
    measure = fields.Enum(MeasureType, by_value=True)
    start_value = fields.Float()
    target_value = fields.Float()
    current_value = fields.Float()
    unit = fields.String()
    target_on = fields.Date(allow_none=True)
    status = fields.Enum(GoalStatus, by_value=True)
    is_overdue = fields.Function(
        goal_is_overdue,
        metadata={
            "type": "boolean",
            "description": "Active and past its target date (the pages' rule).",
        },
    )
    progress = fields.Integer(metadata={"description": "Own progress, 0–100."})
    rolled_progress = fields.Float(allow_none=True, metadata=ROLLED)
    weight = fields.Integer()
    check_in_cadence = fields.Enum(
        CheckInCadence,
        by_value=True,
        metadata={"description": "How often the owner checks in."},
    )
    cycle_id = fields.Integer(allow_none=True)
    parent_id = fields.Integer(allow_none=True)
    source_review_id = fields.Integer(allow_none=True)
    version = fields.Integer()


class CheckInOutSchema(Schema):
    id = fields.Integer()
    checked_on = fields.Date()
    value = fields.Float()
    progress = fields.Integer()
    status = fields.Enum(CheckInStatus, by_value=True)
    note = fields.String()
    author = fields.Function(
        lambda c: c.author.email if c.author else None,
        metadata={"type": ["string", "null"]},
    )
    created_at = fields.AwareDateTime()


class GoalSchema(GoalSummarySchema):
    """One goal: its check-ins (oldest first), its parent and the goals aligned to it
    that the caller may see."""

    parent = fields.Nested(
        GoalRefSchema,
        allow_none=True,
        metadata={"description": "null when not aligned or not visible to the caller."},
    )
    children = fields.List(fields.Nested(GoalRefSchema))
    check_ins = fields.List(fields.Nested(CheckInOutSchema))
    next_check_in_on = fields.Function(
        _next_check_in,
        metadata={
            "type": ["string", "null"],
            "format": "date",
            "description": "When the next check-in is due by the cadence (null once "
            "the goal is not active or is past its target date).",
        },
    )


class BulkAssignResultSchema(Schema):
    goals_created = fields.Integer()


class NeedSummarySchema(Schema):
    id = fields.Integer()
    employee = fields.Nested(EmployeeRefSchema)
    skill = fields.Nested(RefSchema)
    current_level = fields.Integer(allow_none=True)
    target_level = fields.Integer()
    priority = fields.Enum(Priority, by_value=True)
    due_on = fields.Date(allow_none=True)
    is_overdue = fields.Function(is_overdue, metadata={"type": "boolean"})
    source = fields.Enum(TrainingNeedSource, by_value=True)
    source_review_id = fields.Integer(allow_none=True)
    status = fields.Enum(TrainingNeedStatus, by_value=True)
    drop_reason = fields.String()
    evidence_at = fields.AwareDateTime(allow_none=True)
    verified_at = fields.AwareDateTime(allow_none=True)
    version = fields.Integer()


class EvidenceOutSchema(Schema):
    id = fields.Integer()
    activity_id = fields.Integer(allow_none=True)
    note = fields.String()
    url = fields.String()
    added_by = fields.String(allow_none=True)
    added_at = fields.AwareDateTime()


class NeedSchema(NeedSummarySchema):
    """One need with its evidence (oldest first) and who verified it."""

    verified_by = fields.String(allow_none=True)
    evidence = fields.List(fields.Nested(EvidenceOutSchema))


class ProposeResultSchema(Schema):
    needs_created = fields.Integer()
    needs = fields.List(fields.Nested(NeedSummarySchema))


class SkillGapSchema(Schema):
    skill_id = fields.Integer()
    skill_name = fields.String()
    expected = fields.Integer(
        metadata={"description": "Level the role profile expects."}
    )
    current = fields.Integer(
        allow_none=True,
        metadata={"description": "Latest assessed level; null if none."},
    )
    gap = fields.Integer(
        metadata={
            "description": "expected − current (no level counts as 0); < 0 above."
        }
    )
