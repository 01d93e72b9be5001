"""Bounded input fields: every string has a length and no control characters, every
integer a range the database can hold.

A string a person or client sends goes through ``Text`` (one line), ``LongText``
(several lines: tab and newline allowed, CRLF read as LF), ``EmailText`` or ``UrlText``.
Each trims surrounding whitespace, refuses NUL and the other C0 control characters
(PostgreSQL refuses NUL in text, and no form needs the rest), and must be declared with
``validate.Length(max=…)`` — a field without a maximum is a ``TypeError`` when its
schema is defined, and the maximum appears as ``maxLength`` in the OpenAPI document and
as ``maxlength`` on the HTML control (``limit`` below, a template global).

Integers have both bounds: ``Id`` for references (1 to 2**31 − 1, the range of the
INTEGER primary keys); other counts use ``validate.Range`` with both ends. A path id
beyond the range is a 404 (``core.converters``); a query or body integer beyond it is
a 422 naming the field. ``tests/gates/test_input_bounds.py`` walks every input schema
and the OpenAPI document and fails on a string or integer without bounds.

The same checks serve the CSV importers through ``text_problem``, so a row the
``--dry-run``/preview passes is one the import writes.
"""

import functools
import re

from marshmallow import ValidationError, class_registry, fields, validate

MAX_INT32 = 2**31 - 1
MAX_INT64 = 2**63 - 1

# Free text where a person writes (answers, comments, notes): a few thousand characters.
LONG = 4000

_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_BUT_TAB_NEWLINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(value: str, *, multiline: bool = False, trim: bool = True) -> str:
    """Return ``value`` trimmed (CRLF → LF when ``multiline``).

    The characters are checked before trimming, so what is refused is exactly what the
    OpenAPI ``pattern`` says (a one-line field with a trailing newline is a 422).

    :raises ValidationError: for NUL or another C0 control character, or DEL (tab and
        newline are allowed in multi-line text).
    """
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    pattern = _CONTROL_BUT_TAB_NEWLINE if multiline else _ANY_CONTROL
    found = pattern.search(value)
    if found is None:
        return value.strip() if trim else value
    char = found.group()
    if char in "\t\n\r":
        raise ValidationError("Must be a single line: no line breaks or tabs.")
    where = (
        f"on line {value.count(chr(10), 0, found.start()) + 1}"
        if multiline
        else f"at character {found.start() + 1}"
    )
    raise ValidationError(
        f"Must not contain control characters (found U+{ord(char):04X} {where})."
    )


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """Why ``value`` is refused (a control character), or None: for the CSV importers,
    which report every row's problems rather than stop at the first."""
    try:
        clean_text(value, multiline=multiline, trim=False)
    except ValidationError as err:
        message = err.messages[0]
        return message[0].lower() + message[1:].rstrip(".")
    return None


def max_length(field: fields.Field) -> int | None:
    """The ``maxLength`` a field's validators declare, or None."""
    limits = [
        v.max
        for v in field.validators
        if isinstance(v, validate.Length) and v.max is not None
    ]
    return min(limits) if limits else None


class _Bounded:
    """Mixin for string fields: trimmed, control characters refused, a maximum length."""

    multiline = False

    def __init__(self, *args, trim: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.trim = trim
        if max_length(self) is None:
            raise TypeError(
                f"{type(self).__name__} needs validate=validate.Length(max=…)."
            )

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        return clean_text(value, multiline=self.multiline, trim=self.trim)

    def _validate(self, value):
        # The documented default is valid input: an optional e-mail or URL whose
        # default is "" takes "" (none) without the format check.
        if value == "" and self.load_default == "":
            return
        super()._validate(value)


class Text(_Bounded, fields.String):
    """One line of text (names, titles): no line breaks, tabs or control characters."""


class LongText(_Bounded, fields.String):
    """Several lines a person writes: tab and newline allowed, other controls refused."""

    multiline = True


class EmailText(_Bounded, fields.Email):
    """An email address, bounded like ``Text`` (the format check sees it cleaned)."""


class UrlText(_Bounded, fields.Url):
    """A URL, bounded like ``Text`` (``fields.Url`` alone lets a NUL through)."""


class Id(fields.Integer):
    """A reference to a row: 1 to 2**31 − 1 (an INTEGER primary key)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "validate",
            validate.Range(
                min=1, max=MAX_INT32, error="Must be an id from 1 to {max}."
            ),
        )
        super().__init__(**kwargs)


def bounded_list(inner: fields.Field, *, min: int | None = None, max: int, **kwargs):
    """A list input of at most ``max`` items (at least ``min``): every list a client
    sends is bounded (``maxItems`` in the API description). ``kwargs`` go to
    ``fields.List``."""
    return fields.List(inner, validate=validate.Length(min=min, max=max), **kwargs)


@functools.cache
def limit(schema: str, *path: str) -> int:
    """The maximum length of ``schema``'s field at ``path`` (through lists and nests).

    A template global, so an HTML control's ``maxlength`` is the schema's limit:
    ``limit("ActivityFormSchema", "title")``,
    ``limit("ManagerAssessmentSchema", "goals", "title")``. A list of strings typed
    one a line in a textarea gets room for every item and the line breaks.
    """
    field: fields.Field | None = None
    current = class_registry.get_class(schema)()
    for name in path:
        field = current.fields[name]
        if isinstance(field, fields.List) and name == path[-1]:
            items, each = max_length(field), max_length(field.inner)
            if items is not None and each is not None:
                return items * (each + 1) - 1
        while isinstance(field, fields.List):
            field = field.inner
        if isinstance(field, fields.Nested):
            current = field.schema
    if field is None or max_length(field) is None:
        raise LookupError(f"{schema}.{'.'.join(path)} has no maximum length.")
    return max_length(field)
