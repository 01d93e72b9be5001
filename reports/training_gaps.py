"""Training gaps: a heat map department × skill of the people below the level their
role profile expects, with the average gap; a cell links to the people behind it.

One statement, counted in the database: the latest assessed level per (person, skill)
joined to the expected levels of each person's job title, grouped by department and
skill; a second one lists the people of a clicked cell (``skill_id``). A person never
assessed on an expected skill counts as "not assessed", not as a gap of the whole level. Cells count people by
their own department; the people list of a cell follows the department filter, so a
parent department's list includes its sub-departments. The heat map has a column for
every skill a role profile expects of someone in scope, alphabetically — a top-ten cut
once left Finance looking empty and hid a skill with everyone below — and scrolls
sideways with a visible hint; the clicked cell (department and skill) is highlighted,
and its link ends in ``#cell-people``: the heading of its people, which names the cell,
so focus lands on the result, not at the top of the reloaded page.

The page shows ``DEPARTMENTS_PER_PAGE`` departments at a time, chart and table twin
alike (a 20,000-person organisation has 346 departments × 30 skills: 10,382 rows and
6 MB of page in one); the facts count every department, the CSV and the API carry
every row. Paged rather than collapsed into parent departments: a cell keeps counting
the people of its own department (the figures of the CSV and the API), and the
department filter is the drill-down — a division and its teams fit on one page. A
clicked cell's page is the one holding its department (its link drops the page
number), so the highlighted cell is always on screen.

The latest level per (person, skill) is ``people.queries.expected_skill_levels``:
"no later level" as NOT EXISTS on an index that holds the level — measured against a
window function (2× slower at 20,000 people) and a maintained "latest" flag (as fast,
but every writer of levels, bulk inserts included, would have to keep it).
"""

import math

import sqlalchemy as sa

from core.charts import heat_map
from core.extensions import db
from core.pagination import HtmlPage
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
DEPARTMENTS_PER_PAGE = 25  # of the heat map and its table twin (25 × 30 skills)

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
    """Per department and skill: people expected, below, not assessed, summed gap.

    Grouped by the ids alone, the names joined to the groups afterwards: the database
    sorts 10,000 short keys instead of 100,000 rows with names at 20,000 people."""

    def columns(latest):
        expected = RoleProfileSkill.expected_level
        below = sa.and_(latest.c.level.is_not(None), latest.c.level < expected)
        return (
            Employee.department_id,
            Skill.id.label("skill_id"),
            sa.func.count().label("expected"),
            sa.func.sum(sa.case((below, 1), else_=0)).label("below"),
            sa.func.sum(sa.case((latest.c.level.is_(None), 1), else_=0)).label("none"),
            sa.func.sum(sa.case((below, expected - latest.c.level), else_=0)).label(
                "gap"
            ),
        )

    stmt, _ = expected_skill_levels(scope_ids(actor, filters), columns)
    groups = stmt.group_by(Employee.department_id, Skill.id).subquery("gap_groups")
    return db.session.execute(
        sa.select(
            groups.c.department_id,
            Department.name.label("department"),
            groups.c.skill_id,
            Skill.name.label("skill"),
            groups.c.expected,
            groups.c.below,
            groups.c.none,
            groups.c.gap,
        )
        .select_from(groups)
        .join(Skill, Skill.id == groups.c.skill_id)
        .outerjoin(Department, Department.id == groups.c.department_id)
    ).all()


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
    # Unpacked, not read by attribute: 10,000 rows at 20,000 people.
    for (
        department_id,
        department,
        skill_id,
        skill,
        expected,
        below,
        none,
        gap,
    ) in gap_cells(actor, filters):
        below, gap = int(below or 0), int(gap or 0)
        out.append(
            {
                "department": department or NO_DEPARTMENT,
                "skill": skill,
                "expected": expected,
                "below": below,
                "below_pct": pct(below, expected),
                "not_assessed": int(none or 0),
                "average_gap": round(gap / below, 2) if below else None,
                "department_id": department_id,
                "skill_id": skill_id,
            }
        )
    out.sort(key=lambda r: (r["department"], r["skill"]))
    below = sum(r["below"] for r in out)
    result = ReportResult(
        COLUMNS,
        out,
        _chart(department_page(out, filters).items, filters, _skills(out)),
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


def _departments(rows: list[dict]) -> list[tuple]:
    """(name, id) of every department of ``rows``, in the heat map's order."""
    return sorted({(r["department"], r["department_id"]) for r in rows})


def department_page(rows: list[dict], filters: Filters, raw_page=None) -> HtmlPage:
    """The rows of one page of ``DEPARTMENTS_PER_PAGE`` departments (``total``: the
    departments). ``raw_page`` is the ``page`` query argument: bad values are page 1,
    past the end the last page; without one, the page of a clicked cell's department
    (else the first)."""
    departments = _departments(rows)
    pages = max(1, math.ceil(len(departments) / DEPARTMENTS_PER_PAGE))
    ids = [d for _, d in departments]
    if raw_page not in (None, ""):
        try:
            page = int(raw_page)
        except ValueError:
            page = 1
    elif filters.skill_id and filters.department_id in ids:
        page = ids.index(filters.department_id) // DEPARTMENTS_PER_PAGE + 1
    else:
        page = 1
    page = min(max(page, 1), pages)
    start = (page - 1) * DEPARTMENTS_PER_PAGE
    shown = {d for _, d in departments[start : start + DEPARTMENTS_PER_PAGE]}
    items = [r for r in rows if r["department_id"] in shown]
    return HtmlPage(items, page, DEPARTMENTS_PER_PAGE, len(departments))


def page_result(result: ReportResult, filters: Filters, raw_page) -> HtmlPage:
    """The page the HTML shows: its rows, and ``result.chart`` redrawn for them when
    it is not the page ``build`` drew."""
    page = department_page(result.rows, filters, raw_page)
    if page.page != department_page(result.rows, filters).page:
        result.chart = _chart(page.items, filters, _skills(result.rows))
    return page


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


def _skills(rows: list[dict]) -> list[tuple]:
    """(name, id) of every skill of ``rows``: the heat map's columns on every page."""
    return sorted({(r["skill"], r["skill_id"]) for r in rows})


def _chart(out: list[dict], filters: Filters, skills: list[tuple]):
    departments = _departments(out)
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
    """The dashboard's number: (person, skill) pairs below, counted in the database
    (no department join, no grouping; one statement)."""

    def columns(latest):
        return (sa.func.count(),)

    stmt, latest = expected_skill_levels(scope_ids(actor, filters), columns)
    below = db.session.scalar(
        stmt.where(latest.c.level < RoleProfileSkill.expected_level)
    )
    return below or 0, "people × skills below the expected level"
