"""The one HTML input of provisioning: a new SCIM token's name."""

from marshmallow import validate

from core.fields import Text
from core.schemas import StrictSchema


class ScimTokenCreateSchema(StrictSchema):
    """A new SCIM token: only its name (what it is for)."""

    name = Text(
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "What the token is for, e.g. the identity provider."},
    )
