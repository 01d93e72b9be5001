"""Gate: every page and list runs a fixed, small number of SQL statements.

Each GET route of the authorization matrix is either in ``BUDGET`` (fetched after growing
the organisation to 10 and to 100 of everything: the statement counts must be equal and at
most ``LIMIT``) or in ``NOT_A_LIST`` with a reason. A new route in neither fails.
"""

import uuid
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from core.extensions import db
from people.enums import ApiTokenKind, SkillLevelSource
from people.models import (
    ApiToken,
    Department,
    Employee,
    EmployeeSkillLevel,
    RoleProfile,
    RoleProfileSkill,
    Skill,
    User,
)
from tests import factories as f
from tests.conftest import bearer, sign_in
from tests.gates import query_budget_audit as audit_budget
from tests.gates import query_budget_development as development_budget
from tests.gates import query_budget_notifications as notifications_budget
from tests.gates import query_budget_reports as reports_budget
from tests.gates import query_budget_scim as scim_budget
from tests.gates.matrix.params import PARAMS, fill
from tests.gates.query_budget_pages import BUDGET_PAGES, NOT_PAGES
from tests.gates.test_authorization_matrix import ROWS

LIMIT = 12

NOT_A_LIST = {
    "/static/<path:filename>": "a file",
    "/api/v1/openapi.json": "the generated document, no database",
    "/api/v1/docs": "a static page",
    "/api/v1/docs/assets/<name>": "a file",
    "/favicon.ico": "a file",
    "/login": "a form with no data",
    "/account/password": "a form with no data",
    "/api/v1/review-settings": "one settings row",
    **NOT_PAGES,
}

# rule -> the actor who views it (the one who sees the most)
BUDGET = {
    "/api/v1/me": "manager",
    "/api/v1/me/todos": "manager",  # one UNION ALL (home.todos)
    "/api/v1/personal-tokens": "employee",
    "/api/v1/people": "hr",
    "/api/v1/people/<int:person_id>": "manager",
    "/api/v1/people/<int:person_id>/skill-levels": "manager",
    # The skill history (every assessment, grown with the skills): same statements.
    "/api/v1/people/<int:person_id>/skill-levels?history=1": "manager",
    "/api/v1/departments": "hr",
    "/api/v1/departments/<int:department_id>": "hr",
    "/api/v1/skills": "hr",
    "/api/v1/skills/<int:skill_id>": "hr",
    "/api/v1/role-profiles": "hr",
    "/api/v1/role-profiles/<int:profile_id>": "hr",
    "/api/v1/templates": "hr",
    "/api/v1/templates/<int:template_id>": "hr",
    "/api/v1/cycles": "hr",
    "/api/v1/cycles/<int:cycle_id>": "hr",
    "/api/v1/reviews": "manager",
    "/api/v1/reviews/<int:review_id>": "hr",
    "/api/v1/reviews/<int:review_id>/history": "hr",
    "/api/v1/goals": "manager",
    "/api/v1/goals/<int:goal_id>": "manager",
    "/api/v1/goals/<int:goal_id>/check-ins": "manager",
    "/api/v1/training-needs": "manager",
    "/api/v1/training-needs/<int:need_id>": "manager",
    "/api/v1/people/<int:person_id>/skill-gaps": "manager",
}
BUDGET |= development_budget.BUDGET
NOT_A_LIST |= development_budget.NOT_A_LIST
BUDGET |= notifications_budget.BUDGET
BUDGET |= reports_budget.BUDGET
BUDGET |= audit_budget.BUDGET
BUDGET |= scim_budget.BUDGET
NOT_A_LIST |= scim_budget.NOT_A_LIST
ALL = {**BUDGET, **BUDGET_PAGES}  # HTML pages live in query_budget_pages.py


