"""Helpers shared by the review pages: the page loader, the form schemas (the API's
schemas plus the hidden ``version``) and select options.

The page loader's statement is built once (``functools.cache``) with the review id as
a bind parameter, as the home page's (``home.panels``): every review page executes the
same object, so SQLAlchemy neither rebuilds it nor recomputes its cache key."""

import functools

import sqlalchemy as sa
from flask_login import current_user
from sqlalchemy.orm import joinedload

from core.errors import NotFound
from core.extensions import db
from core.permissions import require_visible
from core.schemas import VersionedForm
from people.models import Skill
from reviews import permissions as perms
from reviews.models import Review, ReviewTemplate
from reviews.queries import REVIEW_PEOPLE, load_rows
from reviews.schemas.forms import ManagerAssessmentSchema, SelfAssessmentSchema

# Questions are few: joined into the main statement; other collections one query each
# (``reviews.queries.load_rows``: ratings, obstacles, addenda).
PAGE_OPTIONS = (
    *REVIEW_PEOPLE,
    joinedload(Review.template).joinedload(ReviewTemplate.questions),
    # Competencies are few too (joined, not a query of their own: the page also shows
    # the development since the last review within its statement budget).
    joinedload(Review.template).joinedload(ReviewTemplate.competencies),
)


class SelfAssessmentForm(SelfAssessmentSchema, VersionedForm):
    pass


class ManagerAssessmentForm(ManagerAssessmentSchema, VersionedForm):
    pass


@functools.cache
def _page_review() -> sa.Select:
    return (
        sa.select(Review)
        .where(Review.id == sa.bindparam("review_id", type_=sa.Integer))
        .options(*PAGE_OPTIONS)
    )


def load_visible_review(review_id: int, *, ratings: bool = True) -> Review:
    """The review with everything its pages show; NotFound unless the caller may see it.

    ``ratings=False``: the review page reads them with the earlier reviews' ratings
    (``reviews.queries.previous_reviews``), one statement for all.
    """
    review = (
        db.session.scalars(_page_review(), {"review_id": review_id}).unique().first()
    )
    if review is None:
        raise NotFound("Review not found.")
    require_visible(perms.can_view_review(current_user, review), "Review not found.")
    load_rows(review, ratings=ratings)
    return review


def skill_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(Skill.id, Skill.name).order_by(Skill.group, Skill.name)
    )
    return [(row.id, row.name) for row in rows]


def template_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(ReviewTemplate.id, ReviewTemplate.name).order_by(ReviewTemplate.name)
    )
    return [(row.id, row.name) for row in rows]


def rating_options(template: ReviewTemplate) -> list[tuple[int, str]]:
    return [(n, f"{n} · {template.label(n)}") for n in range(1, template.scale_max + 1)]
