"""The demo's import preview: on the demo organisation, the sample file linked from
HR's import page previews without errors as two new hires (hired on the load day) under
an existing manager and one update, and importing it is one click away."""

import io
import random

import sqlalchemy as sa

from core.clock import local_today
from core.db import utcnow
from core.extensions import db as _db
from people import demo
from people.models import User
from tests.conftest import sign_in


def test_the_demo_sample_previews_as_two_new_hires_and_an_update(db, client):
    org = demo.DemoOrg(password="demo-password-2026", rng=random.Random(2026))
    for step in (demo._skills, demo._departments_and_people, demo._accounts):
        step(org)
        _db.session.flush()
    _db.session.commit()
    hr_email = dict(demo.demo_logins())["hr"]
    sign_in(client, _db.session.scalar(sa.select(User).filter_by(email=hr_email)))

    page = client.get("/people/import").get_data(as_text=True)
    assert 'href="/people/import/sample.csv"' in page
    sample = client.get("/people/import/sample.csv").get_data(as_text=True)
    assert sample.count(local_today(utcnow()).isoformat()) == 2
    data = {"step": "preview", "csv_file": (io.BytesIO(sample.encode()), "s.csv")}
    response = client.post("/people/import", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "will add <strong>2</strong> new and update <strong>1</strong>" in html
    assert "Import these 3 people" in html
