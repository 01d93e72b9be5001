"""Input contracts for goals, check-ins, bulk assignment and training needs."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from people.schemas import StrictSchema, TrimmedString, VersionedForm
from reviews.enums import (
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


class GoalCreateSchema(StrictSchema):
    owner_id = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1),
        metadata={"description": "Whose goal (default: yourself)."},
    )
    title = TrimmedString(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=5000))
    measure = fields.Enum(MeasureType, load_default=MeasureType.percent)
    start_value = fields.Float(
        load_default=0.0, allow_nan=False, validate=MEASURE_VALUE
    )
    target_value = fields.Float(
        load_default=100.0, allow_nan=False, validate=MEASURE_VALUE
    )
    unit = TrimmedString(load_default="", validate=validate.Length(max=30))
    target_on = fields.Date(load_default=None, allow_none=True)
    weight = fields.Integer(
        load_default=1, validate=validate.Range(min=0, max=100, error="0 to 100.")
    )
    parent_id = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=1)
    )
    cycle_id = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=1)
    )


class GoalUpdateSchema(StrictSchema):
    title = TrimmedString(validate=validate.Length(min=1, max=200))
    description = fields.String(validate=validate.Length(max=5000))
    target_on = fields.Date(allow_none=True)
    weight = fields.Integer(validate=validate.Range(min=0, max=100, error="0 to 100."))
    parent_id = fields.Integer(allow_none=True, validate=validate.Range(min=1))
    status = fields.Enum(GoalStatus)


class GoalFormSchema(GoalUpdateSchema, VersionedForm):
    pass


class CheckInSchema(StrictSchema):
    value = fields.Float(required=True, allow_nan=False, validate=MEASURE_VALUE)
    status = fields.Enum(CheckInStatus, load_default=CheckInStatus.on_track)
    note = fields.String(load_default="", validate=validate.Length(max=5000))
    checked_on = fields.Date(load_default=None, allow_none=True)


class BulkAssignSchema(StrictSchema):
    parent_id = fields.Integer(required=True, validate=validate.Range(min=1))
    employee_ids = fields.List(
        fields.Integer(validate=validate.Range(min=1)),
        required=True,
        validate=validate.Length(min=1, max=500),
        metadata={"multi": True},
    )


class NeedCreateSchema(StrictSchema):
    employee_id = fields.Integer(required=True, validate=validate.Range(min=1))
    skill_id = fields.Integer(required=True, validate=validate.Range(min=1))
    current_level = fields.Integer(load_default=None, allow_none=True, validate=LEVEL)
    target_level = fields.Integer(required=True, validate=LEVEL)
    priority = fields.Enum(Priority, load_default=Priority.medium)
    due_on = fields.Date(load_default=None, allow_none=True)

    @validates_schema
    def _target_above_current(self, data, **kwargs):
        current = data.get("current_level")
        if current is not None and data.get("target_level", 0) <= current:
            raise ValidationError(
                "The target must be above the current level.", "target_level"
            )


class EvidenceSchema(StrictSchema):
    note = fields.String(load_default="", validate=validate.Length(max=5000))
    url = fields.Url(
        load_default="", validate=validate.Length(max=500), allow_none=False
    )

    @validates_schema
    def _something(self, data, **kwargs):
        if not (data.get("note") or "").strip() and not data.get("url"):
            raise ValidationError("Describe the evidence or give a link.", "note")


class DropSchema(StrictSchema):
    reason = TrimmedString(required=True, validate=validate.Length(min=3, max=2000))


class ProposeNeedsSchema(StrictSchema):
    employee_ids = fields.List(
        fields.Integer(validate=validate.Range(min=1)),
        required=True,
        validate=validate.Length(min=1, max=500),
        metadata={"multi": True},
    )
    due_on = fields.Date(load_default=None, allow_none=True)


class NeedQueryArgsSchema(Schema):
    employee_id = fields.Integer(load_default=None, validate=validate.Range(min=1))
    status = fields.Enum(TrainingNeedStatus, load_default=None)
    overdue = fields.Boolean(load_default=None)


class GoalQueryArgsSchema(Schema):
    owner_id = fields.Integer(load_default=None, validate=validate.Range(min=1))
    status = fields.Enum(GoalStatus, load_default=None)
    cycle_id = fields.Integer(load_default=None, validate=validate.Range(min=1))
    parent_id = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1),
        metadata={"description": "Goals aligned directly to this goal."},
    )
