"""``/development/suggestions/new`` from a review or a training need (issue 16, item 7)."""

import pytest
import sqlalchemy as sa

from development.models import InterviewSuggestion
from development.services import contacts as contact_services
from tests.conftest import sign_in
from tests.development.review_scene import two_reviews
from tests.reviews.conftest import cycle, template  # noqa: F401 (fixtures)


@pytest.fixture
def scene(db, org, template, cycle):  # noqa: F811
    return two_reviews(db, org, template, cycle)


def _made(db) -> list[InterviewSuggestion]:
    return list(db.session.scalars(sa.select(InterviewSuggestion)))


def test_from_a_review_the_manager_suggests_with_a_contact(client, org, scene, db):
    contact = contact_services.create_contact(
        org.manager, {"name": "Ana Ruiz", "organisation": "Acme"}
    )
    db.session.commit()
    sign_in(client, org.manager)
    url = f"/development/suggestions/new?review_id={scene.second.id}"
    page = client.get(url).get_data(as_text=True)
    assert "To Emma Employee, in the review" in page
    assert "Ana Ruiz, Acme" in page  # the manager's own contacts
    response = client.post(
        url, data={"topic": "Talk to a product lead", "contact_id": contact.id}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/reviews/{scene.second.id}")
    [made] = _made(db)
    assert (made.review_id, made.contact_name) == (scene.second.id, "Ana Ruiz, Acme")


def test_from_a_need_the_suggestion_is_in_the_review_that_named_it(
    client, org, scene, db
):
    sign_in(client, org.manager)
    url = f"/development/suggestions/new?need_id={scene.need.id}"
    assert "Negotiation" in client.get(url).get_data(as_text=True)
    response = client.post(url, data={"topic": "Talk to a buyer"})
    assert response.headers["Location"].endswith(f"/reviews/needs/{scene.need.id}")
    [made] = _made(db)
    assert made.review_id == scene.first.id


def test_an_empty_purpose_is_shown_inline(client, org, scene, db):
    sign_in(client, org.manager)
    url = f"/development/suggestions/new?review_id={scene.second.id}"
    response = client.post(url, data={"topic": ""})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert _made(db) == []


def test_the_form_posts_for_the_reviews_person_whatever_the_form_says(
    client, org, scene, db
):
    sign_in(client, org.manager)
    url = f"/development/suggestions/new?review_id={scene.second.id}"
    client.post(url, data={"topic": "Talk", "employee_id": org.peer.employee_id})
    [made] = _made(db)
    assert made.employee_id == org.employee.employee_id


@pytest.mark.parametrize(
    ("actor", "status"),
    [("employee", 403), ("hr", 403), ("other_manager", 404), ("ceo", 200)],
)
def test_who_opens_the_form_of_emmas_review(client, org, scene, actor, status):
    sign_in(client, getattr(org, actor))
    url = f"/development/suggestions/new?review_id={scene.second.id}"
    assert client.get(url).status_code == status
