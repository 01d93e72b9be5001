"""Base schemas: input strict about unknown keys, bounded strings, versioned forms; the
id-and-name reference every output names other objects with.

Every input schema derives from ``StrictSchema``; its strings are ``core.fields`` types
(``TrimmedString`` is the one-line ``Text``), so lengths and control characters are
checked in one place for the API, the HTML forms and the importers.
"""

from marshmallow import Schema, fields, validate

from core.fields import MAX_INT32, Text

TrimmedString = Text


class RefSchema(Schema):
    """Output: another object named from this one, by id and name (a subclass adds the
    few fields its reference also shows)."""

    id = fields.Integer()
    name = fields.String()


class StrictSchema(Schema):
    """Unknown keys are errors (marshmallow's RAISE is the default; kept explicit)."""

    class Meta:
        unknown = "raise"


class VersionedForm(Schema):
    """HTML edit forms carry the version they were rendered from (API: If-Match)."""

    version = fields.Integer(
        required=True, load_only=True, validate=validate.Range(min=0, max=MAX_INT32)
    )
