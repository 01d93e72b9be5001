"""HR sees the interview policy's exceptions in the learning report: over the count,
over the hours, and who approved them."""

from datetime import UTC, date, datetime

from development.models import DevelopmentPolicy
from development.services import interviews as svc
from reports import learning
from tests.reports.conftest import build

NOW = datetime(2026, 7, 14, 9, tzinfo=UTC)


def _book(person, day: date, minutes: int):
    interview = svc.create_interview(person, {"purpose": "Learn"}, now=NOW)
    svc.request_interview(
        person, interview, {"message": "Hi", "sent_on": date(2026, 5, 1)}, now=NOW
    )
    when = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
    svc.schedule_interview(
        person, interview, {"scheduled_at": when, "duration_minutes": minutes}, now=NOW
    )
    return interview


def _arrange(world, db):
    db.session.add(DevelopmentPolicy(interviews_per_month=1, paid_hours_per_month=1.0))
    _book(world.ana, date(2026, 6, 3), 30)  # within both limits
    second = _book(
        world.ana, date(2026, 6, 10), 20
    )  # the second in June: over the count
    svc.approve_interview(world.mona, second, now=NOW)
    _book(world.dan, date(2026, 7, 2), 90)  # 1.5 hours: over the cap, still waiting
    db.session.commit()


def _exceptions(result):
    (table,) = [t for t in result.tables if "policy exceptions" in t.title]
    return table.rows


def test_hr_sees_the_exceptions_and_who_approved_them(world, db):
    _arrange(world, db)
    result = build(learning, world.hr)
    rows = [
        (r["name"], r["scheduled"], r["hours"], r["exception"], r["approval"])
        for r in _exceptions(result)
    ]
    assert rows == [
        (
            "Ana Agent",
            "2026-06-10",
            0.33,
            "Over the monthly limit",
            "Approved by Mona Head on 2026-07-14",
        ),
        ("Dan Rep", "2026-07-02", 1.5, "Over the paid-hours cap", "Waits for approval"),
    ]
    facts = {f.label: f.value for f in result.facts}
    assert facts["Interview policy exceptions"] == 2


def test_a_manager_sees_only_their_subtree_and_the_window_applies(world, db):
    _arrange(world, db)
    assert [r["name"] for r in _exceptions(build(learning, world.mona))] == [
        "Ana Agent"
    ]
    july = build(learning, world.hr, period_from=date(2026, 7, 1))
    assert [r["name"] for r in _exceptions(july)] == ["Dan Rep"]
