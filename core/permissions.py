"""Roles and the two permission tools: ``require`` for predicates, ``role_required`` for gates.

Manager rights are not a flag: they come from the org chart (``people.permissions``).
"""

import enum
from functools import wraps

import sqlalchemy as sa
from flask_login import current_user

from core.audit import ACCOUNT_TYPES, SETTINGS_TYPES, AuditEvent
from core.errors import NotFound, PermissionDenied


class Role(enum.Enum):
    employee = "employee"
    manager = "manager"
    hr = "hr"
    admin = "admin"

    @property
    def title(self) -> str:
        return {"hr": "HR"}.get(self.value, self.value.capitalize())


def has_role(user, role: Role) -> bool:
    """The signed-in user holds ``role`` (employee: anyone; manager is per object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if role is Role.employee:
        return True
    if role is Role.hr:
        return bool(user.is_hr)
    if role is Role.admin:
        return bool(user.is_admin)
    # Manager rights are per object, from the org chart: use people.permissions.
    raise ValueError("Role.manager is not a gate; check is_manager_of per object.")


def signed_in(user, obj=None) -> bool:
    """Anyone signed in (an API caller past its blueprint's gates), whatever ``obj``."""
    return user is not None and getattr(user, "is_authenticated", False)


def visible_rows(user, column, team, *also) -> sa.Select:
    """``select()`` of ``column``'s entity narrowed to what ``user`` may see.

    Nothing when signed out or without an employee record; everything for HR; else
    the rows whose ``column`` is the user's employee or one in ``team(employee_id)``
    (a select of their reports' ids), or that match a condition ``also(employee_id)``.
    """
    stmt = sa.select(column.class_)
    if not signed_in(user):
        return stmt.where(sa.false())
    if has_role(user, Role.hr):
        return stmt
    me = user.employee_id
    if me is None:
        return stmt.where(sa.false())
    extra = [condition(me) for condition in also]
    return stmt.where(sa.or_(column == me, column.in_(team(me)), *extra))


def require(allowed: bool, message: str = "You may not do this.") -> None:
    """Raise PermissionDenied unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)


def require_visible(allowed: bool, message: str = "Not found.") -> None:
    """Raise NotFound unless ``allowed``: objects the caller may not see do not exist."""
    if not allowed:
        raise NotFound(message)


def role_required(*roles: Role):
    """Allow the view only to authenticated users holding one of ``roles``."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            from core.extensions import login_manager

            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            require(any(has_role(current_user, r) for r in roles))
            return view(*args, **kwargs)

        return wrapper

    return decorator


def can_read_audit(user) -> bool:
    """HR (people-data events) and admins (account and system events) read the trail."""
    return has_role(user, Role.hr) or has_role(user, Role.admin)


def audit_event_scope(user):
    """The SQL condition on ``AuditEvent.object_type`` of the events ``user`` may read.

    HR reads people data (every subject that is not an account or system type); the
    admin reads accounts, tokens, jobs and email; both read the settings; someone who is
    both reads everything. Anyone else reads nothing.
    """
    hr, admin = has_role(user, Role.hr), has_role(user, Role.admin)
    if hr and admin:
        return sa.true()
    if hr:
        return AuditEvent.object_type.not_in(ACCOUNT_TYPES)
    if admin:
        return AuditEvent.object_type.in_(ACCOUNT_TYPES | SETTINGS_TYPES)
    return sa.false()


def visible_audit_events(user):
    """A select() of the audit events ``user`` may read, newest first."""
    return (
        sa.select(AuditEvent)
        .where(audit_event_scope(user))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
