"""Sixty days of scheduling, across the end of British Summer Time (25 October 2026),
with two scheduler instances: every due reminder exactly once, every phase transition
exactly once, one digest per manager per week.

The clock ticks from 1 October to 30 November 2026 (hourly around the change, every four
hours otherwise). At each tick each of the two instances takes the scheduler lock
(``jobs.lock.scheduler_lock``) and runs every job in ``job_specs()`` whose APScheduler
trigger fired since the previous tick, committing after each as ``jobs.runner.run_job``
does — so the second instance always repeats what the first just did. On
PostgreSQL the instances are two threads with their own app contexts and sessions; an
in-memory SQLite database is a single connection, so there they take turns.
"""

import threading
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from core.audit import AuditEvent
from core.clock import local_today, moment
from core.extensions import db
from development.enums import ActivityKind, ActivityStatus, InterviewStatus
from development.enums import InterviewDirection as Dir
from development.models import DevelopmentActivity, InformationalInterview
from jobs.lock import scheduler_lock
from jobs.registry import job_specs
from notifications.kinds import NotificationKind as K
from notifications.models import Notification
from reviews import services
from reviews.enums import Priority, TrainingNeedSource
from reviews.models import Review, TrainingNeed
from tests import factories as f

START = datetime(2026, 10, 1, tzinfo=UTC)
END = datetime(2026, 11, 30, tzinfo=UTC)
ZONE = "Europe/London"
CLOCK_CHANGE = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)  # 02:00 BST becomes 01:00 GMT


def _triggers():
    triggers = []
    for spec in job_specs():
        kwargs = {"timezone": ZONE, **spec.trigger_args}
        if spec.trigger == "interval":
            triggers.append((spec, IntervalTrigger(start_date=START, **kwargs)))
        else:
            triggers.append((spec, CronTrigger(**kwargs)))
    return triggers


def _ticks():
    """Every hour for two days either side of the clock change, every 4 hours otherwise
    (2,880 runs of the hourly jobs would take a minute on PostgreSQL). A tick runs what
    fired since the previous one once, as APScheduler does with ``coalesce``."""
    tick = START
    while tick < END:
        yield tick
        near = abs(tick - CLOCK_CHANGE) < timedelta(days=2)
        tick += timedelta(hours=1 if near else 4)


def _schedule():
    """[(tick, [specs whose trigger fired in (previous tick, tick]])].

    Asks each trigger only "next fire time after this instant" (``previous_fire_time``
    None): chaining fire times loops in the repeated hour (apscheduler #1021).
    """
    triggers = _triggers()
    ticks, previous = [], START - timedelta(hours=1)
    for tick in _ticks():
        after = previous + timedelta(microseconds=1)
        specs = [
            spec
            for spec, trigger in triggers
            if (at := trigger.get_next_fire_time(None, after)) and at <= tick
        ]
        if specs:
            ticks.append((tick, specs))
        previous = tick
    return ticks


def _world(db):
    """HR, a boss, three managers with three reports each, a cycle whose deadlines
    straddle the clock change, needs, an interview, a certification, a lapse, a hire."""
    hr = f.make_person(name="Hana HR", is_hr=True)
    boss = f.make_person(name="Bo Boss")
    managers = [
        f.make_person(name=f"Manager {i}", manager_id=boss.employee_id)
        for i in range(3)
    ]
    reports = [
        f.make_person(name=f"Report {m}{i}", manager_id=mgr.employee_id)
        for m, mgr in enumerate(managers)
        for i in range(3)
    ]
    template = f.make_template(actor=hr)
    cycle = f.make_cycle(
        template,
        period_start=date(2026, 4, 1),
        period_end=date(2026, 9, 30),
        self_due_on=date(2026, 10, 20),
        manager_due_on=date(2026, 10, 27),
        signoff_due_on=date(2026, 11, 10),
    )
    services.launch_cycle(hr, cycle, now=START)
    skill = f.make_skill()
    for person in reports:
        db.session.add(
            TrainingNeed(
                employee_id=person.employee_id,
                skill_id=skill.id,
                target_level=3,
                priority=Priority.medium,
                due_on=date(2026, 10, 26),
                source=TrainingNeedSource.manager,
            )
        )
    first, second = reports[0].employee_id, reports[1].employee_id
    for day in (
        date(2026, 8, 15),
        date(2026, 9, 15),
    ):  # active in October, lapsing after
        db.session.add(
            DevelopmentActivity(
                employee_id=first,
                kind=ActivityKind.course,
                title="Course",
                status=ActivityStatus.completed,
                started_on=day,
                ended_on=day,
            )
        )
    db.session.add(
        DevelopmentActivity(
            employee_id=first,
            kind=ActivityKind.certification,
            title="CKA",
            status=ActivityStatus.completed,
            expires_on=date(2026, 12, 15),
        )
    )
    held = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)  # thank-you due after the change
    activity = DevelopmentActivity(
        employee_id=second,
        kind=ActivityKind.interview_conducted,
        title="Interview",
        status=ActivityStatus.completed,
        started_on=held.date(),
        ended_on=held.date(),
    )
    db.session.add(activity)
    db.session.flush()
    db.session.add(
        InformationalInterview(
            activity_id=activity.id,
            employee_id=second,
            direction=Dir.conducted,
            status=InterviewStatus.completed,
            scheduled_at=held,
            duration_minutes=30,
        )
    )
    # Hired after the launch, so only the probation review (30 October) covers them.
    hire = f.make_person(
        name="New Hire", manager_id=managers[0].employee_id, hired_on=date(2026, 8, 1)
    )
    db.session.commit()
    return hr, boss, managers, hire, cycle


