"""The interview's .ics file: valid RFC 5545, folded, escaped, never private notes."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from core.errors import ValidationFailed
from development.enums import InterviewMode
from development.ics import escape_text, fold, interview_ics
from development.models import InformationalInterview

NOW = datetime(2026, 6, 1, 8, 30, tzinfo=UTC)


def make_interview(**kw):
    values = {
        "id": 42,
        "version": 3,
        "scheduled_at": datetime(2026, 6, 10, 14, 0, tzinfo=UTC),
        "duration_minutes": 20,
        "mode": InterviewMode.video,
        "location": "https://meet.example.com/abc",
        "purpose": "Learn about the data engineer career path",
        "private_notes": "",
        **kw,
    }
    return InformationalInterview(**values)


def parse(text):
    """A tiny RFC 5545 reader: unfold, split name;params:value, unescape TEXT."""
    assert text.endswith("\r\n")
    raw = text[:-2].split("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in raw:
        assert len(line.encode("utf-8")) <= 75, line
    lines = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    props = {}
    for line in lines:
        name, _, value = line.partition(":")
        name = name.split(";")[0]
        value = (
            value.replace("\\n", "\n")
            .replace("\\,", ",")
            .replace("\\;", ";")
            .replace("\\\\", "\\")
        )
        props.setdefault(name, []).append(value)
    return lines, props


def ics(interview=None, **kw):
    return interview_ics(
        interview or make_interview(),
        contact_name=kw.get("contact_name", "Dana Data"),
        organiser_email=kw.get("organiser_email", "emma@example.com"),
        now=NOW,
    )


def test_a_valid_calendar_with_one_event():
    lines, props = parse(ics())
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert props["BEGIN"] == ["VCALENDAR", "VEVENT"]
    assert props["END"] == ["VEVENT", "VCALENDAR"]
    assert props["VERSION"] == ["2.0"] and props["PRODID"]
    assert props["UID"] == ["interview-42@trellis"]
    assert props["DTSTAMP"] == ["20260601T083000Z"]
    assert props["DTSTART"] == ["20260610T140000Z"]
    assert props["DTEND"] == ["20260610T142000Z"]
    assert props["SUMMARY"] == ["Informational interview with Dana Data"]
    assert props["LOCATION"] == ["https://meet.example.com/abc"]
    assert props["DESCRIPTION"][0].startswith("Learn about the data engineer")
    assert props["ORGANIZER"] == ["mailto:emma@example.com"]
    assert props["SEQUENCE"] == ["2"]


def test_uid_is_stable_and_times_are_converted_to_utc():
    local = timezone(timedelta(hours=2))
    later = make_interview(
        scheduled_at=datetime(2026, 6, 11, 9, 0, tzinfo=local),
        duration_minutes=45,
        version=4,
    )
    _, props = parse(ics(later))
    assert props["UID"] == ["interview-42@trellis"]
    assert props["DTSTART"] == ["20260611T070000Z"]
    assert props["DTEND"] == ["20260611T074500Z"]
    naive = make_interview(scheduled_at=datetime(2026, 6, 10, 14, 0))
    assert parse(ics(naive))[1]["DTSTART"] == ["20260610T140000Z"]


def test_text_is_escaped():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    tricky = make_interview(
        location="Room 4; Floor 2, HQ", purpose="Ask about:\r\n- roles, pay; growth"
    )
    text = ics(tricky, contact_name="Smith, Jo")
    assert "LOCATION:Room 4\\; Floor 2\\, HQ\r\n" in text
    assert "Smith\\, Jo" in text
    _, props = parse(text)
    assert props["LOCATION"] == ["Room 4; Floor 2, HQ"]
    assert props["SUMMARY"] == ["Informational interview with Smith, Jo"]
    assert props["DESCRIPTION"][0].startswith("Ask about:\n- roles, pay; growth")


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    purpose = "Über " * 40 + "ünïcödé " * 20
    _, props = parse(ics(make_interview(purpose=purpose)))
    assert props["DESCRIPTION"][0].startswith(purpose.strip())
    folded = fold("X" * 200)
    assert [len(p) for p in folded.split("\r\n")] == [75, 75, 52]
    assert fold("short") == "short"


def test_private_notes_are_never_written():
    marker = "PRIVATE-MARKER-7731"
    interview = make_interview(
        private_notes=marker, research_notes=marker, takeaways=marker
    )
    text = ics(interview)
    assert marker not in text
    assert marker not in text.replace("\r\n ", "")


def test_an_unscheduled_interview_has_no_calendar_file():
    with pytest.raises(ValidationFailed):
        ics(make_interview(scheduled_at=None))
