"""A small arranged organisation for the report tests, and helpers to add reviews,
needs, obstacles and activities to it.

    Support (department)            Sales (department)
      └ Support East (sub)
    Mona Head (Support, manages Ana and Ben)      Olaf Head (Sales, manages Dan)
      ├ Ana Agent (Support)                         └ Dan Rep (Sales)
      └ Ben Lead (Support East, manages Cara)
          └ Cara Agent (Support East)
    Hana HR (HR, no department)

``TODAY`` is fixed: reports take ``today`` and the tests pass it.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from core.extensions import db
from development.enums import ActivityKind, ActivityStatus
from development.models import DevelopmentActivity
from reports.base import Filters
from reviews.enums import (
    CycleStatus,
    ObstacleCategory,
    ReviewStatus,
    TrainingNeedSource,
    TrainingNeedStatus,
)
from reviews.models import (
    NeedEvidence,
    Review,
    ReviewObstacle,
    ReviewRating,
    TemplateCompetency,
    TrainingNeed,
)
from tests import factories as f

TODAY = date(2026, 7, 15)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=UTC)


@dataclass
class World:
    support: object
    east: object
    sales: object
    hr: object
    mona: object
    ana: object
    ben: object
    cara: object
    olaf: object
    dan: object
    template: object
    cycle: object
    old_cycle: object

    def emp(self, user) -> int:
        return user.employee_id


@pytest.fixture
def world(db) -> World:
    support = f.make_department(name="Support")
    east = f.make_department(name="Support East", parent_id=support.id)
    sales = f.make_department(name="Sales")
    hr = f.make_person(name="Hana HR", job_title="HR Partner", is_hr=True)
    mona = f.make_person(name="Mona Head", job_title="Head", department_id=support.id)
    ana = f.make_person(
        name="Ana Agent",
        job_title="Agent",
        department_id=support.id,
        manager_id=mona.employee_id,
    )
    ben = f.make_person(
        name="Ben Lead",
        job_title="Lead",
        department_id=east.id,
        manager_id=mona.employee_id,
    )
    cara = f.make_person(
        name="Cara Agent",
        job_title="Agent",
        department_id=east.id,
        manager_id=ben.employee_id,
    )
    olaf = f.make_person(name="Olaf Head", job_title="Head", department_id=sales.id)
    dan = f.make_person(
        name="Dan Rep",
        job_title="Rep",
        department_id=sales.id,
        manager_id=olaf.employee_id,
    )
    template = f.make_template(
        competencies=("Delivery", "Collaboration", "Craft"), actor=hr
    )
    cycle = f.make_cycle(
        template,
        name="2026 H1",
        status=CycleStatus.active,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        self_due_on=date(2026, 7, 10),
        manager_due_on=date(2026, 7, 20),
        signoff_due_on=date(2026, 7, 31),
    )
    old_cycle = f.make_cycle(
        template,
        name="2025 H2",
        status=CycleStatus.closed,
        period_start=date(2025, 7, 1),
        period_end=date(2025, 12, 31),
        self_due_on=date(2026, 1, 10),
        manager_due_on=date(2026, 1, 20),
        signoff_due_on=date(2026, 1, 31),
    )
    db.session.commit()
    return World(
        support,
        east,
        sales,
        hr,
        mona,
        ana,
        ben,
        cara,
        olaf,
        dan,
        template,
        cycle,
        old_cycle,
    )


def add_review(
    world,
    person,
    *,
    cycle=None,
    reviewer=None,
    status=ReviewStatus.closed,
    overall=None,
    ratings=(),
    obstacles=(),
    **values,
) -> Review:
    cycle = cycle or world.old_cycle
    review = Review(
        cycle_id=cycle.id,
        template_id=world.template.id,
        employee_id=person.employee_id,
        reviewer_id=reviewer.employee_id if reviewer else None,
        status=status,
        period_start=cycle.period_start,
        period_end=cycle.period_end,
        overall_rating=overall,
        **values,
    )
    db.session.add(review)
    db.session.flush()
    competencies = db.session.scalars(
        sa.select(TemplateCompetency.id)
        .where(TemplateCompetency.template_id == world.template.id)
        .order_by(TemplateCompetency.position, TemplateCompetency.id)
    ).all()
    for competency_id, rating in zip(competencies, ratings, strict=False):
        db.session.add(
            ReviewRating(
                review_id=review.id, competency_id=competency_id, manager_rating=rating
            )
        )
    for category in obstacles:
        db.session.add(
            ReviewObstacle(
                review_id=review.id,
                category=ObstacleCategory(category),
                description="Something in the way",
            )
        )
    db.session.flush()
    return review


def add_need(
    person,
    skill,
    *,
    status=TrainingNeedStatus.open,
    due_on=None,
    named_on=date(2026, 6, 1),
    evidence=False,
    review=None,
    drop_reason="",
) -> TrainingNeed:
    need = TrainingNeed(
        employee_id=person.employee_id,
        skill_id=skill.id,
        target_level=3,
        source=TrainingNeedSource.review if review else TrainingNeedSource.manager,
        source_review_id=review.id if review else None,
        status=status,
        due_on=due_on,
        created_at=at(named_on),
        drop_reason=drop_reason,
    )
    db.session.add(need)
    db.session.flush()
    if evidence:
        db.session.add(NeedEvidence(need_id=need.id, note="Did the course"))
        db.session.flush()
    return need


def add_activity(person, day: date, *, kind=ActivityKind.course, hours=2.0):
    activity = DevelopmentActivity(
        employee_id=person.employee_id,
        kind=kind,
        title="Learning",
        hours=hours,
        status=ActivityStatus.completed,
        started_on=day,
        ended_on=day,
    )
    db.session.add(activity)
    db.session.flush()
    return activity


def build(module, actor, **filters):
    """Run ``module.build`` as ``actor`` with ``filters`` on ``TODAY``."""
    from reports.base import check_references

    chosen = Filters(**filters)
    check_references(chosen)
    return module.build(chosen, actor, TODAY)


def rows_by(result, *keys) -> dict:
    return {tuple(row[k] for k in keys): row for row in result.rows}
