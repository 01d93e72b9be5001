"""Review jobs: each runs twice with the same ``now`` and the second run does nothing;
the right people are told; statements do not grow with the population."""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from core.audit import AuditEvent
from core.clock import moment
from notifications.kinds import NotificationKind as K
from notifications.texts import as_of
from reviews import services
from reviews.enums import CyclePhase, CycleStatus, Priority, TrainingNeedSource
from reviews.jobs import (
    advance_cycle_phases,
    create_planned_reviews,
    send_deadline_reminders,
    send_need_reminders,
)
from reviews.models import Review, ReviewCycle, ReviewSettings, TrainingNeed
from tests import factories as f
from tests.job_world import make_team, queued, recipients, twice

SELF_DUE = date(
    2026, 7, 10
)  # make_cycle's dates: self 10 July, manager 20, sign-off 31
LAUNCHED = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def _launch(db, hr, template, **dates):
    cycle = f.make_cycle(template, **dates)
    services.launch_cycle(hr, cycle, now=LAUNCHED)
    db.session.commit()
    return cycle


def _users(*people):
    return {p.id for p in people}


def test_phase_starts_once_and_tells_the_employees(db, org):
    _launch(db, org.hr, f.make_template(actor=org.hr))
    first, second, _ = twice(advance_cycle_phases, LAUNCHED + timedelta(hours=1))
    assert (first, second) == (1, 0)
    reviewed = (org.manager, org.employee, org.peer, org.other_report)
    assert recipients(K.cycle_phase_started) == _users(*reviewed)


def test_manager_phase_begins_the_day_after_self_assessment_is_due(db, org):
    cycle = _launch(db, org.hr, f.make_template(actor=org.hr))
    advance_cycle_phases(moment(SELF_DUE) + timedelta(hours=1))
    assert db.session.get(ReviewCycle, cycle.id).phase is CyclePhase.self_assessment
    first, second, _ = twice(advance_cycle_phases, moment(SELF_DUE + DAY))
    assert (first, second) == (1, 0)
    assert db.session.get(ReviewCycle, cycle.id).phase is CyclePhase.manager_review
    phase_notes = [
        n for n in queued(K.cycle_phase_started) if n.due_at == moment(SELF_DUE + DAY)
    ]
    reviewers = (org.ceo, org.manager, org.other_manager)
    assert {n.recipient_id for n in phase_notes} == _users(*reviewers)


def test_a_late_run_moves_once_to_the_current_phase_with_one_audit_event(db, org):
    cycle = _launch(db, org.hr, f.make_template(actor=org.hr))
    first, second, _ = twice(advance_cycle_phases, moment(date(2026, 8, 5)))
    assert (first, second) == (1, 0)
    events = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "phase_changed")
    ).all()
    assert [(e.object_id, e.changes) for e in events] == [
        (cycle.id, {"from": None, "to": "wrap_up"})
    ]
    assert recipients(K.cycle_phase_started) == {org.hr.id}


def test_self_assessment_reminders_go_to_each_employee_3_days_before(db, org):
    _launch(db, org.hr, f.make_template(actor=org.hr))
    first, second, _ = twice(send_deadline_reminders, moment(SELF_DUE - 3 * DAY))
    assert (first, second) == (4, 0)
    assert recipients(K.review_due_soon) == _users(
        org.manager, org.employee, org.peer, org.other_report
    )
    body = queued(K.review_due_soon)[0].body
    # The distance is worded when read, not frozen when queued (notifications.texts).
    assert "is due [[on:2026-07-10]]." in body
    assert "is due 10 Jul, in 3 days." in as_of(body, SELF_DUE - 3 * DAY)
    assert "is due 10 Jul, 4 days ago." in as_of(body, SELF_DUE + 4 * DAY)


