"""What every report shares on the way in: the filters (validated by marshmallow, then
checked against the database), the caller's scope of people and the reviews a report
counts; and the garbage-collector pause of a report request. What a report returns (the
``ReportResult`` and its CSV) is in ``reports.result``.
"""

import gc
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

import sqlalchemy as sa
from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from sqlalchemy.orm import aliased

from core.dates import PlausibleDate
from core.db import descendant_ids_select
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from core.fields import Text
from people.models import Department, Employee
from people.permissions import is_hr
from reports.permissions import can_see_reports
from reviews.enums import ReviewStatus
from reviews.models import Review, ReviewCycle

MAX_ID = 2**31 - 1
SHARED = [s for s in ReviewStatus if s.is_shared]


# --- serving a report ---------------------------------------------------------------

_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False


@contextmanager
def gc_paused():
    """Run a report request without the cyclic garbage collector.

    A whole organisation's report allocates tens of thousands of short-lived rows,
    dicts and tuples; in an app of ~160,000 long-lived objects that sets off a full
    collection or two per request (0.1–0.25 s of a 0.5 s request on fixture L). The
    report's own objects are freed by reference counting either way; the collector is
    switched back on (if it was on) when the last paused request ends, so nesting and
    threads are safe. Also usable as a decorator. Under gunicorn the app's own objects
    are frozen (``core/gunicorn_conf.py``); the pause still spares the walk of the
    report's rows (measured in issue 17, see ``reports``).
    """
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


# --- filters ----------------------------------------------------------------------

ID = {"validate": validate.Range(min=1, max=MAX_ID), "load_default": None}


class ReportFilterSchema(Schema):
    """Filters of every report (each report uses the ones it lists in ``FILTERS``)."""

    department_id = fields.Integer(
        allow_none=True, **ID, metadata={"description": "With its sub-departments."}
    )
    cycle_id = fields.Integer(allow_none=True, **ID)
    period_from = PlausibleDate(
        load_default=None,
        allow_none=True,
        data_key="from",
        metadata={"description": "Start of the period (instead of a cycle)."},
    )
    period_to = PlausibleDate(load_default=None, allow_none=True, data_key="to")
    job_title = Text(
        load_default=None, allow_none=True, validate=validate.Length(max=120)
    )
    skill_id = fields.Integer(
        allow_none=True, **ID, metadata={"description": "training-gaps: the people."}
    )
    people = fields.List(
        fields.Integer(validate=validate.Range(min=1, max=MAX_ID)),
        load_default=list,
        validate=validate.Length(max=500),
        metadata={"description": "decision-evidence: a list of people", "multi": True},
    )

    @validates_schema
    def _period(self, data, **kwargs):
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            raise ValidationError(
                f"The end of the period must be on or after {start.isoformat()}, "
                "its start.",
                "to",
            )
        if data.get("cycle_id") and (start or end):
            raise ValidationError("Choose a cycle or a period, not both.", "cycle_id")


