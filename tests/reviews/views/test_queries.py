"""Query budget of the review pages: at most 12 statements, the same at 10 and at 100
rows of everything they list (team reviews, cycles, earlier reviews, needs, goals,
flags). The suite runs with ``TRELLIS_LAZY=raise``: a forgotten eager load fails."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from core.extensions import db
from reviews import services
from reviews.enums import QualityRule, ReviewStatus, TrainingNeedSource
from reviews.models import (
    Goal,
    Review,
    ReviewQualityFlag,
    ReviewRating,
    TemplateCompetency,
    TrainingNeed,
)
from tests import factories as f
from tests.conftest import sign_in
from tests.reviews.conftest import NOW, walk_to_shared

BUDGET = 12
# The review page also carries its period's learning record (issue 16 item 8): the
# development policy, the activities, the evidence on the previous review's needs and
# the suggestions made in it, four statements whatever their numbers
# (tests/development/test_review_learning.py holds that they do not grow). Its own
# ratings are read with the earlier reviews' (issue 17): one statement fewer.
REVIEW_PAGE_BUDGET = BUDGET + 3


def _competencies(template) -> list:
    return list(
        db.session.scalars(
            sa.select(TemplateCompetency).where(
                TemplateCompetency.template_id == template.id
            )
        )
    )


def _review(org, template, employee_id, end, **values) -> Review:
    return Review(
        employee_id=employee_id,
        reviewer_id=org.manager.employee_id,
        template_id=template.id,
        period_start=end - timedelta(days=29),
        period_end=end,
        answers={},
        proposed_needs=[],
        proposed_goals=[],
        **values,
    )


def _setup(db, org, template) -> dict:
    """Emma's shared review in a launched cycle, after one earlier signed review."""
    latest = _review(
        org,
        template,
        org.employee.employee_id,
        date(2025, 12, 31),
        status=ReviewStatus.acknowledged,
        overall_rating=3,
        ratings=[
            ReviewRating(competency_id=c.id, manager_rating=3)
            for c in _competencies(template)
        ],
    )
    db.session.add(latest)
    cycle = f.make_cycle(template)
    services.launch_cycle(org.hr, cycle, now=NOW)
    db.session.commit()
    review = walk_to_shared(db, org, cycle)
    return {"review": review.id, "cycle": cycle.id, "latest": latest.id}


def _grow(db, org, template, ids: dict, n: int) -> None:
    """``n`` more of everything: reports with flagged reviews in the cycle, draft
    cycles, Emma's older reviews, needs named by her last review, goals."""
    skill = f.make_skill()
    for i in range(n):
        person = f.make_employee(
            department_id=org.department.id, manager_id=org.manager.employee_id
        )
        f.make_user(person)
        other = _review(
            org,
            template,
            person.id,
            date(2026, 6, 30),
            cycle_id=ids["cycle"],
            status=ReviewStatus.shared,
        )
        db.session.add(other)
        db.session.flush()
        for rule in (QualityRule.too_short, QualityRule.no_strength):
            db.session.add(ReviewQualityFlag(review_id=other.id, rule=rule))
        f.make_cycle(template)
        old = _review(
            org,
            template,
            org.employee.employee_id,
            date(2015, 1, 1) + timedelta(days=30 * (i + len(ids))),
            status=ReviewStatus.closed,
            ratings=[
                ReviewRating(competency_id=c.id, manager_rating=1 + i % 5)
                for c in _competencies(template)
            ],
        )
        db.session.add(old)
        db.session.add(
            TrainingNeed(
                employee_id=org.employee.employee_id,
                skill_id=skill.id,
                target_level=3,
                source=TrainingNeedSource.review,
                source_review_id=ids["latest"],
                due_on=date(2026, 1, 1),
            )
        )
        db.session.add(
            Goal(
                owner_id=org.employee.employee_id,
                title=f"Goal {i}",
                target_on=date(2026, 3, 1),
            )
        )
    ids["grown"] = ids.get("grown", 0) + n
    db.session.commit()


PAGES = {
    "review-as-hr": ("hr", "/reviews/{review}"),
    "review-as-ceo": ("ceo", "/reviews/{review}"),
    "review-as-employee": ("employee", "/reviews/{review}"),
    "review-as-manager": ("manager", "/reviews/{review}"),
    "team-list": ("manager", "/reviews"),
    "cycle-list": ("hr", "/reviews/cycles"),
    "cycle-detail": ("hr", "/reviews/cycles/{cycle}"),
    "quality": ("hr", "/reviews/quality"),
    "home": ("manager", "/"),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_statements_are_few_and_do_not_grow_with_rows(
    db, org, template, client, count_queries, page
):
    actor, path = PAGES[page]
    ids = _setup(db, org, template)
    counts = []
    for n in (10, 90):
        _grow(db, org, template, ids, n)
        sign_in(client, getattr(org, actor))
        with count_queries() as counter:
            response = client.get(path.format(**ids))
        assert response.status_code == 200
        counts.append(counter.count)
    assert db.session.scalar(sa.select(sa.func.count(Review.id))) > 200
    assert counts[0] == counts[1], counts
    budget = REVIEW_PAGE_BUDGET if page.startswith("review-as-") else BUDGET
    assert counts[0] <= budget, counts
