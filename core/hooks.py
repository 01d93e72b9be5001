"""Hooks a higher package fills at app start-up, so a lower one serves it without importing
it (the dependency direction stays one way).

``USER_COLUMNS``: extra scalar columns loaded with the signed-in user on every page, in the
user loader's one statement, and set as attributes of the user. Notifications adds the
header's unread badge this way (``notifications.register_hooks``), so ``auth`` never
imports ``notifications``.
"""

from collections.abc import Callable

# name -> fn(user id column) -> a scalar SQL expression (e.g. a correlated COUNT)
USER_COLUMNS: dict[str, Callable] = {}


def register_user_column(name: str, expression: Callable) -> None:
    """Load ``expression(User.id)`` with the current user as ``user.<name>`` (idempotent)."""
    USER_COLUMNS[name] = expression
