"""A mentorship's plan and sessions: the input and output contracts (API and page).

``MentoringSessionSchema`` carries ``note`` as ``null`` for everyone but the mentee (the
resource blanks it: ``can_read_session_notes``); the mentor reads the day and hours only.
"""

from marshmallow import Schema, fields, validate

from core.dates import PlausibleDate
from core.fields import LONG, Id, LongText
from core.schemas import StrictSchema, VersionedForm
from development.enums import ActivityStatus, Cadence
from people.schemas import EmployeeRefSchema


class MentorshipPlanSchema(StrictSchema):
    """The plan (a PATCH: only the fields sent change; ``null`` clears one)."""

    cadence = fields.Enum(
        Cadence,
        allow_none=True,
        metadata={"description": "How often the mentorship meets."},
    )
    plan_ends_on = PlausibleDate(
        allow_none=True,
        metadata={"description": "The last day of the mentorship (or give a count)."},
    )
    planned_sessions = fields.Integer(
        allow_none=True,
        validate=validate.Range(min=1, max=500),
        metadata={"description": "How many sessions in all (or give an end date)."},
    )
    next_session_on = PlausibleDate(
        allow_none=True,
        metadata={
            "description": "The next session; computed after each session from the "
            "cadence, and editable."
        },
    )
    mentor_id = Id(
        allow_none=True,
        metadata={
            "description": "The mentor when they are an employee: they then read the "
            "sessions they give (never the notes) and are reminded the day before."
        },
    )


class MentorshipPlanFormSchema(MentorshipPlanSchema, VersionedForm):
    """The page's plan form: every field present, the version it was rendered from."""


class MentoringSessionCreateSchema(StrictSchema):
    held_on = PlausibleDate(
        required=True, metadata={"description": "The day the session was held."}
    )
    hours = fields.Float(
        load_default=1.0, allow_nan=False, validate=validate.Range(min=0, max=24)
    )
    note = LongText(
        load_default="",
        validate=validate.Length(max=LONG),
        metadata={"description": "The mentee's private note (never shown to others)."},
    )


class MentoringSessionSchema(Schema):
    id = fields.Integer()
    held_on = fields.Date()
    hours = fields.Float()
    note = fields.String(
        allow_none=True, metadata={"description": "null for all but the mentee."}
    )


class MentorshipSchema(Schema):
    id = fields.Integer(metadata={"description": "The mentoring activity's id."})
    title = fields.String()
    employee = fields.Nested(EmployeeRefSchema, metadata={"description": "The mentee."})
    mentor = fields.Nested(EmployeeRefSchema, allow_none=True)
    status = fields.Enum(ActivityStatus)
    started_on = fields.Date(allow_none=True)
    cadence = fields.Enum(Cadence, allow_none=True)
    plan_ends_on = fields.Date(allow_none=True)
    planned_sessions = fields.Integer(allow_none=True)
    next_session_on = fields.Date(allow_none=True)
    sessions_held = fields.Integer()
    version = fields.Integer()
