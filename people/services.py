"""The only code that changes people, departments, skills, role profiles and accounts.

Services take ``actor``, the object and validated ``data``; check permission and the rules
that need the database (unique email, manager loop, department cycle); audit; flush.
"""

import sqlalchemy as sa

from core.audit import record_event
from core.db import utcnow
from core.errors import Conflict, ValidationFailed
from core.extensions import db
from core.permissions import require
from core.queries import ancestor_ids, is_free
from people import importer
from people import permissions as perms
from people.enums import SkillLevelSource
from people.models import (
    Department,
    Employee,
    EmployeeSkillLevel,
    RoleProfile,
    RoleProfileSkill,
    Skill,
    User,
)

NOT_SAVED = "Nothing was saved; correct the fields marked."


def _invalid(field: str, message: str):
    raise ValidationFailed(NOT_SAVED, {field: message})


def _changes(obj, data: dict) -> dict:
    changes = {}
    for key, value in data.items():
        old = getattr(obj, key)
        if old != value:
            changes[key] = [old, value]
            setattr(obj, key, value)
    return changes


def _added(actor, obj, details: dict):
    """Add the new ``obj``, flush (it gets its id) and audit its creation."""
    db.session.add(obj)
    db.session.flush()
    record_event(actor, obj, "created", details)
    return obj


def _create(actor, model, data: dict, check):
    """``check(None, data)`` (the rules that need the database), then add the new row."""
    data = dict(data)
    check(None, data)
    return _added(actor, model(**data), data)


def _edit(obj, data: dict, check) -> dict:
    """Check the form's version and ``check(obj, data)``, then apply ``data``: the
    changes made (``{field: [old, new]}``)."""
    data = dict(data)
    _check_version(obj, data)
    check(obj, data)
    return _changes(obj, data)


def _audited(actor, obj, changes: dict, action: str = "updated"):
    """Flush and audit ``changes`` made to ``obj``, if there are any."""
    if changes:
        db.session.flush()
        record_event(actor, obj, action, changes)
    return obj


def _check_version(obj, data: dict) -> None:
    version = data.pop("version", None)
    if version is not None and version != obj.version:
        raise Conflict("Someone else changed this record; reload and try again.")


# --- employees -------------------------------------------------------------------


def _check_employee_refs(employee: Employee | None, data: dict) -> None:
    if "email" in data:
        data["email"] = data["email"].strip().lower()
        if not is_free(Employee, "email", data["email"], employee):
            _invalid("email", "This email is already used by another person.")
    department_id = data.get("department_id")
    if department_id is not None and db.session.get(Department, department_id) is None:
        _invalid("department_id", "No such department.")
    manager_id = data.get("manager_id")
    if manager_id is not None:
        if db.session.get(Employee, manager_id) is None:
            _invalid("manager_id", "No such person.")
        if employee is not None and (
            manager_id == employee.id
            or employee.id in perms.manager_chain_ids(manager_id)
        ):
            _invalid(
                "manager_id",
                "This would make a loop in the org chart "
                "(the person would manage their own manager).",
            )


def create_employee(actor, data: dict) -> Employee:
    """Add a person to the org chart."""
    require(perms.can_create_person(actor))
    return _create(actor, Employee, data, _check_employee_refs)


def update_employee(actor, employee: Employee, data: dict) -> Employee:
    """Change a person's record (HR)."""
    require(perms.can_edit_person(actor, employee))
    changes = _edit(employee, data, _check_employee_refs)
    if "is_active" in changes and not employee.is_active:
        _deactivate_account(employee)
    return _audited(actor, employee, changes)


NO_PERSON = (
    "Your account is not linked to a person, so pages show times in the "
    "organisation's time zone."
)


def set_own_time_zone(actor, data: dict) -> Employee:
    """Set the zone the actor's pages show and take times in (None: the
    organisation's); audited like any change to her record."""
    require(perms.can_set_own_time_zone(actor), NO_PERSON)
    employee = db.session.get(Employee, actor.employee_id)
    changes = _changes(employee, {"time_zone": data.get("time_zone")})
    return _audited(actor, employee, changes)


def import_people(actor, text: str, *, dry_run: bool = False) -> importer.ImportResult:
    """Import the CSV ``text`` (HR), all or nothing; ``dry_run`` checks and writes none.

    :raises ImportFailed: any bad row (every one, with its line); nothing is written.
    """
    require(perms.can_import_people(actor))
    return importer.import_people(actor, text, dry_run=dry_run)


def _deactivate_account(employee: Employee) -> None:
    user = db.session.scalar(sa.select(User).where(User.employee_id == employee.id))
    if user is not None:
        user.is_enabled = False
        user.session_version += 1
        user.credential_version += 1  # personal access tokens die too, for good


# --- departments -----------------------------------------------------------------


