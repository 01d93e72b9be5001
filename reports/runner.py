"""Running a report for a caller: gate, filters checked against the database, build,
and the audit event of the reports that are audited. Shared by the HTML pages, the CSV
downloads and the API, so the three render the same result."""

import sqlalchemy as sa

from core.audit import record_event
from core.db import utcnow
from core.extensions import db
from people.models import Department, Employee
from reports.base import Filters, check_references, require_reports
from reports.registry import AUDITED, REPORTS
from reports.result import ReportResult
from reviews.models import ReviewCycle


def run(slug: str, filters: Filters, actor, *, fmt: str, today=None) -> ReportResult:
    """Build report ``slug``; raises PermissionDenied (403) or ValidationFailed (422)."""
    require_reports(actor)
    check_references(filters)
    today = today or utcnow().date()
    result = REPORTS[slug].build(filters, actor, today)
    if slug in AUDITED:
        record_event(
            actor,
            "DecisionEvidencePack",
            "opened",
            {
                "format": fmt,
                "filters": filters.query_args(),
                "people": [row["employee_id"] for row in result.rows],
            },
        )
        db.session.commit()
    return result


def filter_choices() -> dict[str, list]:
    """Departments, cycles (newest first) and job titles for the filter form, in one
    statement."""
    departments = sa.select(
        sa.literal_column("'d'").label("kind"),
        Department.id.label("id"),
        Department.name.label("name"),
        sa.cast(sa.null(), sa.String).label("sort"),
    )
    cycles = sa.select(
        sa.literal_column("'c'"),
        ReviewCycle.id,
        ReviewCycle.name,
        sa.cast(ReviewCycle.period_end, sa.String),
    )
    titles = (
        sa.select(
            sa.literal_column("'j'"),
            sa.literal_column("0"),
            Employee.job_title,
            sa.cast(sa.null(), sa.String),
        )
        .where(Employee.is_active.is_(True), Employee.job_title != "")
        .distinct()
    )
    out: dict[str, list] = {"d": [], "c": [], "j": []}
    for kind, ident, name, sort in db.session.execute(
        sa.union_all(departments, cycles, titles)
    ):
        out[kind].append((ident, name, sort or ""))
    return {
        "departments": sorted(((i, n) for i, n, _ in out["d"]), key=lambda d: d[1]),
        "cycles": [
            (i, n) for i, n, _ in sorted(out["c"], key=lambda c: c[2], reverse=True)
        ],
        "job_titles": [(n, n) for n in sorted({n for _, n, _ in out["j"]})],
    }
