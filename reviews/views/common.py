"""Helpers shared by the review pages: the page loader, the form schemas (the API's
schemas plus the hidden ``version``), nested-form saving and select options."""

import sqlalchemy as sa
from flask_login import current_user
from marshmallow import ValidationError
from sqlalchemy.orm import joinedload, selectinload

from core.errors import Conflict, NotFound, ValidationFailed
from core.extensions import db
from core.permissions import require_visible
from people.models import Skill, User
from people.schemas import VersionedForm
from reviews import permissions as perms
from reviews.models import (
    Review,
    ReviewAddendum,
    ReviewRating,
    ReviewTemplate,
)
from reviews.schemas import ManagerAssessmentSchema, SelfAssessmentSchema

# Questions are few: joined into the main statement; other collections one query each.
PAGE_OPTIONS = (
    joinedload(Review.employee),
    joinedload(Review.reviewer),
    joinedload(Review.cycle),
    joinedload(Review.template).joinedload(ReviewTemplate.questions),
    # Competencies are few too (joined, not a query of their own: the page also shows
    # the development since the last review within its statement budget).
    joinedload(Review.template).joinedload(ReviewTemplate.competencies),
    selectinload(Review.ratings).joinedload(ReviewRating.competency),
    selectinload(Review.obstacles),
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


def _join(messages) -> str:
    if isinstance(messages, list | tuple):
        return " ".join(str(m) for m in messages)
    return str(messages)


def map_errors(messages: dict, names: dict) -> dict:
    """Flatten marshmallow's nested messages onto form field names.

    ``names`` maps ``(list_key, index, field)`` to the form field that fed it; a message
    without a mapping stays on the list key (shown at the top of its fieldset).
    """
    out: dict[str, str] = {}
    for key, value in messages.items():
        if not isinstance(value, dict):
            out[key] = _join(value)
            continue
        for index, sub in value.items():
            if not isinstance(sub, dict):
                out[key] = _join(sub)
                continue
            for field, msgs in sub.items():
                out[names.get((key, int(index), field), key)] = _join(msgs)
    return out


def save_nested(schema, data: dict, names: dict, pre_errors: dict, action):
    """Like ``people.views.common.save_form`` for converted (nested) form data.

    Returns ``(result, errors, status)``; 422 for invalid input, 409 for a stale form.
    """
    try:
        loaded = schema.load(data)
    except ValidationError as err:
        return None, {**map_errors(err.messages, names), **pre_errors}, 422
    if pre_errors:
        return None, pre_errors, 422
    try:
        return action(loaded), {}, 200
    except ValidationFailed as err:
        db.session.rollback()
        return None, err.errors or {"_form": err.message}, 422
    except Conflict as err:
        db.session.rollback()
        return None, {"_form": err.message, "_stale": True}, 409


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
