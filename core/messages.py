"""Validation messages in plain language, set once for every schema.

marshmallow's defaults ("Missing data for required field.", "Not a valid integer.",
"Shorter than minimum length 1.") are written for programmers; a person filling in a
form, and a client reading a 422, gets these instead. They are installed on
marshmallow's field and validator classes when ``core`` is first imported — before any
schema class is defined, because a field copies its messages when it is created — so
HTML forms, the API and the importers all say the same thing and no schema repeats
them. A field that passes its own ``error=``/``error_messages`` still wins.

``SCHEMA_REFUSALS`` are the openings of every message a schema alone can give (type,
length, range, choice, required, null, unknown): the Schemathesis gate uses them to
tell a schema refusal from a rule that needs the database.
"""

from marshmallow import Schema, fields, validate

REQUIRED = "This field is required."

FIELD_MESSAGES: dict[type[fields.Field], dict[str, str]] = {
    fields.Field: {
        "required": REQUIRED,
        "null": "This field cannot be empty.",
        "validator_failed": "This value is not accepted.",
    },
    fields.Nested: {"type": "Expected a group of fields here."},
    fields.List: {"invalid": "Expected a list here."},
    fields.Tuple: {"invalid": "Expected a list here."},
    fields.String: {
        "invalid": "Expected text here.",
        "invalid_utf8": "Expected text here.",
    },
    fields.UUID: {"invalid_uuid": "Expected an identifier (UUID) here."},
    fields.Number: {
        "invalid": "Enter a number.",
        "too_large": "This number is too large.",
    },
    fields.Integer: {"invalid": "Enter a whole number."},
    fields.Float: {"special": "Enter a number."},
    fields.Decimal: {"special": "Enter a number."},
    fields.Boolean: {"invalid": "Choose yes or no."},
    fields.DateTime: {
        "invalid": "Enter a date and time, for example 2026-12-03 14:30.",
        "invalid_awareness": "Enter a date and time with its time zone.",
    },
    fields.NaiveDateTime: {"invalid": "Enter a date and time."},
    fields.AwareDateTime: {"invalid": "Enter a date and time with its time zone."},
    fields.Time: {"invalid": "Enter a time, for example 14:30."},
    fields.Date: {"invalid": "Enter a date as YYYY-MM-DD, for example 2026-12-03."},
    fields.TimeDelta: {"invalid": "Enter a length of time."},
    fields.Mapping: {"invalid": "Expected a group of fields here."},
    fields.Url: {"invalid": "Enter a web address starting with https://."},
    fields.Email: {"invalid": "Enter an email address, for example name@example.com."},
    fields.IP: {"invalid_ip": "Enter an IP address."},
    fields.Enum: {"unknown": "Choose one of: {choices}."},
}

SCHEMA_MESSAGES = {
    "type": "Expected a group of fields here.",
    "unknown": "This field is not expected here.",
}


def install() -> None:
    """Put the plain messages on marshmallow's classes (idempotent)."""
    for cls, messages in FIELD_MESSAGES.items():
        # Each class's own dict: updating a parent's would leak into the MRO merge
        # only where the child does not override, which is what marshmallow does.
        cls.default_error_messages = {**cls.default_error_messages, **messages}
    Schema._default_error_messages = {
        **Schema._default_error_messages,
        **SCHEMA_MESSAGES,
    }
    validate.Length.message_min = "Enter at least {min} characters."
    validate.Length.message_max = "Use at most {max} characters."
    validate.Length.message_all = "Use between {min} and {max} characters."
    validate.Length.message_equal = "Use exactly {equal} characters."
    validate.Range.message_gte = "at least"
    validate.Range.message_gt = "more than"
    validate.Range.message_lte = "at most"
    validate.Range.message_lt = "less than"
    validate.OneOf.default_message = "Choose one of: {choices}."
    validate.ContainsOnly.default_message = "Choose only from: {choices}."
    validate.Regexp.default_message = "This value is not in the expected form."
    validate.Email.default_message = FIELD_MESSAGES[fields.Email]["invalid"]
    validate.URL.default_message = FIELD_MESSAGES[fields.Url]["invalid"]
    validate.Equal.default_message = "Must be {other}."


SCHEMA_REFUSALS = (
    REQUIRED,
    "This field cannot be empty",
    "This field is not expected",
    "Expected text here",
    "Expected a list here",
    "Expected a group of fields here",
    "Expected an identifier",
    "Enter a number",
    "Enter a whole number",
    "Enter a date",
    "Enter a time",
    "Enter a length of time",
    "Enter a web address",
    "Enter an email address",
    "Enter an IP address",
    "Enter a time zone name",  # core.timezones.zone_choice (an enum in the document)
    "Enter at least",
    "This number is too large",
    "Use at most",
    "Use exactly",
    "Use between",
    "Must be at least",
    "Must be more than",
    "Must be at most",
    "Must be less than",
    "Choose one of",
    "Choose only from",
    "Choose yes or no",
    "This value is not in the expected form",
    "This value is not accepted",
)
