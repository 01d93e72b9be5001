"""Mentoring reminders: both sides the day before, the mentee when a session is overdue;
a rerun the same day queues nothing new; never a session's note."""

from datetime import date, timedelta

from core.clock import moment
from development.enums import ActivityKind, ActivityStatus, Cadence
from development.jobs import send_mentoring_reminders
from development.services import activities
from development.services import mentorships as svc
from notifications.kinds import NotificationKind as K
from notifications.texts import as_of
from tests.job_world import queued, recipients, twice

NOTE = "PRIVATE-SESSION-NOTE-REMINDER"
NEXT = date(2026, 11, 12)


def _mentorship(db, org, *, mentor=True):
    activity = activities.create_activity(
        org.employee,
        {
            "kind": ActivityKind.mentoring,
            "title": "Mentoring with Piet",
            "status": ActivityStatus.in_progress,
            "started_on": date(2026, 9, 1),
        },
    )
    plan = {"cadence": Cadence.monthly}
    if mentor:
        plan["mentor_id"] = org.peer.employee_id
    svc.plan_mentorship(org.employee, activity, plan)
    svc.add_mentoring_session(
        org.employee, activity.id, {"held_on": date(2026, 10, 12), "note": NOTE}
    )
    db.session.commit()
    assert activity.next_session_on == NEXT
    return activity


def test_both_sides_are_reminded_the_day_before_once(db, org):
    _mentorship(db, org)
    assert send_mentoring_reminders(moment(NEXT - timedelta(days=2))) == 0
    first, second, _ = twice(send_mentoring_reminders, moment(NEXT - timedelta(days=1)))
    assert (first, second) == (2, 0)
    assert recipients(K.mentoring_session_tomorrow) == {org.employee.id, org.peer.id}
    # later the same day: nothing new
    later = moment(NEXT - timedelta(days=1), 15)
    assert send_mentoring_reminders(later) == 0
    bodies = {n.recipient_id: n.body for n in queued(K.mentoring_session_tomorrow)}
    assert "12 Nov, tomorrow" in as_of(bodies[org.employee.id], NEXT - timedelta(1))
    assert "You mentor Emma Employee" in bodies[org.peer.id]
    assert not [n for n in queued() if NOTE in n.body or NOTE in n.title]


def test_an_external_mentor_is_not_reminded(db, org):
    _mentorship(db, org, mentor=False)
    assert send_mentoring_reminders(moment(NEXT - timedelta(days=1))) == 1
    assert recipients(K.mentoring_session_tomorrow) == {org.employee.id}


def test_an_overdue_session_nudges_the_mentee_once(db, org):
    _mentorship(db, org)
    assert send_mentoring_reminders(moment(NEXT)) == 0  # the day itself: not yet
    first, second, _ = twice(send_mentoring_reminders, moment(NEXT + timedelta(days=1)))
    assert (first, second) == (1, 0)
    assert recipients(K.mentoring_session_overdue) == {org.employee.id}
    assert send_mentoring_reminders(moment(NEXT + timedelta(days=3))) == 0


def test_a_recorded_session_is_not_overdue_and_moves_the_reminder(db, org):
    activity = _mentorship(db, org)
    svc.add_mentoring_session(org.employee, activity.id, {"held_on": NEXT})
    db.session.commit()
    assert send_mentoring_reminders(moment(NEXT + timedelta(days=1))) == 0
    # the next reminder is the day before 12 December
    assert send_mentoring_reminders(moment(date(2026, 12, 11))) == 2


def test_a_completed_mentorship_is_not_reminded(db, org):
    activity = _mentorship(db, org)
    activity.status = ActivityStatus.completed
    db.session.commit()
    assert send_mentoring_reminders(moment(NEXT - timedelta(days=1))) == 0
