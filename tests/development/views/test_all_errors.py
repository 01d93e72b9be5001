"""The activity form shows every error at once, each on its field: a required field,
dates out of order (the schema's rule on the fields that parsed) and a need that is not
hers (the service's rule), in one 422 with nothing stored."""

import sqlalchemy as sa

from core.extensions import db
from development.models import DevelopmentActivity
from tests.conftest import sign_in


def test_an_activity_form_shows_every_error_in_one_answer(client, org):
    sign_in(client, org.employee)
    response = client.post(
        "/development/activities/new",
        data={
            "kind": "course",
            "title": "",
            "started_on": "2026-05-02",
            "ended_on": "2026-05-01",
            "need_ids": "99999",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="title-error"' in page
    assert 'id="ended_on-error"' in page
    assert "Link evidence only to your own training needs." in page
    assert db.session.scalar(sa.select(sa.func.count(DevelopmentActivity.id))) == 0
