"""A time zone per person: pages show and take local time (core.timezones); the API
keeps ISO 8601 with the offset."""

from datetime import UTC, date, datetime

import pytest
from marshmallow import ValidationError

from core.extensions import db
from core.timezones import is_zone, local, validate_zone, zone_for
from development.models import InformationalInterview
from development.services import interviews
from people.models import Employee
from tests.conftest import sign_in


def test_a_known_zone_and_an_unknown_one():
    assert is_zone("Europe/Berlin")
    assert not is_zone("Mars/Olympus")
    with pytest.raises(ValidationError, match="time zone name"):
        validate_zone("Mars/Olympus")
    validate_zone(None)  # None: the organisation's


def test_without_a_zone_the_organisations_is_used(app):
    with app.app_context():
        assert str(zone_for(None)) == "Europe/London"
        summer = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
        assert local(summer) == "1 Jul 2026, 13:00 BST"


def test_a_person_schedules_and_reads_in_her_own_zone(client, org):
    db.session.get(Employee, org.employee.employee_id).time_zone = "Europe/Berlin"
    interview = interviews.create_interview(org.employee, {"purpose": "Learn"})
    interviews.request_interview(
        org.employee, interview, {"message": "Hi", "sent_on": date(2026, 11, 1)}
    )
    db.session.commit()
    sign_in(client, org.employee)
    url = f"/development/interviews/{interview.id}"
    form = client.get(url).get_data(as_text=True)
    assert "Date and time (Europe/Berlin)" in form
    response = client.post(
        f"{url}/schedule",
        data={
            "version": str(interview.version),
            "scheduled_at": "2026-12-10T14:00",
            "duration_minutes": "20",
            "mode": "video",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    stored = db.session.get(InformationalInterview, interview.id).scheduled_at
    assert stored == datetime(2026, 12, 10, 13, 0, tzinfo=UTC)  # 14:00 in Berlin
    assert "10 Dec 2026, 14:00 CET" in client.get(url).get_data(as_text=True)


def test_the_day_of_a_late_evening_utc_time_is_the_readers(app):
    from core.timezones import local_day

    with app.app_context():
        # 23:30 UTC on 30 June is already 1 July in London (BST).
        assert local_day(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == "2026-07-01"
