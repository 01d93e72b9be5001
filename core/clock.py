"""Fixed instants for scheduled work, in the organisation's time zone.

Every reminder is keyed by a *due moment* derived from a date alone — 09:00 local time
(``SCHEDULER_TIMEZONE``, default Europe/London) on that day, converted to UTC — never from
the clock of the run. A job that runs twice, late, or across a daylight-saving change
therefore computes the same instant, and the notification's unique key
(kind, subject, recipient, due moment) stops the second copy.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_ZONE = "Europe/London"
REMINDER_HOUR = 9  # reminders are due at 09:00 local
DIGEST_HOUR = 8  # the weekly digest is due on Monday at 08:00 local


def local_zone() -> ZoneInfo:
    name = DEFAULT_ZONE
    if has_app_context():
        name = current_app.config.get("SCHEDULER_TIMEZONE") or DEFAULT_ZONE
    return ZoneInfo(name)


def moment(day: date, hour: int = REMINDER_HOUR) -> datetime:
    """``hour``:00 local time on ``day``, as an aware UTC datetime."""
    return datetime.combine(day, time(hour), tzinfo=local_zone()).astimezone(UTC)


def local_today(now: datetime) -> date:
    """The local calendar day of the instant ``now``."""
    return now.astimezone(local_zone()).date()


def week_start(now: datetime) -> datetime:
    """Monday 08:00 local of ``now``'s ISO week (the previous week's before it is due)."""
    today = local_today(now)
    start = moment(today - timedelta(days=today.weekday()), DIGEST_HOUR)
    if start > now:
        start = moment(today - timedelta(days=today.weekday() + 7), DIGEST_HOUR)
    return start


def in_window(due: datetime, now: datetime, until: datetime) -> bool:
    """Due at ``due`` and still worth sending (not yet superseded at ``until``)."""
    return due <= now < until
