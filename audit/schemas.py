"""Filters of the audit trail (page, CSV and API share them) and the API's output."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.dates import PlausibleDate
from core.fields import EmailText, Id, Text

DAY = {"load_default": None}  # PlausibleDate: 1970-01-01 to 2099-12-31 (core.dates)


class AuditQueryArgsSchema(Schema):
    """Every filter is optional; together they narrow (AND)."""

    actor = EmailText(
        load_default=None,
        validate=validate.Length(max=254),
        metadata={"description": "The actor's email address (any case)."},
    )
    actor_id = Id(load_default=None, metadata={"description": "The actor's user id."})
    subject_type = Text(
        load_default=None,
        validate=validate.Length(max=60),
        metadata={"description": "What the event is about, e.g. `Review`, `User`."},
    )
    subject_id = Id(load_default=None)
    action = Text(
        load_default=None,
        validate=validate.Length(max=60),
        metadata={"description": "e.g. `created`, `status_changed`, `opened`."},
    )
    date_from = PlausibleDate(
        data_key="from", **DAY, metadata={"description": "On or after this day (UTC)."}
    )
    date_to = PlausibleDate(
        data_key="to", **DAY, metadata={"description": "On or before this day (UTC)."}
    )

    @validates_schema
    def _order(self, data, **kwargs):
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError("“To” must be on or after “From”.", "to")


class AuditEventSchema(Schema):
    """One event as its reader sees it: the diff is redacted of private contents."""

    id = fields.Integer()
    at = fields.DateTime()
    actor_id = fields.Integer(allow_none=True)
    actor_email = fields.Function(
        lambda e: e.actor.email if e.actor else None, allow_none=True
    )
    subject_type = fields.String(attribute="object_type")
    subject_id = fields.Integer(attribute="object_id", allow_none=True)
    action = fields.String()
    changes = fields.Dict(attribute="safe_changes")
