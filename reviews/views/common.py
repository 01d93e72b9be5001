"""Helpers shared by the review pages: the page loader, the form schemas (the API's
schemas plus the hidden ``version``) and select options."""

import sqlalchemy as sa
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from core.errors import NotFound
from core.extensions import db
from core.permissions import require_visible
from core.schemas import VersionedForm
from people.models import Skill, User
from reviews import permissions as perms
from reviews.models import Review, ReviewAddendum, ReviewTemplate
from reviews.queries import REVIEW_PEOPLE, REVIEW_ROWS
from reviews.schemas.forms import ManagerAssessmentSchema, SelfAssessmentSchema

# Questions are few: joined into the main statement; other collections one query each.
PAGE_OPTIONS = (
    *REVIEW_PEOPLE,
    joinedload(Review.template).joinedload(ReviewTemplate.questions),
    # Competencies are few too (joined, not a query of their own: the page also shows
    # the development since the last review within its statement budget).
    joinedload(Review.template).joinedload(ReviewTemplate.competencies),
    *REVIEW_ROWS,
    selectinload(Review.addenda)
    .joinedload(ReviewAddendum.author)
    .joinedload(User.employee),
)


class SelfAssessmentForm(SelfAssessmentSchema, VersionedForm):
    pass


class ManagerAssessmentForm(ManagerAssessmentSchema, VersionedForm):
    pass


def load_visible_review(review_id: int) -> Review:
    """The review with everything its pages show; NotFound unless the caller may see it."""
    review = (
        db.session.scalars(
            sa.select(Review).where(Review.id == review_id).options(*PAGE_OPTIONS)
        )
        .unique()
        .first()
    )
    if review is None:
        raise NotFound("Review not found.")
    require_visible(perms.can_view_review(current_user, review), "Review not found.")
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
