"""Learning: the keeps-learning status by department, learning activities and hours
over time and by kind, informational interviews conducted and given, and who has stopped
learning.

The figures follow ``development.learning_record`` (counts only — never a private note,
reflection or evidence) but are counted in the database (``reports.learning_figures``):
the people in scope, the policy, one line per person with any activity, and the
activities and hours per kind and month (four statements). The window ends at the
period's end, the cycle's end or today, and starts at the period's or cycle's start or
12 months before (1–36 months). "Stopped learning": inactive now (no evidence in the
policy window) after having had evidence before; people who never had any are counted
separately. "Policy exceptions": the interviews in the window that went over the
interview policy's monthly count or paid-hours cap, and who approved them
(``reports.learning_exceptions``).
"""

from datetime import date

import sqlalchemy as sa

from core.charts import bar_chart
from core.extensions import db
from development.enums import ActivityKind, KeepsLearning
from development.learning_record import COUNTED_STATUSES, current_policy, month_start
from development.models import DevelopmentActivity
from reports.base import Filters, people_rows, scope_ids
from reports.learning_exceptions import COLUMNS as EXCEPTIONS
from reports.learning_exceptions import exception_rows
from reports.learning_figures import (
    NOTHING,
    Window,
    month_kind_totals,
    person_learning,
)
from reports.result import Fact, ReportResult, Table, table_columns

SLUG = "learning"
TITLE = "Learning"
DESCRIPTION = "Keeps-learning status, activities and hours over time, who has stopped."
FILTERS = ("department_id", "cycle_id", "period", "job_title")

COLUMNS = table_columns(
    """
    department           | Department
    people               | People               | number
    active               | Active               | number
    lapsing              | Lapsing              | number
    inactive             | Inactive             | number
    activities           | Learning activities  | number
    hours                | Hours                | number
    interviews_conducted | Interviews conducted | number
    interviews_given     | Interviews given     | number
    """
)
MONTHS = table_columns(
    """
    month      | Month
    activities | Learning activities | number
    hours      | Hours               | number
    """
)
KINDS = table_columns(
    """
    kind       | Kind
    activities | Activities | number
    hours      | Hours      | number
    """
)
GROUP_KEYS = tuple(c.key for c in COLUMNS if c.numeric)  # a department's counts
STOPPED = table_columns(
    """
    name             | Person
    department       | Department
    last_evidence_on | Last learning evidence
    """
)


def window(filters: Filters, today: date) -> tuple[date, int]:
    """(the last day counted, the number of months)."""
    cycle = filters.cycle
    end = filters.period_to or (cycle.period_end if cycle else None) or today
    end = min(end, today)
    start = filters.period_from or (cycle.period_start if cycle else None)
    if start is None:
        return end, 12
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return end, max(1, min(months, 36))


def build(filters: Filters, actor, today) -> ReportResult:
    people = people_rows(actor, filters)
    end, months = window(filters, today)
    scope = scope_ids(actor, filters)
    figures, month_rows, kind_rows, exceptions = {}, [], [], []
    if people:
        policy = current_policy()
        span = Window.of(end, months, policy)
        figures = person_learning(scope, span, policy)
        month_rows, kind_rows = _over_time(scope, span)
        exceptions = exception_rows(scope, span.start, end)
    groups: dict[str, dict] = {}
    stopped, never = [], 0
    for p in people:
        record = figures.get(p.id, NOTHING)
        g = groups.get(p.department)
        if g is None:
            g = groups[p.department] = dict.fromkeys(GROUP_KEYS, 0)
        g["people"] += 1
        g[record.status.value] += 1
        g["activities"] += record.activities
        g["hours"] += record.hours
        g["interviews_conducted"] += record.interviews_conducted
        g["interviews_given"] += record.given_activities
        if record.status is KeepsLearning.inactive:
            if record.last_evidence_on is None:
                never += 1
            else:
                stopped.append(
                    {
                        "name": p.name,
                        "department": p.department,
                        "last_evidence_on": record.last_evidence_on.isoformat(),
                        "name_url": ("person", p.id),
                    }
                )
    rows = [
        {"department": d, **g, "hours": round(g["hours"], 1)}
        for d, g in sorted(groups.items())
    ]
    stopped.sort(key=lambda s: (s["last_evidence_on"], s["name"]))
    chart = bar_chart(
        [(r["department"], [r["active"], r["lapsing"], r["inactive"]]) for r in rows],
        [("Active", "s-good"), ("Lapsing", "s-wait"), ("Inactive", "s-bad")],
        "Keeps-learning status by department",
    )
    count = len(people)
    return ReportResult(
        COLUMNS,
        rows,
        chart,
        facts=[
            Fact("People", count),
            Fact("Keep learning (active)", sum(r["active"] for r in rows)),
            Fact("Stopped learning", len(stopped), bool(stopped)),
            Fact("Never any learning evidence", never, bool(never)),
            Fact("Interview policy exceptions", len(exceptions)),
        ],
        tables=[
            Table(
                f"Learning activities and hours per month (to {end:%b %Y})",
                MONTHS,
                month_rows,
            ),
            Table("Learning activities and hours by kind", KINDS, kind_rows),
            Table("Who has stopped learning", STOPPED, stopped),
            Table(
                "Interview policy exceptions (over the monthly limit or the "
                "paid-hours cap)",
                EXCEPTIONS,
                exceptions,
            ),
        ],
        caption="Keeps-learning status and learning by department",
    )


def _over_time(scope, span: Window) -> tuple[list, list]:
    """Every chart month (also those without any learning) and every kind learnt."""
    per_month = [[0, 0.0] for _ in span.slots]
    kinds: dict[ActivityKind, list] = {}
    for kind, month, n, hours in month_kind_totals(scope, span):
        per_month[month][0] += n
        per_month[month][1] += float(hours)
        slot = kinds.setdefault(kind, [0, 0.0])
        slot[0] += n
        slot[1] += float(hours)
    month_rows = [
        {"month": m.strftime("%b %Y"), "activities": n, "hours": round(h, 1)}
        for m, (n, h) in zip(span.slots, per_month, strict=True)
    ]
    order = list(ActivityKind)
    kind_rows = [
        {"kind": k.title, "activities": n, "hours": round(h, 1)}
        for k, (n, h) in sorted(
            kinds.items(), key=lambda kv: (-kv[1][0], order.index(kv[0]))
        )
    ]
    return month_rows, kind_rows


def key_figure(filters: Filters, actor, today) -> tuple[int, str]:
    """People without learning evidence in the policy window (two statements)."""
    policy = current_policy()
    since = month_start(today, max(policy.window_months, 1) - 1)
    act = DevelopmentActivity
    learning = [k for k in ActivityKind if k.is_learning]
    evidence = sa.select(act.employee_id).where(
        act.kind.in_(learning),
        act.status.in_(COUNTED_STATUSES),
        sa.func.coalesce(act.ended_on, act.started_on) >= since,
        sa.func.coalesce(act.ended_on, act.started_on) <= today,
    )
    scope = scope_ids(actor, filters).subquery()
    count = db.session.scalar(
        sa.select(sa.func.count()).select_from(scope).where(scope.c.id.not_in(evidence))
    )
    return count, "people with no learning evidence lately"
