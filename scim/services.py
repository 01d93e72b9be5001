"""Provisioning: what a SCIM request does to the org chart, through ``people.services``.

Every change is made by the people services HR's edits use (``create_employee``,
``update_employee``, ``create_department``): the same checks (unique email, no loop in
the org chart), the same deactivation (the account is disabled and its sessions and
tokens die at once), the same audit trail. The actor is ``ScimActor``: the token, acting
with HR's rights over people and as the admin who made it in the audit trail.
"""

import sqlalchemy as sa
from pydantic import ValidationError
from scim2_models import Context, PatchOp, SCIMException

from core.audit import record_event
from core.db import utcnow
from core.errors import ValidationFailed
from core.extensions import db
from people import services as people
from people.models import Department, Employee
from scim.models import ScimDeletion, ScimPendingManager, ScimToken
from scim.resources import (
    ENTERPRISE,
    UNSET,
    Person,
    ScimError,
    UserResource,
    from_validation,
    invalid,
    parse_user,
    person_data,
    take_manager,
    to_resource,
)


class ScimActor:
    """Who acts for a SCIM request: HR's rights over people (what provisioning is),
    recorded in the audit trail as the admin who made the token."""

    is_authenticated = True
    is_active = True
    is_anonymous = False
    is_hr = True
    is_admin = False
    employee_id = None
    must_change_password = False

    def __init__(self, token: ScimToken):
        self.id = token.created_by_id
        self.token_id = token.id


def not_deleted():
    """SQL: the person was not deleted by the provider (deleted people are a 404)."""
    return ~sa.exists().where(ScimDeletion.employee_id == Employee.id)


def get_user(user_id: str) -> Employee:
    """The provisioned person with SCIM id ``user_id``.

    :raises ScimError: 404, no such (or a deleted) person."""
    if not user_id.isdigit() or len(user_id) > 18:
        raise ScimError(404, f"No user {user_id[:40]}.")
    employee = db.session.scalar(
        sa.select(Employee).where(Employee.id == int(user_id), not_deleted())
    )
    if employee is None:
        raise ScimError(404, f"No user {user_id}.")
    return employee


def _department_id(actor, name: str | None) -> int | None:
    if not name:
        return None
    found = db.session.scalar(sa.select(Department.id).where(Department.name == name))
    if found is not None:
        return found
    return people.create_department(actor, {"name": name}).id


def _find_manager(value: str) -> Employee | None:
    by_id = (
        Employee.id == int(value) if value.isdigit() and len(value) < 18 else sa.false()
    )
    return db.session.scalar(
        sa.select(Employee)
        .where(sa.or_(by_id, Employee.external_id == value), not_deleted())
        .order_by(by_id.desc() if value.isdigit() else Employee.id)
        .limit(1)
    )


def _check_unique(employee: Employee | None, data: dict) -> None:
    for column, attribute in (
        (Employee.email, "userName"),
        (Employee.external_id, "externalId"),
    ):
        value = data.get(column.key)
        if value is None:
            continue
        other = db.session.scalar(
            sa.select(Employee.id).where(
                column == value, Employee.id != (employee.id if employee else -1)
            )
        )
        if other is not None:
            raise ScimError(409, f"Another user has this {attribute}.", "uniqueness")


def _save(actor, employee: Employee | None, person: Person, manager) -> Employee:
    """Create or update the person through the people services; then the manager."""
    data = dict(person.data)
    _check_unique(employee, data)
    data["department_id"] = _department_id(actor, person.department)
    pending = None
    if manager is not UNSET:
        boss = _find_manager(manager) if manager is not None else None
        data["manager_id"] = boss.id if boss is not None else None
        pending = manager if manager is not None and boss is None else None
    try:
        if employee is None:
            employee = people.create_employee(actor, data)
        else:
            employee = people.update_employee(actor, employee, data)
    except ValidationFailed as error:
        detail = (
            " ".join(str(m) for m in (error.errors or {}).values()) or error.message
        )
        raise invalid(detail) from None
    if manager is not UNSET:
        _remember_manager(employee, pending)
    _link_waiting_reports(actor, employee)
    return employee


def _remember_manager(employee: Employee, value: str | None) -> None:
    row = db.session.get(ScimPendingManager, employee.id)
    if value is None:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(ScimPendingManager(employee_id=employee.id, manager_value=value))
    else:
        row.manager_value = value
    db.session.flush()


