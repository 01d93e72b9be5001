"""/scim/v2/Users: filters, paging, replace and patch, the manager rules, and errors
that are SCIM errors (RFC 7644 §3.12) — never an HTML page, never a 500."""

import pytest
import sqlalchemy as sa

from core.audit import AuditEvent
from core.extensions import db
from people.models import Employee
from scim.models import ScimPendingManager
from tests.scim.conftest import ENTERPRISE, MEDIA, patch_ops, user_payload

U = "/scim/v2/Users"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"


def _create(client, scim, email, **extra) -> dict:
    response = client.post(U, json=user_payload(email, **extra), headers=scim)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _scim_error(response, status: int, scim_type: str | None = None) -> dict:
    assert response.status_code == status
    assert response.mimetype == MEDIA
    body = response.get_json()
    assert body["schemas"] == [ERROR] and body["status"] == str(status)
    if scim_type:
        assert body["scimType"] == scim_type
    return body


@pytest.fixture
def three(client, scim):
    a = _create(client, scim, "ann@example.com", externalId="x-ann", displayName="Ann")
    b = _create(client, scim, "bob@example.com", externalId="x-bob", active=False)
    c = _create(client, scim, "cy@other.org", externalId="x-cy", displayName="Cy")
    return a, b, c


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('userName eq "ANN@example.com"', ["ann"]),
        ('externalId eq "x-bob"', ["bob"]),
        ('externalId eq "X-BOB"', []),  # caseExact
        ('emails.value eq "cy@other.org"', ["cy"]),
        ('emails[value co "other"]', ["cy"]),
        ("active eq false", ["bob"]),
        ('active eq true and userName sw "a"', ["ann"]),
        ('userName ew "example.com" and not (active eq false)', ["ann"]),
        ('externalId eq "x-ann" or externalId eq "x-cy"', ["ann", "cy"]),
        ("externalId pr", ["ann", "bob", "cy"]),
    ],
)
def test_filters(client, scim, three, query, expected):
    response = client.get(U, query_string={"filter": query}, headers=scim)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    names = [r["userName"].split("@")[0] for r in body.get("Resources", [])]
    assert names == expected
    assert body["totalResults"] == len(expected)


def test_paging_with_start_index_and_count(client, scim):
    for n in range(7):
        _create(client, scim, f"p{n}@example.com")
    page = client.get(U, query_string={"startIndex": 3, "count": 2}, headers=scim)
    body = page.get_json()
    assert body["totalResults"] == 7 and body["startIndex"] == 3
    assert body["itemsPerPage"] == 2
    assert [r["userName"] for r in body["Resources"]] == [
        "p2@example.com",
        "p3@example.com",
    ]
    empty = client.get(U, query_string={"count": 0}, headers=scim).get_json()
    assert empty["totalResults"] == 7 and empty.get("Resources", []) == []


def test_search_by_post(client, scim, three):
    body = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "filter": 'userName eq "cy@other.org"',
        "attributes": ["userName"],
    }
    response = client.post(f"{U}/.search", json=body, headers=scim)
    found = response.get_json()["Resources"]
    assert [r["userName"] for r in found] == ["cy@other.org"]
    assert "displayName" not in found[0]


def test_put_replaces_every_attribute(client, scim, three):
    ann = three[0]
    payload = user_payload("ann@example.com", displayName="Ann Smith", title="Lead")
    response = client.put(f"{U}/{ann['id']}", json=payload, headers=scim)
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["displayName"] == "Ann Smith" and body["title"] == "Lead"
    assert "externalId" not in body  # not sent: cleared
    assert db.session.get(Employee, int(ann["id"])).external_id is None


def test_a_manager_named_before_arriving_is_linked_on_arrival(client, scim):
    report = _create(client, scim, "r@example.com", manager={"value": "boss-7"})
    assert ENTERPRISE not in report or "manager" not in report[ENTERPRISE]
    assert db.session.get(ScimPendingManager, int(report["id"])) is not None
    boss = _create(client, scim, "b@example.com", externalId="boss-7")
    got = client.get(f"{U}/{report['id']}", headers=scim).get_json()
    assert got[ENTERPRISE]["manager"]["value"] == boss["id"]
    assert db.session.get(ScimPendingManager, int(report["id"])) is None


def test_a_loop_in_the_org_chart_is_refused_as_hr_edits_are(client, scim):
    boss = _create(client, scim, "boss@example.com")
    report = _create(client, scim, "rep@example.com", manager={"value": boss["id"]})
    response = client.patch(
        f"{U}/{boss['id']}",
        json=patch_ops(
            {"op": "replace", "path": f"{ENTERPRISE}:manager", "value": report["id"]}
        ),
        headers=scim,
    )
    body = _scim_error(response, 400, "invalidValue")
    assert "loop" in body["detail"]
    assert db.session.get(Employee, int(boss["id"])).manager_id is None


def test_patch_removes_the_manager_and_sets_active(client, scim):
    boss = _create(client, scim, "boss@example.com")
    report = _create(client, scim, "rep@example.com", manager={"value": boss["id"]})
    response = client.patch(
        f"{U}/{report['id']}",
        json=patch_ops(
            {"op": "remove", "path": f"{ENTERPRISE}:manager"},
            {"op": "Replace", "value": {"active": False}},
        ),
        headers=scim,
    )
    assert response.status_code == 200, response.get_json()
    person = db.session.get(Employee, int(report["id"]))
    assert person.manager_id is None and person.is_active is False


