"""What a shared review leaves behind: training needs, goals and assessed skill levels."""

from datetime import date

import sqlalchemy as sa

from core.audit import record_event
from core.extensions import db
from people.enums import SkillLevelSource
from people.models import EmployeeSkillLevel
from people.queries import latest_skill_levels
from reviews.enums import GoalStatus, Priority, TrainingNeedSource
from reviews.models import Goal, Review, TrainingNeed


def current_levels(employee_id: int) -> dict[int, int]:
    """skill id -> latest assessed level of one employee (one query)."""
    return {
        row.skill_id: row.level
        for row in db.session.scalars(latest_skill_levels(employee_id))
    }


def materialise_outcomes(actor, review: Review, *, now) -> None:
    """Turn the proposed needs and goals into rows (sourced from this review) and write
    the manager's ratings of skill-mapped competencies as assessed skill levels."""
    current = current_levels(review.employee_id)
    for item in review.proposed_needs or []:
        need = TrainingNeed(
            employee_id=review.employee_id,
            skill_id=item["skill_id"],
            current_level=current.get(item["skill_id"]),
            target_level=item["target_level"],
            priority=Priority(item["priority"]),
            due_on=date.fromisoformat(item["due_on"]) if item.get("due_on") else None,
            source=TrainingNeedSource.review,
            source_review_id=review.id,
            created_at=now,
            updated_at=now,
        )
        _add_from_review(actor, review, need, now)
    for item in review.proposed_goals or []:
        goal = Goal(
            owner_id=review.employee_id,
            title=item["title"],
            description=item.get("description", ""),
            target_on=date.fromisoformat(item["target_on"])
            if item.get("target_on")
            else None,
            status=GoalStatus.active,
            source_review_id=review.id,
            created_at=now,
            updated_at=now,
        )
        _add_from_review(actor, review, goal, now)
    # Once rows exist the proposal is spent; a reopened review proposes afresh.
    review.proposed_needs = []
    review.proposed_goals = []
    levels = [
        {
            "employee_id": review.employee_id,
            "skill_id": r.competency.skill_id,
            "level": min(5, r.manager_rating),
            "assessed_at": now,
            "source": SkillLevelSource.review,
            "source_id": review.id,
            "assessed_by_id": getattr(actor, "id", None),
        }
        for r in review.ratings
        if r.competency.skill_id and r.manager_rating
    ]
    if levels:
        db.session.execute(sa.insert(EmployeeSkillLevel), levels)
        record_event(
            actor,
            review,
            "skill_levels_assessed",
            {"skills": [row["skill_id"] for row in levels]},
            now=now,
        )


def _add_from_review(actor, review, row, now) -> None:
    """Add a need or goal the review proposed, with its "created" event."""
    db.session.add(row)
    db.session.flush()
    record_event(actor, row, "created", {"source_review_id": review.id}, now=now)
