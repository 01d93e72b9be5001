"""Dates in context for reviews: plausible years, needs and goals not due before they
were named or set, cycle phase dates in order (also for a partial update), no new cycle
with past due dates unless HR back-fills an earlier one — which then sends no reminder
and no phase notice for those dates. API answers 422 naming the field and saves nothing;
the HTML forms show the message on the field."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from core.clock import local_today, moment
from core.db import utcnow
from core.errors import ValidationFailed
from notifications.kinds import NotificationKind as K
from reviews import services
from reviews.enums import CyclePhase, Priority
from reviews.jobs import advance_cycle_phases, send_deadline_reminders
from reviews.models import Goal, ReviewCycle, TrainingNeed
from tests import factories as f
from tests.conftest import bearer
from tests.job_world import queued
from tests.reviews.conftest import MANAGER_PART, NOW, ratings, review_of

API = "/api/v1"
TODAY = local_today(utcnow())
NAMED = datetime(2026, 3, 1, 10, tzinfo=UTC)  # the day a need or goal is named / set


def _count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# --- needs --------------------------------------------------------------------------


def test_a_need_due_in_1999_is_422_naming_due_on_and_saves_nothing(client, db, org):
    body = {
        "employee_id": org.employee.employee_id,
        "skill_id": f.make_skill(name="SQL").id,
        "target_level": 3,
        "due_on": "1999-01-01",
    }
    response = client.post(
        f"{API}/training-needs", json=body, headers=bearer(org.manager)
    )
    assert response.status_code == 422
    message = f"Due date must be on or after {TODAY}, the day the need was named."
    assert response.get_json()["errors"] == {"due_on": message}
    assert _count(db, TrainingNeed) == 0


def test_a_need_is_not_due_before_the_day_it_was_named(db, org):
    data = {
        "employee_id": org.employee.employee_id,
        "skill_id": f.make_skill().id,
        "target_level": 3,
        "due_on": date(2026, 2, 28),
    }
    with pytest.raises(ValidationFailed) as err:
        services.create_need(org.manager, data, now=NAMED)
    assert err.value.errors == {
        "due_on": "Due date must be on or after 2026-03-01, the day the need was named."
    }
    need = services.create_need(
        org.manager, {**data, "due_on": date(2026, 3, 1)}, now=NAMED
    )
    assert need.due_on == date(2026, 3, 1)


def test_proposed_needs_are_not_due_in_the_past(db, org):
    with pytest.raises(ValidationFailed) as err:
        services.propose_training_needs(
            org.manager, [org.employee.employee_id], due_on=date(2026, 2, 1), now=NAMED
        )
    assert "due_on" in err.value.errors


def test_the_need_form_shows_the_message_on_the_due_date_field(login_as, db, org):
    skill = f.make_skill(name="Incident response")
    db.session.commit()
    form = {
        "employee_id": str(org.employee.employee_id),
        "skill_id": str(skill.id),
        "target_level": "3",
        "priority": "high",
        "due_on": "1999-01-01",
    }
    response = login_as(org.manager).post("/reviews/needs/new", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="due_on-error"' in page
    assert f"on or after {TODAY}, the day the need was named." in page
    assert _count(db, TrainingNeed) == 0
    form["due_on"] = "1900-01-01"
    page = (
        login_as(org.manager)
        .post("/reviews/needs/new", data=form)
        .get_data(as_text=True)
    )
    assert 'id="due_on-error"' in page and "from 1970-01-01 to 2099-12-31" in page


# --- goals --------------------------------------------------------------------------


def test_a_goal_target_of_1900_is_422_naming_target_on(client, db, org):
    response = client.post(
        f"{API}/goals",
        json={"title": "Ship it", "target_on": "1900-01-01"},
        headers=bearer(org.employee),
    )
    assert response.status_code == 422
    assert "target_on" in response.get_json()["errors"]
    assert _count(db, Goal) == 0


def test_a_goal_target_is_not_before_the_day_it_is_set(db, org):
    with pytest.raises(ValidationFailed) as err:
        services.create_goal(
            org.employee, {"title": "Ship", "target_on": date(2026, 2, 1)}, now=NAMED
        )
    assert err.value.errors == {
        "target_on": (
            "Target date must be on or after 2026-03-01, the day the goal was set."
        )
    }


def test_a_goal_target_moved_before_the_goal_was_set_is_refused(db, org):
    goal = services.create_goal(
        org.employee, {"title": "Ship", "target_on": date(2026, 6, 1)}, now=NAMED
    )
    goal.created_at = NAMED
    db.session.flush()
    with pytest.raises(ValidationFailed) as err:
        services.update_goal(org.employee, goal, {"target_on": date(2026, 2, 27)})
    assert "2026-03-01" in err.value.errors["target_on"]
    services.update_goal(org.employee, goal, {"target_on": date(2026, 3, 2)})  # fine


def test_the_goal_edit_form_shows_the_message_on_the_field(login_as, db, org):
    goal = services.create_goal(
        org.employee, {"title": "Ship", "target_on": date(2026, 6, 1)}, now=NAMED
    )
    goal.created_at = NAMED
    db.session.commit()
    form = {"version": str(goal.version), "title": "Ship", "target_on": "2026-01-01"}
    response = login_as(org.employee).post(f"/reviews/goals/{goal.id}/edit", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="target_on-error"' in page and "the day the goal was set" in page
    db.session.expire_all()
    assert db.session.get(Goal, goal.id).target_on == date(2026, 6, 1)


# --- the manager's proposals in a review ------------------------------------------------


def test_a_review_proposes_no_need_due_before_the_day_it_is_proposed(db, org, cycle):
    review = review_of(db, cycle, org.employee)
    need = {
        "skill_id": f.make_skill().id,
        "target_level": 3,
        "priority": Priority.high,
        "due_on": date(2026, 7, 14),
    }
    part = {**MANAGER_PART, "ratings": ratings(review), "training_needs": [need]}
    later = NOW + timedelta(days=10)  # after self-assessment is due: may start
    with pytest.raises(ValidationFailed) as err:
        services.save_manager_assessment(org.manager, review, part, now=later)
    assert "2026-07-15" in err.value.errors["training_needs"]


# --- cycles: order, past dates, back-fill -------------------------------------------


def _cycle_body(template, start, **extra):
    """A cycle whose due dates are ``start`` + 10/20/30 days."""
    return {
        "name": extra.pop("name", "Spring"),
        "template_id": template.id,
        "period_start": (start - timedelta(days=180)).isoformat(),
        "period_end": start.isoformat(),
        "self_due_on": (start + timedelta(days=10)).isoformat(),
        "manager_due_on": (start + timedelta(days=20)).isoformat(),
        "signoff_due_on": (start + timedelta(days=30)).isoformat(),
        **extra,
    }


def test_cycle_phase_dates_out_of_order_name_the_later_one(client, db, org, template):
    body = _cycle_body(template, TODAY)
    body["manager_due_on"] = body["period_end"]  # before the self-assessment due date
    response = client.post(f"{API}/cycles", json=body, headers=bearer(org.hr))
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "manager_due_on": [
            "The manager's part due date must be on or after "
            f"{body['self_due_on']}, the self-assessment due date."
        ]
    }
    assert _count(db, ReviewCycle) == 0


def test_a_self_assessment_due_before_the_period_starts_is_refused(
    client, db, org, template
):
    body = _cycle_body(template, TODAY)
    body["period_start"] = (TODAY + timedelta(days=11)).isoformat()
    body["period_end"] = (TODAY + timedelta(days=12)).isoformat()
    response = client.post(f"{API}/cycles", json=body, headers=bearer(org.hr))
    assert response.status_code == 422
    assert "self_due_on" in response.get_json()["errors"]


def test_a_new_cycle_with_past_due_dates_is_422_unless_back_filled(
    client, db, org, template
):
    body = _cycle_body(template, TODAY - timedelta(days=60))
    response = client.post(f"{API}/cycles", json=body, headers=bearer(org.hr))
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert set(errors) == {"self_due_on", "manager_due_on", "signoff_due_on"}
    assert "Back-fill an earlier cycle" in errors["self_due_on"]
    assert _count(db, ReviewCycle) == 0
    response = client.post(
        f"{API}/cycles", json={**body, "backfill": True}, headers=bearer(org.hr)
    )
    assert response.status_code == 201, response.get_json()


def test_the_cycle_form_shows_the_past_date_on_the_field_and_takes_back_fill(
    login_as, db, org, template
):
    body = _cycle_body(template, TODAY - timedelta(days=60), population="everyone")
    client = login_as(org.hr)
    response = client.post("/reviews/cycles/new", data=body)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="self_due_on-error"' in page and "(today) or later" in page
    assert 'name="backfill"' in page
    assert _count(db, ReviewCycle) == 0
    response = client.post("/reviews/cycles/new", data={**body, "backfill": "true"})
    assert response.status_code == 302
    assert _count(db, ReviewCycle) == 1


def test_a_patch_of_one_due_date_is_checked_against_the_stored_ones(
    client, db, org, template
):
    body = _cycle_body(template, TODAY)
    response = client.post(f"{API}/cycles", json=body, headers=bearer(org.hr))
    cycle = db.session.get(ReviewCycle, response.get_json()["id"])
    url = f"{API}/cycles/{cycle.id}"
    etag = client.get(url, headers=bearer(org.hr)).headers["ETag"]
    late = (TODAY + timedelta(days=40)).isoformat()  # after the stored manager due date
    response = client.patch(
        url, json={"self_due_on": late}, headers={**bearer(org.hr), "If-Match": etag}
    )
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"manager_due_on"}
    db.session.expire_all()
    assert db.session.get(ReviewCycle, cycle.id).self_due_on == TODAY + timedelta(
        days=10
    )


def test_a_changed_due_date_in_the_past_needs_back_fill(db, org, template):
    cycle = f.make_cycle(template)  # draft, due July 2026
    later = datetime(2026, 8, 1, 9, tzinfo=UTC)
    with pytest.raises(ValidationFailed) as err:
        services.update_cycle(
            org.hr, cycle, {"self_due_on": date(2026, 7, 12)}, now=later
        )
    assert set(err.value.errors) == {"self_due_on"}
    services.update_cycle(org.hr, cycle, {"name": "Renamed"}, now=later)  # unchanged
    services.update_cycle(
        org.hr, cycle, {"self_due_on": date(2026, 7, 12), "backfill": True}, now=later
    )
    assert cycle.self_due_on == date(2026, 7, 12)


def _backfilled(db, org, template, created):
    """A cycle HR records after its dates: due 10/20/31 July, created in August."""
    cycle = f.make_cycle(template, created_at=created)
    services.launch_cycle(org.hr, cycle, now=created)
    db.session.commit()
    return cycle


def test_a_back_filled_cycle_sends_no_reminder_for_its_past_dates(db, org, template):
    created = datetime(2026, 7, 14, 12, tzinfo=UTC)  # self due 10 July: past
    _backfilled(db, org, template, created)
    # 2 days after the self-assessment date would escalate to the manager…
    assert send_deadline_reminders(moment(date(2026, 7, 12))) == 0
    assert send_deadline_reminders(created + timedelta(hours=1)) == 0
    assert not queued(K.review_overdue_manager) and not queued(K.review_due_today)
    # …but the manager's part, due 20 July, was still ahead: it is reminded.
    assert send_deadline_reminders(moment(date(2026, 7, 17))) > 0
    assert queued(K.review_due_soon)


def test_a_cycle_created_before_its_dates_is_reminded_as_before(db, org, template):
    f.make_cycle(template, created_at=datetime(2026, 6, 1, tzinfo=UTC))
    cycle = db.session.scalar(sa.select(ReviewCycle))
    services.launch_cycle(org.hr, cycle, now=datetime(2026, 7, 1, tzinfo=UTC))
    assert send_deadline_reminders(moment(date(2026, 7, 12))) > 0


def test_a_back_filled_cycle_moves_phase_but_announces_nothing(db, org, template):
    created = datetime(2026, 8, 10, 12, tzinfo=UTC)  # every date is past
    cycle = _backfilled(db, org, template, created)
    queued_before = len(queued(K.cycle_phase_started))
    assert advance_cycle_phases(created + timedelta(hours=1)) == 1
    assert db.session.get(ReviewCycle, cycle.id).phase is CyclePhase.wrap_up
    assert len(queued(K.cycle_phase_started)) == queued_before
