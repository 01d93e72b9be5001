"""Every report runs in a fixed number of statements whatever the organisation's size:
counted at two sizes (the arranged org grown by 5 and by 25 people with reviews,
ratings, flags, obstacles, needs with and without evidence, activities and skill
levels), for HR and for a manager, through ``build`` and through the API."""

from datetime import date

import pytest

from people.enums import SkillLevelSource
from people.models import EmployeeSkillLevel, RoleProfileSkill
from reports.base import Filters
from reports.registry import REPORTS
from reviews.enums import QualityRule
from reviews.enums import TrainingNeedStatus as N
from reviews.models import ReviewQualityFlag
from tests import factories as f
from tests.conftest import bearer
from tests.reports.conftest import TODAY, add_activity, add_need, add_review, build

# statements of build() (decision evidence: people, rating scales, reviews, needs, the
# learning policy, learning; learning: people, policy, per person, per month and kind)
EXPECTED = {
    "training-gaps": 1,
    "needs": 1,
    "cycle-progress": 1,
    "review-quality": 3,
    "learning": 5,  # with the interview policy exceptions (one statement)
    "obstacles": 1,
    "decision-evidence": 6,
}


def grow(world, db, n: int) -> None:
    skill = f.make_skill()
    profile = f.make_role_profile(job_title=f"Grown {skill.id}")
    db.session.add(
        RoleProfileSkill(
            role_profile_id=profile.id, skill_id=skill.id, expected_level=4
        )
    )
    for i in range(n):
        department = world.support if i % 2 else world.east
        person = f.make_person(
            job_title=profile.job_title,
            department_id=department.id,
            manager_id=world.mona.employee_id,
        )
        review = add_review(
            world,
            person,
            reviewer=world.mona,
            overall=3 + i % 3,
            ratings=[3, 3, 3],
            obstacles=["workload"],
        )
        db.session.add(
            ReviewQualityFlag(review_id=review.id, rule=QualityRule.no_comments)
        )
        add_review(world, person, cycle=world.cycle, reviewer=world.mona)
        add_need(person, skill, review=review, due_on=date(2026, 1, 1))
        add_need(person, skill, status=N.in_progress, evidence=True)
        add_activity(person, date(2026, 6, 1))
        db.session.add(
            EmployeeSkillLevel(
                employee_id=person.employee_id,
                skill_id=skill.id,
                level=2,
                source=SkillLevelSource.manager,
            )
        )
    db.session.commit()


def _build_count(module, actor, count_queries) -> int:
    assert actor.employee_id and actor.is_hr is not None  # loaded, not counted
    with count_queries() as counter:
        result = build(module, actor)
    assert result.rows
    return counter.count


@pytest.mark.parametrize("slug", sorted(REPORTS))
@pytest.mark.parametrize("actor", ["hr", "mona"])
def test_build_runs_a_fixed_number_of_statements(world, db, count_queries, slug, actor):
    module, user = REPORTS[slug], getattr(world, actor)
    grow(world, db, 5)
    small = _build_count(module, user, count_queries)
    grow(world, db, 20)
    large = _build_count(module, user, count_queries)
    assert (small, large) == (EXPECTED[slug], EXPECTED[slug])


@pytest.mark.parametrize("slug", sorted(REPORTS))
def test_the_api_runs_a_fixed_number_of_statements(
    world, db, client, count_queries, slug
):
    headers = bearer(world.mona)
    counts = []
    for n in (5, 20):
        grow(world, db, n)
        with count_queries() as counter:
            response = client.get(f"/api/v1/reports/{slug}", headers=headers)
        assert response.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 12


def test_decision_evidence_packs_run_the_same_statements(world, db, count_queries):
    """With a group the packs' rows replace the per-person counts: as many statements."""
    module = REPORTS["decision-evidence"]
    counts = []
    for n in (5, 20):
        grow(world, db, n)
        filters = Filters(department_id=world.support.id)
        assert world.hr.employee_id and world.hr.is_hr is not None  # loaded
        with count_queries() as counter:
            result = module.build(filters, world.hr, TODAY)
        assert result.rows and result.tables[0].rows
        counts.append(counter.count)
    assert counts == [EXPECTED["decision-evidence"]] * 2
