"""The informational interview end to end through the API, and who sees what of it."""

import pytest

from tests.development.api.helpers import MARKER, Caller

SENT = "2026-11-01"  # requests go out before the interview is scheduled
WHEN = "2026-11-10T14:00:00Z"


@pytest.fixture
def emma(client, org):
    return Caller(client, org.employee)


def _new_interview(emma, **body) -> dict:
    contact = emma.post(
        "/api/v1/contacts", {"name": "Dana Lee", "organisation": "Acme"}
    )
    assert contact.status_code == 201
    response = emma.post(
        "/api/v1/interviews",
        {
            "contact_id": contact.get_json()["id"],
            "target_role": "Data engineer",
            "mode": "video",
            **body,
        },
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _completed(emma) -> dict:
    interview = _new_interview(emma)
    iid = interview["id"]
    assert interview["status"] == "idea"
    draft = emma.get(f"/api/v1/interviews/{iid}/outreach-draft").get_json()["message"]
    assert "20 minutes" in draft and "Dear Dana" in draft
    assert emma.step(iid, "request", {"message": draft, "sent_on": SENT}).get_json()[
        "status"
    ] == ("requested")
    scheduled = emma.step(iid, "schedule", {"scheduled_at": WHEN, "location": "Zoom"})
    assert scheduled.get_json()["status"] == "scheduled"
    prepared = emma.step(iid, "prepare", {"questions": ["Whom else should I talk to?"]})
    assert prepared.status_code == 200
    completed = emma.step(
        iid,
        "complete",
        {
            "private_notes": MARKER,
            "takeaways": "Learn dbt.",
            "notes_permission_asked": True,
            "referrals": [
                {"name": "Ann Lee"},
                {"name": "Bo Berg", "email": "bo@x.org"},
            ],
        },
    )
    assert completed.status_code == 200, completed.get_json()
    return completed.get_json()


def test_an_interview_goes_from_idea_to_followed_up(emma):
    done = _completed(emma)
    assert done["status"] == "completed"
    assert done["private_notes"] == MARKER and done["takeaways"] == "Learn dbt."
    followed = emma.step(done["id"], "follow-up", {"thank_you_sent_on": "2026-11-11"})
    assert followed.get_json()["status"] == "followed_up"


def test_the_calendar_file_is_valid(emma):
    iid = _new_interview(emma)["id"]
    emma.step(iid, "request", {"message": "Hello", "sent_on": SENT})
    emma.step(iid, "schedule", {"scheduled_at": WHEN, "duration_minutes": 30})
    response = emma.get(f"/api/v1/interviews/{iid}/ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    text = response.get_data(as_text=True)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20261110T140000Z" in text and "DTEND:20261110T143000Z" in text


def test_a_referral_becomes_the_next_interview_in_the_chain(emma):
    done = _completed(emma)
    tree = emma.get(f"/api/v1/interviews/{done['id']}/referrals").get_json()
    assert [n["contact_name"] for n in tree["referrals"]] == ["Ann Lee", "Bo Berg"]
    nxt = tree["referrals"][0]["id"]
    assert (
        emma.get(f"/api/v1/interviews/{nxt}").get_json()["referred_by_id"]
        == (done["id"])
    )
    draft = emma.get(f"/api/v1/interviews/{nxt}/outreach-draft").get_json()["message"]
    assert draft.startswith("Dear Ann Lee,") and "Dana Lee suggested I contact" in draft
    emma.step(
        nxt, "request", {"message": "Dana suggested I write to you.", "sent_on": SENT}
    )
    emma.step(nxt, "schedule", {"scheduled_at": "2026-11-12T09:00:00Z"})
    emma.step(nxt, "complete", {"referrals": [{"name": "Cy Chen"}]})
    tree = emma.get(f"/api/v1/interviews/{done['id']}/referrals").get_json()
    assert (tree["depth"], tree["levels_below"]) == (0, 2)  # done is the root
    assert tree["referrals"][-1]["contact_name"] == "Cy Chen"


@pytest.mark.parametrize("reader", ["manager", "ceo", "hr"])
def test_managers_and_hr_never_get_private_notes(client, org, emma, reader):
    done = _completed(emma)
    them = Caller(client, getattr(org, reader))
    urls = [
        f"/api/v1/interviews/{done['id']}",
        f"/api/v1/interviews/{done['id']}/referrals",
        "/api/v1/interviews",
        f"/api/v1/interviews?employee_id={org.employee.employee_id}",
        "/api/v1/activities",
    ]
    for url in urls:
        response = them.get(url)
        assert response.status_code == 200, url
        assert MARKER not in response.get_data(as_text=True), url
    detail = them.get(urls[0]).get_json()
    assert "private_notes" not in detail
    assert detail["takeaways"] == "Learn dbt."


def test_the_owners_list_has_no_private_notes_either(emma):
    _completed(emma)
    assert MARKER not in emma.get("/api/v1/interviews").get_data(as_text=True)


def test_steps_need_the_current_etag(emma):
    iid = _new_interview(emma)["id"]
    url = f"/api/v1/interviews/{iid}/request"
    assert emma.post(url, {"message": "Hi"}).status_code == 428
    assert emma.post(url, {"message": "Hi"}, if_match='"stale"').status_code == 412


def test_a_stranger_gets_404_before_anything(client, org, emma):
    iid = _new_interview(emma)["id"]
    peer = Caller(client, org.peer)
    assert peer.post(f"/api/v1/interviews/{iid}/request", {}).status_code == 404
    manager = Caller(client, org.manager)
    assert manager.post(f"/api/v1/interviews/{iid}/request", {}).status_code == 403


def test_over_the_monthly_limit_it_waits_for_the_managers_approval(client, org, emma):
    hr = Caller(client, org.hr)
    policy = hr.patch("/api/v1/development-policy", {"interviews_per_month": 1})
    assert policy.status_code == 200, policy.get_json()
    first, second = _new_interview(emma)["id"], _new_interview(emma)["id"]
    for iid in (first, second):
        emma.step(iid, "request", {"message": "Hello", "sent_on": SENT})
    assert emma.step(first, "schedule", {"scheduled_at": WHEN}).status_code == 200
    waiting = emma.step(second, "schedule", {"scheduled_at": "2026-11-20T10:00:00Z"})
    assert waiting.get_json()["needs_approval"] is True
    assert waiting.get_json()["status"] == "requested"
    manager = Caller(client, org.manager)
    approved = manager.step(second, "approve")
    assert approved.status_code == 200 and "private_notes" not in approved.get_json()
    # the proposed schedule is kept: approval schedules it, nobody types it again
    assert approved.get_json()["status"] == "scheduled"
    assert approved.get_json()["scheduled_at"].startswith("2026-11-20T10:00:00")


def test_close_and_mentorship(emma):
    idea = _new_interview(emma)["id"]
    closed = emma.step(idea, "close", {"outcome": "declined"})
    assert closed.get_json()["status"] == "declined"
    assert emma.step(idea, "close", {"outcome": "completed"}).status_code == 422
    done = _completed(emma)
    grown = emma.step(done["id"], "mentorship").get_json()
    activity = emma.get(f"/api/v1/activities/{grown['mentorship_activity_id']}")
    assert activity.get_json()["kind"] == "mentoring"
    assert emma.step(done["id"], "mentorship").status_code == 409


def test_a_given_interview_needs_the_confidentiality_reminder(emma):
    response = emma.post("/api/v1/interviews", {"direction": "given"})
    assert response.status_code == 422
    assert "confidentiality_confirmed" in response.get_json()["errors"]
