"""A mentorship's plan and sessions: the next date follows the cadence, the end (a date
or a count) stops it, and only the mentee writes."""

from datetime import date

import pytest

from core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from development.enums import ActivityKind, ActivityStatus, Cadence
from development.services import activities
from development.services import mentorships as svc
from development.services.mentorships import add_months, step_after


def _mentoring(db, org, **data):
    activity = activities.create_activity(
        org.employee,
        {
            "kind": ActivityKind.mentoring,
            "title": "Mentoring with Dana",
            "status": ActivityStatus.in_progress,
            "started_on": date(2026, 7, 1),
            **data,
        },
    )
    db.session.commit()
    return activity


def _session(org, activity, day, **data):
    return svc.add_mentoring_session(
        org.employee, activity.id, {"held_on": day, **data}
    )


def test_steps_of_each_cadence():
    assert step_after(date(2026, 8, 3), Cadence.weekly) == date(2026, 8, 10)
    assert step_after(date(2026, 8, 3), Cadence.fortnightly) == date(2026, 8, 17)
    assert step_after(date(2026, 8, 3), Cadence.monthly) == date(2026, 9, 3)
    # a month keeps the day, clamped to the month's last day; across a year
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 3, 15), -3) == date(2025, 12, 15)


def test_each_session_moves_the_next_date_on_by_the_cadence(db, org):
    activity = _mentoring(db, org)
    svc.plan_mentorship(org.employee, activity, {"cadence": Cadence.monthly})
    assert activity.next_session_on is None  # nothing held, nothing computed yet
    _session(org, activity, date(2026, 8, 12), hours=1.5)
    assert activity.next_session_on == date(2026, 9, 12)
    _session(org, activity, date(2026, 9, 14))
    assert activity.next_session_on == date(2026, 10, 14)
    assert activity.hours == 2.5


def test_the_next_date_is_editable_and_a_new_cadence_recomputes_it(db, org):
    activity = _mentoring(db, org)
    svc.plan_mentorship(org.employee, activity, {"cadence": Cadence.monthly})
    _session(org, activity, date(2026, 8, 12))
    svc.plan_mentorship(org.employee, activity, {"next_session_on": date(2026, 9, 2)})
    assert activity.next_session_on == date(2026, 9, 2)
    svc.plan_mentorship(org.employee, activity, {"cadence": Cadence.weekly})
    assert activity.next_session_on == date(2026, 8, 19)


def test_a_count_ends_the_mentorship_with_its_last_session(db, org):
    activity = _mentoring(db, org)
    svc.plan_mentorship(
        org.employee, activity, {"cadence": Cadence.weekly, "planned_sessions": 2}
    )
    _session(org, activity, date(2026, 8, 3))
    assert activity.next_session_on == date(2026, 8, 10)
    _session(org, activity, date(2026, 8, 10))
    assert activity.next_session_on is None
    assert activity.status is ActivityStatus.completed
    assert activity.ended_on == date(2026, 8, 10)


def test_an_end_date_stops_the_next_date(db, org):
    activity = _mentoring(db, org)
    svc.plan_mentorship(
        org.employee,
        activity,
        {"cadence": Cadence.monthly, "plan_ends_on": date(2026, 9, 30)},
    )
    _session(org, activity, date(2026, 8, 20))
    assert activity.next_session_on == date(2026, 9, 20)
    _session(org, activity, date(2026, 9, 20))
    assert activity.next_session_on is None  # 20 Oct is after the end
    with pytest.raises(ValidationFailed) as err:
        svc.plan_mentorship(
            org.employee, activity, {"next_session_on": date(2026, 10, 20)}
        )
    assert "next_session_on" in err.value.errors


def test_an_end_date_and_a_count_are_not_both_given(db, org):
    activity = _mentoring(db, org)
    with pytest.raises(ValidationFailed) as err:
        svc.plan_mentorship(
            org.employee,
            activity,
            {"plan_ends_on": date(2026, 12, 1), "planned_sessions": 4},
        )
    assert "planned_sessions" in err.value.errors


def test_only_the_mentee_plans_and_records(db, org):
    activity = _mentoring(db, org)
    svc.plan_mentorship(org.employee, activity, {"mentor_id": org.peer.employee_id})
    for someone in (org.peer, org.manager, org.hr):
        with pytest.raises(PermissionDenied):
            _session_by(someone, activity)
        with pytest.raises(PermissionDenied):
            svc.plan_mentorship(someone, activity, {"cadence": Cadence.weekly})


def _session_by(user, activity):
    svc.add_mentoring_session(user, activity.id, {"held_on": date(2026, 8, 1)})


def test_the_mentor_is_another_active_employee(db, org):
    activity = _mentoring(db, org)
    with pytest.raises(ValidationFailed):
        svc.plan_mentorship(
            org.employee, activity, {"mentor_id": org.employee.employee_id}
        )
    with pytest.raises(ValidationFailed):
        svc.plan_mentorship(org.employee, activity, {"mentor_id": 999_999})


def test_only_a_mentoring_activity_has_sessions(db, org):
    course = activities.create_activity(
        org.employee, {"kind": ActivityKind.course, "title": "SQL"}
    )
    with pytest.raises(InvalidTransition):
        svc.add_mentoring_session(
            org.employee, course.id, {"held_on": date(2026, 8, 1)}
        )