def test_delete_then_create_again_brings_the_person_back(client, scim):
    ann = _create(client, scim, "ann@example.com", displayName="Ann")
    assert client.delete(f"{U}/{ann['id']}", headers=scim).status_code == 204
    _scim_error(client.delete(f"{U}/{ann['id']}", headers=scim), 404)
    listed = client.get(U, headers=scim).get_json()
    assert listed["totalResults"] == 0
    again = _create(client, scim, "ann@example.com", displayName="Ann B")
    assert again["id"] == ann["id"] and again["active"] is True


def test_every_change_is_audited(client, scim):
    ann = _create(client, scim, "ann@example.com", department="Sales")
    client.patch(
        f"{U}/{ann['id']}",
        json=patch_ops({"op": "replace", "path": "title", "value": "Boss"}),
        headers=scim,
    )
    client.delete(f"{U}/{ann['id']}", headers=scim)
    actions = db.session.scalars(
        sa.select(AuditEvent.object_type + ":" + AuditEvent.action).order_by(
            AuditEvent.id
        )
    ).all()
    assert actions == [
        "ScimToken:created",
        "Department:created",
        "Employee:created",
        "Employee:updated",
        "Employee:updated",
        "Employee:scim_deleted",
    ]


# --- errors ----------------------------------------------------------------------


def test_a_duplicate_user_name_is_a_uniqueness_conflict(client, scim, three):
    response = client.post(U, json=user_payload("ANN@example.com"), headers=scim)
    _scim_error(response, 409, "uniqueness")


def test_a_duplicate_external_id_is_a_uniqueness_conflict(client, scim, three):
    response = client.post(
        U, json=user_payload("new@x.org", externalId="x-ann"), headers=scim
    )
    _scim_error(response, 409, "uniqueness")


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("userName eq", "does not parse"),
        ('title eq "x"', "title"),
        ('userName gt "a" and nickName pr', "nickName"),
        ("active eq 1", "boolean"),
        ("x" * 1001, "longer"),
    ],
)
def test_a_bad_filter_is_invalid_filter(client, scim, query, detail):
    response = client.get(U, query_string={"filter": query}, headers=scim)
    assert detail in _scim_error(response, 400, "invalidFilter")["detail"]


@pytest.mark.parametrize(
    ("payload", "scim_type"),
    [
        ([], "invalidSyntax"),
        ({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]}, None),
        (user_payload("a@b.c", active="maybe"), None),
        (user_payload("x" * 250 + "@b.c"), "invalidValue"),
        (user_payload("a@b.c", displayName="n" * 161), "invalidValue"),
        (user_payload("a@b.c", title="t" * 121), "invalidValue"),
        (user_payload("a@b.c", externalId="e" * 256), "invalidValue"),
        (user_payload("a@b.c", employeeNumber="9" * 65), "invalidValue"),
        (user_payload("a@b.c", department="d" * 121), "invalidValue"),
        (user_payload("a@b.c", manager={"value": ["x"]}), "invalidValue"),
    ],
)
def test_an_invalid_user_is_a_400(client, scim, payload, scim_type):
    response = client.post(U, json=payload, headers=scim)
    _scim_error(response, 400, scim_type)
    assert db.session.scalar(sa.select(sa.func.count(Employee.id))) == 0


def test_a_body_that_is_not_json_is_invalid_syntax(client, scim):
    response = client.post(U, data="{not json", headers=scim)
    _scim_error(response, 400, "invalidSyntax")


def test_a_body_too_large_is_refused(client, scim):
    big = user_payload("a@b.c", displayName="n" * (70 * 1024))
    _scim_error(client.post(U, json=big, headers=scim), 413)


def test_a_bad_patch_path_is_a_scim_error(client, scim, three):
    response = client.patch(
        f"{U}/{three[0]['id']}",
        json=patch_ops({"op": "replace", "path": "nope", "value": 1}),
        headers=scim,
    )
    _scim_error(response, 400)


@pytest.mark.parametrize("user_id", ["999999", "abc", "9" * 30, "-1"])
def test_an_unknown_user_is_a_404(client, scim, user_id):
    _scim_error(client.get(f"{U}/{user_id}", headers=scim), 404)


def test_unknown_paths_and_methods_are_scim_errors(client, scim):
    _scim_error(client.get("/scim/v2/Groups", headers=scim), 404)
    _scim_error(client.get("/scim/v2/", headers=scim), 404)
    response = client.delete("/scim/v2/ServiceProviderConfig", headers=scim)
    _scim_error(response, 405)
    assert response.headers["Allow"] == "GET"
    _scim_error(client.put(U, json={}, headers=scim), 405)


def test_an_unexpected_failure_is_a_scim_500(client, scim, monkeypatch):
    from scim import services

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "create_user", broken)
    body = _scim_error(client.post(U, json=user_payload("a@b.c"), headers=scim), 500)
    assert "boom" not in body["detail"]
