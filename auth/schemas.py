"""Input contracts for signing in, changing a password and API tokens."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.dates import PlausibleDate
from core.fields import Id, Text, bounded_list
from core.schemas import StrictSchema
from people.enums import TokenScope

MAX_PERSONAL_TOKEN_DAYS = 365


class LoginSchema(Schema):
    email = Text(required=True, validate=validate.Length(min=3, max=254))
    password = Text(required=True, trim=False, validate=validate.Length(min=1, max=128))


class TokenCreateSchema(LoginSchema):
    code = Text(
        load_default=None,
        validate=validate.Length(max=32),
        metadata={
            "description": "Accounts with two-factor sign-in: a current code from the "
            "authenticator app, or an unused recovery code."
        },
    )


class TwoFactorCodeSchema(Schema):
    """A 6-digit code from the authenticator app, or a recovery code."""

    code = Text(required=True, validate=validate.Length(min=6, max=32))


class TwoFactorConfirmSchema(Schema):
    """Turning something about two-factor sign-in off or over: the password or a
    code proves it is the account's owner."""

    credential = Text(
        required=True, trim=False, validate=validate.Length(min=1, max=128)
    )


class TokenSchema(Schema):
    token = fields.String(dump_only=True, metadata={"description": "Bearer token"})
    expires_at = fields.AwareDateTime(dump_only=True)


class ChangePasswordSchema(Schema):
    current_password = Text(
        required=True, trim=False, validate=validate.Length(max=128)
    )
    password = Text(required=True, trim=False, validate=validate.Length(min=8, max=128))
    password_confirm = Text(
        required=True, trim=False, validate=validate.Length(max=128)
    )

    @validates_schema
    def _same(self, data, **kwargs):
        if data.get("password") != data.get("password_confirm"):
            raise ValidationError("The two passwords differ.", "password_confirm")


class PersonalTokenCreateSchema(StrictSchema):
    """A new personal access token. Expiry: ``expires_in_days`` (1–365) or
    ``expires_on`` (a date within a year), not both; neither means it never expires."""

    name = Text(
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "What the token is for (shown in your list)."},
    )
    scope = fields.Enum(
        TokenScope,
        load_default=TokenScope.read,
        metadata={"description": "read: GET only; write: every method."},
    )
    expires_in_days = fields.Integer(
        allow_none=True,
        load_default=None,
        validate=validate.Range(min=1, max=MAX_PERSONAL_TOKEN_DAYS),
        metadata={"description": "Days from now until the token stops working."},
    )
    expires_on = PlausibleDate(
        allow_none=True,
        load_default=None,
        metadata={"description": "The day (UTC) the token stops working."},
    )

    @validates_schema
    def _one_expiry(self, data, **kwargs):
        if data.get("expires_in_days") is not None and data.get("expires_on"):
            raise ValidationError(
                "Choose a number of days or a date, not both.", "expires_on"
            )


class PersonalTokenSchema(Schema):
    """A personal access token as its owner sees it (never the secret or its hash)."""

    id = fields.Integer(dump_only=True)
    name = fields.String(dump_only=True)
    scope = fields.Enum(TokenScope, dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    last_used_at = fields.AwareDateTime(
        dump_only=True,
        allow_none=True,
        metadata={"description": "To within five minutes; null: never used."},
    )
    expires_at = fields.AwareDateTime(
        dump_only=True,
        allow_none=True,
        metadata={"description": "null: never expires."},
    )
    revoked_at = fields.AwareDateTime(dump_only=True, allow_none=True)


class PersonalTokenCreatedSchema(PersonalTokenSchema):
    token = fields.String(
        dump_only=True,
        metadata={"description": "The secret: shown this once, never again."},
    )


class NewPasswordSchema(Schema):
    """A new password, typed twice (accepting an invitation, a password reset)."""

    password = Text(required=True, trim=False, validate=validate.Length(min=8, max=128))
    password_confirm = Text(
        required=True, trim=False, validate=validate.Length(max=128)
    )

    @validates_schema
    def _same(self, data, **kwargs):
        if data.get("password") != data.get("password_confirm"):
            raise ValidationError("The two passwords differ.", "password_confirm")


class ForgotPasswordSchema(Schema):
    email = Text(required=True, validate=validate.Length(min=3, max=254))


class InviteSelectionSchema(Schema):
    """The directory's "Invite selected": the chosen people's ids."""

    person_ids = bounded_list(
        Id(), min=1, max=200, required=True, metadata={"multi": True}
    )


class InvitationSchema(Schema):
    """A person's pending invitation, as the API shows it (never its token)."""

    id = fields.Integer(dump_only=True)
    employee_id = fields.Integer(dump_only=True)
    email = fields.String(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    expires_at = fields.AwareDateTime(dump_only=True)
