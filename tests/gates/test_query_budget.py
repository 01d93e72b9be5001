"""Gate: every page and list runs a fixed, small number of SQL statements.

Each GET route of the authorization matrix is either in ``BUDGET`` (fetched after growing
the organisation to 10 and to 100 of everything: the statement counts must be equal and at
most ``LIMIT``) or in ``NOT_A_LIST`` with a reason. A new route in neither fails.
"""

import pytest

from core.extensions import db
from people.enums import SkillLevelSource
from people.models import EmployeeSkillLevel, RoleProfileSkill
from tests import factories as f
from tests.conftest import bearer, sign_in
from tests.gates.matrix.params import fill
from tests.gates.query_budget_pages import BUDGET_PAGES
from tests.gates.test_authorization_matrix import ROWS

LIMIT = 12

NOT_A_LIST = {
    "/static/<path:filename>": "a file",
    "/api/v1/openapi.json": "the generated document, no database",
    "/api/v1/docs": "a static page",
    "/api/v1/docs/assets/<name>": "a file",
    "/login": "a form with no data",
    "/account/password": "a form with no data",
}

# rule -> the actor who views it (the one who sees the most)
BUDGET = {
    "/api/v1/me": "manager",
    "/api/v1/people": "hr",
    "/api/v1/people/<int:person_id>": "manager",
    "/api/v1/people/<int:person_id>/skill-levels": "manager",
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
}
ALL = {**BUDGET, **BUDGET_PAGES}  # HTML pages live in query_budget_pages.py


def grow(org, n: int) -> None:
    """Add ``n`` of everything a page might list, all around ``org.employee``."""
    for _ in range(n):
        person = f.make_employee(
            department_id=org.department.id, manager_id=org.manager.employee_id
        )
        f.make_user(person)
        skill = f.make_skill()
        db.session.add(
            EmployeeSkillLevel(
                employee_id=org.employee.employee_id,
                skill_id=skill.id,
                level=3,
                source=SkillLevelSource.manager,
            )
        )
        f.make_department(parent_id=org.department.id)
        profile = f.make_role_profile()
        db.session.add(
            RoleProfileSkill(
                role_profile_id=profile.id, skill_id=skill.id, expected_level=3
            )
        )
    db.session.commit()


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
