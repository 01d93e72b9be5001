"""Query budget of the people pages: at most 12 statements, however many rows.

Pages eager-load what they show (the suite runs with ``TRELLIS_LAZY=raise``) and use one
recursive CTE for manager chains, so the count is the same at 10 rows and at 100.
"""

from datetime import UTC, datetime

import pytest

from people.enums import SkillLevelSource
from people.models import EmployeeSkillLevel, RoleProfileSkill
from tests import factories as f

BUDGET = 12


def _populate(db, org, n: int) -> dict:
    """``n`` people reporting to the manager, with skills, levels and role profiles."""
    skills = [f.make_skill(group=f"G{i % 3}") for i in range(n)]
    for i in range(n):
        emp = f.make_employee(
            department_id=org.department.id, manager_id=org.employee.employee_id
        )
        profile = f.make_role_profile()
        db.session.add(
            RoleProfileSkill(
                role_profile_id=profile.id, skill_id=skills[i].id, expected_level=3
            )
        )
        db.session.add(
            EmployeeSkillLevel(
                employee_id=org.employee.employee_id,
                skill_id=skills[i].id,
                level=1 + i % 5,
                assessed_at=datetime(2025, 1, 1, tzinfo=UTC),
                source=SkillLevelSource.manager,
            )
        )
        f.make_department(parent_id=org.department.id)
        f.make_user(emp)
    db.session.commit()
    return {"profile": profile.id}


PAGES = [
    lambda o, ids: "/people",
    lambda o, ids: f"/people/{o.employee.employee_id}",
    lambda o, ids: f"/departments/{o.department.id}",
    lambda o, ids: "/departments",
    lambda o, ids: "/skills",
    lambda o, ids: "/role-profiles",
    lambda o, ids: f"/role-profiles/{ids['profile']}",
    lambda o, ids: "/admin/accounts",
    lambda o, ids: "/",
]


@pytest.mark.parametrize("rows", [10, 100])
@pytest.mark.parametrize("page", range(len(PAGES)))
def test_page_runs_a_bounded_number_of_statements(
    db, login_as, org, count_queries, page, rows
):
    ids = _populate(db, org, rows)
    user = org.admin if page == 7 else org.hr
    client = login_as(user)
    url = PAGES[page](org, ids)
    with count_queries() as counter:
        assert client.get(url).status_code == 200
    assert counter.count <= BUDGET, counter.statements


@pytest.mark.parametrize("page", range(len(PAGES)))
def test_statement_count_does_not_grow_with_rows(
    db, login_as, org, count_queries, page
):
    counts = []
    for rows in (10, 90):
        ids = _populate(db, org, rows)
        client = login_as(org.admin if page == 7 else org.hr)
        with count_queries() as counter:
            client.get(PAGES[page](org, ids))
        counts.append(counter.count)
    assert counts[0] == counts[1]
