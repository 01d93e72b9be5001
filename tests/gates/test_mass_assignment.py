"""Gate: no write endpoint accepts an attribute its input schema does not list.

Every write operation in the OpenAPI document must have a valid body in ``VALID_BODIES``
(a new endpoint without one fails ``test_every_write_operation_has_a_body``). Each is then
sent with that body plus one model attribute the schema does not offer — ids, owners,
role flags, versions, states, timestamps — and must answer 422 with the database
unchanged.
"""

import re

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.conftest import bearer
from tests.factories import PASSWORD
from tests.gates.matrix.params import fill

ATTACKS = {
    "id": 999,
    "employee_id": 1,
    "user_id": 1,
    "owner_id": 1,
    "is_hr": True,
    "is_admin": True,
    "is_enabled": False,
    "is_active": False,
    "session_version": 99,
    "password_hash": "x",
    "must_change_password": False,
    "version": 99,
    "status": "closed",
    "created_at": "2020-01-01T00:00:00Z",
    "updated_at": "2020-01-01T00:00:00Z",
    "role_profile_id": 1,
    "token_hash": "x",
    "revoked_at": None,
    "expires_at": "2999-01-01T00:00:00Z",
}

# (method, rule) -> (actor, body builder). The body alone must succeed (2xx).
VALID_BODIES = {
    ("POST", "/api/v1/tokens"): (
        None,
        lambda org: {"email": org.employee.email, "password": PASSWORD},
    ),
    ("POST", "/api/v1/people"): (
        "hr",
        lambda org: {"name": "New Person", "email": "new.person@example.com"},
    ),
    ("PATCH", "/api/v1/people/<int:person_id>"): (
        "hr",
        lambda org: {"job_title": "Lead"},
    ),
    ("POST", "/api/v1/departments"): ("hr", lambda org: {"name": "Research"}),
    ("PATCH", "/api/v1/departments/<int:department_id>"): (
        "hr",
        lambda org: {"description": "Builds things."},
    ),
    ("POST", "/api/v1/skills"): ("hr", lambda org: {"name": "Kotlin"}),
    ("PATCH", "/api/v1/skills/<int:skill_id>"): (
        "hr",
        lambda org: {"group": "Languages"},
    ),
    ("POST", "/api/v1/role-profiles"): ("hr", lambda org: {"job_title": "Tester"}),
    ("PATCH", "/api/v1/role-profiles/<int:profile_id>"): (
        "hr",
        lambda org: {"description": "Tests things."},
    ),
}


def write_operations(app):
    doc = app.test_client().get("/api/v1/openapi.json").get_json()
    ops = []
    for path, item in doc["paths"].items():
        rule = re.sub(r"\{([a-z_]+)\}", r"<int:\1>", path)
        for method, op in item.items():
            if method in {"post", "put", "patch"} and "requestBody" in op:
                schema = op["requestBody"]["content"]["application/json"]["schema"]
                ops.append((method.upper(), rule, schema))
    return ops


def test_every_write_operation_has_a_body(app):
    ops = {(m, r) for m, r, _ in write_operations(app)}
    assert ops - set(VALID_BODIES) == set()


def snapshot() -> dict:
    db.session.expire_all()
    with db.engine.connect() as conn:
        return {
            t.name: sorted(map(repr, conn.execute(sa.select(t)).all()))
            for t in db.metadata.sorted_tables
            if t.name != "audit_events"
        }


def _headers(client, org, method, rule, actor) -> dict:
    headers = bearer(org.actor(actor)) if actor else {}
    if method == "PATCH":
        url = fill(rule, org)
        headers["If-Match"] = client.get(url, headers=bearer(org.hr)).headers["ETag"]
    return headers


def _send(client, org, method, rule, actor, body, headers=None):
    headers = headers or _headers(client, org, method, rule, actor)
    return client.open(fill(rule, org), method=method, json=body, headers=headers)


@pytest.mark.parametrize(("method", "rule"), sorted(VALID_BODIES))
def test_the_valid_body_alone_succeeds(client, org, method, rule):
    actor, build = VALID_BODIES[(method, rule)]
    response = _send(client, org, method, rule, actor, build(org))
    assert response.status_code < 300, response.get_json()


def _resolve(doc_schema, app):
    ref = doc_schema.get("$ref")
    if not ref:
        return doc_schema
    doc = app.test_client().get("/api/v1/openapi.json").get_json()
    return doc["components"]["schemas"][ref.rsplit("/", 1)[1]]


@pytest.mark.parametrize(("method", "rule"), sorted(VALID_BODIES))
def test_unlisted_attributes_are_refused_and_change_nothing(
    app, client, org, method, rule
):
    actor, build = VALID_BODIES[(method, rule)]
    schema = next(s for m, r, s in write_operations(app) if (m, r) == (method, rule))
    allowed = set(_resolve(schema, app).get("properties", {}))
    attacks = {k: v for k, v in ATTACKS.items() if k not in allowed}
    assert attacks
    for attr, value in attacks.items():
        headers = _headers(client, org, method, rule, actor)
        before = snapshot()
        body = {**build(org), attr: value}
        response = _send(client, org, method, rule, actor, body, headers)
        assert response.status_code == 422, (attr, response.get_json())
        assert attr in response.get_json()["errors"], attr
        assert snapshot() == before, attr
