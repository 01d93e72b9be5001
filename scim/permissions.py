"""Who may manage provisioning: admins (they let the identity provider in)."""

from core.permissions import Role, has_role


def can_manage_scim(user) -> bool:
    """Admins see the sign-in and provisioning page, and create and revoke tokens."""
    return has_role(user, Role.admin)
