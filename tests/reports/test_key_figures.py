"""The dashboard's key figures are counted by their own summary statements (cheap at
20,000 people); each must say what its report's page says — checked on an
organisation with reviews in every state, flags, obstacles, needs with and without
evidence and skill levels, for HR and a manager, with and without filters, on days
before and after each step's due date."""

from datetime import date

import pytest

from people.enums import SkillLevelSource
from people.models import EmployeeSkillLevel, RoleProfileSkill
from reports import cycle_progress, needs, obstacles, review_quality, training_gaps
from reports.base import Filters, check_references, pct
from reviews.enums import QualityRule
from reviews.enums import ReviewStatus as S
from reviews.enums import TrainingNeedStatus as N
from reviews.models import ReviewQualityFlag
from tests import factories as f
from tests.reports.conftest import TODAY, add_need, add_review, at

DAYS = (TODAY, date(2026, 7, 25), date(2026, 8, 5))  # self, manager, sign-off late


def _arrange(world, db) -> None:
    writing, tools = f.make_skill(name="Writing"), f.make_skill(name="Tools")
    agent = f.make_role_profile(job_title="Agent")
    db.session.add_all(
        RoleProfileSkill(role_profile_id=agent.id, skill_id=s.id, expected_level=3)
        for s in (writing, tools)
    )
    for user, skill, level, day in (
        (world.ana, writing, 4, date(2025, 1, 1)),
        (world.ana, writing, 1, date(2026, 1, 1)),  # the latest: below
        (world.cara, writing, 2, date(2026, 1, 1)),
        (world.cara, tools, 3, date(2026, 1, 1)),
    ):
        db.session.add(
            EmployeeSkillLevel(
                employee_id=user.employee_id,
                skill_id=skill.id,
                level=level,
                assessed_at=at(day),
                source=SkillLevelSource.manager,
            )
        )
    people = (world.ana, world.ben, world.cara, world.dan, world.mona)
    states = [
        (S.not_started, {}),
        (S.self_in_progress, {"self_skipped": True}),
        (S.self_submitted, {}),
        (S.manager_in_progress, {}),
        (S.shared, {}),
        (S.acknowledged, {}),
    ]
    for person, (status, values) in zip(people, states, strict=False):
        add_review(world, person, cycle=world.cycle, status=status, **values)
    for i, person in enumerate(people):
        review = add_review(
            world,
            person,
            reviewer=world.mona,
            overall=3,
            obstacles=["workload", "tools_resources"][: 1 + i % 2],
        )
        if i % 2:
            db.session.add(
                ReviewQualityFlag(review_id=review.id, rule=QualityRule.no_comments)
            )
        add_need(person, writing, review=review, due_on=date(2026, 1, 1))
        add_need(person, tools, status=N.in_progress, evidence=bool(i % 2))
        add_need(person, tools, status=N.met, named_on=date(2025, 1, 1))
    db.session.commit()


def _page_figure(slug, result):
    """The key figure as the report's page shows it."""
    facts = {fact.label: fact.value for fact in result.facts}
    if slug == "training-gaps":
        return facts["People × skills below the expected level"]
    if slug == "needs":
        return sum(r["never_acted_on"] for r in result.rows)
    if slug == "cycle-progress":
        return facts["Steps overdue"]
    if slug == "review-quality":
        reviews = sum(r["reviews"] for r in result.rows)
        return f"{pct(sum(r['flagged'] for r in result.rows), reviews) or 0:g}%"
    total = sum(r["total"] for r in result.rows)
    organisational = sum(
        r["tools_resources"] + r["management_leadership"] for r in result.rows
    )
    return f"{pct(organisational, total) or 0:g}%"


MODULES = (training_gaps, needs, cycle_progress, review_quality, obstacles)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.SLUG)
@pytest.mark.parametrize("actor", ["hr", "mona", "ben"])
@pytest.mark.parametrize("day", DAYS)
def test_the_key_figure_is_the_figure_of_the_page(world, db, module, actor, day):
    _arrange(world, db)
    user = getattr(world, actor)
    filters = Filters()
    figure, _ = module.key_figure(filters, user, day)
    assert figure == _page_figure(module.SLUG, module.build(filters, user, day))


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.SLUG)
@pytest.mark.parametrize(
    "chosen",
    [
        {"department_id": "support"},
        {"cycle_id": "old_cycle"},
        {"cycle_id": "cycle"},
        {"period_from": date(2025, 7, 1), "period_to": date(2025, 12, 31)},
        {"job_title": "Agent"},
    ],
    ids=["department", "old-cycle", "active-cycle", "period", "job-title"],
)
def test_the_key_figure_follows_the_filters(world, db, module, chosen):
    _arrange(world, db)
    values = {
        k: getattr(world, v).id if isinstance(v, str) and k != "job_title" else v
        for k, v in chosen.items()
    }
    filters = Filters(**values)
    check_references(filters)
    figure, _ = module.key_figure(filters, world.hr, DAYS[-1])
    page = _page_figure(module.SLUG, module.build(filters, world.hr, DAYS[-1]))
    assert figure == page


def test_the_arranged_figures_are_not_all_zero(world, db):
    """The comparison above would pass on an empty organisation: it is not one."""
    _arrange(world, db)
    figures = [m.key_figure(Filters(), world.hr, DAYS[-1])[0] for m in MODULES]
    assert all(fig not in (0, "0%") for fig in figures), figures
