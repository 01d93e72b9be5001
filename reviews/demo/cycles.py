"""Templates and cycles of the reviews demo, and the lookups the walks need (reviews of
a cycle, previous ratings, needs a review named, the latest shared reviews)."""

from datetime import date, timedelta

import sqlalchemy as sa

from core.extensions import db
from reviews import services
from reviews.demo.common import Demo, Half, at, backdate_events
from reviews.demo.texts import (
    COMPANY_TEMPLATE,
    ENGINEERING_COMPETENCIES,
    ENGINEERING_QUESTIONS,
)
from reviews.enums import PopulationKind, ReviewStatus
from reviews.models import (
    Review,
    ReviewCycle,
    ReviewRating,
    TemplateCompetency,
    TrainingNeed,
)
from reviews.queries import REVIEW_OPTIONS


def create_templates(demo: Demo, older: Half) -> None:
    when = at(older.end - timedelta(days=20), 10)
    demo.company = services.create_template(demo.hr, COMPANY_TEMPLATE)
    skills = demo.org.skills
    demo.engineering = services.create_template(
        demo.hr,
        {
            "name": "Engineering review",
            "description": "For engineers: the craft skills, each rated as its skill.",
            "rating_labels": None,
            "competencies": [
                {
                    "name": name,
                    "description": f"As described for {name} in the skills catalogue.",
                    "skill_id": skills[name].id,
                }
                for name in ENGINEERING_COMPETENCIES
            ],
            "questions": [{"text": q} for q in ENGINEERING_QUESTIONS],
        },
    )
    for template in (demo.company, demo.engineering):
        template.created_at = template.updated_at = when
        backdate_events("ReviewTemplate", template.id, when)


def create_cycle(
    demo: Demo, half: Half, launch: date, *, hired_before: date, self_due: date
):
    created = at(launch - timedelta(days=5), 11)
    cycle = services.create_cycle(
        demo.hr,
        {
            "name": half.name,
            "period_start": half.start,
            "period_end": half.end,
            "template_id": demo.company.id,
            "population": PopulationKind.hired_before,
            "department_ids": [],
            "hired_before": hired_before,
            "self_due_on": self_due,
            "manager_due_on": self_due + timedelta(days=14),
            "signoff_due_on": self_due + timedelta(days=28),
        },
        now=created,
    )
    cycle.created_at = cycle.updated_at = created
    backdate_events("ReviewCycle", cycle.id, created)
    services.launch_cycle(demo.hr, cycle, now=at(launch, 8))
    demo.cycles.append(cycle)
    return cycle


def cycle_reviews(cycle: ReviewCycle) -> list[Review]:
    return list(
        db.session.scalars(
            sa.select(Review)
            .where(Review.cycle_id == cycle.id)
            .options(*REVIEW_OPTIONS)
            .order_by(Review.id)
        ).unique()
    )


def previous_ratings(review_ids: list[int]) -> dict[int, dict[str, int]]:
    """employee id -> competency name -> the manager rating of their latest review."""
    rows = db.session.execute(
        sa.select(
            Review.employee_id, TemplateCompetency.name, ReviewRating.manager_rating
        )
        .join(ReviewRating, ReviewRating.review_id == Review.id)
        .join(TemplateCompetency, TemplateCompetency.id == ReviewRating.competency_id)
        .where(Review.id.in_(review_ids or [0]))
    )
    found: dict[int, dict[str, int]] = {}
    for employee_id, name, rating in rows:
        found.setdefault(employee_id, {})[name] = rating
    return found


def named_needs(review_id: int) -> list[dict]:
    return [
        {"skill_id": skill_id}
        for skill_id in db.session.scalars(
            sa.select(TrainingNeed.skill_id).where(
                TrainingNeed.source_review_id == review_id
            )
        )
    ]


def first_with_title(demo: Demo, title: str | None) -> int | None:
    if title is None:
        return None
    return next((p.id for p in demo.org.people if p.job_title == title), None)


def shared_ids(demo: Demo, exclude: int) -> list[int]:
    """The latest shared review per person among the other cycles so far."""
    rows = db.session.execute(
        sa.select(Review.employee_id, Review.id)
        .where(
            Review.cycle_id.in_([c.id for c in demo.cycles if c.id != exclude] or [0]),
            Review.status.in_([s for s in ReviewStatus if s.is_shared]),
        )
        .order_by(Review.period_end)
    )
    return list(dict(rows.all()).values())