def _run(specs, tick):
    """What ``jobs.runner.run_job`` does for each job, minus its ``JobRun`` rows (which
    would triple the cost of 2,880 runs): run, commit; roll back and fail on error."""
    for spec in specs:
        try:
            spec.func(tick)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise


def _instance(app, schedule, barrier, lock_poll):
    with app.app_context():
        for tick, specs in schedule:
            barrier.wait()
            with scheduler_lock() as lock:
                assert lock is not None
                _run(specs, tick)
            barrier.wait()
        db.session.remove()


def test_sixty_days_two_schedulers_each_notice_once(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "SCHEDULER_LOCK_POLL_SECONDS", 0.005)
    _, boss, managers, _, _ = _world(db)
    schedule = _schedule()
    assert len(schedule) == len(list(_ticks()))  # the hourly jobs fire at every tick
    if db.engine.dialect.name == "postgresql":
        barrier = threading.Barrier(2)
        errors = []

        def run():
            try:
                _instance(app, schedule, barrier, 0.005)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)
                barrier.abort()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert not errors, errors
    else:
        for tick, specs in schedule:
            for _ in range(2):
                with scheduler_lock():
                    _run(specs, tick)
    db.session.expire_all()
    notes = db.session.scalars(sa.select(Notification)).all()

    # Nothing twice: not even a copy an hour apart across the clock change.
    keys = Counter(
        (n.kind, n.subject_type, n.subject_id, n.recipient_id, local_today(n.due_at))
        for n in notes
    )
    assert [k for k, c in keys.items() if c > 1] == []
    kinds = Counter(n.kind for n in notes)
    # 12 cycle reviews + the hire's probation review (self step only).
    assert kinds[K.review_due_soon.value] == 12 + 12 + 1
    assert kinds[K.review_due_today.value] == 12 + 12 + 1
    # Self step: everyone's manager; manager step: the reviewer's manager (none above
    # the boss); the probation review: the hire's manager.
    assert kinds[K.review_overdue_manager.value] == 12 + 9 + 1
    # HR: one digest per run that finds steps newly a week late (three such runs),
    # listing the same 12 + 12 + 1 steps the per-review notices used to.
    assert kinds[K.review_overdue_hr.value] == 3
    assert kinds[K.need_due_soon.value] == 9
    assert kinds[K.need_overdue.value] == 18
    assert kinds[K.interview_thank_you.value] == 1
    assert kinds[K.certification_expiring.value] == 2
    assert kinds[K.learning_lapsing.value] == 1
    assert kinds[K.planned_review_created.value] == 1
    hr_notes = [n for n in notes if n.kind == K.review_overdue_hr.value]
    assert sum(n.body.count("\n- ") for n in hr_notes) == 12 + 12 + 1
    assert {n.due_at for n in hr_notes} == {
        moment(date(2026, 10, 27)),
        moment(date(2026, 11, 3)),
        moment(date(2026, 11, 20)),
    }

    # Every phase transition once, in order, audited once.
    events = db.session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.action == "phase_changed")
        .order_by(AuditEvent.id)
    ).all()
    assert [e.changes["to"] for e in events] == [
        "self_assessment",
        "manager_review",
        "sign_off",
        "wrap_up",
    ]
    # Employees; reviewers; reviewers (nothing shared yet); HR.
    assert kinds[K.cycle_phase_started.value] == 12 + 4 + 4 + 1
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Review)
            .where(Review.planned_occasion == "probation")
        )
        == 1
    )

    # One digest per manager per week: Mondays 5 October to 23 November, 08:00 local.
    digests = Counter(
        (n.recipient_id, n.due_at) for n in notes if n.kind == K.manager_digest.value
    )
    mondays = {moment(date(2026, 10, 5) + timedelta(weeks=w), 8) for w in range(8)}
    for person in (boss, *managers):
        assert {at for (who, at) in digests if who == person.id} == mondays
    assert set(digests.values()) == {1}
    assert len(digests) == 4 * 8


@pytest.mark.parametrize("when", [datetime(2026, 10, 25, 1, 30, tzinfo=UTC)])
def test_the_digest_moment_is_0800_local_on_both_sides_of_the_change(when):
    assert moment(date(2026, 10, 19), 8) == datetime(2026, 10, 19, 7, tzinfo=UTC)
    assert moment(date(2026, 10, 26), 8) == datetime(2026, 10, 26, 8, tzinfo=UTC)
