"""A form shows every error at once, each on its field: the schema's (a required field),
the schema's own rules on the fields that parsed (dates in order) and the service's
rules (a duplicate name, due dates in the past), in one 422 with nothing stored."""

import sqlalchemy as sa

from reviews.models import ReviewCycle
from tests import factories as f

BROKEN = {
    "name": "",  # required
    "period_start": "2026-07-01",
    "period_end": "2026-01-01",  # before the start: the schema's rule
    "self_due_on": "2026-07-10",  # in the past: the service's rule
    "manager_due_on": "2026-07-20",
    "signoff_due_on": "2026-07-31",
}


def _count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count(ReviewCycle.id)))


def test_a_cycle_form_shows_every_error_in_one_answer(db, org, template, login_as):
    form = {**BROKEN, "template_id": str(template.id)}
    response = login_as(org.hr).post("/reviews/cycles/new", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="name-error"' in page
    assert 'id="period_end-error"' in page
    assert "must be on or after 2026-07-01, the start of the period" in page
    assert 'id="self_due_on-error"' in page and "(today) or later" in page
    assert _count(db) == 0


def test_a_duplicate_name_shows_with_the_dates_out_of_order(
    db, org, template, login_as
):
    f.make_cycle(template, name="Autumn")
    db.session.commit()
    form = {
        **BROKEN,
        "name": "Autumn",
        "template_id": "",  # required
        "backfill": "true",
    }
    response = login_as(org.hr).post("/reviews/cycles/new", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="template_id-error"' in page
    assert 'id="period_end-error"' in page
    assert "A cycle with this name exists." in page
    assert _count(db) == 1
