"""``POST``/``DELETE /api/v1/people/{id}/invitation``."""

import sqlalchemy as sa

from notifications.models import EmailMessage
from people.models import AccountLink
from tests.conftest import bearer
from tests.factories import make_employee, make_person


def test_hr_invites_through_the_api(client, db):
    hr = make_person(is_hr=True)
    person = make_employee(email="nina@example.com")
    db.session.commit()
    response = client.post(
        f"/api/v1/people/{person.id}/invitation", headers=bearer(hr), json={}
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["email"] == "nina@example.com"
    assert set(body) == {"id", "employee_id", "email", "created_at", "expires_at"}
    assert db.session.scalar(sa.select(EmailMessage.to_address)) == "nina@example.com"


def test_the_api_refuses_a_person_with_an_account_with_409(client, db):
    hr = make_person(is_hr=True)
    other = make_person()
    db.session.commit()
    response = client.post(
        f"/api/v1/people/{other.employee_id}/invitation", headers=bearer(hr)
    )
    assert response.status_code == 409
    assert "has an account already" in response.get_json()["message"]


def test_hr_withdraws_through_the_api(client, db):
    hr = make_person(is_hr=True)
    person = make_employee()
    db.session.commit()
    headers = bearer(hr)
    client.post(f"/api/v1/people/{person.id}/invitation", headers=headers)
    response = client.delete(f"/api/v1/people/{person.id}/invitation", headers=headers)
    assert response.status_code == 204
    assert db.session.scalar(sa.select(AccountLink.revoked_at)) is not None
    again = client.delete(f"/api/v1/people/{person.id}/invitation", headers=headers)
    assert again.status_code == 409


def test_an_employee_may_not_invite(client, db):
    person = make_employee()
    user = make_person()
    db.session.commit()
    response = client.post(
        f"/api/v1/people/{person.id}/invitation", headers=bearer(user), json={}
    )
    assert response.status_code == 403
