"""Review services: the only code that changes templates, cycles and reviews."""

from reviews.services.cycles import (
    close_cycle,
    create_cycle,
    launch_cycle,
    population_select,
    start_adhoc_review,
    unfinished_count,
    update_cycle,
)
from reviews.services.flow import (
    acknowledge_review,
    add_addendum,
    reopen_review,
    save_manager_assessment,
    save_self_assessment,
    share_problems,
    share_review,
    signed_snapshot,
)
from reviews.services.quality import flag_quality_issues, quality_problems
from reviews.services.templates import (
    create_template,
    duplicate_template,
    is_locked,
    update_template,
)

__all__ = [
    "acknowledge_review",
    "add_addendum",
    "close_cycle",
    "create_cycle",
    "create_template",
    "duplicate_template",
    "flag_quality_issues",
    "is_locked",
    "launch_cycle",
    "population_select",
    "quality_problems",
    "reopen_review",
    "save_manager_assessment",
    "save_self_assessment",
    "share_problems",
    "share_review",
    "signed_snapshot",
    "start_adhoc_review",
    "unfinished_count",
    "update_cycle",
    "update_template",
]
