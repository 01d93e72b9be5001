"""The outreach letter on the interview page: drafted in a textarea the person edits,
and the edited text, not the draft, is what is stored as sent."""

import html

from core.extensions import db
from development.enums import ContactSource
from development.models import Contact, InformationalInterview
from development.services import interviews as svc
from tests.conftest import sign_in


def _referred_idea(org) -> InformationalInterview:
    owner = org.employee.employee_id
    jane = Contact(owner_id=owner, name="Jane Doe")
    zoe = Contact(
        owner_id=owner,
        name="Zoë Núñez",
        title="Head of Data",
        organisation="Acme",
        source=ContactSource.referral,
    )
    db.session.add_all([jane, zoe])
    db.session.flush()
    first = svc.create_interview(org.employee, {"contact_id": jane.id})
    idea = svc.create_interview(
        org.employee,
        {
            "contact_id": zoe.id,
            "purpose": "Moving into data engineering.",
            "target_role": "Data Engineer",
        },
        referred_by=first,
    )
    db.session.commit()
    return idea


def test_the_page_drafts_the_letter_in_an_editable_textarea(client, org):
    idea = _referred_idea(org)
    sign_in(client, org.employee)
    page = html.unescape(
        client.get(f"/development/interviews/{idea.id}").get_data(as_text=True)
    )
    textarea = page.split('<textarea id="message"', 1)[1].split("</textarea>", 1)[0]
    assert "Dear Zoë Núñez," in textarea
    assert "Jane Doe suggested I contact you." in textarea
    assert "because I am interested in moving into data engineering." in textarea
    assert "As Head of Data at Acme, you could tell me" in textarea
    assert "Dear there" not in textarea and "I am writing" not in textarea


def test_the_edited_letter_is_what_is_stored(client, org):
    idea = _referred_idea(org)
    sign_in(client, org.employee)
    edited = "Dear Zoë,\n\nJane Doe thought we should talk. 20 minutes next week?"
    response = client.post(
        f"/development/interviews/{idea.id}/outreach",
        data={"version": str(idea.version), "message": edited, "sent_on": "2026-11-01"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    db.session.expire_all()
    assert db.session.get(InformationalInterview, idea.id).outreach_message == edited
    page = client.get(f"/development/interviews/{idea.id}").get_data(as_text=True)
    assert "Jane Doe thought we should talk." in html.unescape(page)