class ReportArgsSchema(ReportFilterSchema):
    """The API's query: the filters and a page of rows."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    page_size = fields.Integer(
        load_default=100, validate=validate.Range(min=1, max=5000)
    )


@dataclass
class Filters:
    department_id: int | None = None
    cycle_id: int | None = None
    period_from: date | None = None
    period_to: date | None = None
    job_title: str | None = None
    skill_id: int | None = None
    people: list[int] = field(default_factory=list)
    cycle: Any = None  # (id, name, period_start, period_end) once checked

    @classmethod
    def from_data(cls, data: dict) -> "Filters":
        keys = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in keys and k != "cycle"})

    def query_args(self) -> dict:
        """The filters as URL query arguments (for links and the CSV download)."""
        args = {
            "department_id": self.department_id,
            "cycle_id": self.cycle_id,
            "from": self.period_from.isoformat() if self.period_from else None,
            "to": self.period_to.isoformat() if self.period_to else None,
            "job_title": self.job_title,
            "skill_id": self.skill_id,
            "people": self.people or None,
        }
        return {k: v for k, v in args.items() if v not in (None, "")}

    def since(self) -> datetime | None:
        return _at(self.period_from)

    def until(self) -> datetime | None:
        """The first moment after the period (exclusive upper bound)."""
        if self.period_to is None:
            return None
        return _at(date.fromordinal(self.period_to.toordinal() + 1))


def _at(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min, tzinfo=UTC) if day else None


def check_references(filters: Filters) -> None:
    """Unknown department or cycle → 422 with the field named (a statement each)."""
    errors = {}
    if filters.department_id and not db.session.scalar(
        sa.select(sa.exists().where(Department.id == filters.department_id))
    ):
        errors["department_id"] = "No such department."
    if filters.cycle_id:
        filters.cycle = db.session.execute(
            sa.select(
                ReviewCycle.id,
                ReviewCycle.name,
                ReviewCycle.period_start,
                ReviewCycle.period_end,
            ).where(ReviewCycle.id == filters.cycle_id)
        ).first()
        if filters.cycle is None:
            errors["cycle_id"] = "No such cycle."
    if errors:
        raise ValidationFailed("The filters are not valid.", errors)


# --- who may see what -------------------------------------------------------------


def shows_reports_entry(user) -> bool:
    """The navigation entry: like ``can_see_reports``, from the flag loaded with the
    account (no statement of its own)."""
    if is_hr(user):
        return True
    loaded = getattr(user, "__dict__", {}).get("manages_people")
    return bool(loaded) if loaded is not None else can_see_reports(user)


def require_reports(user) -> None:
    if not can_see_reports(user):
        raise PermissionDenied("Reports are for HR and managers.")


def department_tree(department_id: int) -> sa.Select:
    """Ids of the department and every sub-department (one recursive CTE)."""
    start = Department.id == department_id
    return descendant_ids_select(Department, "parent_id", start, "report_departments")


def subtree(manager_employee_id: int) -> sa.Select:
    """Ids of the manager's direct and indirect reports (one recursive CTE)."""
    start = Employee.manager_id == manager_employee_id
    return descendant_ids_select(Employee, "manager_id", start, "report_scope")


def scope_ids(actor, filters: Filters) -> sa.Select:
    """A select of the ids of the active people the report covers for ``actor``."""
    person = aliased(Employee, name="scoped")
    stmt = sa.select(person.id).where(person.is_active.is_(True))
    if not is_hr(actor):
        stmt = stmt.where(person.id.in_(subtree(actor.employee_id)))
    if filters.department_id:
        stmt = stmt.where(
            person.department_id.in_(department_tree(filters.department_id))
        )
    if filters.job_title:
        stmt = stmt.where(person.job_title == filters.job_title)
    if filters.people:
        stmt = stmt.where(person.id.in_(filters.people))
    return stmt.correlate(None)


def shared_reviews(stmt: sa.Select, filters: Filters) -> sa.Select:
    """``stmt`` kept to reviews shared with the employee (or later) of the cycle filter,
    or whose period ends in the period filter."""
    stmt = stmt.where(Review.status.in_(SHARED))
    if filters.cycle_id:
        stmt = stmt.where(Review.cycle_id == filters.cycle_id)
    if filters.period_from:
        stmt = stmt.where(Review.period_end >= filters.period_from)
    if filters.period_to:
        stmt = stmt.where(Review.period_end <= filters.period_to)
    return stmt


def people_rows(actor, filters: Filters, *extra) -> list:
    """(id, name, job title, department id, department name, manager id, *extra) of
    the people in scope, by name (one statement)."""
    return db.session.execute(
        sa.select(
            Employee.id,
            Employee.name,
            Employee.job_title,
            Employee.department_id,
            sa.func.coalesce(Department.name, "No department").label("department"),
            Employee.manager_id,
            *extra,
        )
        .outerjoin(Department, Department.id == Employee.department_id)
        .where(Employee.id.in_(scope_ids(actor, filters)))
        .order_by(Employee.name, Employee.id)
    ).all()


def pct(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None
