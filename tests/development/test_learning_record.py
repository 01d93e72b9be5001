"""The learning record: statuses follow the policy; a team costs a fixed query count."""

from datetime import date

import pytest

from core.extensions import db
from development.enums import (
    ActivityKind,
    ActivityStatus,
    InterviewDirection,
    InterviewStatus,
    KeepsLearning,
)
from development.learning_record import (
    current_policy,
    learning_record,
    learning_records,
)
from development.models import (
    DevelopmentActivity,
    DevelopmentPolicy,
    InformationalInterview,
)
from reviews.models import NeedEvidence, TrainingNeed
from tests import factories

TODAY = date(2026, 6, 15)


def activity(employee_id, on, kind=ActivityKind.course, hours=2.0, **kw):
    row = DevelopmentActivity(
        employee_id=employee_id,
        kind=kind,
        title=kw.pop("title", "Something learnt"),
        ended_on=on,
        hours=hours,
        status=kw.pop("status", ActivityStatus.completed),
        **kw,
    )
    db.session.add(row)
    db.session.flush()
    return row


@pytest.fixture
def person(db):
    return factories.make_employee()


def status_of(employee_id, today=TODAY, **kw):
    return learning_record(employee_id, today=today, **kw).status


def test_default_policy_is_unsaved_when_hr_has_none(db):
    policy = current_policy()
    assert (policy.window_months, policy.active_months) == (3, 2)
    assert policy.id is None and policy not in db.session


def test_active_lapsing_inactive_follow_the_policy(db, person):
    assert status_of(person.id) is KeepsLearning.inactive
    activity(person.id, date(2026, 3, 31))  # just outside Apr–Jun
    assert status_of(person.id) is KeepsLearning.inactive
    activity(person.id, date(2026, 4, 1))
    activity(person.id, date(2026, 4, 20))  # same month: still one month
    record = learning_record(person.id, today=TODAY)
    assert record.months_with_evidence == 1
    assert record.status is KeepsLearning.lapsing
    activity(person.id, date(2026, 6, 15))
    record = learning_record(person.id, today=TODAY)
    assert record.months_with_evidence == 2
    assert record.status is KeepsLearning.active
    assert record.last_evidence_on == date(2026, 6, 15)


def test_a_changed_policy_flips_the_status(db, person):
    activity(person.id, date(2026, 5, 10))
    activity(person.id, date(2026, 6, 1))
    assert status_of(person.id) is KeepsLearning.active
    db.session.add(DevelopmentPolicy(window_months=3, active_months=3))
    db.session.flush()
    assert status_of(person.id) is KeepsLearning.lapsing
    narrow = DevelopmentPolicy(window_months=1, active_months=1)
    assert status_of(person.id, policy=narrow) is KeepsLearning.active
    later = date(2026, 8, 1)
    assert status_of(person.id, policy=narrow, today=later) is KeepsLearning.inactive
    wide = DevelopmentPolicy(window_months=6, active_months=2)
    assert status_of(person.id, policy=wide, today=later) is KeepsLearning.active


def test_given_interviews_are_a_contribution_not_evidence(db, person):
    given = activity(person.id, date(2026, 6, 2), ActivityKind.interview_given, 1.0)
    db.session.add(
        InformationalInterview(
            activity_id=given.id,
            employee_id=person.id,
            direction=InterviewDirection.given,
            status=InterviewStatus.completed,
        )
    )
    conducted = activity(person.id, date(2026, 2, 2), ActivityKind.interview_conducted)
    db.session.add(
        InformationalInterview(
            activity_id=conducted.id,
            employee_id=person.id,
            direction=InterviewDirection.conducted,
            status=InterviewStatus.followed_up,
        )
    )
    idea = activity(
        person.id, None, ActivityKind.interview_conducted, status=ActivityStatus.planned
    )
    db.session.add(
        InformationalInterview(
            activity_id=idea.id,
            employee_id=person.id,
            direction=InterviewDirection.conducted,
        )
    )
    db.session.flush()
    record = learning_record(person.id, today=TODAY)
    assert record.status is KeepsLearning.inactive  # Feb is outside the window
    assert record.months_with_evidence == 0
    assert (record.given_activities, record.given_hours) == (1, 1.0)
    assert ActivityKind.interview_given not in record.by_kind
    assert record.by_kind[ActivityKind.interview_conducted].activities == 1
    assert (record.interviews_conducted, record.interviews_given) == (1, 1)
    assert record.last_evidence_on == date(2026, 2, 2)


def test_private_and_in_progress_count_planned_and_future_do_not(db, person):
    activity(person.id, date(2026, 5, 3), is_private=True, reflection="secret")
    activity(
        person.id, None, started_on=date(2026, 6, 1), status=ActivityStatus.in_progress
    )
    running = activity(
        person.id,
        date(2026, 12, 1),
        started_on=date(2026, 4, 1),
        status=ActivityStatus.in_progress,
    )
    activity(person.id, date(2026, 6, 2), status=ActivityStatus.planned)
    activity(person.id, date(2026, 6, 30))  # later this month: not yet
    record = learning_record(person.id, today=TODAY)
    assert record.activities == 3
    assert record.months_with_evidence == 3
    assert record.status is KeepsLearning.active
    assert running.ended_on > TODAY