def _link_waiting_reports(actor, manager: Employee) -> None:
    """People who named ``manager`` (by SCIM id or externalId) before they arrived."""
    values = [str(manager.id)] + ([manager.external_id] if manager.external_id else [])
    waiting = db.session.scalars(
        sa.select(ScimPendingManager).where(
            ScimPendingManager.manager_value.in_(values)
        )
    ).all()
    for row in waiting:
        report = db.session.get(Employee, row.employee_id)
        if report is None:
            continue
        try:
            people.update_employee(actor, report, {"manager_id": manager.id})
        except ValidationFailed:
            continue  # a loop: the link stays pending, and the provider sees no manager
        db.session.delete(row)
    db.session.flush()


def create_user(actor, payload) -> Employee:
    """POST /Users: a new person (or a deleted one back, by the same userName)."""
    resource, manager = parse_user(payload, Context.RESOURCE_CREATION_REQUEST)
    person = person_data(resource)
    returning = db.session.scalar(
        sa.select(Employee)
        .join(ScimDeletion, ScimDeletion.employee_id == Employee.id)
        .where(Employee.email == person.data["email"])
    )
    if returning is not None:
        db.session.delete(db.session.get(ScimDeletion, returning.id))
        record_event(actor, returning, "scim_restored", {"email": returning.email})
    return _save(actor, returning, person, manager)


def replace_user(actor, employee: Employee, payload) -> Employee:
    """PUT /Users/<id>: every attribute replaced (absent ones cleared)."""
    resource, manager = parse_user(payload, Context.RESOURCE_REPLACEMENT_REQUEST)
    return _save(
        actor, employee, person_data(resource), None if manager is UNSET else manager
    )


def _manager_ops(payload: dict):
    """Take the operations on the manager out of a PatchOp: (rest, manager or UNSET)."""
    manager = UNSET
    operations = []
    for operation in payload.get("Operations") or []:
        if not isinstance(operation, dict):
            raise invalid("Each operation must be a JSON object.", "invalidSyntax")
        path = str(operation.get("path") or "").lower()
        op = str(operation.get("op") or "").lower()
        value = operation.get("value")
        if path.endswith("manager") or path.endswith("manager.value"):
            manager = None if op == "remove" else _plain(value)
            continue
        if path == ENTERPRISE.lower():
            if op == "remove":
                manager = None
            elif isinstance(value, dict) and "manager" in value:
                value = dict(value)
                manager = _plain(value.pop("manager"))
                operation = {**operation, "value": value}
        if not path and isinstance(value, dict):
            value = dict(value)
            found = take_manager(value)
            key = f"{ENTERPRISE}:manager"
            if key in value:
                found = _plain(value.pop(key))
            if found is not UNSET:
                manager = found
            operation = {**operation, "value": value}
        operations.append(operation)
    return {**payload, "Operations": operations}, manager


def _plain(value):
    holder = {ENTERPRISE: {"manager": value}}
    return take_manager(holder)


def patch_user(actor, employee: Employee, payload, base_url: str) -> Employee:
    """PATCH /Users/<id>: the operations applied to the User as it is, then saved."""
    if not isinstance(payload, dict):
        raise invalid("The body must be a JSON object.", "invalidSyntax")
    rest, manager = _manager_ops(payload)
    current = to_resource(employee, base_url)
    if rest["Operations"]:
        try:
            patch = PatchOp[UserResource].model_validate(
                rest, scim_ctx=Context.RESOURCE_PATCH_REQUEST
            )
            patch.patch(current)
        except ValidationError as error:
            raise from_validation(error) from None
        except SCIMException as error:
            raise ScimError(error.status, error.detail, error.scim_type) from None
    elif manager is UNSET:
        raise invalid("The PatchOp has no operations.", "invalidValue")
    return _save(actor, employee, person_data(current), manager)


def delete_user(actor, employee: Employee, *, now=None) -> Employee:
    """DELETE /Users/<id>: the person leaves (inactive, their account disabled at
    once); their reviews stay, and SCIM answers 404 for them from now on."""
    if employee.is_active:
        people.update_employee(actor, employee, {"is_active": False})
    db.session.add(ScimDeletion(employee_id=employee.id, deleted_at=now or utcnow()))
    db.session.flush()
    record_event(actor, employee, "scim_deleted", {"email": employee.email}, now=now)
    return employee
