"""Read-side queries for reviews: loading a review whole, its history, previous needs.

The review page runs ``previous_reviews``, ``needs_named_by`` and ``load_rows`` on every
view, so their statements are built once (``functools.cache``) with bind parameters and
executed again: SQLAlchemy keeps a statement object's cache key, so reuse skips building
both. For the same reason a review's rows (ratings, obstacles, addenda) are filled by
``core.children.fill_collection`` rather than ``selectinload``, which builds its
statement anew on every load."""

import functools

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from core.children import fill_collection, parent_ids_param
from core.extensions import db
from core.queries import get_or_404
from people.models import User
from reviews.enums import ReviewStatus
from reviews.models import (
    Review,
    ReviewAddendum,
    ReviewObstacle,
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


@functools.cache
def _ratings() -> sa.Select:
    return (
        sa.select(ReviewRating.review_id, ReviewRating)
        .where(ReviewRating.review_id.in_(parent_ids_param()))
        .options(joinedload(ReviewRating.competency))
        .order_by(ReviewRating.id)
    )


@functools.cache
def _obstacles() -> sa.Select:
    return (
        sa.select(ReviewObstacle.review_id, ReviewObstacle)
        .where(ReviewObstacle.review_id.in_(parent_ids_param()))
        .order_by(ReviewObstacle.id)
    )


@functools.cache
def _addenda() -> sa.Select:
    return (
        sa.select(ReviewAddendum.review_id, ReviewAddendum)
        .where(ReviewAddendum.review_id.in_(parent_ids_param()))
        .options(joinedload(ReviewAddendum.author).joinedload(User.employee))
        .order_by(ReviewAddendum.id)
    )


def load_ratings(reviews: list[Review]) -> None:
    """The reviews' ratings with their competency (``REVIEW_ROWS``' first): one
    statement for all, none when they are loaded."""
    fill_collection(reviews, "ratings", _ratings())


def load_rows(review: Review, *, ratings: bool = True) -> None:
    """The review's ratings (with their competency), obstacles and addenda (with
    their author's account and employee), as ``REVIEW_ROWS`` and the pages' addenda
    option load them: three statements, each skipped when loaded already.
    ``ratings=False`` leaves the ratings to ``previous_reviews``."""
    if ratings:
        load_ratings([review])
    fill_collection([review], "obstacles", _obstacles())
    fill_collection([review], "addenda", _addenda())


@functools.cache
def _previous_reviews(limit: int) -> sa.Select:
    """Built once per ``limit`` (the page asks for 5, the services for 1)."""
    return (
        sa.select(Review)
        .where(
            Review.employee_id == sa.bindparam("employee_id", type_=sa.Integer),
            Review.id != sa.bindparam("review_id", type_=sa.Integer),
            Review.status.in_(SHARED),
            Review.period_end <= sa.bindparam("period_end", type_=sa.Date),
        )
        .options(joinedload(Review.cycle))
        .order_by(Review.period_end.desc(), Review.id.desc())
        .limit(limit)
    )


def previous_reviews(review: Review, limit: int = 5) -> list[Review]:
    """Earlier shared reviews of the same person, newest first, with their ratings —
    read with ``review``'s own when it has not loaded them (the review page: one
    statement for the ratings of every review it shows)."""
    params = {
        "employee_id": review.employee_id,
        "review_id": review.id,
        "period_end": review.period_end,
    }
    reviews = list(db.session.scalars(_previous_reviews(limit), params).unique())
    load_ratings([review, *reviews])
    return reviews


def manager_ratings_by_name(review: Review | None) -> dict[str, int]:
    if review is None:
        return {}
    return {
        r.competency.name: r.manager_rating
        for r in review.ratings
        if r.manager_rating is not None
    }


@functools.cache
def _needs_named_by() -> sa.Select:
    return (
        sa.select(TrainingNeed)
        .where(
            TrainingNeed.source_review_id.in_(
                sa.bindparam("review_ids", expanding=True)
            )
        )
        .options(joinedload(TrainingNeed.skill))
        .order_by(TrainingNeed.id)
    )


def needs_named_by(review_ids: list[int]) -> list[TrainingNeed]:
    """Training needs sourced from these reviews, with their skill."""
    if not review_ids:
        return []
    return list(db.session.scalars(_needs_named_by(), {"review_ids": list(review_ids)}))


TEMPLATE_OPTIONS = (
    selectinload(ReviewTemplate.competencies),
    selectinload(ReviewTemplate.questions),
)


def load_template(template_id) -> ReviewTemplate:
    """The template with its competencies and questions, or NotFound."""
    return get_or_404(ReviewTemplate, template_id, *TEMPLATE_OPTIONS)
