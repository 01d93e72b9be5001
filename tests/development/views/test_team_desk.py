"""The manager's desk (/development/team): in the navigation for managers, the team's
reviews by step, bulk verify with a confirmation that marks needs met in the same step,
the proposed schedule of interviews waiting for approval, needs due, who is lapsing."""

from datetime import UTC, date, datetime, timedelta

from core.due import org_today
from core.extensions import db
from core.timezones import local
from development.enums import ActivityKind, ActivityStatus, InterviewMode
from development.models import DevelopmentActivity, InformationalInterview
from development.services import activities, interviews
from reviews import services as review_services
from reviews.enums import CycleStatus, ReviewStatus, TrainingNeedStatus
from reviews.models import Review, TrainingNeed
from tests import factories as f
from tests.conftest import sign_in

TEAM = "/development/team"
VERIFY = "/development/team/verify"


def _page(client, user, url=TEAM, status=200):
    sign_in(client, user)
    response = client.get(url)
    assert response.status_code == status
    return response.get_data(as_text=True)


def _course(org, owner=None, title="Testing in Practice", **extra):
    activity = activities.create_activity(
        owner or org.employee,
        {
            "kind": ActivityKind.course,
            "title": title,
            "hours": 6.0,
            "status": ActivityStatus.completed,
            **extra,
        },
    )
    db.session.commit()
    return activity


def _need(org, skill="Python", **extra):
    need = review_services.create_need(
        org.manager,
        {
            "employee_id": org.employee.employee_id,
            "skill_id": f.make_skill(name=skill).id,
            "target_level": 3,
            **extra,
        },
    )
    db.session.commit()
    return need


def _fresh(model, pk):
    db.session.expire_all()
    return db.session.get(model, pk)


def test_team_is_in_the_main_navigation_for_anyone_with_reports(client, org):
    assert f'href="{TEAM}">Team</a>' in _page(client, org.manager, "/")
    assert f'href="{TEAM}" aria-current="page">Team</a>' in _page(client, org.manager)
    assert f'href="{TEAM}"' not in _page(client, org.employee, "/")
    assert f'href="{TEAM}"' not in _page(client, org.hr, "/")


def test_the_teams_reviews_show_by_step_overdue_marked(client, org):
    cycle = f.make_cycle(
        f.make_template(),
        status=CycleStatus.active,
        self_due_on=date(2026, 1, 5),
    )
    review = Review(
        cycle_id=cycle.id,
        template_id=cycle.template_id,
        employee_id=org.employee.employee_id,
        reviewer_id=org.manager.employee_id,
        status=ReviewStatus.self_submitted,
        period_start=cycle.period_start,
        period_end=cycle.period_end,
    )
    db.session.add(review)
    db.session.commit()
    page = _page(client, org.manager)
    form = f"/reviews/{review.id}/manager-assessment"
    # your part: straight to it, told apart from her other reviews by its description
    assert (
        f'href="{form}" aria-describedby="step-manager-review-{review.id}">'
        "Emma Employee</a>"
    ) in page
    assert f'id="step-manager-review-{review.id}">· {cycle.name}' in page
    assert "your part" in page
    line = page.split(f'href="{form}"')[1].split("</li>")[0]
    assert 'datetime="2026-07-20"' in line and "Overdue ·" in line
    assert "<strong>1</strong> review waits for your part" in page


def test_evidence_links_to_the_needs_it_is_evidence_for(client, org):
    need = _need(org)
    _course(org, need_ids=[need.id])
    page = _page(client, org.manager)
    assert f'href="/reviews/needs/{need.id}">Python need' in page


def test_bulk_verify_asks_for_confirmation_first(client, org):
    need = _need(org)
    activity = _course(org, need_ids=[need.id])
    sign_in(client, org.manager)
    response = client.post(VERIFY, data={"activity_ids": [activity.id]})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Verify 1 activity?" in page and "Is the need now met?" in page
    assert f'name="met_need_ids" value="{need.id}"' in page
    assert _fresh(DevelopmentActivity, activity.id).verified_at is None


def test_confirming_verifies_and_marks_the_need_met_in_one_step(client, org):
    need = _need(org)
    activity = _course(org, need_ids=[need.id])
    sign_in(client, org.manager)
    response = client.post(
        VERIFY,
        data={"activity_ids": [activity.id], "met_need_ids": [need.id], "confirmed": 1},
    )
    assert response.status_code == 302 and response.location.endswith(TEAM)
    assert _fresh(DevelopmentActivity, activity.id).verified_at is not None
    assert _fresh(TrainingNeed, need.id).status is TrainingNeedStatus.met
    flashed = client.get(TEAM).get_data(as_text=True)
    assert "1 activity is verified; 1 need is marked met." in flashed


def test_verify_all_verifies_every_waiting_activity(client, org):
    first, second = _course(org), _course(org, owner=org.peer, title="Pairing")
    sign_in(client, org.manager)
    response = client.post(VERIFY, data={"select_all": 1})
    assert "Verify 2 activities?" in response.get_data(as_text=True)
    data = {"activity_ids": [first.id, second.id], "confirmed": 1}
    assert client.post(VERIFY, data=data).status_code == 302
    assert _fresh(DevelopmentActivity, first.id).verified_at is not None
    assert _fresh(DevelopmentActivity, second.id).verified_at is not None


def test_an_empty_selection_is_an_error_on_the_list(client, org):
    _course(org)
    sign_in(client, org.manager)
    response = client.post(VERIFY, data={})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="activity_ids-error"' in page
    assert "Choose at least one activity to verify." in page


