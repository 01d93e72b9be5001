"""The correction pages: an interview's details, a contact edited and deleted, an
activity entered by mistake deleted (issue 16, item 3)."""

from datetime import timedelta

from core.db import utcnow
from core.extensions import db
from development.enums import ActivityKind, ActivityStatus, InterviewMode
from development.models import Contact, DevelopmentActivity, InformationalInterview
from development.services import activities, contacts, interviews
from tests.conftest import sign_in


def _page(client, user, url, status=200) -> str:
    sign_in(client, user)
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:400]
    return response.get_data(as_text=True)


def test_the_owner_edits_an_idea_and_gives_it_a_contact(client, org):
    interview = interviews.create_interview(org.employee, {"purpose": "Learn"})
    contact = contacts.create_contact(
        org.employee, {"name": "Rosa Díaz", "organisation": "Acme"}
    )
    db.session.commit()
    url = f"/development/interviews/{interview.id}/edit"
    detail = _page(client, org.employee, f"/development/interviews/{interview.id}")
    assert url in detail  # the "Edit the details" link
    assert "Edit the interview" in _page(client, org.employee, url)
    response = client.post(
        url,
        data={
            "contact_id": str(contact.id),
            "target_role": "Product lead",
            "purpose": "Learn how product decides",
            "mode": "phone",
            "version": str(interview.version),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    db.session.expire_all()
    saved = db.session.get(InformationalInterview, interview.id)
    assert (saved.contact_id, saved.target_role, saved.mode) == (
        contact.id,
        "Product lead",
        InterviewMode.phone,
    )
    title = db.session.get(DevelopmentActivity, saved.activity_id).title
    assert title == "Informational interview with Rosa Díaz"


def test_the_edit_page_refuses_others_a_stale_form_and_a_scheduled_interview(
    client, org
):
    interview = interviews.create_interview(org.employee, {"purpose": "Learn"})
    db.session.commit()
    url = f"/development/interviews/{interview.id}/edit"
    _page(client, org.manager, url, 403)
    _page(client, org.peer, url, 404)
    sign_in(client, org.employee)
    stale = {"purpose": "x", "mode": "video", "version": str(interview.version + 5)}
    assert client.post(url, data=stale).status_code == 409
    blank_mode = {"purpose": "x", "mode": "", "version": str(interview.version)}
    page = client.post(url, data=blank_mode)
    assert page.status_code == 422 and 'aria-invalid="true"' in page.get_data(True)
    interview = db.session.get(InformationalInterview, interview.id)
    interview.status = interview.status.__class__.scheduled
    db.session.commit()
    _page(client, org.employee, url, 409)


def test_a_contact_is_edited_then_deleted_and_the_interview_keeps_the_name(client, org):
    contact = contacts.create_contact(org.employee, {"name": "Ana Ruiz"})
    interview = interviews.create_interview(
        org.employee, {"purpose": "Learn", "contact_id": contact.id}
    )
    db.session.commit()
    cid, iid = contact.id, interview.id
    board = _page(client, org.employee, "/development/interviews")
    edit = f"/development/contacts/{cid}/edit"
    assert edit in board
    assert "Delete Ana Ruiz" in _page(client, org.employee, edit)
    data = {"name": "Ana Ruiz", "title": "CTO", "source": "referral"}
    assert client.post(edit, data=data).status_code == 302
    assert db.session.get(Contact, cid).title == "CTO"
    assert client.post(edit, data={"name": ""}).status_code == 422
    _page(client, org.peer, edit, 404)
    assert client.post(f"/development/contacts/{cid}/delete").status_code == 404
    sign_in(client, org.employee)
    deleted = client.post(f"/development/contacts/{cid}/delete")
    assert deleted.status_code == 302
    db.session.expire_all()
    assert db.session.get(Contact, cid) is None
    detail = _page(client, org.employee, f"/development/interviews/{iid}")
    assert "Ana Ruiz" in detail and "(contact deleted)" in detail


def test_an_activity_entered_by_mistake_is_deleted_from_its_page(client, org):
    activity = activities.create_activity(
        org.employee, {"kind": ActivityKind.course, "title": "Wrong course"}
    )
    old = activities.create_activity(
        org.employee, {"kind": ActivityKind.course, "title": "Old course"}
    )
    old.created_at = utcnow() - timedelta(days=8)
    db.session.commit()
    aid, old_id = activity.id, old.id
    page = _page(client, org.employee, f"/development/activities/{aid}/edit")
    assert "Delete this activity" in page
    old_page = _page(client, org.employee, f"/development/activities/{old_id}/edit")
    assert "Delete this activity" not in old_page
    assert client.post(f"/development/activities/{old_id}/delete").status_code == 409
    sign_in(client, org.manager)
    assert client.post(f"/development/activities/{aid}/delete").status_code == 403
    sign_in(client, org.employee)
    response = client.post(f"/development/activities/{aid}/delete")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(DevelopmentActivity, aid) is None
    assert db.session.get(DevelopmentActivity, old_id).status is ActivityStatus.planned
