"""Notice texts worded against the moment they are read, not the moment they were made.

A notice is queued days before anyone reads it: "is 2 days late" was read when it was 4
days late, "in 30 days" when it was 24. So a template never writes a distance in days;
it writes ``{{ on(due_on) }}``, which stores a *date mark* (``[[on:2026-11-29]]``) in the
body. The mark becomes words where the text is shown or sent — the notification centre
and the API on the reader's day, an email on the day it is handed to the mail server —
as "29 Nov, 4 days ago", "3 Dec, today", "12 Dec, in 9 days".
"""

import re
from datetime import date

MARK = re.compile(r"\[\[on:(\d{4}-\d{2}-\d{2})\]\]")


def on(day: date | str | None) -> str:
    """The mark for ``day`` (a date or an ISO date string), for a notice template."""
    if not day:
        return ""
    text = day if isinstance(day, str) else day.isoformat()
    return f"[[on:{text}]]"


def relative(day: date, today: date) -> str:
    """``day`` in words seen from ``today``: "29 Nov, 4 days ago"."""
    shown = f"{day.day} {day.strftime('%b')}"
    if day.year != today.year:
        shown += f" {day.year}"
    delta = (day - today).days
    if delta == 0:
        distance = "today"
    elif delta == 1:
        distance = "tomorrow"
    elif delta == -1:
        distance = "yesterday"
    elif delta > 0:
        distance = f"in {delta} days"
    else:
        distance = f"{-delta} days ago"
    return f"{shown}, {distance}"


def as_of(text: str, today: date) -> str:
    """``text`` with every date mark worded as seen from ``today``."""
    if "[[on:" not in text:
        return text
    return MARK.sub(lambda m: relative(date.fromisoformat(m.group(1)), today), text)
