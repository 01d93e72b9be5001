"""In-app notifications and email: queued once per (kind, subject, recipient, due moment)."""


def register_hooks() -> None:
    """Put the unread count on the signed-in user for the header's badge (app start-up;
    ``core.hooks``, so auth's user loader never imports notifications)."""
    from core.hooks import register_user_column
    from notifications.permissions import unread_count_expression

    register_user_column("unread_notifications", unread_count_expression)
