"""Development jobs and the manager digest: twice with the same ``now`` does nothing the
second time; the right people are told; statements do not grow with the population."""

from datetime import UTC, date, datetime, timedelta

from core.clock import moment
from development.digest import send_manager_digests
from development.enums import (
    ActivityKind,
    ActivityStatus,
    InterviewDirection,
    InterviewStatus,
)
from development.jobs import (
    send_certification_expiry,
    send_interview_reminders,
    send_learning_nudges,
)
from development.models import DevelopmentActivity, InformationalInterview
from notifications.kinds import NotificationKind as K
from notifications.texts import as_of
from tests import factories as f
from tests.job_world import make_team, queued, recipients, twice

HELD = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)
DAY = timedelta(days=1)
SECRET = "PRIVATE-NOTES-MARKER"


def _activity(employee_id, kind=ActivityKind.course, **values):
    activity = DevelopmentActivity(
        employee_id=employee_id,
        kind=kind,
        title=values.pop("title", "Course"),
        status=values.pop("status", ActivityStatus.completed),
        **values,
    )
    f.db.session.add(activity)
    f.db.session.flush()
    return activity


def _interview(employee_id, status=InterviewStatus.completed, **values):
    direction = values.pop("direction", InterviewDirection.conducted)
    kind = (
        ActivityKind.interview_given
        if direction is InterviewDirection.given
        else ActivityKind.interview_conducted
    )
    done = status in (InterviewStatus.completed, InterviewStatus.followed_up)
    activity = _activity(
        employee_id,
        kind,
        title="Interview",
        ended_on=HELD.date() if done else None,
        status=ActivityStatus.completed if done else ActivityStatus.planned,
    )
    interview = InformationalInterview(
        activity_id=activity.id,
        employee_id=employee_id,
        direction=direction,
        status=status,
        scheduled_at=values.pop("scheduled_at", HELD),
        duration_minutes=30,
        private_notes=SECRET,
        research_notes=SECRET,
        target_role="Data engineer",
        **values,
    )
    f.db.session.add(interview)
    f.db.session.flush()
    return interview


def _no_secrets():
    assert not [n for n in queued() if SECRET in n.body or SECRET in n.title]


def test_thank_you_reminder_24_hours_after_the_interview(db, org):
    _interview(org.employee.employee_id)
    _interview(org.peer.employee_id, direction=InterviewDirection.given)
    db.session.commit()
    due = HELD + timedelta(minutes=30) + DAY
    assert send_interview_reminders(due - timedelta(minutes=1)) == 0
    first, second, _ = twice(send_interview_reminders, due)
    assert (first, second) == (1, 0)
    assert recipients(K.interview_thank_you) == {org.employee.id}
    _no_secrets()


def test_thank_you_sent_means_no_reminder(db, org):
    _interview(
        org.employee.employee_id,
        status=InterviewStatus.followed_up,
        thank_you_sent_on=HELD.date(),
    )
    db.session.commit()
    assert send_interview_reminders(HELD + 2 * DAY) == 0


def test_follow_up_reminder_on_the_follow_up_date(db, org):
    _interview(
        org.employee.employee_id,
        status=InterviewStatus.followed_up,
        thank_you_sent_on=HELD.date(),
        follow_up_on=date(2026, 11, 2),
    )
    db.session.commit()
    assert send_interview_reminders(moment(date(2026, 11, 1))) == 0
    first, second, _ = twice(send_interview_reminders, moment(date(2026, 11, 2)))
    assert (first, second) == (1, 0)
    assert recipients(K.interview_follow_up) == {org.employee.id}
    _no_secrets()


def test_referral_not_asked_after_14_days_is_nudged_once(db, org):
    source = _interview(
        org.employee.employee_id,
        status=InterviewStatus.followed_up,
        thank_you_sent_on=HELD.date(),
    )
    _interview(
        org.employee.employee_id,
        status=InterviewStatus.idea,
        referred_by_id=source.id,
        scheduled_at=None,
        created_at=HELD,
    )
    db.session.commit()
    assert send_interview_reminders(HELD + 13 * DAY) == 0
    first, second, _ = twice(send_interview_reminders, HELD + 14 * DAY)
    assert (first, second) == (1, 0)
    assert recipients(K.referral_nudge) == {org.employee.id}
    assert send_interview_reminders(HELD + 17 * DAY) == 0


def test_interview_waiting_for_approval_goes_to_the_manager(db, org):
    _interview(
        org.employee.employee_id,
        status=InterviewStatus.requested,
        needs_approval=True,
        scheduled_at=None,
        created_at=HELD,
    )
    db.session.commit()
    first, second, _ = twice(send_interview_reminders, HELD + timedelta(hours=1))
    assert (first, second) == (1, 0)
    assert recipients(K.interview_approval) == {org.manager.id}
    _no_secrets()


