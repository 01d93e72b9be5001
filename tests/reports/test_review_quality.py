import sqlalchemy as sa

from reports import review_quality
from reviews.enums import QualityRule
from reviews.enums import ReviewStatus as S
from reviews.models import Review, ReviewQualityFlag
from tests.reports.conftest import add_review, build, rows_by


def _arrange(world, db):
    flat = add_review(
        world, world.ana, reviewer=world.mona, overall=4, ratings=[4, 4, 4]
    )
    db.session.add_all(
        [
            ReviewQualityFlag(review_id=flat.id, rule=QualityRule.identical_ratings),
            ReviewQualityFlag(review_id=flat.id, rule=QualityRule.no_comments),
        ]
    )
    add_review(
        world,
        world.ben,
        reviewer=world.mona,
        overall=5,
        ratings=[5, 4, 5],
        status=S.shared,
    )
    add_review(world, world.dan, reviewer=world.olaf, overall=2, ratings=[2, 3, 2])
    add_review(
        world,
        world.cara,
        reviewer=world.ben,
        overall=3,
        ratings=[3, 3],
        status=S.acknowledged,
    )  # two ratings: not "every rating identical"
    add_review(
        world,
        world.dan,
        cycle=world.cycle,
        reviewer=world.olaf,
        overall=1,
        status=S.manager_in_progress,
    )  # a draft: not counted
    db.session.commit()


def test_flags_distribution_and_leniency_by_manager(world, db):
    _arrange(world, db)
    result = build(review_quality, world.hr)
    keys = (
        "reviews",
        "flagged",
        "flagged_pct",
        "identical_pct",
        "mean_overall",
        "vs_organisation",
        "tendency",
    )
    rows = rows_by(result, "manager")
    assert {k[0]: tuple(r[x] for x in keys) for k, r in rows.items()} == {
        "Ben Lead": (1, 0, 0.0, 0.0, 3.0, -0.5, "severe"),
        "Mona Head": (2, 1, 50.0, 50.0, 4.5, 1.0, "lenient"),
        "Olaf Head": (1, 0, 0.0, 0.0, 2.0, -1.5, "severe"),
    }
    assert [rows[("Mona Head",)][f"rated_{n}"] for n in range(1, 6)] == [0, 0, 0, 1, 1]
    assert result.facts[-1].value == 3.5  # the organisation's mean
    flags = {r["manager"]: r for r in result.tables[0].rows}
    assert flags["Mona Head"]["identical_ratings"] == 1
    assert flags["Mona Head"]["no_comments"] == 1


def test_manager_sees_their_subtree_against_the_whole_organisation(world, db):
    _arrange(world, db)
    result = build(review_quality, world.mona)
    assert [(r["manager"], r["reviews"]) for r in result.rows] == [
        ("Ben Lead", 1),
        ("Mona Head", 2),
    ]
    assert result.facts[-1].value == 3.5


def test_cycle_filter(world, db):
    _arrange(world, db)
    result = build(review_quality, world.hr, cycle_id=world.cycle.id)
    assert result.rows == []


def test_disagreements_count_by_manager_and_in_total(world, db):
    _arrange(world, db)
    db.session.execute(
        sa.update(Review)
        .where(Review.employee_id == world.cara.employee_id)  # signed, by Ben
        .values(employee_disagrees=True, employee_comment="Not my deadline.")
    )
    db.session.commit()
    result = build(review_quality, world.hr)
    rows = rows_by(result, "manager")
    assert {k[0]: r["disagreed"] for k, r in rows.items()} == {
        "Ben Lead": 1,
        "Mona Head": 0,
        "Olaf Head": 0,
    }
    fact = next(f for f in result.facts if f.label == "Employee disagrees")
    assert (fact.value, fact.flag) == (1, True)


def test_the_ratings_chart_is_an_ordered_scale(world, db):
    """Rated 1..5 is ordered: one hue light to dark, never a categorical red."""
    _arrange(world, db)
    result = build(review_quality, world.hr)
    assert result.chart.legend == [
        (f"Rated {n}", f"scale-{n - 1}") for n in range(1, 6)
    ]
