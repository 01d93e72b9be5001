"""Import people from CSV: all or nothing.

Columns: ``email, name, job_title, department, manager_email, hired_on`` (ISO date or
empty). Existing people are updated by email; unknown departments are created. Every bad
row is reported with its line number and reason (a cell with NUL or another control
character, or longer than its column, is a bad row), and then nothing is written;
``--dry-run`` runs every check the real import runs. A manager
must be in the file or already in Trellis, and the result may not contain a management
loop. Rows are written with bulk statements (a 5,000-row file takes a few seconds).

The same import runs from the CLI, HR's page (``/people/import``) and the API
(``POST /api/v1/people/import``) through ``people.services.import_people``. Page and API
take at most ``MAX_BYTES`` (1 MiB, about 10,000 rows); larger files go through the CLI.
The result lists every row with what it would do (``rows``: new or update), so the
dry-run report shows exactly what the confirm will write.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from core.audit import record_event
from core.dates import RANGE_MESSAGE, is_plausible
from core.db import utcnow
from core.errors import ValidationFailed
from core.extensions import db
from core.fields import text_problem
from people import org_tree
from people.models import Department, Employee

COLUMNS = ("email", "name", "job_title", "department", "manager_email", "hired_on")
EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
MAX_BYTES = 1024 * 1024
SIZE_MESSAGE = (
    "The file is larger than 1 MB; split it, or import it with `flask people import`."
)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    departments_created: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)  # every row's, in file order
    rows: list[dict] = field(default_factory=list)  # every row and its action


class ImportFailed(ValidationFailed):
    def __init__(self, row_errors: list[tuple[int, str]]):
        super().__init__(
            f"{len(row_errors)} row(s) have errors; nothing was imported.",
            {f"line {line}": reason for line, reason in row_errors},
        )
        self.row_errors = row_errors


def _tick(progress, n=1):
    if progress is not None:
        progress(n)


def parse_rows(text: str, progress=None) -> tuple[list[dict], list[tuple[int, str]]]:
    """Check every row on its own; return (rows with their line numbers, errors)."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [(1, f"missing column(s): {', '.join(missing)}")]
    reader.fieldnames = header
    rows, errors, seen = [], [], {}
    try:
        for raw in reader:
            _tick(progress)
            rows.append(_check_row(raw, reader.line_num, seen, errors))
    except csv.Error as exc:  # a cell past the csv module's field limit, …
        # line_num still counts the lines before the one that failed.
        errors.append((reader.line_num + 1, f"the file is not valid CSV ({exc})"))
    if not rows and not errors:
        errors.append((1, "the file has no rows"))
    return rows, errors


def _check_row(raw: dict, line: int, seen: dict, errors: list) -> dict:
    """The row cleaned, its problems appended to ``errors`` as ``(line, reason)``."""
    row = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    problems = [
        f"{column} {problem}"
        for column in COLUMNS
        if (problem := text_problem(row[column]))
    ]
    row["email"] = row["email"].lower()
    row["manager_email"] = row["manager_email"].lower()
    if not EMAIL.match(row["email"]) or len(row["email"]) > 254:
        problems.append(f"email {row['email']!r} is not a valid address")
    elif row["email"] in seen:
        problems.append(f"email {row['email']} also on line {seen[row['email']]}")
    else:
        seen[row["email"]] = line
    if not row["name"] or len(row["name"]) > 160:
        problems.append("name is required (at most 160 characters)")
    if len(row["job_title"]) > 120 or len(row["department"]) > 120:
        problems.append("job_title and department take at most 120 characters")
    if row["manager_email"] and row["manager_email"] == row["email"]:
        problems.append("a person cannot be their own manager")
    try:
        row["hired_on"] = (
            date.fromisoformat(row["hired_on"]) if row["hired_on"] else None
        )
    except ValueError:
        problems.append(f"hired_on {row['hired_on']!r} is not a date (YYYY-MM-DD)")
    else:
        if row["hired_on"] and not is_plausible(row["hired_on"]):
            problems.append(f"hired_on {row['hired_on']}: {RANGE_MESSAGE.lower()}")
    if len(row["manager_email"]) > 254:
        problems.append("manager_email takes at most 254 characters")
    if problems:
        errors.append((line, "; ".join(problems)))
    row["line"] = line
    return row


