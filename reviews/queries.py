"""Read-side queries for reviews: loading a review whole, its history, previous needs."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from core.extensions import db
from core.queries import get_or_404
from reviews.enums import ReviewStatus
from reviews.models import (
    Review,
    ReviewAddendum,
    ReviewRating,
    ReviewTemplate,
    TrainingNeed,
)

# Loader options every whole-review load shares (the pages add their own for the
# template and the addenda's authors).
REVIEW_PEOPLE = (
    joinedload(Review.employee),
    joinedload(Review.reviewer),
    joinedload(Review.cycle),
)
REVIEW_ROWS = (
    selectinload(Review.ratings).joinedload(ReviewRating.competency),
    selectinload(Review.obstacles),
)
REVIEW_OPTIONS = (
    *REVIEW_PEOPLE,
    joinedload(Review.template).selectinload(ReviewTemplate.competencies),
    joinedload(Review.template).selectinload(ReviewTemplate.questions),
    *REVIEW_ROWS,
    selectinload(Review.addenda).joinedload(ReviewAddendum.author),
)
SHARED = [s for s in ReviewStatus if s.is_shared]


def load_review(review_id) -> Review:
    """The review with everything its page and services touch, or NotFound."""
    return get_or_404(Review, review_id, *REVIEW_OPTIONS)


def previous_reviews(review: Review, limit: int = 5) -> list[Review]:
    """Earlier shared reviews of the same person, newest first, with their ratings."""
    stmt = (
        sa.select(Review)
        .where(
            Review.employee_id == review.employee_id,
            Review.id != review.id,
            Review.status.in_(SHARED),
            Review.period_end <= review.period_end,
        )
        .options(
            joinedload(Review.cycle),
            selectinload(Review.ratings).joinedload(ReviewRating.competency),
        )
        .order_by(Review.period_end.desc(), Review.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt).unique())


def manager_ratings_by_name(review: Review | None) -> dict[str, int]:
    if review is None:
        return {}
    return {
        r.competency.name: r.manager_rating
        for r in review.ratings
        if r.manager_rating is not None
    }


def needs_named_by(review_ids: list[int]) -> list[TrainingNeed]:
    """Training needs sourced from these reviews, with their skill."""
    if not review_ids:
        return []
    return list(
        db.session.scalars(
            sa.select(TrainingNeed)
            .where(TrainingNeed.source_review_id.in_(review_ids))
            .options(joinedload(TrainingNeed.skill))
            .order_by(TrainingNeed.id)
        )
    )


TEMPLATE_OPTIONS = (
    selectinload(ReviewTemplate.competencies),
    selectinload(ReviewTemplate.questions),
)


def load_template(template_id) -> ReviewTemplate:
    """The template with its competencies and questions, or NotFound."""
    return get_or_404(ReviewTemplate, template_id, *TEMPLATE_OPTIONS)
