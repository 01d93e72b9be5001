"""The Users list runs the same few statements for a page of 10 people as for a page
of 100 (no statement per person: departments come in one IN query), and so does a
single user."""

import sqlalchemy as sa

from core.extensions import db
from people.models import Department, Employee
from tests.scim.conftest import scim_headers

LIMIT = 8


def _grow(n: int, start: int) -> None:
    departments = [Department(name=f"Dept {start + i}") for i in range(n)]
    db.session.add_all(departments)
    db.session.flush()
    boss = db.session.scalar(sa.select(Employee.id).order_by(Employee.id).limit(1))
    db.session.add_all(
        Employee(
            name=f"Person {start + i}",
            email=f"p{start + i}@example.com",
            external_id=f"x-{start + i}",
            department_id=departments[i].id,
            manager_id=boss,
        )
        for i in range(n)
    )
    db.session.commit()


def _statements(client, count_queries, url, headers) -> int:
    with count_queries() as counter:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return counter.count


def test_the_users_list_does_not_grow_with_its_page(client, db, count_queries):
    headers = scim_headers()
    _grow(10, 0)
    at_10 = _statements(client, count_queries, "/scim/v2/Users?count=200", headers)
    _grow(90, 10)
    at_100 = _statements(client, count_queries, "/scim/v2/Users?count=200", headers)
    filtered = _statements(
        client, count_queries, '/scim/v2/Users?filter=userName sw "p"', headers
    )
    assert at_10 == at_100 == filtered <= LIMIT
    one = db.session.scalar(
        sa.select(Employee.id).order_by(Employee.id.desc()).limit(1)
    )
    assert _statements(client, count_queries, f"/scim/v2/Users/{one}", headers) <= LIMIT
