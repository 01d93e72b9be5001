"""Input contracts for signing in, changing a password and API tokens."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.fields import Text


class LoginSchema(Schema):
    email = Text(required=True, validate=validate.Length(min=3, max=254))
    password = Text(required=True, trim=False, validate=validate.Length(min=1, max=128))


class TokenCreateSchema(LoginSchema):
    pass


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
