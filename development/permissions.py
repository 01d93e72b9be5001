"""Who may see and change activities, interviews, contacts and suggestions.

Owner: everything on their own records. Managers (direct or indirect) read their reports'
activities and interviews — never private notes, and not the reflection or evidence of a
private activity; the direct manager verifies activities. HR reads all (same limits) and
manages the policy and the question bank. Private notes are the owner's alone: there is no
predicate that grants them to anyone else.
"""

import sqlalchemy as sa

from people.permissions import (
    is_hr,
    is_manager_of,
    manager_chain_ids,
    report_ids_select,
)


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def is_owner(user, record) -> bool:
    return (
        _signed_in(user)
        and record is not None
        and user.employee_id == record.employee_id
    )


def can_view_activity(user, activity) -> bool:
    if activity is None or not _signed_in(user):
        return False
    return (
        is_owner(user, activity)
        or is_hr(user)
        or is_manager_of(user, activity.employee_id)
    )


def can_view_private_parts(user, activity) -> bool:
    """Reflection and evidence of a private activity: the owner only."""
    return is_owner(user, activity) or (
        can_view_activity(user, activity) and not activity.is_private
    )


def can_edit_activity(user, activity) -> bool:
    return is_owner(user, activity)


def can_verify_activity(user, activity) -> bool:
    """The direct manager, never the owner."""
    if activity is None or is_owner(user, activity) or not _signed_in(user):
        return False
    chain = manager_chain_ids(activity.employee_id)
    return bool(chain) and user.employee_id == chain[0]


def can_view_interview(user, interview) -> bool:
    return can_view_activity(user, interview)


def can_read_private_notes(user, interview) -> bool:
    """Private interview notes are the owner's alone."""
    return is_owner(user, interview)


def can_edit_interview(user, interview) -> bool:
    return is_owner(user, interview)


def can_approve_interview(user, interview) -> bool:
    return (
        interview is not None
        and not is_owner(user, interview)
        and (is_manager_of(user, interview.employee_id))
    )


def can_suggest_interview(user, employee_id: int) -> bool:
    return (
        _signed_in(user)
        and user.employee_id != employee_id
        and (is_manager_of(user, employee_id))
    )


def can_manage_policy(user) -> bool:
    return is_hr(user)


can_manage_question_bank = can_manage_policy


def visible_activities(user) -> sa.Select:
    from development.models import DevelopmentActivity

    stmt = sa.select(DevelopmentActivity)
    if not _signed_in(user):
        return stmt.where(sa.false())
    if is_hr(user):
        return stmt
    if user.employee_id is None:
        return stmt.where(sa.false())
    return stmt.where(
        sa.or_(
            DevelopmentActivity.employee_id == user.employee_id,
            DevelopmentActivity.employee_id.in_(report_ids_select(user.employee_id)),
        )
    )
