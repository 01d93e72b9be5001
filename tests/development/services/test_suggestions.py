"""Suggesting an interview in a review, with a contact from the manager's network
(``development.services.settings.suggest_interview``; issue 16, item 7)."""

import pytest

from core.errors import PermissionDenied, ValidationFailed
from development.services import contacts as contact_services
from development.services import settings as svc
from tests.development.review_scene import two_reviews
from tests.reviews.conftest import cycle, template  # noqa: F401 (fixtures)


@pytest.fixture
def scene(db, org, template, cycle):  # noqa: F811
    return two_reviews(db, org, template, cycle)


def _suggest(actor, org, **extra):
    data = {"employee_id": org.employee.employee_id, "topic": "Talk to a data lead"}
    return svc.suggest_interview(actor, {**data, **extra})


def test_a_suggestion_in_a_review_names_the_managers_contact(db, org, scene):
    contact = contact_services.create_contact(
        org.manager,
        {"name": "Zoë Núñez", "title": "Head of Data", "organisation": "Acme"},
    )
    suggestion = _suggest(
        org.manager, org, review_id=scene.second.id, contact_id=contact.id
    )
    assert suggestion.review_id == scene.second.id
    assert suggestion.contact_name == "Zoë Núñez, Head of Data, Acme"


def test_a_contact_of_someone_else_is_refused(db, org, scene):
    theirs = contact_services.create_contact(org.employee, {"name": "Her friend"})
    with pytest.raises(ValidationFailed) as failed:
        _suggest(org.manager, org, contact_id=theirs.id)
    assert set(failed.value.errors) == {"contact_id"}


def test_a_review_of_another_person_is_refused(db, org, scene):
    with pytest.raises(ValidationFailed) as failed:
        svc.suggest_interview(
            org.manager,
            {
                "employee_id": org.peer.employee_id,
                "topic": "Talk to a data lead",
                "review_id": scene.second.id,  # Emma's review
            },
        )
    assert set(failed.value.errors) == {"review_id"}


def test_only_the_persons_managers_suggest_in_a_review(db, org, scene):
    for actor in (org.hr, org.other_manager, org.employee):
        with pytest.raises(PermissionDenied):
            _suggest(actor, org, review_id=scene.second.id)
