import pytest

from core.audit import AuditEvent
from core.errors import Conflict, PermissionDenied, ValidationFailed
from people import services
from tests import factories as f


def test_hr_creates_a_person_and_it_is_audited(org, db):
    person = services.create_employee(org.hr, {"name": "New", "email": "New@X.com "})
    assert person.email == "new@x.com"
    event = db.session.query(AuditEvent).filter_by(object_id=person.id).one()
    assert (event.action, event.actor_id) == ("created", org.hr.id)


def test_non_hr_cannot_create_people(org):
    with pytest.raises(PermissionDenied):
        services.create_employee(org.manager, {"name": "New", "email": "n@x.com"})


def test_a_person_cannot_manage_themself(org, db):
    emma = db.session.get(services.Employee, org.employee.employee_id)
    with pytest.raises(ValidationFailed) as err:
        services.update_employee(org.hr, emma, {"manager_id": emma.id})
    assert "manager_id" in err.value.errors


def test_stale_version_is_a_conflict(org, db):
    emma = db.session.get(services.Employee, org.employee.employee_id)
    with pytest.raises(Conflict):
        services.update_employee(org.hr, emma, {"job_title": "X", "version": 0})


def test_deactivating_a_person_disables_their_account(org, db):
    emma = db.session.get(services.Employee, org.employee.employee_id)
    before = org.employee.session_version
    services.update_employee(org.hr, emma, {"is_active": False})
    assert org.employee.is_enabled is False
    assert org.employee.session_version == before + 1


def test_skill_levels_are_history_not_overwrites(org, db):
    skill = f.make_skill()
    emma = db.session.get(services.Employee, org.employee.employee_id)
    services.record_skill_level(org.manager, emma, skill, 2, source="manager")
    services.record_skill_level(
        org.manager, emma, skill, 3, source="review", source_id=7
    )
    from people.queries import latest_skill_levels

    rows = list(db.session.scalars(latest_skill_levels(emma.id)))
    assert [(r.level, r.source.value) for r in rows] == [(3, "review")]
