"""Dates in context: one plausible range and one way to state an order rule.

Every date or datetime a person types goes through ``PlausibleDate`` /
``PlausibleDateTime`` (API and HTML forms share the schemas), so a year like 1900 or
3000 never reaches the database or a reminder. The range is the years 1970 to 2099
inclusive — read at the level of the year, so the OpenAPI document can state it exactly
as a ``pattern`` and a generated date that matches the document is one the server takes.

Order rules are declared next to each record's schema with ``require_order`` (inside a
``@validates_schema``); rules that need the stored record (a PATCH of one end of a
range, "not before the day the need was named") call ``order_errors`` /
``not_before`` in the service, which raise ``ValidationFailed`` (422) naming the field.
Every message names what is allowed in plain words, with the boundary date.
"""

from datetime import date, datetime

from marshmallow import ValidationError, fields

from core.errors import ValidationFailed

EARLIEST = date(1970, 1, 1)
LATEST = date(2099, 12, 31)
RANGE_MESSAGE = "Use a date from 1970-01-01 to 2099-12-31."
# Years 1970–2099: the same range as the validator, for the OpenAPI document.
YEAR_PATTERN = "^(19[7-9][0-9]|20[0-9][0-9])-"
NOT_SAVED = "Nothing was saved; correct the fields marked."


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def is_plausible(value: date | datetime) -> bool:
    """From 1970-01-01 to 2099-12-31 (a datetime by its own date)."""
    return EARLIEST <= _day(value) <= LATEST


def plausible(value: date | datetime | None) -> None:
    """The marshmallow validator: refuse a date outside the plausible range."""
    if value is not None and not is_plausible(value):
        raise ValidationError(RANGE_MESSAGE)


def _with_range(kwargs: dict) -> dict:
    metadata = dict(kwargs.pop("metadata", None) or {})
    metadata.setdefault("pattern", YEAR_PATTERN)
    note = "From 1970-01-01 to 2099-12-31."
    description = metadata.get("description")
    metadata["description"] = f"{description} {note}" if description else note
    return {**kwargs, "metadata": metadata}


class PlausibleDate(fields.Date):
    """A date from 1970-01-01 to 2099-12-31."""

    def __init__(self, **kwargs):
        super().__init__(**_with_range(kwargs))
        self.validators.insert(0, plausible)


class PlausibleDateTime(fields.AwareDateTime):
    """A timezone-aware datetime whose date lies from 1970-01-01 to 2099-12-31."""

    def __init__(self, **kwargs):
        super().__init__(**_with_range(kwargs))
        self.validators.insert(0, plausible)


def iso(value: date | datetime) -> str:
    """How a boundary reads in a message: a date, or a UTC time to the minute."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


# How a field reads at the start of a message (others: the name, in words).
LABELS = {
    "due_on": "Due date",
    "target_on": "Target date",
    "ended_on": "End date",
    "expires_on": "Expiry date",
    "period_end": "The end of the period",
    "self_due_on": "The self-assessment due date",
    "manager_due_on": "The manager's part due date",
    "signoff_due_on": "The sign-off due date",
    "sent_on": "The date sent",
    "thank_you_sent_on": "The thank-you date",
    "follow_up_on": "The follow-up date",
    "scheduled_at": "The interview time",
    "held_on": "The session date",
    "to": "The end of the period",
}


def label(field: str) -> str:
    words = LABELS.get(field) or field.replace("_", " ")
    return words[:1].upper() + words[1:]


def order_message(later: str, earlier_value, what: str) -> str:
    """``"<Later> must be on or after 2026-03-01, <what>."``"""
    return f"{label(later)} must be on or after {iso(earlier_value)}, {what}."


def require_order(data: dict, *, earlier: str, later: str, what: str) -> None:
    """In a ``@validates_schema``: ``data[later]`` not before ``data[earlier]``.

    Either missing or ``None`` passes (a partial update is checked in the service
    against the stored value with ``order_errors``). ``what`` names the earlier value
    in words ("the start date"); the error is attached to ``later``.
    """
    first, second = data.get(earlier), data.get(later)
    if first is not None and second is not None and _day(second) < _day(first):
        raise ValidationError(order_message(later, first, what), later)


def order_errors(stored, data: dict, rules) -> dict[str, str]:
    """Order rules over ``data`` merged onto the ``stored`` record (PATCH-safe).

    ``rules``: ``(earlier, later, what)`` triples of attribute names. Returns
    ``{field: message}`` for the first broken rule of each later field.
    """
    errors: dict[str, str] = {}
    for earlier, later, what in rules:
        first = data.get(earlier, getattr(stored, earlier, None))
        second = data.get(later, getattr(stored, later, None))
        if later in errors or first is None or second is None:
            continue
        if _day(second) < _day(first):
            errors[later] = order_message(later, first, what)
    return errors


def check_order(stored, data: dict, rules) -> None:
    """``order_errors`` that raises ``ValidationFailed`` (422) when any rule fails."""
    errors = order_errors(stored, data, rules)
    if errors:
        raise ValidationFailed(NOT_SAVED, errors)


def not_before(field: str, value, floor, what: str) -> None:
    """Raise ``ValidationFailed`` naming ``field`` if ``value`` is before ``floor``."""
    if value is not None and floor is not None and _day(value) < _day(floor):
        raise ValidationFailed(NOT_SAVED, {field: order_message(field, floor, what)})


def not_after(field: str, value, ceiling, what: str) -> None:
    """Raise ``ValidationFailed`` naming ``field`` if ``value`` is after ``ceiling``."""
    if value is not None and ceiling is not None and _day(value) > _day(ceiling):
        raise ValidationFailed(
            NOT_SAVED,
            {field: f"{label(field)} must be on or before {iso(ceiling)}, {what}."},
        )