def test_the_approval_notice_says_which_limit_was_passed(db, org):
    _interview(
        org.employee.employee_id,
        status=InterviewStatus.requested,
        needs_approval=True,
        over_hours_cap=True,
        scheduled_at=None,
        created_at=HELD,
    )
    db.session.commit()
    send_interview_reminders(HELD + timedelta(hours=1))
    db.session.commit()
    (note,) = queued(K.interview_approval)
    assert "over the paid hours a month the policy allows" in note.body
    assert "interview limit" not in note.body


def test_certification_expiry_is_told_90_and_30_days_before(db, org):
    expires = date(2027, 3, 1)
    _activity(
        org.employee.employee_id,
        ActivityKind.certification,
        title="AWS Solutions Architect",
        expires_on=expires,
    )
    db.session.commit()
    assert send_certification_expiry(moment(expires - 91 * DAY)) == 0
    assert twice(send_certification_expiry, moment(expires - 90 * DAY))[:2] == (1, 0)
    assert send_certification_expiry(moment(expires - 60 * DAY)) == 0
    assert twice(send_certification_expiry, moment(expires - 30 * DAY))[:2] == (1, 0)
    notes = queued(K.certification_expiring)
    assert [n.recipient_id for n in notes] == [org.employee.id] * 2
    seen_then = as_of(notes[1].body, expires - 30 * DAY)
    assert "expires 1 Mar, in 30 days." in seen_then and "AWS" in notes[1].body
    assert "1 Mar, in 24 days" in as_of(notes[1].body, expires - 24 * DAY)


def test_learning_nudge_once_per_lapse(db, org):
    """Active in October (August and September had evidence), lapsing in November."""
    for day in (date(2026, 8, 15), date(2026, 9, 15)):
        _activity(org.employee.employee_id, started_on=day, ended_on=day)
    _activity(
        org.peer.employee_id, started_on=date(2026, 10, 1), ended_on=date(2026, 10, 1)
    )  # inactive → lapsing: improving, no nudge
    db.session.commit()
    assert send_learning_nudges(moment(date(2026, 10, 20))) == 0
    first, second, _ = twice(send_learning_nudges, moment(date(2026, 11, 10)))
    assert (first, second) == (1, 0)
    assert send_learning_nudges(moment(date(2026, 11, 17))) == 0
    assert recipients(K.learning_lapsing) == {org.employee.id}
    assert queued(K.learning_lapsing)[0].due_at == moment(date(2026, 11, 1))


def test_one_digest_per_manager_per_week(db, org):
    monday = moment(date(2026, 11, 2), 8)
    _activity(org.employee.employee_id, created_at=monday - 2 * DAY)
    _interview(org.peer.employee_id)
    db.session.commit()
    assert send_manager_digests(monday - timedelta(minutes=1)) > 0  # last week's
    first, second, _ = twice(send_manager_digests, monday)
    assert (first, second) == (3, 0)  # ceo, manager, other_manager
    assert send_manager_digests(monday + 2 * DAY) == 0
    body = next(
        n.body
        for n in queued(K.manager_digest)
        if n.recipient_id == org.manager.id and n.due_at == monday
    )
    assert "2 direct reports" in body and "1 other activity" in body
    assert twice(send_manager_digests, monday + 7 * DAY)[:2] == (3, 0)


def _world(db, size, start):
    _, reports = make_team(size)
    for person in reports:
        e = person.employee_id
        _interview(
            e,
            status=InterviewStatus.requested,
            needs_approval=True,
            scheduled_at=None,
            created_at=start - DAY,
        )
        _activity(e, ActivityKind.certification, expires_on=start.date() + 90 * DAY)
        for day in (start.date() - 80 * DAY, start.date() - 50 * DAY):
            _activity(e, started_on=day, ended_on=day)
    db.session.commit()


def test_statements_do_not_grow_with_the_population(db, count_queries):
    jobs = (
        send_interview_reminders,
        send_certification_expiry,
        send_learning_nudges,
        send_manager_digests,
    )
    counts = []
    for size, start in ((3, date(2026, 11, 2)), (30, date(2027, 2, 1))):
        now = moment(start, 10)  # a Monday
        _world(db, size, now)
        sizes = []
        for job in jobs:
            with count_queries() as counter:
                assert job(now) > 0, job.__name__
            db.session.commit()
            sizes.append(counter.count)
        counts.append(sizes)
    assert counts[0] == counts[1]
