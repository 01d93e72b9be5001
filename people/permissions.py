"""Who may see and change people, departments, skills, role profiles and accounts.

Decisions the brief left open:
- The directory (name, title, department, manager) is visible to every signed-in person, as
  in any company directory; inactive people only to HR and admin.
- Skill levels and skill history of a person are visible to the person, their managers
  (direct and indirect) and HR.
- HR edits people, departments, skills and role profiles; admin edits accounts (role flags,
  enabled). Nobody edits their own role flags.
"""

import sqlalchemy as sa
from flask import g, has_request_context

from core.extensions import db
from people.models import (
    Department,
    Employee,
    ReportingLine,
    RoleProfile,
    Skill,
    User,
)


def report_ids_select(manager_employee_id: int | sa.ColumnElement[int]) -> sa.Select:
    """A select of ids of every direct and indirect report: one indexed lookup in the
    reporting lines (``people.org_tree``), whatever the size of the subtree."""
    return sa.select(ReportingLine.employee_id).where(
        ReportingLine.manager_id == manager_employee_id
    )


def reports_to(
    manager_employee_id: int | sa.ColumnElement[int], employee_id_column
) -> sa.ColumnElement[bool]:
    """True where ``employee_id_column`` is a direct or indirect report of the manager:
    a primary-key probe per candidate row, for queries that narrow their own rows first
    (interviews awaiting approval) rather than walk a senior manager's subtree."""
    return sa.exists().where(
        ReportingLine.manager_id == manager_employee_id,
        ReportingLine.employee_id == employee_id_column,
    )


# The reporting lines above one employee, nearest first: built once, run with the id.
_MANAGER_CHAIN = (
    sa.select(ReportingLine.manager_id)
    .where(ReportingLine.employee_id == sa.bindparam("employee_id"))
    .order_by(ReportingLine.depth)
)


def manager_chain_ids(employee_id: int | None) -> list[int]:
    """Ids of the employee's managers, nearest first (one query; cached per request)."""
    if employee_id is None:
        return []
    cache = g.setdefault("_manager_chain", {}) if has_request_context() else {}
    if employee_id in cache:
        return cache[employee_id]
    ids = list(db.session.scalars(_MANAGER_CHAIN, {"employee_id": employee_id}))
    cache[employee_id] = ids
    return ids


def is_manager_of(user, employee_or_id) -> bool:
    """True if ``user`` manages the employee directly or indirectly."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.employee_id is None or employee_or_id is None:
        return False
    emp_id = getattr(employee_or_id, "id", employee_or_id)
    return user.employee_id in manager_chain_ids(emp_id)


def is_direct_manager_of(user, employee: Employee | None) -> bool:
    """The user is the employee's direct manager."""
    return (
        user is not None
        and employee is not None
        and user.employee_id is not None
        and employee.manager_id == user.employee_id
    )


def has_reports(user) -> bool:
    """True if the user manages anyone (cached per request)."""
    if user is None or user.employee_id is None:
        return False
    key = ("_has_reports", user.employee_id)
    if has_request_context() and key in g:
        return g.get(key)
    value = db.session.scalar(
        sa.select(sa.exists().where(Employee.manager_id == user.employee_id))
    )
    if has_request_context():
        g.setdefault(key, value)
    return bool(value)


def is_hr(user) -> bool:
    """The account holds the HR role."""
    return bool(user is not None and getattr(user, "is_hr", False))


def is_admin(user) -> bool:
    """The account holds the admin role."""
    return bool(user is not None and getattr(user, "is_admin", False))


def is_hr_or_manager(user) -> bool:
    """HR, or anyone with reports (a manager): who runs cycles, needs and team goals."""
    return is_hr(user) or has_reports(user)


def visible_people(user) -> sa.Select:
    """People the user may list: active ones; HR and admin also the inactive."""
    stmt = sa.select(Employee)
    if not (is_hr(user) or is_admin(user)):
        stmt = stmt.where(Employee.is_active.is_(True))
    return stmt


def can_view_person(user, employee: Employee | None) -> bool:
    """Anyone signed in sees active people; HR and admin the inactive too."""
    if user is None or employee is None or not user.is_authenticated:
        return False
    return employee.is_active or is_hr(user) or is_admin(user)


def can_view_skill_levels(user, employee: Employee | None) -> bool:
    """The person, their managers (direct or indirect) and HR."""
    if not can_view_person(user, employee):
        return False
    return (
        user.employee_id == employee.id or is_hr(user) or is_manager_of(user, employee)
    )


def can_edit_person(user, employee: Employee | None) -> bool:
    """HR edits people."""
    return employee is not None and is_hr(user)


def can_set_own_time_zone(user) -> bool:
    """A signed-in person sets her own time zone; an account without a person has no
    record to hold one (it reads the organisation's)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.employee_id is not None


def can_create_person(user) -> bool:
    """HR adds people."""
    return is_hr(user)


def can_import_people(user) -> bool:
    """HR imports people from a CSV file (the page and the API; the CLI is the operator)."""
    return is_hr(user)


def can_edit_department(user, department: Department | None = None) -> bool:
    """HR edits departments."""
    return is_hr(user)


def can_edit_skill(user, skill: Skill | None = None) -> bool:
    """HR edits skills."""
    return is_hr(user)


def can_edit_role_profile(user, profile: RoleProfile | None = None) -> bool:
    """HR edits role profiles."""
    return is_hr(user)


def can_manage_account(user, account: User | None = None) -> bool:
    """Admins manage accounts, but never their own role flags."""
    if not is_admin(user):
        return False
    return account is None or account.id != user.id


def can_view_account_states(user) -> bool:
    """HR and admins see whose account is active, invited, disabled or missing."""
    return is_hr(user) or is_admin(user)
