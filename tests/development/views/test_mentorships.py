"""The mentorship page: the mentee plans and records; the mentor, manager and HR read
the plan and sessions, never the notes; strangers get a 404."""

from datetime import date

from core.extensions import db
from development.enums import ActivityKind, ActivityStatus, Cadence
from development.models import DevelopmentActivity
from development.services import activities
from development.services import mentorships as svc
from tests.conftest import sign_in

NOTE = "PRIVATE-SESSION-NOTE-PAGE-7c2d"


def _mentorship(org):
    activity = activities.create_activity(
        org.employee,
        {
            "kind": ActivityKind.mentoring,
            "title": "Mentoring with Piet",
            "status": ActivityStatus.in_progress,
            "started_on": date(2026, 8, 1),
        },
    )
    svc.plan_mentorship(
        org.employee,
        activity,
        {"cadence": Cadence.monthly, "mentor_id": org.peer.employee_id},
    )
    svc.add_mentoring_session(
        org.employee, activity.id, {"held_on": date(2026, 8, 10), "note": NOTE}
    )
    db.session.commit()
    return activity


def _get(client, user, url, status=200):
    sign_in(client, user)
    response = client.get(url)
    assert response.status_code == status
    return response.get_data(as_text=True)


def test_the_mentee_sees_the_plan_the_sessions_and_their_notes(client, org):
    activity = _mentorship(org)
    page = _get(client, org.employee, f"/development/mentorships/{activity.id}")
    assert "2026-09-10" in page and "Monthly" in page and NOTE in page
    assert "Record the session" in page and "Save the plan" in page


def test_the_mentor_manager_and_hr_never_see_the_notes(client, org):
    activity = _mentorship(org)
    for user in (org.peer, org.manager, org.hr):
        page = _get(client, user, f"/development/mentorships/{activity.id}")
        assert "2026-08-10" in page and "2026-09-10" in page
        assert NOTE not in page and "Record the session" not in page
        client.get("/logout")
    _get(client, org.other_report, f"/development/mentorships/{activity.id}", 404)


def test_recording_a_session_on_the_page_moves_the_next_date(client, org):
    activity = _mentorship(org)
    sign_in(client, org.employee)
    url = f"/development/mentorships/{activity.id}/sessions"
    response = client.post(url, data={"held_on": "2026-09-12", "hours": "1"})
    assert response.status_code == 302
    assert db.session.get(DevelopmentActivity, activity.id).next_session_on == date(
        2026, 10, 12
    )
    bad = client.post(url, data={"held_on": "", "hours": "1"})
    assert bad.status_code == 422 and 'aria-invalid="true"' in bad.get_data(True)


def test_the_plan_form_saves_and_refuses_an_end_and_a_count(client, org):
    activity = _mentorship(org)
    sign_in(client, org.employee)
    url = f"/development/mentorships/{activity.id}/plan"
    form = {
        "version": str(activity.version),
        "cadence": "fortnightly",
        "plan_ends_on": "",
        "planned_sessions": "4",
        "next_session_on": "2026-08-30",
        "mentor_id": str(org.peer.employee_id),
    }
    assert client.post(url, data=form).status_code == 302
    saved = db.session.get(DevelopmentActivity, activity.id)
    db.session.refresh(saved)
    assert (saved.cadence, saved.planned_sessions) == (Cadence.fortnightly, 4)
    assert saved.next_session_on == date(2026, 8, 30)
    both = client.post(
        url, data={**form, "version": str(saved.version), "plan_ends_on": "2027-01-01"}
    )
    assert both.status_code == 422
    assert "not both" in both.get_data(as_text=True)
    stale = client.post(url, data={**form, "version": "0"})
    assert stale.status_code == 409


def test_others_cannot_post(client, org):
    activity = _mentorship(org)
    sign_in(client, org.peer)
    url = f"/development/mentorships/{activity.id}/sessions"
    assert client.post(url, data={"held_on": "2026-09-12"}).status_code == 403


def test_the_mentor_finds_the_mentorships_they_give_and_the_mentee_the_plan(
    client, org
):
    activity = _mentorship(org)
    page = _get(client, org.peer, "/development")
    assert "Mentorships you give" in page
    assert f"/development/mentorships/{activity.id}" in page and "2026-09-10" in page
    assert NOTE not in page
    client.get("/logout")
    mine = _get(client, org.employee, "/development")
    assert f"/development/mentorships/{activity.id}" in mine
    assert "Mentorships you give" not in mine
