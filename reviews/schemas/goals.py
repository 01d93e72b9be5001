"""Input contracts for goals, check-ins, bulk assignment and training needs."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.dates import PlausibleDate
from core.fields import LONG, Id, LongText, UrlText, bounded_list
from core.schemas import StrictSchema, TrimmedString, VersionedForm
from reviews.enums import (
    CheckInCadence,
    CheckInStatus,
    GoalStatus,
    MeasureType,
    Priority,
    TrainingNeedStatus,
)

LEVEL = validate.Range(min=1, max=5, error="Choose a level from 1 to 5.")
# Bounded so progress arithmetic stays finite (no inf − inf on absurd input).
MEASURE_VALUE = validate.Range(
    min=-1e15, max=1e15, error="Use a number between -10^15 and 10^15."
)
CADENCE = {
    "description": "How often the owner checks in (default monthly); the owner is "
    "reminded when a check-in is due."
}


class GoalCreateSchema(StrictSchema):
    owner_id = Id(
        load_default=None,
        allow_none=True,
        metadata={"description": "Whose goal (default: yourself)."},
    )
    title = TrimmedString(required=True, validate=validate.Length(min=1, max=200))
    description = LongText(load_default="", validate=validate.Length(max=LONG))
    measure = fields.Enum(MeasureType, load_default=MeasureType.percent)
    start_value = fields.Float(
        load_default=0.0, allow_nan=False, validate=MEASURE_VALUE
    )
    target_value = fields.Float(
        load_default=100.0, allow_nan=False, validate=MEASURE_VALUE
    )
    unit = TrimmedString(load_default="", validate=validate.Length(max=30))
    target_on = PlausibleDate(
        load_default=None,
        allow_none=True,
        metadata={"description": "Not before the day the goal is set."},
    )
    weight = fields.Integer(
        load_default=1, validate=validate.Range(min=0, max=100, error="0 to 100.")
    )
    parent_id = Id(load_default=None, allow_none=True)
    cycle_id = Id(load_default=None, allow_none=True)
    check_in_cadence = fields.Enum(
        CheckInCadence, load_default=CheckInCadence.monthly, metadata=CADENCE
    )


class GoalUpdateSchema(StrictSchema):
    title = TrimmedString(validate=validate.Length(min=1, max=200))
    description = LongText(validate=validate.Length(max=LONG))
    target_on = PlausibleDate(
        allow_none=True,
        metadata={"description": "Not before the day the goal was set."},
    )
    weight = fields.Integer(validate=validate.Range(min=0, max=100, error="0 to 100."))
    parent_id = Id(allow_none=True)
    status = fields.Enum(GoalStatus)
    check_in_cadence = fields.Enum(CheckInCadence, metadata=CADENCE)


class GoalFormSchema(GoalUpdateSchema, VersionedForm):
    pass


class CheckInSchema(StrictSchema):
    value = fields.Float(required=True, allow_nan=False, validate=MEASURE_VALUE)
    status = fields.Enum(CheckInStatus, load_default=CheckInStatus.on_track)
    note = LongText(load_default="", validate=validate.Length(max=LONG))
    checked_on = PlausibleDate(load_default=None, allow_none=True)


class BulkAssignSchema(StrictSchema):
    parent_id = Id(required=True)
    employee_ids = bounded_list(
        Id(), min=1, max=500, required=True, metadata={"multi": True}
    )


class NeedCreateSchema(StrictSchema):
    employee_id = Id(required=True)
    skill_id = Id(required=True)
    current_level = fields.Integer(load_default=None, allow_none=True, validate=LEVEL)
    target_level = fields.Integer(required=True, validate=LEVEL)
    priority = fields.Enum(Priority, load_default=Priority.medium)
    due_on = PlausibleDate(
        load_default=None,
        allow_none=True,
        metadata={"description": "Not before the day the need is named."},
    )

    @validates_schema
    def _target_above_current(self, data, **kwargs):
        current = data.get("current_level")
        if current is not None and data.get("target_level", 0) <= current:
            raise ValidationError(
                "The target must be above the current level.", "target_level"
            )


class EvidenceSchema(StrictSchema):
    note = LongText(load_default="", validate=validate.Length(max=LONG))
    url = UrlText(load_default="", validate=validate.Length(max=500), allow_none=False)

    @validates_schema
    def _something(self, data, **kwargs):
        if not (data.get("note") or "").strip() and not data.get("url"):
            raise ValidationError("Describe the evidence or give a link.", "note")


class DropSchema(StrictSchema):
    reason = LongText(required=True, validate=validate.Length(min=3, max=2000))


class ProposeNeedsSchema(StrictSchema):
    employee_ids = bounded_list(
        Id(), min=1, max=500, required=True, metadata={"multi": True}
    )
    due_on = PlausibleDate(
        load_default=None,
        allow_none=True,
        metadata={"description": "Not before the day the need is named."},
    )


class NeedQueryArgsSchema(Schema):
    employee_id = Id(load_default=None)
    status = fields.Enum(TrainingNeedStatus, load_default=None)
    overdue = fields.Boolean(load_default=None)


class GoalQueryArgsSchema(Schema):
    owner_id = Id(load_default=None)
    status = fields.Enum(GoalStatus, load_default=None)
    cycle_id = Id(load_default=None)
    parent_id = Id(
        load_default=None,
        metadata={"description": "Goals aligned directly to this goal."},
    )