def test_chart_months_kinds_hours_and_needs(db, person):
    skill = factories.make_skill()
    need = TrainingNeed(
        employee_id=person.id, skill_id=skill.id, target_level=3, source="manager"
    )
    bare = TrainingNeed(
        employee_id=person.id,
        skill_id=factories.make_skill().id,
        target_level=2,
        source="manager",
    )
    db.session.add_all([need, bare])
    db.session.flush()
    db.session.add(NeedEvidence(need_id=need.id, note="read the book"))
    activity(person.id, date(2025, 7, 1), ActivityKind.certification, 10)
    activity(person.id, date(2025, 6, 30), ActivityKind.course, 99)  # 13 months ago
    activity(person.id, date(2026, 6, 1), ActivityKind.mentoring, 1.5)
    activity(person.id, date(2026, 6, 9), ActivityKind.mentoring, 1)
    db.session.flush()
    record = learning_record(person.id, today=TODAY)
    assert [m.label for m in record.months][:2] == ["Jul 2025", "Aug 2025"]
    assert record.months[-1].label == "Jun 2026" and len(record.months) == 12
    assert (record.months[0].activities, record.months[0].hours) == (1, 10.0)
    assert (record.months[-1].activities, record.months[-1].hours) == (2, 2.5)
    assert record.by_kind[ActivityKind.mentoring].hours == 2.5
    assert ActivityKind.course not in record.by_kind
    assert (record.activities, record.hours) == (3, 12.5)
    assert record.needs_with_evidence == 1
    assert len(learning_record(person.id, today=TODAY, months=3).months) == 3


def test_a_team_of_30_in_a_fixed_number_of_statements(db, count_queries):
    from people.permissions import report_ids_select

    boss = factories.make_employee()
    team = [factories.make_employee(manager_id=boss.id) for _ in range(30)]
    for n, person in enumerate(team):
        for back in range(n % 5):
            month = 6 - back
            activity(
                person.id,
                date(2026, month, 1 + n % 27),
                ActivityKind.course if back % 2 else ActivityKind.self_study,
            )
        if n % 3 == 0:
            activity(person.id, date(2026, 6, 3), ActivityKind.interview_given)
    ids = [p.id for p in team]
    db.session.commit()
    with count_queries() as counter:
        records = learning_records(ids, today=TODAY)
    assert counter.count <= 6, counter.statements
    assert len(records) == 30
    statuses = {r.status for r in records.values()}
    assert statuses == {
        KeepsLearning.active,
        KeepsLearning.lapsing,
        KeepsLearning.inactive,
    }
    assert records[ids[0]].status is KeepsLearning.inactive
    assert records[ids[1]].status is KeepsLearning.lapsing
    assert records[ids[4]].months_with_evidence == 3
    boss_id = boss.id
    with count_queries() as counter:
        by_select = learning_records(report_ids_select(boss_id), today=TODAY)
    assert counter.count <= 6, counter.statements
    assert {k: v.status for k, v in by_select.items()} == {
        k: v.status for k, v in records.items()
    }


def test_no_people_no_queries(db, count_queries):
    with count_queries() as counter:
        assert learning_records([], today=TODAY) == {}
    assert counter.count == 0


def test_each_mentoring_session_counts_in_its_own_month(db, person):
    """Four monthly sessions August–November are four months of evidence, not one
    in December when the mentorship ended (the bug: the person showed as lapsing)."""
    from development.models import MentoringSession

    mentorship = activity(
        person.id,
        date(2026, 12, 2),
        kind=ActivityKind.mentoring,
        hours=4.0,
        started_on=date(2026, 8, 1),
    )
    for month in (8, 9, 10, 11):
        db.session.add(
            MentoringSession(
                activity_id=mentorship.id, held_on=date(2026, month, 10), hours=1.0
            )
        )
    db.session.flush()
    record = learning_record(person.id, today=date(2026, 12, 15), months=6)
    counted = {m.month.month: (m.activities, m.hours) for m in record.months}
    assert counted == {
        7: (0, 0.0),
        8: (1, 1.0),
        9: (1, 1.0),
        10: (1, 1.0),
        11: (1, 1.0),
        12: (0, 0.0),
    }
    assert record.status is KeepsLearning.active  # Oct and Nov in a 3-month window
    assert record.by_kind[ActivityKind.mentoring].activities == 4
    assert record.last_evidence_on == date(2026, 11, 10)
    # a session still to come is not evidence yet
    early = learning_record(person.id, today=date(2026, 9, 1), months=2)
    assert [m.activities for m in early.months] == [1, 0]


def test_a_mentorship_without_sessions_counts_as_an_activity(db, person):
    activity(person.id, date(2026, 5, 20), kind=ActivityKind.mentoring, hours=3.0)
    record = learning_record(person.id, today=TODAY, months=2)
    assert [(m.activities, m.hours) for m in record.months] == [(1, 3.0), (0, 0.0)]
