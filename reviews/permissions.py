"""Who may see and do what with templates, cycles and reviews.

Recipe per predicate (STYLE.md §5): no user → False, then state, then relationship/role.
A person's own review is always seen as its employee — even by an HR person or a manager
— so nobody reads their own manager's draft.
"""

import sqlalchemy as sa

from people.permissions import is_hr, is_manager_of, report_ids_select
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


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def is_subject(user, review: Review) -> bool:
    return _signed_in(user) and user.employee_id == review.employee_id


def is_reviewer(user, review: Review) -> bool:
    return (
        _signed_in(user)
        and user.employee_id is not None
        and user.employee_id == review.reviewer_id
        and not is_subject(user, review)
    )


def can_view_review(user, review: Review | None) -> bool:
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
    if review is not None and is_subject(user, review):
        return False
    return is_hr(user)


def can_edit_self_part(user, review: Review) -> bool:
    return (
        is_subject(user, review)
        and review.status in SELF_EDITABLE
        and review.self_submitted_at is None
    )


def can_edit_manager_part(user, review: Review) -> bool:
    return is_reviewer(user, review) and review.status in MANAGER_EDITABLE


def can_share(user, review: Review) -> bool:
    return is_reviewer(user, review) and review.status is S.manager_in_progress


def can_acknowledge(user, review: Review) -> bool:
    return is_subject(user, review) and review.status is S.shared


def can_add_addendum(user, review: Review) -> bool:
    if not review.status.is_signed:
        return False
    return is_subject(user, review) or is_reviewer(user, review) or is_hr(user)


def can_reopen(user, review: Review) -> bool:
    return review.status.is_signed and is_hr(user) and not is_subject(user, review)


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
    return is_hr(user)


can_manage_templates = can_manage_cycles


def visible_reviews(user) -> sa.Select:
    """Reviews the user may see: own, reviewed by them, of their reports; HR all."""
    stmt = sa.select(Review)
    if not _signed_in(user):
        return stmt.where(sa.false())
    if is_hr(user):
        return stmt
    if user.employee_id is None:
        return stmt.where(sa.false())
    return stmt.where(
        sa.or_(
            Review.employee_id == user.employee_id,
            Review.reviewer_id == user.employee_id,
            Review.employee_id.in_(report_ids_select(user.employee_id)),
        )
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
    if goal is None or not _signed_in(user):
        return False
    return _owner_or_manager(user, goal.owner_id) or goal.owner_id in _chain(user)


def can_create_goal_for(user, employee_id: int | None) -> bool:
    return employee_id is not None and _owner_or_manager(user, employee_id)


def can_edit_goal(user, goal) -> bool:
    return goal is not None and _owner_or_manager(user, goal.owner_id)


can_check_in = can_edit_goal


def can_align_to(user, owner_id: int, parent) -> bool:
    """A parent goal must be the owner's own or owned by someone up the owner's chain."""
    from people.permissions import manager_chain_ids

    if parent is None or not can_view_goal(user, parent):
        return False
    return parent.owner_id == owner_id or parent.owner_id in manager_chain_ids(owner_id)


def visible_goals(user) -> sa.Select:
    from reviews.models import Goal

    stmt = sa.select(Goal)
    if not _signed_in(user):
        return stmt.where(sa.false())
    if is_hr(user):
        return stmt
    if user.employee_id is None:
        return stmt.where(sa.false())
    return stmt.where(
        sa.or_(
            Goal.owner_id == user.employee_id,
            Goal.owner_id.in_(report_ids_select(user.employee_id)),
            Goal.owner_id.in_(_chain(user) or [0]),
        )
    )


# --- training needs --------------------------------------------------------------


def can_view_need(user, need) -> bool:
    return need is not None and _owner_or_manager(user, need.employee_id)


def can_create_need_for(user, employee_id: int | None) -> bool:
    """Managers (direct or indirect) and HR name needs; not for themselves."""
    if employee_id is None or not _signed_in(user) or user.employee_id == employee_id:
        return False
    return is_hr(user) or is_manager_of(user, employee_id)


def can_link_evidence(user, need) -> bool:
    from reviews.enums import TrainingNeedStatus as N

    return can_view_need(user, need) and need.status in (N.open, N.in_progress)


def can_verify_need(user, need) -> bool:
    from reviews.enums import TrainingNeedStatus as N

    return (
        need is not None
        and need.status is N.in_progress
        and can_create_need_for(user, need.employee_id)
    )


def can_drop_need(user, need) -> bool:
    from reviews.enums import TrainingNeedStatus as N

    return (
        need is not None
        and need.status in (N.open, N.in_progress)
        and can_create_need_for(user, need.employee_id)
    )


def visible_needs(user) -> sa.Select:
    from reviews.models import TrainingNeed

    stmt = sa.select(TrainingNeed)
    if not _signed_in(user):
        return stmt.where(sa.false())
    if is_hr(user):
        return stmt
    if user.employee_id is None:
        return stmt.where(sa.false())
    return stmt.where(
        sa.or_(
            TrainingNeed.employee_id == user.employee_id,
            TrainingNeed.employee_id.in_(report_ids_select(user.employee_id)),
        )
    )
