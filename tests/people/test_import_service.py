"""``people.services.import_people``: the one import the CLI, HR's page and the API
share — HR only, a dry run that reports every row and writes nothing, all or nothing."""

import pytest
import sqlalchemy as sa

from core.audit import AuditEvent
from core.errors import PermissionDenied
from core.extensions import db
from people import services
from people.importer import ImportFailed
from people.models import Department, Employee

HEADER = "email,name,job_title,department,manager_email,hired_on\n"


def _csv(org) -> str:
    manager = db.session.get(Employee, org.manager.employee_id)
    return (
        HEADER + f"{manager.email},Max Manager,Head of Engineering,Engineering,,\n"
        f"nora@example.com,Nora New,Analyst,Research,{manager.email},2026-11-02\n"
    )


def _people() -> list[tuple]:
    emp = Employee.__table__
    return [tuple(r) for r in db.session.execute(sa.select(emp).order_by(emp.c.id))]


def test_a_dry_run_reports_each_row_and_its_action_and_writes_nothing(org):
    before = _people()
    result = services.import_people(org.hr, _csv(org), dry_run=True)
    assert [(r["line"], r["action"]) for r in result.rows] == [
        (2, "update"),
        (3, "create"),
    ]
    assert (result.created, result.updated) == (1, 1)
    assert result.departments_created == ["Research"]
    db.session.rollback()
    assert _people() == before
    assert db.session.scalar(sa.select(Department).filter_by(name="Research")) is None


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_stored(org):
    before = _people()
    text = _csv(org) + "not-an-email,X,,,,\nzed@example.com,,,,,31-12-2025\n"
    with pytest.raises(ImportFailed) as caught:
        services.import_people(org.hr, text)
    lines = [line for line, _ in caught.value.row_errors]
    assert lines == [4, 5]
    assert "hired_on '31-12-2025' is not a date" in caught.value.row_errors[1][1]
    db.session.rollback()
    assert _people() == before


def test_the_import_writes_the_rows_and_is_audited(org):
    services.import_people(org.hr, _csv(org))
    nora = db.session.scalar(sa.select(Employee).filter_by(email="nora@example.com"))
    assert nora.manager_id == org.manager.employee_id
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "people_imported")
    )
    assert event.actor_id == org.hr.id


@pytest.mark.parametrize("actor", ["employee", "manager", "ceo", "admin"])
def test_only_hr_imports_people(org, actor):
    with pytest.raises(PermissionDenied):
        services.import_people(org.actor(actor), _csv(org), dry_run=True)
