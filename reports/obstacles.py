"""Obstacles named in reviews, by category and department over time.

Counted: obstacles of reviews shared with the employee (or later), bucketed by the half
year in which the review period ends ("2025 H2"). Management/leadership and
tools/resources are the organisation's obstacles: when they are most of what was named
(more than half), the report says so plainly — overall and per department with at least
``FLAG_MIN`` obstacles. One statement.
"""

import sqlalchemy as sa

from core.charts import bar_chart
from core.extensions import db
from people.models import Department, Employee
from reports.base import Filters, pct, scope_ids, shared_reviews
from reports.result import Column, Fact, ReportResult, Table
from reviews.enums import ObstacleCategory as C
from reviews.models import Review, ReviewObstacle

SLUG = "obstacles"
TITLE = "Obstacles"
DESCRIPTION = "Obstacles named in reviews by category and department, over time."
FILTERS = ("department_id", "cycle_id", "period", "job_title")
ORGANISATIONAL = (C.management_leadership, C.tools_resources)
FLAG_MIN = 3

COLUMNS = [
    Column("period", "Period"),
    Column("department", "Department"),
    *[Column(c.value, c.title, True) for c in C],
    Column("total", "Total", True),
    Column("organisational_pct", "Management or tools (%)", True),
]
OVER_TIME = [
    Column("period", "Period"),
    *[Column(c.value, c.title, True) for c in C],
    Column("total", "Total", True),
]


def obstacle_rows(actor, filters: Filters) -> list:
    stmt = (
        sa.select(
            ReviewObstacle.category,
            Review.period_end,
            sa.func.coalesce(Department.name, "No department").label("department"),
        )
        .join(Review, Review.id == ReviewObstacle.review_id)
        .join(Employee, Employee.id == Review.employee_id)
        .outerjoin(Department, Department.id == Employee.department_id)
        .where(Review.employee_id.in_(scope_ids(actor, filters)))
    )
    return db.session.execute(shared_reviews(stmt, filters)).all()


def half(day) -> str:
    return f"{day.year} H{1 if day.month <= 6 else 2}"


def _empty() -> dict:
    return {**{c.value: 0 for c in C}, "total": 0}


def _organisational(g: dict) -> int:
    return sum(g[c.value] for c in ORGANISATIONAL)


def build(filters: Filters, actor, today) -> ReportResult:
    groups: dict[tuple, dict] = {}
    by_dept: dict[str, dict] = {}
    by_period: dict[str, dict] = {}
    for r in obstacle_rows(actor, filters):
        period = half(r.period_end)
        for g in (
            groups.setdefault((period, r.department), _empty()),
            by_dept.setdefault(r.department, _empty()),
            by_period.setdefault(period, _empty()),
        ):
            g[r.category.value] += 1
            g["total"] += 1
    rows = [
        {
            "period": p,
            "department": d,
            **g,
            "organisational_pct": pct(_organisational(g), g["total"]),
        }
        for (p, d), g in sorted(groups.items())
    ]
    total = sum(g["total"] for g in by_dept.values())
    organisational = sum(_organisational(g) for g in by_dept.values())
    notes = []
    if total and 2 * organisational > total:
        notes.append(
            f"Most obstacles named ({organisational} of {total}, "
            f"{pct(organisational, total):g}%) are management/leadership or "
            "tools/resources: the problem is the organisation's, not the employees'."
        )
    for dept, g in sorted(by_dept.items()):
        share = _organisational(g)
        if g["total"] >= FLAG_MIN and 2 * share > g["total"]:
            notes.append(
                f"{dept}: {share} of {g['total']} obstacles are management/leadership "
                "or tools/resources — the organisation's to remove."
            )
    chart = bar_chart(
        [(d, [g[c.value] for c in C]) for d, g in sorted(by_dept.items())],
        [c.title for c in C],
        "Obstacles by department and category",
    )
    return ReportResult(
        COLUMNS,
        rows,
        chart,
        facts=[
            Fact("Obstacles named", total),
            Fact(
                "Management/leadership or tools/resources",
                f"{organisational} ({pct(organisational, total) or 0:g}%)",
                bool(total) and 2 * organisational > total,
            ),
        ],
        notes=notes,
        tables=[
            Table(
                "Obstacles over time",
                OVER_TIME,
                [{"period": p, **g} for p, g in sorted(by_period.items())],
            )
        ],
        caption="Obstacles by period, department and category",
    )


def key_figure(filters: Filters, actor, today) -> tuple[str, str]:
    """The dashboard's number: the organisation's share of the obstacles, counted in
    the database (one statement)."""
    organisational = ReviewObstacle.category.in_(ORGANISATIONAL)
    stmt = (
        sa.select(
            sa.func.count(ReviewObstacle.id),
            sa.func.sum(sa.case((organisational, 1), else_=0)),
        )
        .join(Review, Review.id == ReviewObstacle.review_id)
        .where(Review.employee_id.in_(scope_ids(actor, filters)))
    )
    total, share = db.session.execute(shared_reviews(stmt, filters)).one()
    return f"{pct(int(share or 0), total) or 0:g}%", (
        "of obstacles are management or tools"
    )
