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

from core.db import ancestor_ids
from core.extensions import db
from people.models import Department, Employee, RoleProfile, Skill, User


def report_ids_select(manager_employee_id: int) -> sa.Select:
    """A select of ids of every direct and indirect report (recursive CTE, one query)."""
    tree = (
        sa.select(Employee.id)
        .where(Employee.manager_id == manager_employee_id)
        .cte("reports", recursive=True)
    )
    child = sa.orm.aliased(Employee)
    tree = tree.union(sa.select(child.id).where(child.manager_id == tree.c.id))
    return sa.select(tree.c.id)


def manager_chain_ids(employee_id: int | None) -> list[int]:
    """Ids of the employee's managers, nearest first (one query; cached per request)."""
    if employee_id is None:
        return []
    cache = g.setdefault("_manager_chain", {}) if has_request_context() else {}
    if employee_id in cache:
        return cache[employee_id]
    ids = ancestor_ids(Employee, "manager_id", employee_id)
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
    return bool(user is not None and getattr(user, "is_hr", False))


def is_admin(user) -> bool:
    return bool(user is not None and getattr(user, "is_admin", False))


def visible_people(user) -> sa.Select:
    stmt = sa.select(Employee)
    if not (is_hr(user) or is_admin(user)):
        stmt = stmt.where(Employee.is_active.is_(True))
    return stmt


def can_view_person(user, employee: Employee | None) -> bool:
    if user is None or employee is None or not user.is_authenticated:
        return False
    return employee.is_active or is_hr(user) or is_admin(user)


def can_view_skill_levels(user, employee: Employee | None) -> bool:
    if not can_view_person(user, employee):
        return False
    return (
        user.employee_id == employee.id or is_hr(user) or is_manager_of(user, employee)
    )


def can_edit_person(user, employee: Employee | None) -> bool:
    return employee is not None and is_hr(user)


def can_create_person(user) -> bool:
    return is_hr(user)


def can_edit_department(user, department: Department | None = None) -> bool:
    return is_hr(user)


def can_edit_skill(user, skill: Skill | None = None) -> bool:
    return is_hr(user)


def can_edit_role_profile(user, profile: RoleProfile | None = None) -> bool:
    return is_hr(user)


def can_manage_account(user, account: User | None = None) -> bool:
    """Admins manage accounts, but never their own role flags."""
    if not is_admin(user):
        return False
    return account is None or account.id != user.id
