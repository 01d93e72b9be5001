"""Who may see and do what with templates, cycles and reviews.

Recipe per predicate (STYLE.md §5): no user → False, then state, then relationship/role.
A person's own review is always seen as its employee — even by an HR person or a manager
— so nobody reads their own manager's draft.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from core.errors import InvalidTransition
from core.permissions import require, visible_rows
from core.permissions import signed_in as _signed_in
from people.permissions import (
    is_hr,
    is_hr_or_manager,
    is_manager_of,
    report_ids_select,
)
from reviews.enums import ReviewStatus
from reviews.models import Review

S = ReviewStatus
SELF_EDITABLE = {S.not_started, S.self_in_progress}
MANAGER_EDITABLE = {
    S.not_started,
    S.self_in_progress,
    S.self_submitted,
    S.manager_in_progress,
}


def is_subject(user, review: Review) -> bool:
    """The review is of the signed-in user."""
    return _signed_in(user) and user.employee_id == review.employee_id


def is_reviewer(user, review: Review) -> bool:
    """The signed-in user reviews it (never their own review)."""
    return (
        _signed_in(user)
        and user.employee_id is not None
        and user.employee_id == review.reviewer_id
        and not is_subject(user, review)
    )


def can_view_review(user, review: Review | None) -> bool:
    """The employee, the reviewer, the employee's managers and HR."""
    if review is None or not _signed_in(user):
        return False
    if is_subject(user, review) or is_reviewer(user, review) or is_hr(user):
        return True
    return is_manager_of(user, review.employee_id)


def can_view_self_part(user, review: Review) -> bool:
    """The employee always; others once the self-assessment is submitted."""
    if not can_view_review(user, review):
        return False
    return is_subject(user, review) or review.self_submitted_at is not None


def can_view_manager_part(user, review: Review) -> bool:
    """Others who may see the review; the employee only once it is shared."""
    if not can_view_review(user, review):
        return False
    return not is_subject(user, review) or review.status.is_shared


def can_view_quality_flags(user, review: Review | None = None) -> bool:
    """HR, except on their own review."""
    if review is not None and is_subject(user, review):
        return False
    return is_hr(user)


def can_edit_self_part(user, review: Review) -> bool:
    """The employee, until the self-assessment is submitted."""
    return (
        is_subject(user, review)
        and review.status in SELF_EDITABLE
        and review.self_submitted_at is None
    )


def can_edit_manager_part(user, review: Review) -> bool:
    """The reviewer, until the review is shared."""
    return is_reviewer(user, review) and review.status in MANAGER_EDITABLE


def can_start_manager_part(review: Review, today) -> bool:
    """The state rule of the manager's part: once the self-assessment is submitted,
    or once its due date has passed without one."""
    if review.status in (S.self_submitted, S.manager_in_progress):
        return True
    due = review.self_due_on
    return due is not None and today > due


def can_share(user, review: Review) -> bool:
    """The reviewer, once the manager's part is in progress."""
    return is_reviewer(user, review) and review.status is S.manager_in_progress


def can_acknowledge(user, review: Review) -> bool:
    """The employee, once the review is shared."""
    return is_subject(user, review) and review.status is S.shared


def can_add_addendum(user, review: Review, check_state: bool = True) -> bool:
    """The employee, the reviewer and HR, once the review is signed.

    ``check_state=False`` asks only who the caller is (403); the API leaves the
    state rule to the service (409).
    """
    if check_state and not review.status.is_signed:
        return False
    return is_subject(user, review) or is_reviewer(user, review) or is_hr(user)


def can_reopen(user, review: Review, check_state: bool = True) -> bool:
    """HR, never on their own review, once the review is signed (``check_state``
    as in ``can_add_addendum``)."""
    if check_state and not review.status.is_signed:
        return False
    return is_hr(user) and not is_subject(user, review)


def may_add_addendum(user, review: Review) -> bool:
    """The role part of ``can_add_addendum``: 403 for who the caller is."""
    return can_add_addendum(user, review, check_state=False)


def may_reopen(user, review: Review) -> bool:
    """The role part of ``can_reopen``: 403 for who the caller is."""
    return can_reopen(user, review, check_state=False)


def can_start_adhoc_review(user, employee) -> bool:
    """A manager starts an ad hoc review for a direct report."""
    return (
        _signed_in(user)
        and employee is not None
        and user.employee_id is not None
        and employee.manager_id == user.employee_id
        and employee.is_active
    )


def can_manage_cycles(user) -> bool:
    """HR creates, edits, launches and closes cycles (and templates)."""
    return is_hr(user)


def can_read_cycles(user) -> bool:
    """HR and managers (anyone with reports) read cycles."""
    return is_hr_or_manager(user)


can_manage_templates = can_manage_cycles


def visible_reviews(user) -> sa.Select:
    """Reviews the user may see: own, reviewed by them, of their reports; HR all."""
    return visible_rows(
        user, Review.employee_id, report_ids_select, lambda me: Review.reviewer_id == me
    )


# --- goals -----------------------------------------------------------------------
# A goal is seen by its owner, the owner's managers, HR — and by everyone below the owner,
# so team and company goals are visible to the people aligned to them.


def _chain(user) -> list[int]:
    from people.permissions import manager_chain_ids

    return manager_chain_ids(user.employee_id) if user.employee_id else []


