"""Notification output, the preferences contract (API and HTML form) and the outbox."""

from marshmallow import Schema, fields, post_dump, validate

from core.clock import local_today
from core.db import utcnow
from notifications.kinds import NotificationKind
from notifications.texts import as_of


class NotificationSchema(Schema):
    id = fields.Integer(dump_only=True)
    kind = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    body = fields.String(dump_only=True)
    link = fields.String(dump_only=True)
    due_at = fields.DateTime(dump_only=True)
    delivered_at = fields.DateTime(dump_only=True)
    read_at = fields.DateTime(dump_only=True, allow_none=True)

    @post_dump
    def _worded_now(self, data, **kwargs):
        # Dates in the text are worded against the day it is read (notifications.texts).
        if data.get("body"):
            data["body"] = as_of(data["body"], local_today(utcnow()))
        return data


class NotificationQueryArgsSchema(Schema):
    unread = fields.Boolean(
        load_default=False, metadata={"description": "Only unread notifications."}
    )


class KindPreferenceSchema(Schema):
    kind = fields.Enum(NotificationKind, dump_only=True)
    title = fields.String(dump_only=True)
    essential = fields.Boolean(dump_only=True)
    enabled = fields.Boolean(dump_only=True)


class NotificationPreferencesSchema(Schema):
    """Which non-essential kinds are turned off. Essential kinds cannot be."""

    disabled = fields.List(
        fields.Enum(NotificationKind),
        required=True,
        validate=validate.Length(max=100),
        metadata={"description": "Kinds turned off; the rest are on."},
    )
    kinds = fields.List(fields.Nested(KindPreferenceSchema), dump_only=True)


class PreferencesFormSchema(Schema):
    """The HTML form: the checked (enabled) kinds."""

    enabled = fields.List(
        fields.Enum(NotificationKind),
        load_default=list,
        validate=validate.Length(max=100),
        metadata={"multi": True},
    )
