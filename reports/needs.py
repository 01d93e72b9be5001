"""Training needs per department and cycle: open, in progress, met, dropped — and
**never acted on**.

A need was never acted on when it is still open or in progress, has no evidence linked
(no ``NeedEvidence`` row and no ``evidence_at``), and is past its due date or was named
more than ``STALE_DAYS`` days ago. "Never acted on" is a subset of open + in progress;
the chart splits it out. A need's cycle is the cycle of the review that named it
("Outside cycles" otherwise); a period filters on the day the need was named.
A department is flagged when at least ``FLAG_MIN`` of its needs were named and at least
half of them were never acted on. One statement.
"""

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from core.charts import bar_chart
from core.extensions import db
from people.models import Department, Employee
from reports.base import Filters, pct, scope_ids
from reports.result import Fact, ReportResult, table_columns
from reviews.enums import TrainingNeedStatus as N
from reviews.models import NeedEvidence, Review, ReviewCycle, TrainingNeed

SLUG = "needs"
TITLE = "Training needs"
DESCRIPTION = "Needs named per department and cycle, and those never acted on."
FILTERS = ("department_id", "cycle_id", "period", "job_title")
STALE_DAYS = 90
FLAG_MIN = 3
OUTSIDE = "Outside cycles"
NO_DEPARTMENT = "No department"

COLUMNS = table_columns(
    """
    department         | Department
    cycle              | Cycle
    named              | Needs named        | number
    open               | Open               | number
    in_progress        | In progress        | number
    met                | Met                | number
    dropped            | Dropped            | number
    never_acted_on     | Never acted on     | number
    never_acted_on_pct | Never acted on (%) | number
    """
)


def never_acted_on_clause(today):
    """``never_acted_on`` as SQL (the same rule, for counting in the database)."""
    cutoff = datetime.combine(today - timedelta(days=STALE_DAYS), time.min, tzinfo=UTC)
    evidence = sa.exists().where(NeedEvidence.need_id == TrainingNeed.id)
    return sa.and_(
        TrainingNeed.status.in_((N.open, N.in_progress)),
        ~evidence,
        TrainingNeed.evidence_at.is_(None),
        sa.or_(TrainingNeed.due_on < today, TrainingNeed.created_at < cutoff),
    )


def need_groups(actor, filters: Filters, today) -> list:
    """(department, cycle, status, needs, never acted on), counted in the database."""
    never = sa.func.sum(sa.case((never_acted_on_clause(today), 1), else_=0))
    stmt = (
        sa.select(
            Department.name.label("department"),
            ReviewCycle.name.label("cycle"),
            TrainingNeed.status,
            sa.func.count(TrainingNeed.id).label("needs"),
            never.label("never"),
        )
        .join(Employee, Employee.id == TrainingNeed.employee_id)
        .outerjoin(Department, Department.id == Employee.department_id)
        .outerjoin(Review, Review.id == TrainingNeed.source_review_id)
        .outerjoin(ReviewCycle, ReviewCycle.id == Review.cycle_id)
        .where(TrainingNeed.employee_id.in_(scope_ids(actor, filters)))
        .group_by(Department.name, ReviewCycle.name, TrainingNeed.status)
    )
    if filters.cycle_id:
        stmt = stmt.where(Review.cycle_id == filters.cycle_id)
    return db.session.execute(_in_period(stmt, filters)).all()


def _in_period(stmt: sa.Select, filters: Filters) -> sa.Select:
    """``stmt`` kept to needs named in the period filter."""
    if filters.period_from:
        stmt = stmt.where(TrainingNeed.created_at >= filters.since())
    if filters.period_to:
        stmt = stmt.where(TrainingNeed.created_at < filters.until())
    return stmt


def never_acted_on(row, today) -> bool:
    """Open or in progress, no evidence, and past due or older than 90 days."""
    if row.status not in (N.open, N.in_progress) or row.evidence:
        return False
    past_due = row.due_on is not None and row.due_on < today
    return past_due or row.created_at.date() < today - timedelta(days=STALE_DAYS)


def build(filters: Filters, actor, today) -> ReportResult:
    groups: dict[tuple, dict] = {}
    for r in need_groups(actor, filters, today):
        g = groups.setdefault(
            (r.department or NO_DEPARTMENT, r.cycle or OUTSIDE),
            {
                "named": 0,
                "never_acted_on": 0,
                "acted": 0,
                "waiting": 0,
                **{s.value: 0 for s in N},
            },
        )
        never = int(r.never or 0)
        g["named"] += r.needs
        g[r.status.value] += r.needs
        g["never_acted_on"] += never
        if r.status is N.in_progress:
            g["acted"] += r.needs - never
        elif r.status is N.open:
            g["waiting"] += r.needs - never
    rows = [
        {
            "department": d,
            "cycle": c,
            **g,
            "never_acted_on_pct": pct(g["never_acted_on"], g["named"]),
        }
        for (d, c), g in sorted(groups.items())
    ]
    named = sum(r["named"] for r in rows)
    never = sum(r["never_acted_on"] for r in rows)
    by_dept = _by_department(rows)
    notes = [
        f"{dept}: {g['never_acted_on']} of {g['named']} training needs named "
        f"({pct(g['never_acted_on'], g['named']):g}%) were never acted on — no evidence, "
        "and past due or named over 90 days ago."
        for dept, g in by_dept.items()
        if g["named"] >= FLAG_MIN and 2 * g["never_acted_on"] >= g["named"]
    ]
    chart = bar_chart(
        [
            (d, [g["met"], g["acted"], g["waiting"], g["never_acted_on"], g["dropped"]])
            for d, g in by_dept.items()
        ],
        [
            ("Met", "s-good"),
            ("In progress", "s-busy"),
            ("Open, not yet overdue", "s-wait"),
            ("Never acted on", "s-bad"),
            ("Dropped", "s-off"),
        ],
        "Training needs by department",
    )
    facts = [
        Fact("Needs named", named),
        Fact("Met", sum(r["met"] for r in rows)),
        Fact("Never acted on", f"{never} ({pct(never, named) or 0:g}%)", never > 0),
    ]
    caption = "Training needs by department and cycle"
    return ReportResult(COLUMNS, rows, chart, facts=facts, notes=notes, caption=caption)


def _by_department(rows: list[dict]) -> dict[str, dict]:
    keys = ("named", "met", "dropped", "never_acted_on", "acted", "waiting")
    out: dict[str, dict] = {}
    for r in rows:
        g = out.setdefault(r["department"], dict.fromkeys(keys, 0))
        for key in keys:
            g[key] += r[key]
    return out


def key_figure(filters: Filters, actor, today) -> tuple[int, str]:
    """The dashboard's number: the needs never acted on, counted (one statement)."""
    stmt = sa.select(sa.func.count(TrainingNeed.id)).where(
        TrainingNeed.employee_id.in_(scope_ids(actor, filters)),
        never_acted_on_clause(today),
    )
    if filters.cycle_id:
        stmt = stmt.join(Review, Review.id == TrainingNeed.source_review_id).where(
            Review.cycle_id == filters.cycle_id
        )
    return db.session.scalar(_in_period(stmt, filters)) or 0, (
        "training needs never acted on"
    )
