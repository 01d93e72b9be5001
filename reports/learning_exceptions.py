"""The learning report's policy exceptions: informational interviews that went beyond
the interview policy (``development.interview_policy``) — over the monthly count, over
the paid-hours cap, or both — in the report's window, with who approved them (or that
they still wait). One statement.

Only what HR needs to see the policy at work: the person, the day, the planned hours,
which limit and the approval. Never the contact, the purpose or any note (the interview
is the employee's; the exception is the organisation's).
"""

from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from core.extensions import db
from development.models import InformationalInterview as IV  # noqa: N814
from people.models import Department, Employee, User
from reports.result import table_columns

COLUMNS = table_columns(
    """
    name        | Person
    department  | Department
    scheduled   | Interview on
    hours       | Planned hours | number
    exception   | Exception
    approval    | Approval
    """
)
OVER_COUNT = "Over the monthly limit"
OVER_HOURS = "Over the paid-hours cap"


def exception_rows(scope: sa.Select, start: date, end: date) -> list[dict]:
    """Every interview of a person in ``scope`` booked from ``start`` to ``end``
    (inclusive) that needed the manager's approval, oldest first."""
    approver_user = aliased(User, name="approver_user")
    approver = aliased(Employee, name="approver")
    since = datetime.combine(start, time.min, tzinfo=UTC)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC)
    rows = db.session.execute(
        sa.select(
            IV.employee_id,
            Employee.name,
            sa.func.coalesce(Department.name, "No department").label("department"),
            IV.scheduled_at,
            IV.duration_minutes,
            IV.over_count_limit,
            IV.over_hours_cap,
            IV.needs_approval,
            IV.approved_at,
            sa.func.coalesce(approver.name, approver_user.email).label("approved_by"),
        )
        .join(Employee, Employee.id == IV.employee_id)
        .outerjoin(Department, Department.id == Employee.department_id)
        .outerjoin(approver_user, approver_user.id == IV.approved_by_id)
        .outerjoin(approver, approver.id == approver_user.employee_id)
        .where(
            IV.employee_id.in_(scope),
            sa.or_(IV.over_count_limit.is_(True), IV.over_hours_cap.is_(True)),
            IV.scheduled_at >= since,
            IV.scheduled_at < until,
        )
        .order_by(IV.scheduled_at, Employee.name, IV.id)
    ).all()
    return [_row(r) for r in rows]


def _row(r) -> dict:
    exception = " and ".join(
        text
        for text, on in (
            (OVER_COUNT, r.over_count_limit),
            (OVER_HOURS, r.over_hours_cap),
        )
        if on
    )
    if r.approved_at is not None:
        approval = f"Approved by {r.approved_by or 'a former user'} on {r.approved_at:%Y-%m-%d}"
    elif r.needs_approval:
        approval = "Waits for approval"
    else:
        approval = "Not approved"
    return {
        "name": r.name,
        "name_url": ("person", r.employee_id),
        "department": r.department,
        "scheduled": f"{r.scheduled_at:%Y-%m-%d}",
        "hours": round((r.duration_minutes or 0) / 60, 2),
        "exception": exception,
        "approval": approval,
    }
