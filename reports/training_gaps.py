"""Training gaps: a heat map department × skill of the people below the level their
role profile expects, with the average gap; a cell links to the people behind it.

One statement, counted in the database: the latest assessed level per (person, skill)
(window function) joined to the expected levels of each person's job title, grouped by
department and skill; a second one lists the people of a clicked cell (``skill_id``). A person never assessed on an expected
skill counts as "not assessed", not as a gap of the whole level. Cells count people by
their own department; the people list of a cell follows the department filter, so a
parent department's list includes its sub-departments. The heat map has a column for
every skill a role profile expects of someone in scope, alphabetically — a top-ten cut
once left Finance looking empty and hid a skill with everyone below — and scrolls
sideways with a visible hint; the clicked cell (department and skill) is highlighted,
and its link ends in ``#cell-people``: the heading of its people, which names the cell,
so focus lands on the result, not at the top of the reloaded page.
"""

import sqlalchemy as sa

from core.charts import heat_map
from core.extensions import db
from people.models import Department, Employee, RoleProfileSkill, Skill
from people.queries import expected_skill_levels
from reports.base import Filters, pct, scope_ids
from reports.result import Fact, ReportResult, Table, table_columns

SLUG = "training-gaps"
TITLE = "Training gaps"
DESCRIPTION = (
    "People below the level their role profile expects, by department and skill."
)
FILTERS = ("department_id", "job_title")
NO_DEPARTMENT = "No department"

COLUMNS = table_columns(
    """
    department   | Department
    skill        | Skill
    expected     | People expected to have it | number
    below        | Below the expected level   | number
    below_pct    | Below (%)                  | number
    not_assessed | Not assessed               | number
    average_gap  | Average gap (levels)       | number
    """
)
PEOPLE = table_columns(
    """
    name       | Person
    job_title  | Job title
    department | Department
    skill      | Skill
    expected   | Expected | number
    current    | Current  | number
    gap        | Gap      | number
    """
)


def _gaps(actor, filters: Filters, columns):
    """People in scope × the skills their role profile expects, with the latest level
    (``columns(latest)`` picks what to select)."""
    stmt, latest = expected_skill_levels(scope_ids(actor, filters), columns)
    return stmt.outerjoin(Department, Department.id == Employee.department_id), latest


def gap_cells(actor, filters: Filters) -> list:
    """Per department and skill: people expected, below, not assessed, summed gap."""

    def columns(latest):
        expected = RoleProfileSkill.expected_level
        below = sa.and_(latest.c.level.is_not(None), latest.c.level < expected)
        return (
            Department.id.label("department_id"),
            Department.name.label("department"),
            Skill.id.label("skill_id"),
            Skill.name.label("skill"),
            sa.func.count().label("expected"),
            sa.func.sum(sa.case((below, 1), else_=0)).label("below"),
            sa.func.sum(sa.case((latest.c.level.is_(None), 1), else_=0)).label("none"),
            sa.func.sum(sa.case((below, expected - latest.c.level), else_=0)).label(
                "gap"
            ),
        )

    stmt, _ = _gaps(actor, filters, columns)
    stmt = stmt.group_by(Department.id, Department.name, Skill.id, Skill.name)
    return db.session.execute(stmt).all()


def people_below(actor, filters: Filters, skill_id: int) -> list[dict]:
    """The people below the expected level in one skill (the heat map's click)."""

    def columns(latest):
        return (
            Employee.id,
            Employee.name,
            Employee.job_title,
            sa.func.coalesce(Department.name, NO_DEPARTMENT).label("department"),
            Skill.name.label("skill"),
            RoleProfileSkill.expected_level.label("expected"),
            latest.c.level.label("current"),
        )

    stmt, latest = _gaps(actor, filters, columns)
    stmt = stmt.where(
        Skill.id == skill_id, latest.c.level < RoleProfileSkill.expected_level
    ).order_by(Employee.name, Employee.id)
    return [
        {
            "name": r.name,
            "job_title": r.job_title,
            "department": r.department,
            "skill": r.skill,
            "expected": r.expected,
            "current": r.current,
            "gap": r.expected - r.current,
            "name_url": ("person", r.id),
        }
        for r in db.session.execute(stmt)
    ]


def build(filters: Filters, actor, today) -> ReportResult:
    out = []
    for c in gap_cells(actor, filters):
        below, gap = int(c.below or 0), int(c.gap or 0)
        out.append(
            {
                "department": c.department or NO_DEPARTMENT,
                "skill": c.skill,
                "expected": c.expected,
                "below": below,
                "below_pct": pct(below, c.expected),
                "not_assessed": int(c.none or 0),
                "average_gap": round(gap / below, 2) if below else None,
                "department_id": c.department_id,
                "skill_id": c.skill_id,
            }
        )
    out.sort(key=lambda r: (r["department"], r["skill"]))
    below = sum(r["below"] for r in out)
    result = ReportResult(
        COLUMNS,
        out,
        _chart(out, filters),
        facts=[
            Fact("People × skills below the expected level", below, bool(below)),
            Fact("People × skills not assessed", sum(r["not_assessed"] for r in out)),
            Fact("People × skills expected", sum(r["expected"] for r in out)),
        ],
        caption="Departments × skills: people below their role profile's level",
    )
    if filters.skill_id:
        result.tables.append(
            Table(
                cell_title(out, filters),
                PEOPLE,
                people_below(actor, filters, filters.skill_id),
                anchor=CELL_ANCHOR,
            )
        )
    return result


CELL_ANCHOR = "cell-people"  # the heading a cell's link jumps to (and focus lands on)


def cell_title(out: list[dict], filters: Filters) -> str:
    """The heading of a clicked cell's people, naming the cell as its link does
    ("Sales, Negotiation: people below the expected level")."""
    skill = next((r["skill"] for r in out if r["skill_id"] == filters.skill_id), "")
    department = next(
        (r["department"] for r in out if r["department_id"] == filters.department_id),
        "",
    )
    cell = ", ".join(n for n in (department, skill or "This skill") if n)
    return f"{cell}: people below the expected level"


def _chart(out: list[dict], filters: Filters):
    skills = sorted({(r["skill"], r["skill_id"]) for r in out})
    departments = sorted({(r["department"], r["department_id"]) for r in out})
    d_index = {d: i for i, d in enumerate(departments)}
    s_index = {s: j for j, s in enumerate(skills)}
    base = filters.query_args()
    base.pop("skill_id", None)
    cells, selected = {}, None
    for r in out:
        d, s = (r["department"], r["department_id"]), (r["skill"], r["skill_id"])
        if r["skill_id"] == filters.skill_id and (
            r["department_id"] == filters.department_id or len(departments) == 1
        ):
            selected = (d_index[d], s_index[s])
        said = (
            f"{r['department']}, {r['skill']}: {r['below']} of {r['expected']} below"
            + (f", average gap {r['average_gap']}" if r["below"] else "")
        )
        args = {**base, "department_id": r["department_id"], "skill_id": r["skill_id"]}
        cells[(d_index[d], s_index[s])] = (
            f"{r['below']}/{r['expected']}",
            r["below_pct"],
            said,
            args,
        )
    return heat_map(
        [d[0] for d in departments],
        [s[0] for s in skills],
        cells,
        "People below the expected level, by department and skill",
        selected,
    )


def key_figure(filters: Filters, actor, today) -> tuple[int, str]:
    below = sum(int(c.below or 0) for c in gap_cells(actor, filters))
    return below, "people × skills below the expected level"
