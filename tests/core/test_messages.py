"""Plain-language validation messages: marshmallow's defaults never reach a person."""

import pytest
from marshmallow import Schema, fields, validate

from core.messages import SCHEMA_REFUSALS


class _Form(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=5))
    rating = fields.Integer(validate=validate.Range(min=1, max=5))
    kind = fields.String(validate=validate.OneOf(["a", "b"]))
    on = fields.Date()
    at = fields.DateTime()
    email = fields.Email()
    site = fields.Url()
    done = fields.Boolean()


def test_required_field_says_this_field_is_required():
    assert _Form().validate({}) == {"title": ["This field is required."]}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "toolong"}, "title", "Use between 1 and 5 characters."),
        ({"rating": "x"}, "rating", "Enter a whole number."),
        ({"rating": 9}, "rating", "Must be at least 1 and at most 5."),
        ({"kind": "c"}, "kind", "Choose one of: a, b."),
        ({"on": "3/12"}, "on", "Enter a date as YYYY-MM-DD, for example 2026-12-03."),
        (
            {"email": "nope"},
            "email",
            "Enter an email address, for example name@example.com.",
        ),
        ({"site": "nope"}, "site", "Enter a web address starting with https://."),
        ({"done": "perhaps"}, "done", "Choose yes or no."),
        ({"extra": 1}, "extra", "This field is not expected here."),
        ({"title": None}, "title", "This field cannot be empty."),
    ],
)
def test_messages_are_plain(data, field, message):
    errors = _Form().validate({"title": "ok", **data})
    assert errors[field] == [message]


def test_every_message_is_a_known_schema_refusal():
    """The Schemathesis gate tells schema refusals by these openings."""
    errors = _Form().validate(
        {"rating": "x", "kind": "c", "on": "x", "at": "x", "email": "x", "site": "x"}
    )
    for messages in errors.values():
        for message in messages:
            assert message.startswith(SCHEMA_REFUSALS), message


def test_no_marshmallow_default_wording_is_left():
    errors = _Form().validate({"title": "", "rating": 0, "at": "x", "zz": 1})
    text = " ".join(m for ms in errors.values() for m in ms)
    for old in ("Missing data", "Not a valid", "Shorter than", "Unknown field"):
        assert old not in text
