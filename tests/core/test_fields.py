"""core.fields: bounded strings (length, control characters) and bounded integers."""

import pytest
from marshmallow import ValidationError, validate

from core.fields import (
    MAX_INT32,
    EmailText,
    Id,
    LongText,
    Text,
    UrlText,
    clean_text,
    limit,
    text_problem,
)


def _load(field, value):
    return field.deserialize(value)


def test_one_line_text_is_trimmed():
    assert _load(Text(validate=validate.Length(max=10)), "  Ada  ") == "Ada"


@pytest.mark.parametrize("value", ["A\x00B", "A\x1fB", "A\x7fB", "A\x08B"])
def test_one_line_text_refuses_control_characters(value):
    with pytest.raises(ValidationError, match="control characters"):
        _load(Text(validate=validate.Length(max=10)), value)


@pytest.mark.parametrize("value", ["A\nB", "A\tB", "Ada\n"])
def test_one_line_text_refuses_line_breaks_and_tabs(value):
    with pytest.raises(ValidationError, match="single line"):
        _load(Text(validate=validate.Length(max=10)), value)


def test_long_text_keeps_tabs_and_newlines_and_reads_crlf_as_lf():
    field = LongText(validate=validate.Length(max=20))
    assert _load(field, "one\r\n\ttwo\rthree") == "one\n\ttwo\nthree"


def test_long_text_refuses_nul_and_names_the_line():
    with pytest.raises(ValidationError, match=r"U\+0000 on line 2"):
        _load(LongText(validate=validate.Length(max=20)), "one\ntw\x00o")


def test_the_length_is_a_validation_error():
    with pytest.raises(ValidationError, match="Use at most 3 characters"):
        _load(Text(validate=validate.Length(max=3)), "abcd")


@pytest.mark.parametrize("cls", [Text, LongText, EmailText, UrlText])
def test_a_string_field_without_a_maximum_cannot_be_declared(cls):
    with pytest.raises(TypeError, match="Length"):
        cls()
    with pytest.raises(TypeError):
        cls(validate=validate.Length(min=1))


def test_a_url_with_a_nul_is_refused():
    # fields.Url alone accepts "http://a.example/x\x00y".
    with pytest.raises(ValidationError, match="control characters"):
        _load(UrlText(validate=validate.Length(max=100)), "http://a.example/x\x00y")


def test_an_email_is_checked_after_trimming():
    field = EmailText(validate=validate.Length(max=100))
    assert _load(field, " ada@example.com ") == "ada@example.com"


@pytest.mark.parametrize("value", [0, -1, MAX_INT32 + 1, 10**20])
def test_an_id_beyond_the_integer_range_is_refused(value):
    with pytest.raises(ValidationError, match="2147483647"):
        _load(Id(), value)


def test_an_id_inside_the_range_loads():
    assert _load(Id(), MAX_INT32) == MAX_INT32


def test_clean_text_and_text_problem_agree():
    assert clean_text(" a ") == "a"
    assert text_problem("a\x00") == (
        "must not contain control characters (found U+0000 at character 2)"
    )
    assert text_problem("fine") is None


def test_limit_reads_the_schema(app):
    assert limit("SelfAssessmentSchema", "answers", "answer") == 4000
    assert limit("ActivityFormSchema", "title") == 200
    # A list typed one a line: room for every item and the line breaks.
    assert limit("PrepareSchema", "questions") == 40 * 301 - 1
    with pytest.raises(LookupError):
        limit("ActivityFormSchema", "hours")