def grow(org, n: int) -> None:
    """Add ``n`` of everything a page might list, all around ``org.employee``.

    Rows are added in batches (a few flushes, not one per row): the gate builds this
    world twice for every budgeted route."""
    goals = _GoalsAndNeeds(org)
    development = development_budget.DevelopmentGrowth(org)
    notifications = notifications_budget.NotificationsGrowth(org)
    audit = audit_budget.AuditGrowth(org)
    tag = uuid.uuid4().hex[:8]
    people = [
        Employee(
            name=f"Grown {tag} {i}",
            email=f"grown-{tag}-{i}@example.com",
            job_title="Engineer",
            hired_on=date(2022, 1, 1),
            department_id=org.department.id,
            manager_id=org.manager.employee_id,
        )
        for i in range(n)
    ]
    skills = [Skill(name=f"Grown skill {tag} {i}", group="General") for i in range(n)]
    profiles = [RoleProfile(job_title=f"Grown title {tag} {i}") for i in range(n)]
    db.session.add_all(
        [*people, *skills, *profiles]
        + [
            Department(name=f"Grown department {tag} {i}", parent_id=org.department.id)
            for i in range(n)
        ]
    )
    db.session.flush()
    hashed = f.password_hash()
    for person, skill, profile in zip(people, skills, profiles, strict=True):
        db.session.add_all(
            [
                User(email=person.email, employee_id=person.id, password_hash=hashed),
                EmployeeSkillLevel(
                    employee_id=org.employee.employee_id,
                    skill_id=skill.id,
                    level=3,
                    source=SkillLevelSource.manager,
                ),
                EmployeeSkillLevel(  # a second point of Emma's skill history
                    employee_id=org.employee.employee_id,
                    skill_id=skill.id,
                    level=2,
                    assessed_at=datetime(2025, 1, 1, tzinfo=UTC),
                    source=SkillLevelSource.review,
                ),
                RoleProfileSkill(
                    role_profile_id=profile.id, skill_id=skill.id, expected_level=3
                ),
                ApiToken(  # Emma's personal access tokens
                    user_id=org.employee.id,
                    token_hash=uuid.uuid4().hex,
                    kind=ApiTokenKind.personal,
                    name=f"Grown token {person.id}",
                    expires_at=None,
                    credential_version=org.employee.credential_version,
                ),
            ]
        )
        goals.grow(person, skill)
        development.grow(person, skill)
        notifications.grow(person, skill)
        audit.grow(person, skill)
    development.finish()
    notifications.finish()
    db.session.flush()  # the grown accounts: their events need their ids
    audit.finish()
    db.session.commit()


class _GoalsAndNeeds:
    """Goals aligned to the matrix goal world, check-ins on Emma's goal, needs with
    evidence, and role-profile expectations for Emma's job title (skill gaps)."""

    def __init__(self, org):
        from reviews.models import Goal

        self.org = org
        self.goal = db.session.get(Goal, PARAMS["goal_id"](org))
        self.need_id = PARAMS["need_id"](org)
        title = db.session.get(Employee, org.employee.employee_id).job_title
        self.profile = db.session.scalar(
            sa.select(RoleProfile).where(RoleProfile.job_title == title)
        ) or f.make_role_profile(job_title=title)

    def grow(self, person, skill) -> None:
        from reviews.enums import CheckInStatus, TrainingNeedSource
        from reviews.models import Goal, GoalCheckIn, NeedEvidence, TrainingNeed

        emma = self.org.employee
        db.session.add_all(
            [
                Goal(
                    owner_id=person.id, title="Team part", parent_id=self.goal.parent_id
                ),
                Goal(owner_id=emma.employee_id, title="Step", parent_id=self.goal.id),
                GoalCheckIn(
                    goal_id=self.goal.id,
                    checked_on=date(2026, 7, 1),
                    value=10,
                    progress=10,
                    status=CheckInStatus.on_track,
                    author_id=emma.id,
                ),
                TrainingNeed(
                    employee_id=person.id,
                    skill_id=skill.id,
                    target_level=3,
                    source=TrainingNeedSource.manager,
                ),
                NeedEvidence(need_id=self.need_id, note="More", added_by_id=emma.id),
                RoleProfileSkill(
                    role_profile_id=self.profile.id, skill_id=skill.id, expected_level=4
                ),
            ]
        )


def test_every_get_route_is_budgeted_or_excused():
    gets = {rule for method, rule in ROWS if method == "GET"}
    assert gets - set(ALL) - set(NOT_A_LIST) == set()


def _count(client, count_queries, org, rule, actor) -> int:
    user = org.actor(actor)
    url = fill(rule, org)
    headers = bearer(user) if url.startswith("/api/") else {}
    sign_in(client, user)
    with count_queries() as counter:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return counter.count


@pytest.mark.parametrize("rule", sorted(ALL))
def test_statements_are_few_and_do_not_grow_with_rows(client, org, count_queries, rule):
    actor = ALL[rule]
    grow(org, 10)
    at_10 = _count(client, count_queries, org, rule, actor)
    grow(org, 90)
    at_100 = _count(client, count_queries, org, rule, actor)
    assert (at_10, at_100) == (at_10, at_10), "statement count grows with rows (N+1)"
    assert at_10 <= LIMIT