def _owner_or_manager(user, owner_id: int) -> bool:
    if not _signed_in(user):
        return False
    return user.employee_id == owner_id or is_hr(user) or is_manager_of(user, owner_id)


def can_view_goal(user, goal) -> bool:
    """The owner, their managers, HR and everyone below the owner."""
    if goal is None or not _signed_in(user):
        return False
    return _owner_or_manager(user, goal.owner_id) or goal.owner_id in _chain(user)


def can_create_goal_for(user, employee_id: int | None) -> bool:
    """The person themself, their managers and HR."""
    return employee_id is not None and _owner_or_manager(user, employee_id)


def can_edit_goal(user, goal) -> bool:
    """The owner, their managers and HR (also who checks in)."""
    return goal is not None and _owner_or_manager(user, goal.owner_id)


can_check_in = can_edit_goal


def can_delete_check_in(user, goal, check_in) -> bool:
    """The person who entered a check-in on ``goal``, while they may still check in
    on it (the service adds the grace period)."""
    return (
        check_in is not None
        and _signed_in(user)
        and check_in.goal_id == goal.id
        and check_in.author_id == user.id
        and can_check_in(user, goal)
    )


def can_align_to(user, owner_id: int, parent) -> bool:
    """A parent goal must be the owner's own or owned by someone up the owner's chain."""
    from people.permissions import manager_chain_ids

    if parent is None or not can_view_goal(user, parent):
        return False
    return parent.owner_id == owner_id or parent.owner_id in manager_chain_ids(owner_id)


def visible_goals(user) -> sa.Select:
    """Goals the user may see: own, reports', those up their chain; HR all."""
    from reviews.models import Goal

    return visible_rows(
        user,
        Goal.owner_id,
        report_ids_select,
        lambda me: Goal.owner_id.in_(_chain(user) or [0]),
    )


def can_set_goals(user) -> bool:
    """People with an employee record set their own goals; HR sets anyone's."""
    return user.employee_id is not None or is_hr(user)


def can_assign_goals(user) -> bool:
    """Managers and HR assign a goal to a team (the service checks each person)."""
    return is_hr_or_manager(user)


# --- training needs --------------------------------------------------------------


def can_view_need(user, need) -> bool:
    """The employee, their managers and HR."""
    return need is not None and _owner_or_manager(user, need.employee_id)


def can_create_need_for(user, employee_id: int | None) -> bool:
    """Managers (direct or indirect) and HR name needs; not for themselves."""
    if employee_id is None or not _signed_in(user) or user.employee_id == employee_id:
        return False
    return is_hr(user) or is_manager_of(user, employee_id)


def can_link_evidence(user, need) -> bool:
    """Who sees the need, while it is open or in progress."""
    from reviews.enums import TrainingNeedStatus as N

    return can_view_need(user, need) and need.status in (N.open, N.in_progress)


def can_verify_need(user, need, check_state: bool = True) -> bool:
    """Managers (direct or indirect) and HR — never the owner — verify an
    in-progress need; ``check_state=False`` asks only who the caller is (403; the
    state is the service's 409)."""
    from reviews.enums import TrainingNeedStatus as N

    if need is None or (check_state and need.status is not N.in_progress):
        return False
    return can_create_need_for(user, need.employee_id)


def can_drop_need(user, need, check_state: bool = True) -> bool:
    """Managers and HR drop an open or in-progress need (``check_state`` as in
    ``can_verify_need``)."""
    from reviews.enums import TrainingNeedStatus as N

    if need is None or (check_state and need.status not in (N.open, N.in_progress)):
        return False
    return can_create_need_for(user, need.employee_id)


def may_decide_need(user, need) -> bool:
    """The role part of ``can_verify_need``/``can_drop_need``: managers and HR,
    never the owner."""
    return can_verify_need(user, need, check_state=False)


def visible_needs(user) -> sa.Select:
    """Training needs the user may see: own, their reports'; HR all."""
    from reviews.models import TrainingNeed

    return visible_rows(user, TrainingNeed.employee_id, report_ids_select)


def can_name_needs(user) -> bool:
    """Managers and HR name needs and propose them from gaps (the service checks
    each person)."""
    return is_hr_or_manager(user)


@dataclass(frozen=True)
class PartWriter:
    """Who writes one part of a review, and while it is open: one rule with its words.

    The save service checks it; the part's page checks it too, before it reads any
    input, so a person who may not write gets the refusal rather than a form.
    """

    writes: Callable[[Any, Review], bool]
    not_writer: str
    may_edit: Callable[[Any, Review], bool]
    closed: str

    def check(self, user, review: Review) -> None:
        """:raises PermissionDenied: not the writer. :raises InvalidTransition: closed."""
        require(self.writes(user, review), self.not_writer)
        if not self.may_edit(user, review):
            raise InvalidTransition(self.closed)


SELF_PART = PartWriter(
    is_subject,
    "Only the employee writes the self-assessment.",
    can_edit_self_part,  # only until it is submitted
    "The self-assessment can no longer be changed.",
)
MANAGER_PART = PartWriter(
    is_reviewer,  # the reviewer the review names, never its subject
    "Only the reviewer writes the manager's part.",
    can_edit_manager_part,
    "The manager's part can no longer be changed.",
)
