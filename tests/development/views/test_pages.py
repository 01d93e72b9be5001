"""Development pages: rendering per role and the interview flow through the HTML forms."""

from datetime import date

import sqlalchemy as sa

from core.extensions import db
from development.enums import ActivityKind, InterviewStatus
from development.models import Contact, DevelopmentPolicy, InformationalInterview
from development.seeds import ensure_question_bank
from development.services import activities, interviews
from tests.conftest import sign_in

MARKER = "PRIVATE-NOTES-VIEW-MARKER-5b1e"


def _get(client, user, url, status=200):
    sign_in(client, user)
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:400]
    return response.get_data(as_text=True)


def _post(client, url, data, status=302, **kwargs):
    response = client.post(url, data=data, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response


def _interview(org, **data):
    interview = interviews.create_interview(org.employee, {"purpose": "Learn", **data})
    db.session.commit()
    return interview


def test_every_page_renders_for_its_people(client, org):
    interview = _interview(org)
    activities.create_activity(
        org.employee, {"kind": ActivityKind.course, "title": "SQL course"}
    )
    db.session.commit()
    for url in (
        "/development",
        "/development/interviews",
        "/development/interviews/new",
        "/development/contacts/import",
        "/development/activities/new",
        f"/development/interviews/{interview.id}",
    ):
        assert "<h1>" in _get(client, org.employee, url)
    assert "Learning records" in _get(client, org.manager, "/development/team")
    assert "Emma Employee" in _get(
        client, org.manager, f"/development/interviews/{interview.id}"
    )
    _get(client, org.employee, "/development/team", 403)
    _get(client, org.hr, "/development/policy")
    _get(client, org.hr, "/development/question-bank")
    _get(client, org.manager, "/development/policy", 403)
    _get(client, org.peer, f"/development/interviews/{interview.id}", 404)


def _step(client, interview, step, data, status=302):
    data = {
        "version": str(db.session.get(InformationalInterview, interview.id).version),
        **data,
    }
    return _post(client, f"/development/interviews/{interview.id}/{step}", data, status)


def test_an_interview_goes_through_every_step_in_the_html(client, org):
    ensure_question_bank()
    contact = Contact(owner_id=org.employee.employee_id, name="Dana Lee")
    db.session.add(contact)
    db.session.commit()
    sign_in(client, org.employee)
    response = _post(
        client,
        "/development/interviews/new",
        {
            "direction": "conducted",
            "contact_id": contact.id,
            "target_role": "Data engineer",
        },
    )
    interview = db.session.scalar(sa.select(InformationalInterview))
    page = client.get(response.location).get_data(as_text=True)
    assert "20 minutes" in page and "Mark sent" in page
    _step(
        client,
        interview,
        "outreach",
        {"message": "Dear Dana, 20 minutes?", "sent_on": "2026-11-01"},
    )
    _step(
        client,
        interview,
        "prepare",
        {
            "research_notes": "Acme",
            "questions": "Whom else should I talk to?",
            "own_questions": "Why dbt?",
        },
    )
    _step(
        client,
        interview,
        "schedule",
        {"scheduled_at": "2026-11-10T14:00", "duration_minutes": "20", "mode": "video"},
    )
    ics = client.get(f"/development/interviews/{interview.id}/ics")
    assert ics.status_code == 200 and b"BEGIN:VCALENDAR" in ics.data
    _step(
        client,
        interview,
        "complete",
        {
            "private_notes": MARKER,
            "takeaways": "Learn dbt",
            "referral_name_0": "Sam Ortiz",
            "referral_name_1": "Kim Park",
            "referral_organisation_1": "Beta",
        },
    )
    _step(client, interview, "follow-up", {"thank_you_sent_on": "2026-11-11"})
    db.session.expire_all()
    done = db.session.get(InformationalInterview, interview.id)
    assert done.status is InterviewStatus.followed_up
    assert done.questions == ["Whom else should I talk to?", "Why dbt?"]
    ideas = db.session.scalars(
        sa.select(InformationalInterview).where(
            InformationalInterview.referred_by_id == interview.id
        )
    ).all()
    assert [i.status for i in ideas] == [InterviewStatus.idea] * 2
    assert MARKER in _get(
        client, org.employee, f"/development/interviews/{interview.id}"
    )
    page = _get(client, org.employee, f"/development/interviews/{ideas[0].id}")
    assert "Chain depth: <strong>1</strong>" in page
    for viewer in (org.manager, org.ceo, org.hr):
        html = _get(client, viewer, f"/development/interviews/{interview.id}")
        assert MARKER not in html and "Learn dbt" in html


def test_a_given_interview_needs_the_confidentiality_reminder(client, org):
    sign_in(client, org.employee)
    response = _post(client, "/development/interviews/new", {"direction": "given"}, 422)
    assert "confidential" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(InformationalInterview.id))) == 0
    _post(
        client,
        "/development/interviews/new",
        {"direction": "given", "confidentiality_confirmed": "true"},
    )


def test_over_the_monthly_limit_waits_for_approval(client, org):
    db.session.add(DevelopmentPolicy(interviews_per_month=0))
    interview = _interview(org)
    interviews.request_interview(
        org.employee, interview, {"message": "Hi", "sent_on": date(2026, 11, 1)}
    )
    db.session.commit()
    sign_in(client, org.employee)
    response = _step(
        client, interview, "schedule", {"scheduled_at": "2026-11-10T14:00"}
    )
    page = client.get(response.location).get_data(as_text=True)
    assert "waits for your manager’s approval" in page
    assert "Approve<span" in _get(client, org.manager, "/development/team")
    _post(client, f"/development/interviews/{interview.id}/approve", {"next": "team"})
    db.session.expire_all()
    assert db.session.get(InformationalInterview, interview.id).approved_at is not None


def test_a_stale_version_is_a_conflict(client, org):
    interview = _interview(org)
    sign_in(client, org.employee)
    _post(
        client,
        f"/development/interviews/{interview.id}/prepare",
        {"version": "99", "research_notes": "x"},
        409,
    )
