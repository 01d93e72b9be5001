"""Start-up hooks: a higher package adds a column to the signed-in user's one statement,
so auth never imports it (the header's unread badge, ``notifications.register_hooks``)."""

from core.hooks import USER_COLUMNS, register_user_column


def test_notifications_registers_the_unread_badge_once(app):
    from notifications.permissions import unread_count_expression

    assert USER_COLUMNS["unread_notifications"] is unread_count_expression
    register_user_column("unread_notifications", unread_count_expression)
    assert list(USER_COLUMNS).count("unread_notifications") == 1
