"""The interview policy on the interview page: the premises refusal sits on its field,
and an interview over the paid-hours cap tells the person why it waits."""

from datetime import date

from core.extensions import db
from development.interview_policy import OFF_PREMISES
from development.models import DevelopmentPolicy, InformationalInterview
from development.services import interviews
from tests.conftest import sign_in


def _requested(org):
    interview = interviews.create_interview(org.employee, {"purpose": "Learn"})
    interviews.request_interview(
        org.employee, interview, {"message": "Hi", "sent_on": date(2026, 11, 1)}
    )
    db.session.commit()
    return interview


def _schedule(client, interview, status, **data):
    response = client.post(
        f"/development/interviews/{interview.id}/schedule",
        data={
            "version": str(
                db.session.get(InformationalInterview, interview.id).version
            ),
            "scheduled_at": "2026-11-10T14:00",
            **data,
        },
    )
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response


def test_the_premises_refusal_is_shown_on_its_field(client, org):
    db.session.add(DevelopmentPolicy(may_leave_premises=False))
    interview = _requested(org)
    sign_in(client, org.employee)
    page = client.get(f"/development/interviews/{interview.id}").get_data(as_text=True)
    assert 'name="off_premises"' in page
    assert "keeps interviews on the premises" in page  # the hint, before any refusal
    html = _schedule(client, interview, 422, off_premises="true").get_data(as_text=True)
    assert (
        'aria-describedby="off_premises-hint off_premises-error" aria-invalid' in html
    )
    assert (
        f'id="off_premises-error"><span class="visually-hidden">Error: </span>{OFF_PREMISES}'
        in html
    )
    db.session.expire_all()
    assert db.session.get(InformationalInterview, interview.id).scheduled_at is None


def test_over_the_paid_hours_cap_the_page_says_why_it_waits(client, org):
    db.session.add(DevelopmentPolicy(interviews_per_month=5, paid_hours_per_month=0.5))
    interview = _requested(org)
    sign_in(client, org.employee)
    response = _schedule(client, interview, 302, duration_minutes="45")
    page = client.get(response.location).get_data(as_text=True)
    assert "over the 0.5 paid hours a month" in page
    assert "waits for your manager’s approval" in page
    sign_in(client, org.manager)
    manager_page = client.get(f"/development/interviews/{interview.id}").get_data(
        as_text=True
    )
    assert "over the 0.5 paid hours a month" in manager_page
    assert "Approve the interview" in manager_page
