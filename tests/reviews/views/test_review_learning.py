"""The review page shows the period's learning record, the interviews suggested in the
review and what came of them, and offers the manager "suggest an interview"; the need
page offers it too (issue 16, items 7 and 8)."""

import pytest

from development.services import settings as development_services
from tests.conftest import sign_in
from tests.development.review_scene import learning_story, two_reviews


@pytest.fixture
def scene(db, org, template, cycle):
    scene = two_reviews(db, org, template, cycle)
    learning_story(db, org, scene)
    return scene


def _page(client, user, url) -> str:
    sign_in(client, user)
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_review_page_shows_the_learning_of_the_period(client, org, scene):
    html = _page(client, org.manager, f"/reviews/{scene.second.id}")
    assert "Learning in this period" in html
    assert "Keeps learning:" in html
    assert "3 learning activities, 13.5 h" in html
    assert "1 conducted, 1 given" in html
    assert "Conference / workshop" in html
    assert "Negotiation course" in html  # evidence on the previous review's need


def test_the_manager_part_shows_the_suggestion_and_its_outcome(client, org, scene, db):
    suggestion = development_services.suggest_interview(
        org.manager,
        {
            "employee_id": org.employee.employee_id,
            "topic": "Talk to a product lead",
            "review_id": scene.second.id,
        },
    )
    development_services.dismiss_suggestion(org.employee, suggestion)
    db.session.commit()
    html = _page(client, org.manager, f"/reviews/{scene.second.id}")
    assert "Talk to a product lead" in html
    assert "Declined" in html
    assert f"/development/suggestions/new?review_id={scene.second.id}" in html


def test_hr_and_the_employee_see_no_suggest_action(client, org, scene):
    for user in (org.hr, org.employee):
        html = _page(client, user, f"/reviews/{scene.first.id}")
        assert "/development/suggestions/new" not in html
        assert "Learning in this period" in html


def test_peers_never_see_the_learning_record(client, org, scene):
    sign_in(client, org.peer)
    assert client.get(f"/reviews/{scene.second.id}").status_code == 404


def test_the_need_page_offers_the_manager_a_suggestion(client, org, scene):
    url = f"/reviews/needs/{scene.need.id}"
    assert f"/development/suggestions/new?need_id={scene.need.id}" in _page(
        client, org.manager, url
    )
    assert "/development/suggestions/new" not in _page(client, org.hr, url)