def _check_department_refs(department: Department | None, data: dict) -> None:
    if "name" in data and not is_free(Department, "name", data["name"], department):
        _invalid("name", "A department with this name exists.")
    parent_id = data.get("parent_id")
    if parent_id is not None:
        if db.session.get(Department, parent_id) is None:
            _invalid("parent_id", "No such department.")
        if department is not None and (
            parent_id == department.id
            or department.id in ancestor_ids(Department, "parent_id", parent_id)
        ):
            _invalid("parent_id", "A department cannot sit inside itself.")


def _record_services(model, may_edit, check):
    """The create and update services of a plain HR record (a department, a skill):
    ``may_edit(actor[, obj])`` allows it, ``check(obj | None, data)`` refuses bad
    references, and each change is audited."""

    def create(actor, data: dict):
        require(may_edit(actor))
        return _create(actor, model, data, check)

    def update(actor, obj, data: dict):
        require(may_edit(actor, obj))
        return _audited(actor, obj, _edit(obj, data, check))

    return create, update


create_department, update_department = _record_services(
    Department, perms.can_edit_department, _check_department_refs
)


# --- skills and role profiles ----------------------------------------------------


def _check_skill_name(skill: Skill | None, data: dict) -> None:
    if not is_free(Skill, "name", data.get("name"), skill):
        _invalid("name", "A skill with this name exists.")


create_skill, update_skill = _record_services(
    Skill, perms.can_edit_skill, _check_skill_name
)


def _set_expectations(profile: RoleProfile, expectations: list[dict]) -> None:
    wanted = {e["skill_id"]: e["expected_level"] for e in expectations}
    if len(wanted) != len(expectations):
        _invalid("expectations", "Each skill may appear once.")
    if wanted:
        found = set(db.session.scalars(sa.select(Skill.id).where(Skill.id.in_(wanted))))
        missing = sorted(set(wanted) - found)
        if missing:
            _invalid("expectations", f"No such skill: {missing[0]}.")
    current = {e.skill_id: e for e in profile.expectations}
    for skill_id, row in current.items():
        if skill_id not in wanted:
            profile.expectations.remove(row)
    for skill_id, level in wanted.items():
        if skill_id in current:
            current[skill_id].expected_level = level
        else:
            profile.expectations.append(
                RoleProfileSkill(skill_id=skill_id, expected_level=level)
            )


def _check_job_title(profile: RoleProfile | None, title: str | None) -> None:
    if not is_free(RoleProfile, "job_title", title, profile):
        _invalid("job_title", "A role profile for this job title exists.")


def create_role_profile(actor, data: dict) -> RoleProfile:
    require(perms.can_edit_role_profile(actor))
    data = dict(data)
    expectations = data.pop("expectations", [])
    _check_job_title(None, data.get("job_title"))
    profile = RoleProfile(**data, expectations=[])
    _set_expectations(profile, expectations)
    return _added(actor, profile, {**data, "expectations": expectations})


def update_role_profile(actor, profile: RoleProfile, data: dict) -> RoleProfile:
    require(perms.can_edit_role_profile(actor, profile))
    data = dict(data)
    _check_version(profile, data)
    expectations = data.pop("expectations", None)
    _check_job_title(profile, data.get("job_title"))
    changes = _changes(profile, data)
    if expectations is not None:
        _set_expectations(profile, expectations)
        changes["expectations"] = expectations
        profile.updated_at = utcnow()  # bumps the version with the child rows
    db.session.flush()
    record_event(actor, profile, "updated", changes)
    return profile


def record_skill_level(
    actor,
    employee: Employee,
    skill: Skill,
    level: int,
    *,
    source,
    source_id=None,
    now=None,
) -> EmployeeSkillLevel:
    """Append an assessed level to the employee's skill history (never overwrites)."""
    row = EmployeeSkillLevel(
        employee_id=employee.id,
        skill_id=skill.id,
        level=level,
        assessed_at=now or utcnow(),
        source=SkillLevelSource(source),
        source_id=source_id,
        assessed_by_id=getattr(actor, "id", None),
    )
    db.session.add(row)
    db.session.flush()
    record_event(
        actor,
        row,
        "assessed",
        {
            "employee_id": employee.id,
            "skill_id": skill.id,
            "level": level,
            "source": row.source.value,
        },
        now=now,
    )
    return row


# --- accounts --------------------------------------------------------------------


def update_account(actor, account: User, data: dict) -> User:
    """Set role flags and enabled (admin; never their own)."""
    require(perms.can_manage_account(actor, account))
    changes = _changes(account, dict(data))
    if "is_enabled" in changes or "is_hr" in changes or "is_admin" in changes:
        account.session_version += 1
    if "is_enabled" in changes and not account.is_enabled:
        # Every credential dies, and re-enabling later does not revive old personal
        # access tokens. A role change keeps them: they act with the current roles.
        account.credential_version += 1
    return _audited(actor, account, changes, "account_updated")
