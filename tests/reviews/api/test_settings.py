"""``/api/v1/review-settings``: HR turns anniversary reviews on (``If-Match``)."""

from datetime import date

from core.clock import moment
from reviews.jobs import create_planned_reviews
from tests import factories as f
from tests.development.api.helpers import Caller

URL = "/api/v1/review-settings"


def test_hr_turns_anniversary_reviews_on_and_the_job_follows(client, db, org):
    f.make_template(actor=org.hr)
    db.session.commit()
    hr = Caller(client, org.hr)
    assert hr.get(URL).get_json()["anniversary_reviews"] is False
    no_etag = client.patch(URL, json={"anniversary_reviews": True}, headers=hr.headers)
    assert no_etag.status_code == 428
    response = hr.patch(URL, {"anniversary_reviews": True})
    assert response.status_code == 200
    assert response.get_json()["probation_review_days"] == 90
    db.session.expire_all()
    assert create_planned_reviews(moment(date(2026, 1, 2))) == 4


def test_an_unknown_template_is_refused(client, org):
    response = Caller(client, org.hr).patch(URL, {"planned_template_id": 999})
    assert response.status_code == 422


def test_only_hr_reads_or_changes_the_settings(client, org):
    manager = Caller(client, org.manager)
    assert manager.get(URL).status_code == 403
    assert client.patch(URL, json={}, headers=manager.headers).status_code == 403