def test_an_activity_outside_the_queue_is_refused(client, org):
    theirs = _course(org, owner=org.other_report)
    sign_in(client, org.manager)
    response = client.post(VERIFY, data={"activity_ids": [theirs.id], "confirmed": 1})
    assert response.status_code == 422
    assert _fresh(DevelopmentActivity, theirs.id).verified_at is None


def test_a_need_the_activity_is_not_evidence_for_is_refused_on_confirmation(
    client, org
):
    other = _need(org)
    _course(org, title="Other", need_ids=[other.id])
    activity = _course(org)
    sign_in(client, org.manager)
    data = {"activity_ids": [activity.id], "met_need_ids": [other.id], "confirmed": 1}
    response = client.post(VERIFY, data=data)
    assert response.status_code == 422
    assert 'id="met_need_ids-error"' in response.get_data(as_text=True)
    assert _fresh(DevelopmentActivity, activity.id).verified_at is None
    assert _fresh(TrainingNeed, other.id).status is TrainingNeedStatus.in_progress


def test_only_managers_use_the_desk(client, org):
    activity = _course(org)
    sign_in(client, org.employee)
    response = client.post(VERIFY, data={"activity_ids": [activity.id]})
    assert response.status_code == 403


def test_an_interview_waiting_for_approval_shows_its_proposed_schedule(client, org):
    interview = interviews.create_interview(org.employee, {"purpose": "Learn"})
    interviews.request_interview(
        org.employee, interview, {"message": "Hi", "sent_on": date(2026, 11, 1)}
    )
    interview.scheduled_at = datetime(2026, 11, 20, 10, tzinfo=UTC)
    interview.mode, interview.needs_approval = InterviewMode.phone, True
    db.session.commit()
    page = _page(client, org.manager)
    shown = local(interview.scheduled_at)  # the reader's zone: the organisation's
    assert shown == "20 Nov 2026, 10:00 GMT"
    assert f"proposed {shown}, 20 min, phone" in page
    own = _page(client, org.employee, f"/development/interviews/{interview.id}")
    assert f"Proposed: <strong>{shown}</strong>" in own
    assert client.get(f"/development/interviews/{interview.id}/ics").status_code == 404
    sign_in(client, org.manager)
    response = client.post(
        f"/development/interviews/{interview.id}/approve", data={"next": "team"}
    )
    assert response.status_code == 302
    approved = _fresh(InformationalInterview, interview.id)
    assert approved.status.value == "scheduled"
    assert approved.scheduled_at.replace(tzinfo=UTC) == datetime(
        2026, 11, 20, 10, tzinfo=UTC
    )


def test_needs_due_soon_or_overdue_are_listed_with_links(client, org):
    today = org_today()
    soon = _need(org, due_on=today + timedelta(days=5))
    later = review_services.create_need(
        org.manager,
        {
            "employee_id": org.peer.employee_id,
            "skill_id": f.make_skill(name="Negotiation").id,
            "target_level": 2,
            "due_on": today + timedelta(days=90),
        },
    )
    db.session.commit()
    page = _page(client, org.manager)
    section = page.split('id="needs-heading"')[1].split("</section>")[0]
    assert f'href="/reviews/needs/{soon.id}">Python</a>' in section
    assert f"/reviews/needs/{later.id}" not in section


def test_who_is_lapsing_lists_reports_without_recent_evidence(client, org):
    page = _page(client, org.manager)
    section = page.split('id="lapsing-heading"')[1].split("</section>")[0]
    assert "Emma Employee" in section and "Piet Peer" in section


def test_needs_due_say_how_many_there_are_beyond_those_shown(client, org, monkeypatch):
    from development.views import team_desk

    monkeypatch.setattr(team_desk, "NEEDS_SHOWN", 1)
    today = org_today()
    _need(org, due_on=today + timedelta(days=2))
    _need(org, skill="SQL", due_on=today + timedelta(days=3))
    page = _page(client, org.manager)
    assert "<strong>2</strong> needs due" in page
    assert "The 1 due first of 2;" in page


def test_verify_all_of_one_person_leaves_the_others(client, org):
    first, second = _course(org), _course(org, title="Pairing")
    theirs = _course(org, owner=org.peer, title="Peer course")
    sign_in(client, org.manager)
    assert "Verify all 2 of Emma Employee…" in client.get(TEAM).get_data(as_text=True)
    response = client.post(VERIFY, data={"employee_id": org.employee.employee_id})
    page = response.get_data(as_text=True)
    assert "Verify 2 activities?" in page and "Peer course" not in page
    data = {"activity_ids": [first.id, second.id], "confirmed": 1}
    assert client.post(VERIFY, data=data).status_code == 302
    assert _fresh(DevelopmentActivity, theirs.id).verified_at is None


def test_a_tampered_form_is_an_error_on_the_list_not_on_the_suggestion_form(
    client, org
):
    _course(org)
    sign_in(client, org.manager)
    response = client.post(VERIFY, data={"employee_id": "abc"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="activity_ids-error"' in page and 'id="employee_id-error"' not in page


def test_the_single_verify_route_marks_the_need_met_too(client, org):
    need = _need(org)
    activity = _course(org, need_ids=[need.id])
    sign_in(client, org.manager)
    url = f"/development/activities/{activity.id}/verify"
    assert client.post(url, data={"met_need_ids": [need.id]}).status_code == 302
    assert _fresh(TrainingNeed, need.id).status is TrainingNeedStatus.met
    page = client.get(TEAM).get_data(as_text=True)
    assert "is verified; 1 need is marked met." in page
