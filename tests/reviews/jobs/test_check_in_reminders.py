"""``reviews.send_check_in_reminders``: the owner hears once per due day (a rerun, or a
run on a later day, sends nothing new); a check-in moves the day; nothing before 09:00
on the due day, nothing for goals that are done or owners who left; statements do not
grow with the number of goals."""

from datetime import UTC, date, datetime, timedelta

from core.clock import moment
from notifications.kinds import NotificationKind as K
from people.models import Employee
from reviews import services
from reviews.enums import CheckInCadence, CheckInStatus, GoalStatus
from reviews.jobs import send_check_in_reminders
from tests.job_world import make_team, queued, recipients, twice

SET_AT = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)  # a Tuesday
DAY = timedelta(days=1)


def _goal(db, person, cadence=CheckInCadence.weekly, **data):
    goal = services.create_goal(
        person, {"title": "Ship it", "check_in_cadence": cadence, **data}, now=SET_AT
    )
    db.session.commit()
    return goal


def test_the_owner_is_reminded_once_when_the_check_in_is_due(db, org):
    goal = _goal(db, org.employee)
    due = moment(date(2026, 9, 8))
    assert send_check_in_reminders(due - DAY) == 0
    first, second, _ = twice(send_check_in_reminders, due + timedelta(minutes=5))
    assert (first, second) == (1, 0)
    assert send_check_in_reminders(due + 3 * DAY) == 0  # same due day: same key
    [notice] = queued(K.goal_check_in_due)
    assert (notice.recipient_id, notice.subject_id, notice.due_at) == (
        org.employee.id,
        goal.id,
        due,
    )
    assert notice.link == f"/reviews/goals/{goal.id}"
    assert 'weekly check-in on your goal "Ship it" is due' in notice.body
    assert "has no check-in yet" in notice.body


def test_nothing_before_nine_on_the_due_day(db, org):
    _goal(db, org.employee)
    assert send_check_in_reminders(moment(date(2026, 9, 8)) - timedelta(hours=1)) == 0


def test_a_check_in_moves_the_next_reminder(db, org):
    goal = _goal(db, org.employee, CheckInCadence.fortnightly)
    assert twice(send_check_in_reminders, moment(date(2026, 9, 15)))[:2] == (1, 0)
    services.check_in(
        org.employee,
        goal,
        {
            "value": 20,
            "status": CheckInStatus.on_track,
            "checked_on": date(2026, 9, 16),
        },
        now=moment(date(2026, 9, 16)),
    )
    db.session.commit()
    assert send_check_in_reminders(moment(date(2026, 9, 29))) == 0
    assert twice(send_check_in_reminders, moment(date(2026, 9, 30)))[:2] == (1, 0)
    notices = queued(K.goal_check_in_due)
    assert [n.due_at for n in notices] == [
        moment(date(2026, 9, 15)),
        moment(date(2026, 9, 30)),
    ]
    assert "the last one was" in notices[1].body


def test_the_default_cadence_is_monthly(db, org):
    goal = services.create_goal(org.employee, {"title": "Default"}, now=SET_AT)
    db.session.commit()
    assert goal.check_in_cadence is CheckInCadence.monthly
    assert send_check_in_reminders(moment(date(2026, 9, 30))) == 0
    assert send_check_in_reminders(moment(date(2026, 10, 1))) == 1


def test_done_goals_and_owners_who_left_hear_nothing(db, org):
    achieved = _goal(db, org.employee)
    services.update_goal(org.employee, achieved, {"status": GoalStatus.achieved})
    _goal(db, org.peer)
    db.session.get(Employee, org.peer.employee_id).is_active = False
    db.session.commit()
    assert send_check_in_reminders(moment(date(2026, 9, 20))) == 0
    assert recipients(K.goal_check_in_due) == set()


def test_statements_do_not_grow_with_the_goals(db, count_queries):
    counts = []
    for size, day in ((2, date(2026, 9, 8)), (20, date(2026, 9, 9))):
        _, reports = make_team(size)
        for person in reports:
            services.create_goal(
                person,
                {"title": "G", "check_in_cadence": CheckInCadence.weekly},
                now=moment(day - 7 * DAY, 8),
            )
        db.session.commit()
        with count_queries() as counter:
            assert send_check_in_reminders(moment(day, 10)) == size
        db.session.commit()
        counts.append(counter.count)
    assert counts[0] == counts[1]
