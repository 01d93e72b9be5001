"""``GET /api/v1/audit-events``: role-shaped like the page, filters, paging, redaction."""

import json

import pytest

from core.audit import AuditEvent, record_event
from core.extensions import db
from tests.audit.helpers import T0, write_events
from tests.conftest import bearer

URL = "/api/v1/audit-events"


def _get(client, user, query=""):
    return client.get(f"{URL}?{query}", headers=bearer(user))


def test_hr_reads_people_data_and_settings(client, org):
    write_events(org)
    body = _get(client, org.hr).get_json()
    assert [e["action"] for e in body] == ["updated", "shared"]
    assert body[1]["subject_type"] == "Review"
    assert body[1]["actor_email"] == org.manager.email


def test_admin_reads_account_events_and_settings(client, org):
    """Newest first: the bearer token the request uses was issued just now."""
    write_events(org)
    body = _get(client, org.admin).get_json()
    assert [e["subject_type"] for e in body] == ["ApiToken", "ReviewSettings", "User"]
    assert body[0]["action"] == "issued"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("action=shared", ["shared"]),
        ("subject_type=ReviewSettings", ["updated"]),
        ("from=2026-03-04", ["updated"]),
        ("to=2026-03-03", ["shared"]),
    ],
)
def test_filters(client, org, query, expected):
    write_events(org)
    assert [e["action"] for e in _get(client, org.hr, query).get_json()] == expected


def test_filter_by_actor_id(client, org):
    write_events(org)
    body = _get(client, org.hr, f"actor_id={org.manager.id}").get_json()
    assert [e["action"] for e in body] == ["shared"]


@pytest.mark.parametrize(
    "query",
    [
        "from=2026-03-05&to=2026-03-01",
        "from=1969-12-31",
        "actor_id=2147483648",
        "subject_id=99999999999999999999",
        "action=a%00b",
        "actor=not-an-email",
    ],
)
def test_bad_filters_are_a_422(client, org, query):
    assert _get(client, org.hr, query).status_code == 422


def test_paged_with_x_pagination(client, org):
    for n in range(3):
        record_event(org.manager, "Goal", "created", {"n": n}, now=T0)
    db.session.commit()
    response = _get(client, org.hr, "page_size=2&page=2")
    assert len(response.get_json()) == 1
    pagination = json.loads(response.headers["X-Pagination"])
    assert pagination["total"] == 3


def test_an_old_row_with_private_contents_is_redacted_on_read(client, org):
    """Rows written before the rule: the value is stored, the API never shows it."""
    db.session.add(
        AuditEvent(
            actor_id=org.employee.id,
            at=T0,
            object_type="InformationalInterview",
            object_id=1,
            action="updated",
            changes={"private_notes": "SECRET-NOTE"},
        )
    )
    db.session.commit()
    text = _get(client, org.hr).get_data(as_text=True)
    assert "SECRET-NOTE" not in text
    assert "private_notes" in text


@pytest.mark.parametrize("actor", ["employee", "manager", "ceo"])
def test_everyone_else_gets_403(client, org, actor):
    assert _get(client, getattr(org, actor)).status_code == 403


def test_the_trail_is_read_only(client, org, app):
    """No write endpoint: nothing for the mass-assignment gate, and nothing to forge."""
    document = client.get("/api/v1/openapi.json").get_json()
    assert set(document["paths"]["/api/v1/audit-events"]) <= {"get", "parameters"}
    headers = bearer(org.admin)
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(URL, headers=headers).status_code == 405
    web = {r.rule: r.methods for r in app.url_map.iter_rules()}
    assert web["/admin/audit"] - {"HEAD", "OPTIONS"} == {"GET"}
    assert web["/admin/audit.csv"] - {"HEAD", "OPTIONS"} == {"GET"}
