from datetime import date

import pytest
import sqlalchemy as sa

from development.enums import ActivityKind, ActivityStatus
from development.learning_record import current_policy, learning_records
from development.models import DevelopmentActivity, DevelopmentPolicy
from people.models import Employee
from reports import learning
from reports.learning_figures import (
    NOTHING,
    Window,
    month_kind_totals,
    person_learning,
)
from tests.reports.conftest import TODAY, add_activity, build, rows_by


def _arrange(world, db):
    add_activity(world.ana, date(2026, 7, 1), hours=2)
    add_activity(world.ana, date(2026, 6, 10), hours=3)  # two months: active
    add_activity(world.cara, date(2026, 2, 1))  # before the window: stopped
    add_activity(world.dan, date(2026, 6, 1))  # one month: lapsing
    add_activity(
        world.dan, date(2026, 6, 5), kind=ActivityKind.interview_given, hours=1
    )
    add_activity(
        world.dan, date(2026, 6, 6), kind=ActivityKind.interview_conducted, hours=1
    )
    db.session.commit()


def test_keeps_learning_by_department(world, db):
    _arrange(world, db)
    result = build(learning, world.hr)
    keys = (
        "people",
        "active",
        "lapsing",
        "inactive",
        "activities",
        "hours",
        "interviews_conducted",
        "interviews_given",
    )
    rows = rows_by(result, "department")
    assert {k[0]: tuple(r[x] for x in keys) for k, r in rows.items()} == {
        "No department": (1, 0, 0, 1, 0, 0, 0, 0),
        "Sales": (2, 0, 1, 1, 2, 3.0, 1, 1),
        "Support": (2, 1, 0, 1, 2, 5.0, 0, 0),
        "Support East": (2, 0, 0, 2, 1, 2.0, 0, 0),
    }
    stopped = result.tables[2].rows
    assert [(s["name"], s["last_evidence_on"]) for s in stopped] == [
        ("Cara Agent", "2026-02-01")
    ]
    facts = {f.label: f.value for f in result.facts}
    assert facts["Never any learning evidence"] == 4  # Hana, Mona, Ben, Olaf


def test_months_and_kinds(world, db):
    _arrange(world, db)
    result = build(learning, world.hr)
    months = {m["month"]: (m["activities"], m["hours"]) for m in result.tables[0].rows}
    assert len(months) == 12
    assert months["Jun 2026"] == (3, 6.0)  # given interviews are not learning
    assert months["Jul 2026"] == (1, 2.0)
    kinds = {k["kind"]: k["activities"] for k in result.tables[1].rows}
    assert kinds == {"Course": 4, "Informational interview (I ask)": 1}


def test_period_sets_the_window(world, db):
    _arrange(world, db)
    result = build(
        learning, world.hr, period_from=date(2026, 6, 1), period_to=date(2026, 6, 30)
    )
    assert [m["month"] for m in result.tables[0].rows] == ["Jun 2026"]


def test_manager_sees_only_their_subtree(world, db):
    _arrange(world, db)
    result = build(learning, world.ben)
    assert [(r["department"], r["people"]) for r in result.rows] == [
        ("Support East", 1)
    ]


@pytest.mark.parametrize(
    ("months", "window", "active"), [(12, 3, 2), (1, 3, 2), (36, 6, 3), (2, 1, 1)]
)
def test_the_counts_in_sql_match_the_learning_record(world, db, months, window, active):
    """``reports.learning_figures`` counts in the database what
    ``development.learning_record.learning_records`` builds per person."""
    db.session.add(
        DevelopmentPolicy(
            interviews_per_month=2,
            interviews_on_paid_time=True,
            paid_hours_per_month=2.0,
            may_leave_premises=True,
            window_months=window,
            active_months=active,
        )
    )
    _arrange(world, db)
    people = (world.ana, world.ben, world.cara, world.dan, world.mona, world.olaf)
    for i, person in enumerate(people):
        for j, (start, end, status, kind) in enumerate(ACTIVITIES):
            if (i + j) % 3:
                db.session.add(
                    DevelopmentActivity(
                        employee_id=person.employee_id,
                        kind=kind,
                        title="Learning",
                        hours=0.5 + j,
                        status=status,
                        started_on=start,
                        ended_on=end,
                    )
                )
    db.session.commit()
    ids = [p.employee_id for p in (*people, world.hr)]
    policy = current_policy()
    records = learning_records(ids, today=TODAY, months=months)
    span = Window.of(TODAY, months, policy)
    scope = sa.select(Employee.id).where(Employee.id.in_(ids))
    figures = person_learning(scope, span, policy)
    for i in ids:
        record, mine = records[i], figures.get(i, NOTHING)
        conducted = record.by_kind.get(ActivityKind.interview_conducted)
        assert (
            mine.status,
            mine.activities,
            mine.hours,
            mine.interviews_conducted,
            mine.given_activities,
            mine.last_evidence_on,
        ) == (
            record.status,
            record.activities,
            record.hours,
            conducted.activities if conducted else 0,
            record.given_activities,
            record.last_evidence_on,
        )
    months_seen: dict = {}
    kinds_seen: dict = {}
    for kind, month, n, hours in month_kind_totals(scope, span):
        slot = months_seen.setdefault(span.slots[month], [0, 0.0])
        slot[0] += n
        slot[1] += hours
        kinds_seen[kind] = kinds_seen.get(kind, 0) + n
    expected_months: dict = {}
    expected_kinds: dict = {}
    for record in records.values():
        for point in record.months:
            if point.activities:
                slot = expected_months.setdefault(point.month, [0, 0.0])
                slot[0] += point.activities
                slot[1] += point.hours
        for kind, total in record.by_kind.items():
            expected_kinds[kind] = expected_kinds.get(kind, 0) + total.activities
    assert months_seen == expected_months
    assert kinds_seen == expected_kinds
    assert len({r.status for r in records.values()}) >= 2  # the cases are exercised


ACTIVITIES = [
    (
        date(2026, 7, 1),
        date(2026, 9, 30),
        ActivityStatus.in_progress,
        ActivityKind.course,
    ),
    (date(2026, 6, 2), None, ActivityStatus.in_progress, ActivityKind.self_study),
    (date(2026, 6, 3), date(2026, 6, 3), ActivityStatus.planned, ActivityKind.course),
    (date(2026, 8, 1), date(2026, 8, 2), ActivityStatus.completed, ActivityKind.course),
    (None, None, ActivityStatus.completed, ActivityKind.mentoring),
    (None, date(2026, 5, 20), ActivityStatus.completed, ActivityKind.mentoring),
    (
        date(2026, 5, 5),
        date(2026, 5, 5),
        ActivityStatus.completed,
        ActivityKind.interview_given,
    ),
    (
        date(2026, 4, 30),
        date(2026, 5, 1),
        ActivityStatus.completed,
        ActivityKind.interview_conducted,
    ),
    (
        date(2025, 8, 1),
        date(2025, 8, 31),
        ActivityStatus.completed,
        ActivityKind.conference_workshop,
    ),
    (date(2024, 3, 1), date(2024, 3, 2), ActivityStatus.completed, ActivityKind.course),
    (
        date(2026, 7, 15),
        date(2026, 7, 15),
        ActivityStatus.completed,
        ActivityKind.certification,
    ),
]
