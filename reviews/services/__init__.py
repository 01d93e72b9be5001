"""Review services: the only code that changes templates, cycles and reviews."""

from reviews.services.check_ins import delete_check_in
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
    silent_errors,
    unrated_competencies,
    unrated_errors,
)
from reviews.services.goals import (
    bulk_assign,
    check_in,
    create_goal,
    progress_for,
    rolled_up_progress,
    update_goal,
)
from reviews.services.needs import (
    create_need,
    drop_need,
    link_evidence,
    propose_training_needs,
    skill_gaps,
    verify_need,
)
from reviews.services.quality import flag_quality_issues, quality_problems
from reviews.services.settings import current_review_settings, update_review_settings
from reviews.services.templates import (
    create_template,
    duplicate_template,
    is_locked,
    update_template,
)

__all__ = [
    "acknowledge_review",
    "add_addendum",
    "bulk_assign",
    "check_in",
    "close_cycle",
    "create_cycle",
    "create_goal",
    "create_need",
    "create_template",
    "current_review_settings",
    "delete_check_in",
    "drop_need",
    "duplicate_template",
    "flag_quality_issues",
    "is_locked",
    "launch_cycle",
    "link_evidence",
    "population_select",
    "progress_for",
    "propose_training_needs",
    "quality_problems",
    "reopen_review",
    "rolled_up_progress",
    "save_manager_assessment",
    "save_self_assessment",
    "share_problems",
    "share_review",
    "signed_snapshot",
    "silent_errors",
    "skill_gaps",
    "start_adhoc_review",
    "unfinished_count",
    "unrated_competencies",
    "unrated_errors",
    "update_cycle",
    "update_goal",
    "update_review_settings",
    "update_template",
    "verify_need",
]
