"""Review quality: quality flags by manager, each manager's distribution of overall
ratings with their leniency or severity against the organisation, and the share of
reviews in which every rating is identical; and how many signed reviews the employee
disagrees with (each with a reason, listed for HR on the review quality page).

Counted: reviews shared with the employee (or later), by their reviewer; a cycle filter
takes that cycle's reviews, a period the reviews whose period ends in it. "Identical":
three or more manager ratings, all the same. Leniency is the manager's mean overall
rating minus the organisation's for the same cycle or period (the whole organisation,
also for a manager: one aggregate number, no person behind it); ``TENDENCY`` or more
above is "lenient", as far below "severe". Three statements: reviews with their rating
spread, flags, the organisation's mean.
"""

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from core.charts import bar_chart, ordered_series
from core.extensions import db
from people.models import Employee
from reports.base import Filters, pct, scope_ids, shared_reviews
from reports.result import Column, Fact, ReportResult, Table, table_columns
from reviews.enums import QualityRule
from reviews.models import Review, ReviewQualityFlag, ReviewRating

SLUG = "review-quality"
TITLE = "Review quality"
DESCRIPTION = "Quality flags, rating distribution and leniency by manager."
FILTERS = ("department_id", "cycle_id", "period", "job_title")
TENDENCY = 0.5
NO_REVIEWER = "No reviewer"
SCALE = range(1, 6)

COLUMNS = [
    *table_columns(
        """
        manager         | Manager
        reviews         | Reviews shared             | number
        flagged         | Flagged reviews            | number
        flagged_pct     | Flagged (%)                | number
        identical_pct   | Every rating identical (%) | number
        mean_overall    | Mean overall rating        | number
        vs_organisation | Against the organisation   | number
        tendency        | Tendency
        disagreed       | Employee disagrees         | number
        """
    ),
    *[Column(f"rated_{n}", f"Rated {n}", True) for n in SCALE],
]
FLAGS = [Column("manager", "Manager")] + [
    Column(rule.value, rule.title, True) for rule in QualityRule
]


def manager_groups(actor, filters: Filters) -> list:
    """Per reviewer: reviews, identical-rating reviews, overall ratings summed and
    counted, and how many got each rating — counted in the database."""
    spread = (
        sa.select(
            ReviewRating.review_id,
            sa.func.count(ReviewRating.manager_rating).label("rated"),
            sa.func.min(ReviewRating.manager_rating).label("low"),
            sa.func.max(ReviewRating.manager_rating).label("high"),
        )
        .group_by(ReviewRating.review_id)
        .subquery()
    )
    identical = sa.and_(spread.c.rated >= 3, spread.c.low == spread.c.high)
    overall = Review.overall_rating
    reviewer = aliased(Employee)
    stmt = (
        sa.select(
            Review.reviewer_id,
            reviewer.name.label("manager"),
            sa.func.count(Review.id).label("reviews"),
            sa.func.sum(sa.case((identical, 1), else_=0)).label("identical"),
            sa.func.sum(sa.case((Review.employee_disagrees, 1), else_=0)).label(
                "disagreed"
            ),
            sa.func.sum(overall).label("total"),
            sa.func.count(overall).label("rated"),
            *[
                sa.func.sum(sa.case((overall == n, 1), else_=0)).label(f"rated_{n}")
                for n in SCALE
            ],
        )
        .outerjoin(reviewer, reviewer.id == Review.reviewer_id)
        .outerjoin(spread, spread.c.review_id == Review.id)
        .where(Review.employee_id.in_(scope_ids(actor, filters)))
        .group_by(Review.reviewer_id, reviewer.name)
    )
    return db.session.execute(shared_reviews(stmt, filters)).all()


def flag_rows(actor, filters: Filters) -> list:
    stmt = (
        sa.select(
            ReviewQualityFlag.review_id, Review.reviewer_id, ReviewQualityFlag.rule
        )
        .join(Review, Review.id == ReviewQualityFlag.review_id)
        .where(Review.employee_id.in_(scope_ids(actor, filters)))
    )
    return db.session.execute(shared_reviews(stmt, filters)).all()


