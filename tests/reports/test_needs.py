from datetime import date

from reports import needs
from reviews.enums import TrainingNeedStatus as N
from tests import factories as f
from tests.reports.conftest import TODAY, add_need, add_review, build, rows_by


def _arrange(world, db):
    skill = f.make_skill(name="Writing")
    review = add_review(world, world.ana, reviewer=world.mona, overall=4)
    add_need(world.ana, skill, review=review, due_on=date(2026, 6, 1))  # past due
    add_need(world.ana, skill, review=review, named_on=date(2026, 3, 1))  # > 90 days
    add_need(
        world.ana, skill, status=N.in_progress, due_on=date(2026, 6, 1), evidence=True
    )  # acted on
    add_need(world.ana, skill, named_on=date(2026, 6, 20))  # recent, no due date
    add_need(world.ana, skill, status=N.met, due_on=date(2026, 1, 1), evidence=True)
    add_need(
        world.ana,
        skill,
        status=N.dropped,
        due_on=date(2026, 1, 1),
        drop_reason="Role changed",
    )
    add_need(world.cara, skill, due_on=date(2026, 1, 1), evidence=True)  # evidence
    add_need(world.dan, skill, named_on=date(2026, 7, 1), due_on=date(2026, 8, 1))
    db.session.commit()
    return skill


def counts(row):
    keys = ("named", "open", "in_progress", "met", "dropped", "never_acted_on")
    return tuple(row[k] for k in keys)


def test_needs_by_department_and_cycle_with_never_acted_on(world, db):
    _arrange(world, db)
    result = build(needs, world.hr)
    rows = rows_by(result, "department", "cycle")
    assert {k: counts(r) for k, r in rows.items()} == {
        ("Support", "2025 H2"): (2, 2, 0, 0, 0, 2),
        ("Support", "Outside cycles"): (4, 1, 1, 1, 1, 0),
        ("Support East", "Outside cycles"): (1, 1, 0, 0, 0, 0),
        ("Sales", "Outside cycles"): (1, 1, 0, 0, 0, 0),
    }
    assert rows[("Support", "2025 H2")]["never_acted_on_pct"] == 100.0
    assert result.facts[2].value == "2 (25%)"
    assert result.notes == []


def test_a_department_where_most_needs_were_never_acted_on_is_flagged(world, db):
    skill = f.make_skill()
    for _ in range(3):
        add_need(world.dan, skill, due_on=date(2025, 12, 31))
    db.session.commit()
    result = build(needs, world.hr)
    assert result.notes == [
        "Sales: 3 of 3 training needs named (100%) were never acted on — no evidence, "
        "and past due or named over 90 days ago."
    ]


def test_cycle_and_period_filters(world, db):
    _arrange(world, db)
    by_cycle = build(needs, world.hr, cycle_id=world.old_cycle.id)
    assert [(r["department"], r["named"]) for r in by_cycle.rows] == [("Support", 2)]
    by_period = build(
        needs, world.hr, period_from=date(2026, 6, 15), period_to=date(2026, 7, 15)
    )
    assert sum(r["named"] for r in by_period.rows) == 2  # named 20 June and 1 July


def test_manager_sees_only_their_subtree(world, db):
    _arrange(world, db)
    result = build(needs, world.ben)
    assert [(r["department"], r["named"]) for r in result.rows] == [("Support East", 1)]
    assert TODAY  # the fixed day the figures are computed on
