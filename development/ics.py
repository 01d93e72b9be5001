"""An RFC 5545 calendar file for a scheduled informational interview.

CRLF line endings, lines folded at 75 octets, TEXT values escaped, times in UTC. The UID
is stable per interview, so a calendar updates the event rather than adding another.
Private notes are never written (nor research notes or takeaways): only the purpose.
"""

from datetime import UTC, datetime, timedelta

from core.errors import ValidationFailed

PRODID = "-//Trellis//Informational interviews//EN"
LIMIT = 75  # octets per line, CRLF excluded


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets (never inside a character)."""
    pieces, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LIMIT:
            pieces.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n".join(pieces)


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:  # stored times are UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _address(email: str) -> str:
    return "".join(ch for ch in email.strip() if ch not in '\r\n;:,"')


def interview_ics(interview, *, contact_name: str, organiser_email: str, now) -> str:
    """The VCALENDAR text for ``interview`` (which must be scheduled)."""
    if interview.scheduled_at is None or interview.needs_approval:  # or only proposed
        raise ValidationFailed(
            "The interview has no date and time yet.",
            {"scheduled_at": ["Schedule the interview first."]},
        )
    start = interview.scheduled_at
    end = start + timedelta(minutes=interview.duration_minutes or 20)
    who = contact_name.strip() or "a contact"
    mode = getattr(interview.mode, "title", "") if interview.mode else ""
    description = "\n\n".join(
        part
        for part in (
            (interview.purpose or "").strip(),
            f"Mode: {mode}" if mode else "",
        )
        if part
    )
    sequence = max((getattr(interview, "version", 1) or 1) - 1, 0)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:interview-{interview.id}@trellis",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(end)}",
        f"SEQUENCE:{sequence}",
        "SUMMARY:" + escape_text(f"Informational interview with {who}"),
    ]
    if interview.location:
        lines.append("LOCATION:" + escape_text(interview.location))
    if description:
        lines.append("DESCRIPTION:" + escape_text(description))
    organiser = _address(organiser_email)
    if organiser:
        lines.append(f"ORGANIZER:mailto:{organiser}")
    lines += ["STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def ics_download(interview, now: datetime):
    """The interview's calendar file as an attachment, for its page and the API alike."""
    from flask import Response

    text = interview_ics(
        interview,
        contact_name=interview.contact_label,
        organiser_email=interview.employee.email or "",
        now=now,
    )
    filename = f"interview-{interview.id}.ics"
    return Response(
        text,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
