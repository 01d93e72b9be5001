"""The provisioning story: an identity provider creates 50 people, each naming a
manager who may not exist yet, in a random order; moves one to another department;
deletes one — who cannot sign in from that moment, and whose reviews stay."""

import random
from datetime import date

import sqlalchemy as sa

from core.extensions import db
from people.models import Department, Employee, User
from reviews.models import Review
from scim.models import ScimPendingManager
from tests import factories as f
from tests.conftest import sign_in
from tests.scim.conftest import ENTERPRISE, patch_ops, user_payload

PEOPLE = 50


def _boss(i: int) -> str | None:
    """A tree: person 0 leads; person i reports to person (i - 1) // 3."""
    return None if i == 0 else f"ext-{(i - 1) // 3}"


def _provision_everyone(client, scim) -> dict[str, str]:
    order = list(range(PEOPLE))
    random.Random(14).shuffle(order)
    ids = {}
    for i in order:
        extra = {"manager": {"value": _boss(i)}} if _boss(i) else {}
        payload = user_payload(
            f"Person.{i}@Example.com",
            externalId=f"ext-{i}",
            displayName=f"Person {i}",
            title="Engineer",
            employeeNumber=f"E{i:03}",
            department="Engineering",
            **extra,
        )
        response = client.post("/scim/v2/Users", json=payload, headers=scim)
        assert response.status_code == 201, response.get_json()
        ids[f"ext-{i}"] = response.get_json()["id"]
    return ids


def test_fifty_people_arrive_in_any_order_and_the_org_chart_is_whole(client, scim):
    ids = _provision_everyone(client, scim)

    by_external = {
        e.external_id: e for e in db.session.scalars(sa.select(Employee)).all()
    }
    assert len(by_external) == PEOPLE
    for i in range(PEOPLE):
        person = by_external[f"ext-{i}"]
        boss = _boss(i)
        assert person.manager_id == (by_external[boss].id if boss else None), i
        assert person.email == f"person.{i}@example.com"  # userName, lowercased
        assert person.employee_number == f"E{i:03}"
    assert (
        db.session.scalar(sa.select(sa.func.count(ScimPendingManager.employee_id))) == 0
    )
    got = client.get(f"/scim/v2/Users/{ids['ext-4']}", headers=scim).get_json()
    assert got[ENTERPRISE]["manager"]["value"] == ids["ext-1"]
    assert got[ENTERPRISE]["department"] == "Engineering"


def test_a_department_patch_moves_the_person_and_makes_the_department(client, scim):
    ids = _provision_everyone(client, scim)
    response = client.patch(
        f"/scim/v2/Users/{ids['ext-7']}",
        json=patch_ops(
            {"op": "replace", "path": f"{ENTERPRISE}:department", "value": "Research"}
        ),
        headers=scim,
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()[ENTERPRISE]["department"] == "Research"
    person = db.session.get(Employee, int(ids["ext-7"]))
    research = db.session.scalar(
        sa.select(Department).where(Department.name == "Research")
    )
    assert person.department_id == research.id
    assert person.manager_id == int(ids["ext-2"])  # the rest of the record stays


def test_a_deleted_person_cannot_sign_in_and_keeps_their_reviews(app, client, scim):
    ids = _provision_everyone(client, scim)
    person = db.session.get(Employee, int(ids["ext-12"]))
    account = f.make_user(person)
    template = f.make_template()
    cycle = f.make_cycle(template)
    db.session.add(
        Review(
            cycle_id=cycle.id,
            template_id=template.id,
            employee_id=person.id,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
        )
    )
    db.session.commit()
    sign_in(client, account)
    assert client.get("/").status_code == 200  # signed in

    response = client.delete(f"/scim/v2/Users/{ids['ext-12']}", headers=scim)

    assert response.status_code == 204
    assert client.get("/").status_code == 302  # the session died at once
    client.get("/logout")
    refused = client.post(
        "/login", data={"email": person.email, "password": f.PASSWORD}
    )
    assert refused.status_code in (401, 403, 422), refused.status_code
    assert client.get("/").status_code == 302  # still signed out
    assert db.session.get(User, account.id).is_enabled is False
    assert db.session.get(Employee, person.id).is_active is False
    reviews = db.session.scalars(
        sa.select(Review).where(Review.employee_id == person.id)
    )
    assert len(reviews.all()) == 1
    gone = client.get(f"/scim/v2/Users/{ids['ext-12']}", headers=scim)
    assert gone.status_code == 404
    assert gone.get_json()["status"] == "404"
