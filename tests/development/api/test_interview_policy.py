"""The interview policy through the API: the paid-hours cap waits for the manager, and
an interview away from the premises is refused with the reason on the field."""

import pytest

from tests.development.api.helpers import Caller

SENT = "2026-11-01"


@pytest.fixture
def emma(client, org):
    return Caller(client, org.employee)


def _policy(client, org, **settings):
    response = Caller(client, org.hr).patch("/api/v1/development-policy", settings)
    assert response.status_code == 200, response.get_json()


def _requested(emma) -> int:
    created = emma.post("/api/v1/interviews", {"purpose": "Learn", "mode": "in_person"})
    assert created.status_code == 201, created.get_json()
    iid = created.get_json()["id"]
    emma.step(iid, "request", {"message": "Hello", "sent_on": SENT})
    return iid


def test_over_the_paid_hours_cap_it_waits_and_says_why(client, org, emma):
    _policy(client, org, interviews_per_month=5, paid_hours_per_month=1.0)
    first = emma.step(
        _requested(emma),
        "schedule",
        {"scheduled_at": "2026-11-10T14:00:00Z", "duration_minutes": 50},
    )
    assert first.get_json()["status"] == "scheduled"
    second_id = _requested(emma)
    second = emma.step(
        second_id,
        "schedule",
        {"scheduled_at": "2026-11-20T10:00:00Z", "duration_minutes": 20},
    ).get_json()
    assert (second["status"], second["needs_approval"]) == ("requested", True)
    assert (second["over_hours_cap"], second["over_count_limit"]) == (True, False)
    approved = Caller(client, org.manager).step(second_id, "approve").get_json()
    assert approved["status"] == "scheduled" and approved["over_hours_cap"] is True


def test_away_from_the_premises_is_a_422_on_the_field(client, org, emma):
    _policy(client, org, may_leave_premises=False)
    iid = _requested(emma)
    refused = emma.step(
        iid,
        "schedule",
        {"scheduled_at": "2026-11-10T14:00:00Z", "off_premises": True},
    )
    assert refused.status_code == 422
    assert "premises" in str(refused.get_json()["errors"]["off_premises"])
    on_site = emma.step(iid, "schedule", {"scheduled_at": "2026-11-10T14:00:00Z"})
    assert on_site.status_code == 200
    assert on_site.get_json()["off_premises"] is False
