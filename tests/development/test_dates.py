"""Dates in context for activities and interviews: plausible years; an activity's end,
expiry (also in a partial update) not before its start; a request not sent in the
future; no interview scheduled before its request, completed before its time, thanked
or followed up before it was held. API: 422 naming the field, nothing stored changed;
HTML: the message on the field (or on the step, when the rule is about the interview)."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from core.errors import ValidationFailed
from core.extensions import db
from development.enums import ActivityKind, InterviewStatus
from development.models import DevelopmentActivity, InformationalInterview
from development.services import activities
from development.services import interviews as svc
from tests.conftest import sign_in
from tests.development.api.helpers import Caller

A = "/api/v1/activities"
SENT = date(2026, 11, 1)
WHEN = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)
AFTER = WHEN + timedelta(hours=2)


@pytest.fixture
def emma(client, org):
    return Caller(client, org.employee)


def _stored(interview_id) -> InformationalInterview:
    db.session.expire_all()
    return db.session.get(InformationalInterview, interview_id)


def _requested(org, sent=SENT):
    interview = svc.create_interview(org.employee, {"purpose": "Learn"})
    svc.request_interview(org.employee, interview, {"message": "Hi", "sent_on": sent})
    return interview


def _scheduled(org, when=WHEN):
    interview = _requested(org)
    svc.schedule_interview(org.employee, interview, {"scheduled_at": when})
    db.session.commit()
    return interview


def _completed(org):
    interview = _scheduled(org)
    svc.complete_interview(org.employee, interview, {}, now=AFTER)
    db.session.commit()
    return interview


# --- activities -----------------------------------------------------------------------


def test_an_activity_started_in_1900_is_422_naming_started_on(emma, db):
    response = emma.post(
        A, {"kind": "course", "title": "SQL", "started_on": "1900-01-01"}
    )
    assert response.status_code == 422
    assert "started_on" in response.get_json()["errors"]
    assert db.session.scalar(sa.select(sa.func.count(DevelopmentActivity.id))) == 0


def test_an_expiry_before_the_end_is_refused(emma):
    body = {
        "kind": "certification",
        "title": "CKA",
        "started_on": "2026-03-01",
        "ended_on": "2026-03-05",
        "expires_on": "2026-03-04",
    }
    response = emma.post(A, body)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "expires_on": ["Expiry date must be on or after 2026-03-05, the end date."]
    }


def test_a_patched_end_is_checked_against_the_stored_start(emma, db):
    course = emma.post(
        A, {"kind": "course", "title": "SQL", "started_on": "2026-03-01"}
    )
    url = f"{A}/{course.get_json()['id']}"
    response = emma.patch(url, {"ended_on": "2026-02-01"})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "ended_on": "End date must be on or after 2026-03-01, the start date."
    }
    assert emma.get(url).get_json()["ended_on"] is None


def test_the_activity_form_shows_the_order_on_the_field(client, org):
    sign_in(client, org.employee)
    form = {
        "kind": "course",
        "title": "SQL",
        "status": "planned",
        "started_on": "2026-03-01",
        "ended_on": "2026-02-01",
    }
    response = client.post("/development/activities/new", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="ended_on-error"' in page and "on or after 2026-03-01" in page


def test_a_service_edit_keeps_the_order_against_the_stored_dates(db, org):
    activity = activities.create_activity(
        org.employee,
        {"kind": ActivityKind.course, "title": "SQL", "started_on": date(2026, 3, 1)},
    )
    with pytest.raises(ValidationFailed) as err:
        activities.update_activity(
            org.employee, activity, {"expires_on": date(2026, 2, 1)}
        )
    assert set(err.value.errors) == {"expires_on"}


# --- interviews -------------------------------------------------------------------------


def test_a_request_sent_in_the_future_is_refused(db, org):
    interview = svc.create_interview(org.employee, {"purpose": "Learn"})
    with pytest.raises(ValidationFailed) as err:
        svc.request_interview(
            org.employee,
            interview,
            {"message": "Hi", "sent_on": date(2030, 1, 1)},
            now=datetime(2026, 11, 1, 9, tzinfo=UTC),
        )
    assert err.value.errors == {
        "sent_on": "The date sent must be on or before 2026-11-01, today."
    }
    assert interview.status is InterviewStatus.idea


def test_the_request_form_shows_a_future_date_on_the_field(client, org):
    interview = svc.create_interview(org.employee, {"purpose": "Learn"})
    db.session.commit()
    sign_in(client, org.employee)
    future = (date.today() + timedelta(days=30)).isoformat()
    response = client.post(
        f"/development/interviews/{interview.id}/outreach",
        data={"version": str(interview.version), "message": "Hi", "sent_on": future},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="sent_on-error"' in page and "must be on or before" in page
    assert _stored(interview.id).status is InterviewStatus.idea


def test_an_interview_is_not_scheduled_before_its_request_was_sent(db, org):
    interview = _requested(org)
    with pytest.raises(ValidationFailed) as err:
        svc.schedule_interview(
            org.employee,
            interview,
            {"scheduled_at": datetime(2026, 10, 20, tzinfo=UTC)},
        )
    assert err.value.errors == {
        "scheduled_at": (
            "The interview time must be on or after 2026-11-01, "
            "the day the request was sent."
        )
    }


def test_an_interview_is_not_completed_before_its_scheduled_time(db, org):
    interview = _scheduled(org)
    with pytest.raises(ValidationFailed) as err:
        svc.complete_interview(
            org.employee, interview, {}, now=WHEN - timedelta(days=7)
        )
    assert err.value.errors == {
        "scheduled_at": (
            "The interview is scheduled for 2026-11-10 14:00 UTC; mark it "
            "completed after it has started."
        )
    }
    assert interview.status is InterviewStatus.scheduled
    svc.complete_interview(org.employee, interview, {}, now=WHEN)  # from its start on


def test_completing_a_future_interview_over_the_api_is_422_and_changes_nothing(
    emma, db, org
):
    tomorrow = datetime.now(UTC).replace(microsecond=0) + timedelta(days=7)
    interview = _scheduled(org, when=tomorrow)
    response = emma.step(interview.id, "complete", {"takeaways": "Too early"})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"scheduled_at"}
    stored = _stored(interview.id)
    assert (stored.status, stored.takeaways) == (InterviewStatus.scheduled, "")


def test_the_afterwards_step_shows_why_it_cannot_be_completed_yet(client, org):
    interview = _scheduled(org, when=datetime.now(UTC) + timedelta(days=7))
    sign_in(client, org.employee)
    response = client.post(
        f"/development/interviews/{interview.id}/complete",
        data={"version": str(interview.version), "takeaways": "Too early"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "mark it completed after it has started" in page
    assert _stored(interview.id).status is InterviewStatus.scheduled


def test_a_follow_up_date_before_the_interview_is_refused_at_completion(db, org):
    interview = _scheduled(org)
    with pytest.raises(ValidationFailed) as err:
        svc.complete_interview(
            org.employee, interview, {"follow_up_on": date(2026, 11, 9)}, now=AFTER
        )
    assert err.value.errors == {
        "follow_up_on": (
            "The follow-up date must be on or after 2026-11-10, "
            "the day of the interview."
        )
    }


def test_a_thank_you_before_the_interview_is_refused(db, org):
    interview = _completed(org)
    with pytest.raises(ValidationFailed) as err:
        svc.follow_up_interview(
            org.employee, interview, {"thank_you_sent_on": date(2026, 11, 9)}
        )
    assert set(err.value.errors) == {"thank_you_sent_on"}
    assert (
        "2026-11-10, the day of the interview" in err.value.errors["thank_you_sent_on"]
    )


def test_a_thank_you_in_the_future_is_refused(db, org):
    interview = _completed(org)
    with pytest.raises(ValidationFailed) as err:
        svc.follow_up_interview(
            org.employee,
            interview,
            {"thank_you_sent_on": date(2026, 11, 20)},
            now=datetime(2026, 11, 12, 9, tzinfo=UTC),
        )
    assert "on or before 2026-11-12, today" in err.value.errors["thank_you_sent_on"]


def test_a_follow_up_before_the_thank_you_is_422_over_the_api(emma, db, org):
    interview = _completed(org)
    body = {"thank_you_sent_on": "2026-11-11", "follow_up_on": "2026-11-10"}
    response = emma.step(interview.id, "follow-up", body)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "follow_up_on": [
            "The follow-up date must be on or after 2026-11-11, "
            "the day the thank-you was sent."
        ]
    }
    assert _stored(interview.id).status is InterviewStatus.completed


def test_the_follow_up_form_shows_the_message_on_the_thank_you_field(client, org):
    interview = _completed(org)
    sign_in(client, org.employee)
    response = client.post(
        f"/development/interviews/{interview.id}/follow-up",
        data={"version": str(interview.version), "thank_you_sent_on": "2026-11-01"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="thank_you_sent_on-error"' in page
    assert "on or after 2026-11-10, the day of the interview" in page
    assert _stored(interview.id).status is InterviewStatus.completed


def test_a_mentoring_session_in_1900_is_refused_on_the_field(client, org):
    interview = _completed(org)
    svc.start_mentorship(org.employee, interview)
    db.session.commit()
    sign_in(client, org.employee)
    response = client.post(
        f"/development/interviews/{interview.id}/sessions",
        data={"version": str(_stored(interview.id).version), "held_on": "1900-01-01"},
    )
    assert response.status_code == 422
    assert 'id="held_on-error"' in response.get_data(as_text=True)


def test_a_connection_dated_1900_is_a_row_error_in_the_contacts_import(db, org):
    from development.contacts_import import preview_contacts

    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,,,,,12 Mar 1900\n"
    )
    rows, errors = preview_contacts(text, org.employee.employee_id)
    assert rows == [] and len(errors) == 1
    assert "1970-01-01 to 2099-12-31" in errors[0][1]
