from datetime import UTC, date, datetime

from reports import cycle_progress
from reviews.enums import ReviewStatus as S
from tests.reports.conftest import add_review, build, rows_by


def _arrange(world, db):
    c = world.cycle  # self due 10 July (past), manager 20 July, sign-off 31 July
    add_review(world, world.ana, cycle=c, reviewer=world.mona, status=S.not_started)
    add_review(
        world,
        world.ben,
        cycle=c,
        reviewer=world.mona,
        status=S.self_submitted,
        self_submitted_at=datetime(2026, 7, 9, tzinfo=UTC),
    )
    add_review(world, world.cara, cycle=c, reviewer=world.ben, status=S.shared)
    add_review(world, world.dan, cycle=c, reviewer=world.olaf, status=S.acknowledged)
    add_review(
        world, world.dan, reviewer=world.olaf, status=S.not_started
    )  # closed cycle
    db.session.commit()


def test_progress_per_cycle_and_manager_with_overdue_steps(world, db):
    _arrange(world, db)
    result = build(cycle_progress, world.hr)
    keys = (
        "reviews",
        "signed",
        "self_pending",
        "manager_pending",
        "signoff_pending",
        "overdue",
    )
    rows = rows_by(result, "cycle", "manager")
    assert {k: tuple(r[x] for x in keys) for k, r in rows.items()} == {
        ("2026 H1", "Mona Head"): (2, 0, 1, 1, 0, 1),
        ("2026 H1", "Ben Lead"): (1, 0, 0, 0, 1, 0),
        ("2026 H1", "Olaf Head"): (1, 1, 0, 0, 0, 0),
    }
    waiting = result.tables[0].rows
    assert [(w["person"], w["step"], w["who"], w["overdue"]) for w in waiting] == [
        ("Ana Agent", "Self-assessment", "Ana Agent", "yes"),
        ("Ben Lead", "Manager review", "Mona Head", "no"),
        ("Cara Agent", "Sign-off", "Cara Agent", "no"),
    ]


def test_cycle_filter_picks_a_closed_cycle(world, db):
    _arrange(world, db)
    result = build(cycle_progress, world.hr, cycle_id=world.old_cycle.id)
    assert [(r["cycle"], r["manager"], r["overdue"]) for r in result.rows] == [
        ("2025 H2", "Olaf Head", 1)
    ]


def test_manager_sees_only_their_subtree(world, db):
    _arrange(world, db)
    result = build(cycle_progress, world.mona)
    assert sorted(r["manager"] for r in result.rows) == ["Ben Lead", "Mona Head"]
    result = build(cycle_progress, world.ben, period_from=date(2026, 1, 1))
    assert [(r["manager"], r["reviews"]) for r in result.rows] == [("Ben Lead", 1)]
