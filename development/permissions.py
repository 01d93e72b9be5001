"""Who may see and change activities, interviews, contacts and suggestions.

Owner: everything on their own records. Managers (direct or indirect) read their reports'
activities and interviews — never private notes, and not the reflection or evidence of a
private activity; the direct manager verifies activities. HR reads all (same limits) and
manages the policy and the question bank. Private notes are the owner's alone: there is no
predicate that grants them to anyone else.
"""

import sqlalchemy as sa

from core.permissions import signed_in as _signed_in
from core.permissions import visible_rows
from people.permissions import (
    is_hr,
    is_manager_of,
    manager_chain_ids,
    report_ids_select,
)


def is_owner(user, record) -> bool:
    """The record (activity, interview) is the signed-in user's own."""
    return (
        _signed_in(user)
        and record is not None
        and user.employee_id == record.employee_id
    )


def can_view_activity(user, activity) -> bool:
    """The owner, their managers (direct or indirect) and HR."""
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
    """The owner alone changes an activity."""
    return is_owner(user, activity)


def can_verify_activity(user, activity) -> bool:
    """The direct manager, never the owner."""
    if activity is None or is_owner(user, activity) or not _signed_in(user):
        return False
    chain = manager_chain_ids(activity.employee_id)
    return bool(chain) and user.employee_id == chain[0]


def is_mentor(user, activity) -> bool:
    """The signed-in user is the employee who mentors in this mentorship."""
    return (
        _signed_in(user)
        and activity is not None
        and activity.mentor_id is not None
        and user.employee_id == activity.mentor_id
    )


def can_view_mentorship(user, activity) -> bool:
    """The mentorship's plan and sessions: whoever sees the activity, and the mentor
    (an employee) for the sessions they give."""
    return can_view_activity(user, activity) or is_mentor(user, activity)


def can_edit_mentorship(user, activity) -> bool:
    """The mentee (the activity's owner) plans and records sessions."""
    return is_owner(user, activity)


def can_read_session_notes(user, activity) -> bool:
    """A session's note is the mentee's alone — never the mentor's, manager's or HR's."""
    return is_owner(user, activity)


def can_view_interview(user, interview) -> bool:
    """As its activity: the owner, their managers and HR."""
    return can_view_activity(user, interview)


def can_read_private_notes(user, interview) -> bool:
    """Private interview notes are the owner's alone."""
    return is_owner(user, interview)


def can_edit_interview(user, interview) -> bool:
    """The owner alone takes an interview's steps."""
    return is_owner(user, interview)


def can_edit_contact(user, contact) -> bool:
    """Contacts are their owner's alone: only the owner edits or deletes one."""
    return (
        _signed_in(user)
        and contact is not None
        and user.employee_id == contact.owner_id
    )


def can_delete_activity(user, activity) -> bool:
    """The owner deletes an activity entered by mistake (the service adds the grace
    period and refuses a verified one with 409)."""
    return is_owner(user, activity)


def can_approve_interview(user, interview) -> bool:
    """A manager (direct or indirect) of the owner, never the owner."""
    return (
        interview is not None
        and not is_owner(user, interview)
        and (is_manager_of(user, interview.employee_id))
    )


def can_suggest_interview(user, employee_id: int) -> bool:
    """A manager suggests an interview to a report, never to themself."""
    return (
        _signed_in(user)
        and user.employee_id != employee_id
        and (is_manager_of(user, employee_id))
    )


def can_view_learning_record(user, person) -> bool:
    """The person, their managers (direct or indirect) and HR."""
    return (
        user.employee_id == person.id or is_manager_of(user, person.id) or is_hr(user)
    )


def can_view_suggestion(user, suggestion) -> bool:
    """The person it was made to, their managers and HR."""
    return (
        user.employee_id == suggestion.employee_id
        or is_manager_of(user, suggestion.employee_id)
        or is_hr(user)
    )


def can_answer_suggestion(user, suggestion) -> bool:
    """Only the person it was made to accepts or dismisses a suggestion."""
    return user.employee_id == suggestion.employee_id


def can_manage_policy(user) -> bool:
    """HR manages the interview policy and the question bank."""
    return is_hr(user)


can_manage_question_bank = can_manage_policy


def visible_activities(user) -> sa.Select:
    """Activities the user may see: own, their reports'; HR all."""
    from development.models import DevelopmentActivity as A

    return visible_rows(user, A.employee_id, report_ids_select)


def has_employee_record(user) -> bool:
    """Activities, interviews and contacts are logged by people with an employee
    record."""
    return user.employee_id is not None