def _graph_errors(rows, existing) -> list[tuple[int, str]]:
    """Unknown managers and management loops in the org chart after the import."""
    errors = []
    by_email = {r["email"]: r for r in rows}
    manager_of = {email: mgr for email, (_id, mgr) in existing.items()}
    for r in rows:
        mgr = r["manager_email"]
        if mgr and mgr not in by_email and mgr not in existing:
            errors.append(
                (r["line"], f"manager {mgr} is neither in the file nor in Trellis")
            )
        manager_of[r["email"]] = mgr or None
    state: dict[str, int] = {}  # 1 = on the current path, 2 = known to end
    for start in by_email:
        path, node = [], start
        while node and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = manager_of.get(node)
        if node and state.get(node) == 1:
            loop = path[path.index(node) :]
            line = by_email.get(node, {}).get("line", 0)
            errors.append((line, "management loop: " + " → ".join([*loop, node])))
        for n in path:
            state[n] = 2
    return errors


def import_people(actor, text: str, *, progress=None, dry_run=False) -> ImportResult:
    """Validate the whole file, then write it in bulk; raise ImportFailed on any error."""
    rows, errors = parse_rows(text, progress)
    emp = Employee.__table__
    existing_rows = db.session.execute(
        sa.select(emp.c.id, emp.c.email, emp.c.manager_id)
    ).all()
    email_of = {r.id: r.email for r in existing_rows}
    existing = {r.email: (r.id, email_of.get(r.manager_id)) for r in existing_rows}
    errors += _graph_errors([r for r in rows if EMAIL.match(r["email"])], existing)
    if errors:
        raise ImportFailed(sorted(errors))
    result = ImportResult()
    departments = dict(
        db.session.execute(sa.select(Department.name, Department.id)).all()
    )
    wanted = sorted(
        {r["department"] for r in rows if r["department"]} - set(departments)
    )
    result.departments_created = wanted
    result.created = sum(1 for r in rows if r["email"] not in existing)
    result.updated = len(rows) - result.created
    result.emails = [r["email"] for r in rows]
    result.rows = [
        {
            **{k: r[k] for k in ("line", *COLUMNS)},
            "action": "update" if r["email"] in existing else "create",
        }
        for r in rows
    ]
    if dry_run:
        return result
    now = utcnow()
    if wanted:
        db.session.execute(
            sa.insert(Department.__table__),
            [
                {
                    "name": n,
                    "description": "",
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for n in wanted
            ],
        )
        departments = dict(
            db.session.execute(sa.select(Department.name, Department.id)).all()
        )

    def values(r):
        return {
            "name": r["name"],
            "job_title": r["job_title"],
            "department_id": departments.get(r["department"]),
            "hired_on": r["hired_on"],
            "updated_at": now,
        }

    new = [
        {
            **values(r),
            "email": r["email"],
            "is_active": True,
            "version": 1,
            "created_at": now,
        }
        for r in rows
        if r["email"] not in existing
    ]
    if new:
        db.session.execute(sa.insert(emp), new)
    ids = dict(db.session.execute(sa.select(emp.c.email, emp.c.id)).all())
    updates = [
        {**values(r), "_id": ids[r["email"]], "_mgr": ids.get(r["manager_email"])}
        for r in rows
    ]
    db.session.execute(
        sa.update(emp)
        .where(emp.c.id == sa.bindparam("_id"))
        .values(
            name=sa.bindparam("name"),
            job_title=sa.bindparam("job_title"),
            department_id=sa.bindparam("department_id"),
            hired_on=sa.bindparam("hired_on"),
            manager_id=sa.bindparam("_mgr"),
            updated_at=sa.bindparam("updated_at"),
            version=emp.c.version + 1,
        ),
        updates,
    )
    # Bulk statements bypass the session's listener: recompute the reporting lines.
    org_tree.rebuild(db.session.connection())
    db.session.expire_all()
    record_event(
        actor,
        "Employee",
        "people_imported",
        {
            "created": result.created,
            "updated": result.updated,
            "departments_created": wanted,
        },
    )
    db.session.flush()
    return result