def organisation_mean(filters: Filters) -> float | None:
    stmt = sa.select(sa.func.avg(Review.overall_rating)).where(
        Review.overall_rating.is_not(None)
    )
    value = db.session.scalar(shared_reviews(stmt, filters))
    return round(float(value), 2) if value is not None else None


def build(filters: Filters, actor, today) -> ReportResult:
    groups = manager_groups(actor, filters)
    flags = flag_rows(actor, filters)
    org_mean = organisation_mean(filters)
    name = {g.reviewer_id: g.manager or NO_REVIEWER for g in groups}
    flagged: dict[int | None, set] = {}
    by_rule: dict[int | None, dict] = {}
    for review_id, reviewer_id, rule in flags:
        flagged.setdefault(reviewer_id, set()).add(review_id)
        counts = by_rule.setdefault(reviewer_id, dict.fromkeys(QualityRule, 0))
        counts[rule] += 1
    rows = []
    for g in sorted(groups, key=lambda g: (name[g.reviewer_id], g.reviewer_id or 0)):
        mean = round(float(g.total) / g.rated, 2) if g.rated else None
        diff = round(mean - org_mean, 2) if None not in (mean, org_mean) else None
        marked = len(flagged.get(g.reviewer_id, ()))
        rows.append(
            {
                "manager": name[g.reviewer_id],
                "reviews": g.reviews,
                "flagged": marked,
                "flagged_pct": pct(marked, g.reviews),
                "identical_pct": pct(int(g.identical or 0), g.reviews),
                "mean_overall": mean,
                "vs_organisation": diff,
                "tendency": _tendency(diff),
                "disagreed": int(g.disagreed or 0),
                **{f"rated_{n}": int(getattr(g, f"rated_{n}") or 0) for n in SCALE},
            }
        )
    total = sum(r["reviews"] for r in rows)
    flagged_total = sum(r["flagged"] for r in rows)
    identical = sum(int(g.identical or 0) for g in groups)
    disagreed = sum(r["disagreed"] for r in rows)
    chart = bar_chart(
        [(r["manager"], [r[f"rated_{n}"] for n in SCALE]) for r in rows],
        ordered_series([f"Rated {n}" for n in SCALE]),  # an ordered scale, one hue
        "Overall ratings by manager",
    )
    flag_table = sorted(
        (
            {
                "manager": name.get(m, NO_REVIEWER),
                **{rule.value: c[rule] for rule in QualityRule},
            }
            for m, c in by_rule.items()
        ),
        key=lambda r: r["manager"],
    )
    return ReportResult(
        COLUMNS,
        rows,
        chart,
        facts=[
            Fact("Reviews shared", total),
            Fact(
                "Flagged",
                f"{flagged_total} ({pct(flagged_total, total) or 0:g}%)",
                flagged_total > 0,
            ),
            Fact("Every rating identical", f"{pct(identical, total) or 0:g}%"),
            Fact("Employee disagrees", disagreed, disagreed > 0),
            Fact("Organisation's mean overall rating", org_mean),
        ],
        tables=[Table("Quality flags by manager and rule", FLAGS, flag_table)],
        caption="Reviews by manager: flags, ratings and leniency",
    )


def _tendency(diff: float | None) -> str:
    if diff is None:
        return ""
    if diff >= TENDENCY:
        return "lenient"
    if diff <= -TENDENCY:
        return "severe"
    return "in line"


def key_figure(filters: Filters, actor, today) -> tuple[str, str]:
    """The dashboard's number: the share of shared reviews with a flag, counted in the
    database (one statement, no rating spread)."""
    flagged = sa.exists().where(ReviewQualityFlag.review_id == Review.id)
    stmt = sa.select(
        sa.func.count(Review.id), sa.func.sum(sa.case((flagged, 1), else_=0))
    ).where(Review.employee_id.in_(scope_ids(actor, filters)))
    reviews, marked = db.session.execute(shared_reviews(stmt, filters)).one()
    return f"{pct(int(marked or 0), reviews) or 0:g}%", "of shared reviews flagged"
