"""Gate (mass assignment) for /scim/v2, which is not in the OpenAPI document that
``test_mass_assignment`` walks: a SCIM payload sets only the attributes Trellis maps
(userName, names, title, active, externalId, the enterprise extension). Everything
else a provider — or an attacker holding its token — sends is ignored (RFC 7643 §2.2:
readOnly attributes such as ``id`` and ``meta``; and unknown ones): no role flag, no
account, no id, no version, no other column is written, on create, replace or patch.
"""

import pytest
import sqlalchemy as sa

from core.extensions import db
from people.models import Employee, User
from tests.gates.test_mass_assignment import ATTACKS
from tests.scim.conftest import patch_ops, scim_headers, user_payload

SCIM_ATTACKS = {
    "id": "999",
    "meta": {"created": "2020-01-01T00:00:00Z", "version": 'W/"99"'},
    "roles": [{"value": "admin"}],
    "entitlements": [{"value": "hr"}],
    "groups": [{"value": "1"}],
    "password": "Hunter2-hunter2",
    "userType": "Admin",
    **ATTACKS,
}


@pytest.fixture
def scim(db):
    return scim_headers()


def _person(email: str) -> Employee:
    return db.session.scalar(sa.select(Employee).where(Employee.email == email))


def _only_mapped_columns_set(person: Employee) -> None:
    assert person.id != 999 and person.version < 5
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0  # no account
    assert person.is_active is True
    assert person.hired_on is None and person.department_id is None


@pytest.mark.parametrize(("key", "value"), sorted(SCIM_ATTACKS.items()))
def test_create_ignores_what_it_does_not_map(client, scim, key, value):
    payload = {**user_payload("mass@example.com"), key: value}
    response = client.post("/scim/v2/Users", json=payload, headers=scim)
    assert response.status_code in (201, 400), response.get_json()
    person = _person("mass@example.com")
    if response.status_code == 400:  # refused (a malformed readOnly value): nothing
        assert person is None
        return
    _only_mapped_columns_set(person)


@pytest.mark.parametrize(("key", "value"), sorted(SCIM_ATTACKS.items()))
def test_replace_and_patch_ignore_what_they_do_not_map(client, scim, key, value):
    created = client.post(
        "/scim/v2/Users", json=user_payload("mass@example.com"), headers=scim
    ).get_json()
    url = f"/scim/v2/Users/{created['id']}"
    put = client.put(
        url, json={**user_payload("mass@example.com"), key: value}, headers=scim
    )
    patch = client.patch(
        url, json=patch_ops({"op": "add", "value": {key: value}}), headers=scim
    )
    assert put.status_code in (200, 400) and patch.status_code in (200, 400)
    _only_mapped_columns_set(_person("mass@example.com"))
