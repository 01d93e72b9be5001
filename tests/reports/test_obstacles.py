from reports import obstacles
from reviews.enums import ReviewStatus as S
from tests.reports.conftest import add_review, build, rows_by


def _arrange(world, db):
    add_review(
        world,
        world.ana,
        reviewer=world.mona,
        obstacles=["management_leadership", "tools_resources", "workload"],
    )
    add_review(
        world,
        world.cara,
        cycle=world.cycle,
        reviewer=world.ben,
        status=S.shared,
        obstacles=["management_leadership"],
    )
    add_review(world, world.dan, reviewer=world.olaf, obstacles=["personal_other"])
    add_review(
        world,
        world.ben,
        cycle=world.cycle,
        reviewer=world.mona,
        status=S.manager_in_progress,
        obstacles=["skills_training"],
    )  # draft
    db.session.commit()


def test_obstacles_by_period_department_and_category(world, db):
    _arrange(world, db)
    result = build(obstacles, world.hr)
    rows = rows_by(result, "period", "department")
    assert {
        k: (
            r["management_leadership"],
            r["tools_resources"],
            r["workload"],
            r["personal_other"],
            r["total"],
            r["organisational_pct"],
        )
        for k, r in rows.items()
    } == {
        ("2025 H2", "Sales"): (0, 0, 0, 1, 1, 0.0),
        ("2025 H2", "Support"): (1, 1, 1, 0, 3, 66.7),
        ("2026 H1", "Support East"): (1, 0, 0, 0, 1, 100.0),
    }
    assert result.notes == [
        "Most obstacles named (3 of 5, 60%) are management/leadership or "
        "tools/resources: the problem is the organisation's, not the employees'.",
        "Support: 2 of 3 obstacles are management/leadership or tools/resources — "
        "the organisation's to remove.",
    ]
    assert [(r["period"], r["total"]) for r in result.tables[0].rows] == [
        ("2025 H2", 4),
        ("2026 H1", 1),
    ]


def test_no_plain_statement_when_employees_obstacles_dominate(world, db):
    add_review(
        world,
        world.dan,
        reviewer=world.olaf,
        obstacles=["personal_other", "skills_training", "tools_resources"],
    )
    db.session.commit()
    assert build(obstacles, world.hr).notes == []


def test_manager_sees_only_their_subtree(world, db):
    _arrange(world, db)
    result = build(obstacles, world.ben)
    assert [(r["department"], r["total"]) for r in result.rows] == [("Support East", 1)]
