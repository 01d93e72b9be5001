"""Roles and the two permission tools: ``require`` for predicates, ``role_required`` for gates.

Manager rights are not a flag: they come from the org chart (``people.permissions``).
"""

import enum
from functools import wraps

from flask_login import current_user

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
