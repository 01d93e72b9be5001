"""The review settings page (HR): turn anniversary reviews on, pick the template, and bad
input shows the form again with the field error and changes nothing."""

import sqlalchemy as sa

from reviews.models import ReviewSettings
from tests import factories as f
from tests.conftest import sign_in


def _settings(db):
    db.session.expire_all()
    return db.session.scalar(sa.select(ReviewSettings))


def test_hr_turns_anniversary_reviews_on_with_a_template(client, db, org):
    template = f.make_template()
    db.session.commit()
    sign_in(client, org.hr)
    page = client.get("/reviews/settings")
    assert page.status_code == 200
    assert "Create a review on every work anniversary" in page.text
    response = client.post(
        "/reviews/settings",
        data={"anniversary_reviews": "true", "planned_template_id": str(template.id)},
    )
    assert response.status_code == 302
    saved = _settings(db)
    assert saved.anniversary_reviews is True
    assert saved.planned_template_id == template.id
    # Unticking the box turns it off again (an unticked checkbox is not sent).
    client.post("/reviews/settings", data={"planned_template_id": ""})
    saved = _settings(db)
    assert saved.anniversary_reviews is False and saved.planned_template_id is None


def test_an_unknown_template_shows_the_form_again_and_changes_nothing(client, db, org):
    sign_in(client, org.hr)
    client.post("/reviews/settings", data={"anniversary_reviews": "true"})
    response = client.post(
        "/reviews/settings",
        data={"anniversary_reviews": "", "planned_template_id": "999999"},
    )
    assert response.status_code == 422
    assert "No such template." in response.text
    assert 'id="planned_template_id"' in response.text
    assert _settings(db).anniversary_reviews is True


def test_only_hr_sees_the_settings(client, db, org):
    for user in (org.employee, org.manager, org.admin):
        sign_in(client, user)
        assert client.get("/reviews/settings").status_code == 403
        assert client.post("/reviews/settings", data={}).status_code == 403
    assert _settings(db) is None