def test_overdue_self_assessment_escalates_to_the_manager_then_hr(db, org):
    _launch(db, org.hr, f.make_template(actor=org.hr))
    first, second, _ = twice(send_deadline_reminders, moment(SELF_DUE + 2 * DAY))
    assert (first, second) == (8, 0)  # 4 to the employees themselves, 4 to managers
    by_subject_manager = {n.recipient_id for n in queued(K.review_overdue_manager)}
    assert by_subject_manager == _users(org.ceo, org.manager, org.other_manager)
    twice(send_deadline_reminders, moment(SELF_DUE + 7 * DAY))
    assert recipients(K.review_overdue_hr) == {org.hr.id}
    (digest,) = queued(K.review_overdue_hr)  # one digest, not one notice per review
    assert digest.title == "4 review steps are overdue by a week"
    assert digest.body.count("\n- The self-assessment of ") == 4


def test_hr_gets_one_digest_per_run_and_each_step_once(db, org):
    _launch(db, org.hr, f.make_template(actor=org.hr))
    first, second, _ = twice(send_deadline_reminders, moment(SELF_DUE + 7 * DAY))
    assert first > 0 and second == 0
    # The next days' runs find no step that newly became a week late: no new digest.
    for days in (8, 9):
        send_deadline_reminders(moment(SELF_DUE + days * DAY))
        db.session.commit()
    assert len(queued(K.review_overdue_hr)) == 1
    # The manager's part (due 20 July) becomes a week late: a second digest.
    send_deadline_reminders(moment(date(2026, 7, 27)))
    db.session.commit()
    digests = queued(K.review_overdue_hr)
    assert len(digests) == 2
    assert "The manager's part" in digests[-1].body
    assert "self-assessment" not in digests[-1].body


def test_the_employee_is_told_of_her_own_late_self_assessment(db, org):
    _launch(db, org.hr, f.make_template(actor=org.hr))
    twice(send_deadline_reminders, moment(SELF_DUE + DAY))
    assert queued(K.review_overdue_owner) == []  # a day late: not yet
    twice(send_deadline_reminders, moment(SELF_DUE + 2 * DAY))
    (emma,) = [
        n for n in queued(K.review_overdue_owner) if n.recipient_id == org.employee.id
    ]
    assert "It is yours to do, and your manager has been told" in emma.body
    assert emma.link.startswith("/reviews/")
    assert recipients(K.review_overdue_owner) == _users(
        org.employee, org.peer, org.manager, org.other_report
    )


def test_a_submitted_self_assessment_is_not_chased(db, org):
    cycle = _launch(db, org.hr, f.make_template(actor=org.hr))
    db.session.execute(
        sa.update(Review)
        .where(Review.cycle_id == cycle.id)
        .values(status="self_submitted")
    )
    db.session.commit()
    assert send_deadline_reminders(moment(SELF_DUE)) == 0


def test_the_manager_part_is_chased_from_the_reviewer(db, org):
    _launch(db, org.hr, f.make_template(actor=org.hr))
    twice(send_deadline_reminders, moment(date(2026, 7, 20)))
    today = queued(K.review_due_today)
    assert {n.recipient_id for n in today} == _users(
        org.ceo, org.manager, org.other_manager
    )


def test_reminders_across_the_clock_change_are_sent_once(db, org):
    """British Summer Time ends on 25 October 2026: moments before it are 08:00 UTC,
    after it 09:00 UTC. Hourly runs over the change send each stage exactly once."""
    due = date(2026, 10, 27)
    _launch(
        db,
        org.hr,
        f.make_template(actor=org.hr),
        self_due_on=due,
        manager_due_on=date(2026, 11, 20),
        signoff_due_on=date(2026, 11, 30),
    )
    now = datetime(2026, 10, 23, 0, 0, tzinfo=UTC)
    while now < datetime(2026, 11, 5, tzinfo=UTC):
        send_deadline_reminders(now)
        db.session.commit()
        now += timedelta(hours=1)
    notes = queued()
    keys = [(n.kind, n.subject_id, n.recipient_id) for n in notes]
    assert len(keys) == len(set(keys))
    assert {n.due_at for n in queued(K.review_due_soon)} == {
        datetime(2026, 10, 24, 8, tzinfo=UTC)
    }
    assert {n.due_at for n in queued(K.review_due_today)} == {
        datetime(2026, 10, 27, 9, tzinfo=UTC)
    }
    (digest,) = queued(K.review_overdue_hr)
    assert digest.body.count("\n- ") == 4


