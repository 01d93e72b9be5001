"""``POST /api/v1/people/import``: the people CSV over the API — a dry run reports,
an import is all or nothing, HR only, and the size is bounded."""

import pytest
import sqlalchemy as sa

from core.extensions import db
from people.importer import MAX_BYTES
from people.models import Employee
from tests.conftest import bearer

URL = "/api/v1/people/import"
HEADER = "email,name,job_title,department,manager_email,hired_on\n"
GOOD = HEADER + "nora@example.com,Nora New,Analyst,Research,,2026-11-02\n"
BAD = GOOD + "nora@example.com,Nora Again,,,,\n,No Email,,,,\n"


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Employee))


def test_a_dry_run_answers_the_report_and_writes_nothing(client, org):
    before = _count()
    response = client.post(URL, json={"csv": GOOD}, headers=bearer(org.hr))
    assert response.status_code == 200
    body = response.get_json()
    assert body["dry_run"] is True
    assert (body["created"], body["updated"], body["errors"]) == (1, 0, [])
    assert body["rows"][0]["line"] == 2
    assert body["rows"][0]["action"] == "create"
    assert body["departments_created"] == ["Research"]
    assert _count() == before


def test_a_dry_run_lists_every_bad_row_with_its_line(client, org):
    response = client.post(
        URL, json={"csv": BAD, "dry_run": True}, headers=bearer(org.hr)
    )
    assert response.status_code == 200
    errors = response.get_json()["errors"]
    assert [e["line"] for e in errors] == [3, 4]
    assert "also on line 2" in errors[0]["message"]


def test_an_import_with_a_bad_row_is_422_and_stores_nothing(client, org):
    before = _count()
    response = client.post(
        URL, json={"csv": BAD, "dry_run": False}, headers=bearer(org.hr)
    )
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"line 3", "line 4"}
    assert _count() == before


def test_an_import_writes_the_people(client, org):
    response = client.post(
        URL, json={"csv": GOOD, "dry_run": False}, headers=bearer(org.hr)
    )
    assert response.status_code == 200
    assert response.get_json()["created"] == 1
    assert db.session.scalar(sa.select(Employee).filter_by(email="nora@example.com"))


@pytest.mark.parametrize("actor", ["employee", "manager", "ceo", "admin"])
def test_only_hr_may_import(client, org, actor):
    response = client.post(
        URL, json={"csv": GOOD, "dry_run": False}, headers=bearer(org.actor(actor))
    )
    assert response.status_code == 403
    assert not db.session.scalar(
        sa.select(Employee).filter_by(email="nora@example.com")
    )


def test_a_file_over_the_limit_is_refused_with_a_clear_message(client, org):
    text = GOOD + "x" * MAX_BYTES
    response = client.post(URL, json={"csv": text}, headers=bearer(org.hr))
    assert response.status_code == 422
    assert "at most 1 MB" in str(response.get_json()["errors"])
