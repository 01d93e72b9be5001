"""``GET /api/v1/reviews/{id}/history`` carries the period's learning record and the
interviews suggested in the review; ``POST /api/v1/interview-suggestions`` takes the
review and a contact of the manager's (issue 16, items 7 and 8)."""

import pytest

from development.services import contacts as contact_services
from tests.development.api.helpers import Caller
from tests.development.review_scene import learning_story, two_reviews


@pytest.fixture
def scene(db, org, template, cycle):
    scene = two_reviews(db, org, template, cycle)
    learning_story(db, org, scene)
    return scene


def _history(client, user, review):
    return Caller(client, user).get(f"/api/v1/reviews/{review.id}/history")


def _suggest(client, org, scene, **extra):
    return Caller(client, org.manager).post(
        "/api/v1/interview-suggestions",
        {
            "employee_id": org.employee.employee_id,
            "topic": "Talk to a product lead",
            "review_id": scene.second.id,
            **extra,
        },
    )


def test_the_history_shows_the_periods_learning_record(client, org, scene):
    body = _history(client, org.manager, scene.second).get_json()
    learning = body["learning"]
    assert learning["period_start"] == "2026-07-01"
    assert learning["keeps_learning"] in ("active", "lapsing", "inactive")
    assert {k["kind"]: (k["activities"], k["hours"]) for k in learning["by_kind"]} == {
        "course": (1, 6.0),
        "conference_workshop": (1, 7.0),
        "interview_conducted": (1, 0.5),
    }
    assert (learning["interviews_conducted"], learning["interviews_given"]) == (1, 1)
    [evidence] = learning["evidence"]
    assert (evidence["skill_name"], evidence["title"]) == (
        "Negotiation",
        "Negotiation course",
    )
    assert len(body["development"]) == 4
    assert body["development"][0]["line"].startswith("Negotiation course — Course")


def test_a_suggestion_made_in_the_review_shows_with_its_outcome(client, org, scene):
    contact = contact_services.create_contact(
        org.manager, {"name": "Ana Ruiz", "title": "Product lead"}
    )
    made = _suggest(client, org, scene, contact_id=contact.id)
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["contact_name"] == "Ana Ruiz, Product lead"
    emma = Caller(client, org.employee)
    pending = _history(client, org.employee, scene.second).get_json()["learning"]
    assert [s["outcome"] for s in pending["suggestions"]] == [
        "Pending — not answered yet"
    ]
    accepted = emma.post(
        f"/api/v1/interview-suggestions/{made.get_json()['id']}/accept"
    )
    assert accepted.status_code == 201
    [line] = _history(client, org.hr, scene.second).get_json()["learning"][
        "suggestions"
    ]
    assert (line["status"], line["interview_status"]) == ("accepted", "idea")
    assert line["interview_id"] == accepted.get_json()["id"]


def test_a_contact_that_is_not_the_managers_is_422(client, org, scene):
    theirs = contact_services.create_contact(org.employee, {"name": "Her friend"})
    response = _suggest(client, org, scene, contact_id=theirs.id)
    assert response.status_code == 422
    assert "contact_id" in response.get_json()["errors"]


def test_a_first_review_has_no_previous_needs_to_show_evidence_for(client, org, scene):
    learning = _history(client, org.employee, scene.first).get_json()["learning"]
    assert learning["period_end"] == "2026-06-30"
    assert learning["evidence"] == []
    assert learning["activities"] == 1  # "Before the period", in May