def _need(employee_id, skill_id, due_on):
    need = TrainingNeed(
        employee_id=employee_id,
        skill_id=skill_id,
        target_level=3,
        priority=Priority.high,
        due_on=due_on,
        source=TrainingNeedSource.manager,
    )
    f.db.session.add(need)
    return need


def test_needs_due_in_14_days_tell_the_employee_and_overdue_ones_the_manager(db, org):
    skill = f.make_skill(name="SQL")
    _need(org.employee.employee_id, skill.id, date(2026, 9, 15))
    db.session.commit()
    first, second, _ = twice(send_need_reminders, moment(date(2026, 9, 1)))
    assert (first, second) == (1, 0)
    assert recipients(K.need_due_soon) == {org.employee.id}
    first, second, _ = twice(send_need_reminders, moment(date(2026, 9, 16)))
    assert (first, second) == (2, 0)
    assert recipients(K.need_overdue) == _users(org.employee, org.manager)


def test_probation_review_is_created_once_with_the_manager_as_reviewer(db, org, app):
    f.make_template(actor=org.hr)
    days = app.config["PROBATION_REVIEW_DAYS"]
    hire = f.make_person(
        name="New Hire", manager_id=org.manager.employee_id, hired_on=date(2026, 6, 1)
    )
    db.session.commit()
    now = moment(date(2026, 6, 1) + timedelta(days=days))
    assert create_planned_reviews(now) == 1
    db.session.commit()
    assert create_planned_reviews(now) == 0
    assert create_planned_reviews(now + 5 * DAY) == 0
    db.session.commit()
    review = db.session.scalars(sa.select(Review)).one()
    assert (review.employee_id, review.reviewer_id, review.planned_occasion) == (
        hire.employee_id,
        org.manager.employee_id,
        "probation",
    )
    assert recipients(K.planned_review_created) == {org.manager.id}


def test_anniversary_reviews_only_when_hr_turns_them_on(db, org):
    f.make_template(actor=org.hr)
    now = moment(date(2026, 1, 1))  # the standard org was hired on 1 January 2022
    assert create_planned_reviews(now) == 0
    db.session.add(ReviewSettings(anniversary_reviews=True))
    db.session.commit()
    first, second, _ = twice(create_planned_reviews, now)
    assert (first, second) == (4, 0)  # everyone with a manager
    occasions = set(db.session.scalars(sa.select(Review.planned_occasion)))
    assert occasions == {"anniversary-2026"}


def _world(db, size, shift):
    """A team of ``size`` in a launched cycle, each with a need due and a new hire,
    ``shift`` days later than the other world so the two never overlap."""
    # The other world's cycle is over: one cycle moves per world (cost is per cycle).
    db.session.execute(sa.update(ReviewCycle).values(status=CycleStatus.closed))
    hr = f.make_person(name="HR", is_hr=True)
    base = SELF_DUE + shift * DAY
    _, reports = make_team(size, hired_on=base - 3 * DAY - 90 * DAY)
    template = f.make_template(actor=hr)
    cycle = f.make_cycle(
        template,
        self_due_on=base,
        manager_due_on=base + 10 * DAY,
        signoff_due_on=base + 20 * DAY,
    )
    services.launch_cycle(hr, cycle, now=moment(base - 20 * DAY))
    skill = f.make_skill()
    for person in reports:
        _need(person.employee_id, skill.id, base + 11 * DAY)
    db.session.commit()
    return moment(base - 3 * DAY)


def test_statements_do_not_grow_with_the_population(db, count_queries):
    jobs = (
        advance_cycle_phases,
        send_deadline_reminders,
        send_need_reminders,
        create_planned_reviews,
    )
    counts = []
    for size, shift in ((3, 0), (30, 60)):
        now = _world(db, size, shift)
        sizes = []
        for job in jobs:
            with count_queries() as counter:
                assert job(now) > 0, job.__name__
            db.session.commit()
            sizes.append(counter.count)
        counts.append(sizes)
    assert counts[0] == counts[1]
