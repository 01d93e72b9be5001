"""Local time for the person reading: a time zone per person, the organisation's by
default.

Stored times stay UTC (``core.db``) and the API answers ISO 8601 with the offset. A page
shows a time in the reader's zone with its abbreviation ("3 Dec 2026, 14:30 GMT"), and
a time typed into a ``datetime-local`` control is read in the same zone — the control
has no zone of its own. The reader's zone is ``Employee.time_zone`` (an IANA name such
as ``Europe/Berlin``), loaded with the signed-in user as ``user.time_zone`` (a
``core.hooks`` user column that ``people`` registers); without one it is the
organisation's ``SCHEDULER_TIMEZONE`` (Europe/London), the clock of the reminders.
HR sets it on the person form and the person under Account → Time zone, choosing from
``zone_options`` (UTC and the Region/City names, each with today's offset); the
validator takes every name the server knows, legacy aliases included.
"""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask import has_request_context
from marshmallow import ValidationError, validate

from core.clock import local_zone

DISPLAY = "%-d %b %Y, %H:%M"
INPUT = "%Y-%m-%dT%H:%M"


def is_zone(name: str) -> bool:
    """An IANA zone name this server knows."""
    if not name or name not in _known():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _known() -> set[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = available_timezones()
    return _ZONES


_ZONES: set[str] | None = None


ZONE_MESSAGE = "Enter a time zone name such as Europe/London or America/New_York."


def validate_zone(name: str | None) -> None:
    """Check one zone name (None: the organisation's) — for code outside a schema."""
    if name is not None and not is_zone(name):
        raise ValidationError(ZONE_MESSAGE)


def zone_choice() -> validate.OneOf:
    """The schema validator: one of the zones this server knows. A ``OneOf`` so the
    OpenAPI document states the rule exactly (an ``enum``), as a client can read it."""
    return validate.OneOf(sorted(_known()), error=ZONE_MESSAGE)


def zone_for(name: str | None) -> ZoneInfo:
    """The zone named ``name``, or the organisation's."""
    return ZoneInfo(name) if name and is_zone(name) else local_zone()


def viewer_zone() -> ZoneInfo:
    """The signed-in reader's zone (the organisation's outside a request)."""
    if not has_request_context():
        return local_zone()
    from flask_login import current_user

    return zone_for(getattr(current_user, "time_zone", None))


def local(value: datetime | None, fmt: str = DISPLAY) -> str:
    """``value`` in the reader's zone, with the zone's abbreviation (template filter)."""
    if value is None:
        return ""
    shown = value.astimezone(viewer_zone())
    return f"{shown.strftime(fmt)} {shown.tzname()}"


def local_day(value: datetime | None) -> str:
    """The reader's calendar day of ``value``, ISO (template filter)."""
    return value.astimezone(viewer_zone()).date().isoformat() if value else ""


def local_input(value: datetime | None) -> str:
    """``value`` as a ``datetime-local`` control's value in the reader's zone."""
    return value.astimezone(viewer_zone()).strftime(INPUT) if value else ""


def read_local(value: str) -> str:
    """A ``datetime-local`` value (no zone) read in the reader's zone, as ISO 8601 with
    the offset; a value that already has an offset, or is not a time, is unchanged
    (the schema then names the field)."""
    value = (value or "").strip()
    if not value or value.endswith("Z") or "+" in value[10:] or "-" in value[10:]:
        return value
    try:
        naive = datetime.fromisoformat(value)
    except ValueError:
        return value
    if naive.tzinfo is not None:
        return value
    return naive.replace(tzinfo=viewer_zone()).isoformat()


# The regions of the IANA names a person picks from; the legacy aliases (GB,
# US/Eastern, Etc/GMT+5 …) stay valid when an API client sends one, but are not listed.
REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


def zone_options(now: datetime, current: str | None = None) -> list[tuple[str, str]]:
    """``(name, "Europe/Berlin · UTC+01:00 now")`` for a picker: UTC and every
    Region/City zone, and ``current`` even when it is a legacy alias."""
    names = sorted(n for n in _known() if n.split("/")[0] in REGIONS)
    names = ["UTC", *names]
    if current and current not in names and is_zone(current):
        names.insert(0, current)
    return [
        (name, name if name == "UTC" else f"{name} · UTC{_offset(now, name)} now")
        for name in names
    ]


def _offset(now: datetime, name: str) -> str:
    text = now.astimezone(ZoneInfo(name)).strftime("%z")  # "+0100"
    return f"{text[:3]}:{text[3:]}"


def zone_label() -> str:
    """The reader's zone for a form label: "Europe/London"."""
    return str(viewer_zone())
