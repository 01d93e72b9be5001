"""Review fixtures: a launched cycle over the standard org, and helpers to walk a review."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from reviews import services
from reviews.models import Review
from reviews.queries import load_review
from tests import factories as f

NOW = datetime(2026, 7, 5, 9, 0, tzinfo=UTC)  # inside the self-assessment phase


@pytest.fixture
def template(org):
    return f.make_template(actor=org.hr)


@pytest.fixture
def cycle(org, template, db):
    cycle = f.make_cycle(template)
    services.launch_cycle(org.hr, cycle, now=NOW)
    db.session.commit()
    return cycle


def review_of(db, cycle, person) -> Review:
    review_id = db.session.scalar(
        sa.select(Review.id).where(
            Review.cycle_id == cycle.id, Review.employee_id == person.employee_id
        )
    )
    db.session.expire_all()
    return load_review(review_id)


def ratings(review, value=3, comment="Solid, specific work this half."):
    return [
        {"competency_id": c.id, "rating": value, "comment": comment}
        for c in review.template.competencies
    ]


MANAGER_PART = {
    "strengths": "Led the billing migration calmly and kept every stakeholder informed.",
    "areas_to_strengthen": "Delegate more of the on-call work to grow the team.",
    "obstacles": [],
    "training_needs": [],
    "goals": [{"title": "Mentor a new hire", "description": "", "target_on": None}],
    "overall_rating": 4,
}


def walk_to_shared(db, org, cycle, person=None, now=NOW):
    """Self-assess, manager-assess and share the review of ``person`` (default Emma)."""
    person = person or org.employee
    review = review_of(db, cycle, person)
    services.save_self_assessment(
        person,
        review,
        {
            "ratings": ratings(review),
            "answers": [],
            "achievements": "Shipped",
            "submit": True,
        },
        now=now,
    )
    services.save_manager_assessment(
        org.manager, review, {**MANAGER_PART, "ratings": ratings(review, 4)}, now=now
    )
    services.share_review(org.manager, review, now=now)
    db.session.commit()
    return review
