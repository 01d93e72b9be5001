"""Plausible dates for people: a hiring date in 1900 is a 422 naming ``hired_on`` in
the API, and a row error (the same in ``--dry-run``) in the CSV import."""

import sqlalchemy as sa

from core.extensions import db
from people.models import Employee
from tests.conftest import bearer

HEADER = "email,name,job_title,department,manager_email,hired_on\n"


def test_a_hiring_date_in_1900_is_422_naming_hired_on(client, org):
    before = db.session.scalar(sa.select(sa.func.count(Employee.id)))
    response = client.post(
        "/api/v1/people",
        json={
            "name": "Old Timer",
            "email": "old@example.com",
            "hired_on": "1900-01-01",
        },
        headers=bearer(org.hr),
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "hired_on": ["Use a date from 1970-01-01 to 2099-12-31."]
    }
    assert db.session.scalar(sa.select(sa.func.count(Employee.id))) == before


def test_the_import_reports_an_implausible_hiring_date_in_the_dry_run_too(
    runner, tmp_path
):
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "ann@x.com,Ann A,Engineer,Eng,,1900-01-01\n")
    for args in (["--dry-run"], []):
        result = runner.invoke(args=["people", "import", *args, str(path)])
        assert result.exit_code != 0
        assert "line 2" in result.output and "1970-01-01 to 2099-12-31" in result.output
    assert db.session.scalar(sa.select(sa.func.count(Employee.id))) == 0
