"""A person as a SCIM User, and a SCIM User as the data ``people.services`` takes.

``scim2-models`` parses and writes the payloads; this module only maps attributes:
userName ↔ email (lowercase), displayName / name.formatted ↔ name, title ↔ job
title, active ↔ is_active, externalId, and the enterprise extension's employeeNumber,
department (by name) and manager (SCIM id of the manager's person). The manager is
taken out of the payload before parsing: providers send ``{"value": id}`` without the
``$ref`` the schema requires, or a bare id in a PATCH.
"""

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from scim2_models import (
    Context,
    EnterpriseUser,
    Error,
    Manager,
    Meta,
    User,
)

from core.extensions import db
from people.models import Department, Employee

UserResource = User[EnterpriseUser]
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
UNSET = object()  # the payload did not mention the manager


class ScimError(Exception):
    """An answer in SCIM's error shape (RFC 7644 §3.12)."""

    def __init__(self, status: int, detail: str, scim_type: str | None = None):
        super().__init__(detail)
        self.status, self.detail, self.scim_type = status, detail, scim_type

    def to_error(self) -> Error:
        return Error(status=self.status, scim_type=self.scim_type, detail=self.detail)


def invalid(detail: str, scim_type: str = "invalidValue") -> ScimError:
    return ScimError(400, detail, scim_type)


def _manager_value(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("value")
    if value in (None, ""):
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise invalid("manager.value must be a string.")
    return str(value)


def take_manager(payload: dict) -> Any:
    """Remove the manager from a User payload: its value, None (cleared) or UNSET."""
    extension = payload.get(ENTERPRISE)
    if isinstance(extension, dict) and "manager" in extension:
        extension = dict(extension)
        value = _manager_value(extension.pop("manager"))
        payload[ENTERPRISE] = extension
        return value
    return UNSET


def parse_user(payload, context: Context) -> tuple[UserResource, Any]:
    """The parsed User and its manager value (or UNSET).

    :raises ScimError: not a JSON object, or not a valid User."""
    if not isinstance(payload, dict):
        raise invalid("The body must be a JSON object.", "invalidSyntax")
    payload = dict(payload)
    manager = take_manager(payload)
    try:
        resource = UserResource.model_validate(payload, scim_ctx=context)
    except ValidationError as error:
        raise from_validation(error) from None
    return resource, manager


def from_validation(error: ValidationError) -> ScimError:
    first = Error.from_validation_errors(error)[0]
    return ScimError(400, first.detail or "Invalid value.", first.scim_type)


@dataclass
class Person:
    """What a User payload says about a person, in the people services' terms."""

    data: dict
    department: str | None


def _bounded(field: str, value: str | None, column) -> str | None:
    if value is not None and len(value) > column.type.length:
        raise invalid(f"{field} is longer than {column.type.length} characters.")
    return value


def person_data(resource: UserResource) -> Person:
    """The employee fields a User sets (every one: PUT and PATCH both replace)."""
    user_name = (resource.user_name or "").strip().lower()
    if not user_name:
        raise invalid("userName is required.")
    name = resource.display_name or (resource.name and resource.name.formatted)
    if not name and resource.name:
        parts = (resource.name.given_name, resource.name.family_name)
        name = " ".join(p for p in parts if p)
    extension = resource[EnterpriseUser] if resource[EnterpriseUser] else None
    department = (
        extension.department.strip() if extension and extension.department else None
    )
    data = {
        "email": _bounded("userName", user_name, Employee.email),
        "name": _bounded("displayName", (name or user_name).strip(), Employee.name),
        "job_title": _bounded(
            "title", (resource.title or "").strip(), Employee.job_title
        ),
        "is_active": resource.active is not False,
        "external_id": _bounded(
            "externalId", resource.external_id or None, Employee.external_id
        ),
        "employee_number": _bounded(
            "employeeNumber",
            (extension.employee_number or None) if extension else None,
            Employee.employee_number,
        ),
    }
    return Person(data, _bounded("department", department or None, Department.name))


def _department_name(employee: Employee) -> str | None:
    if employee.department_id is None:
        return None
    # Loaded with the list (selectinload), else one primary-key lookup.
    department = db.session.get(Department, employee.department_id)
    return department.name if department else None


def location(base_url: str, employee_id: int) -> str:
    return f"{base_url}/Users/{employee_id}"


def to_resource(employee: Employee, base_url: str) -> UserResource:
    """The person as a SCIM User (the manager only once linked)."""
    extension = EnterpriseUser(
        employee_number=employee.employee_number,
        department=_department_name(employee),
        manager=(
            Manager.model_validate(
                {
                    "value": str(employee.manager_id),
                    "$ref": location(base_url, employee.manager_id),
                }
            )
            if employee.manager_id
            else None
        ),
    )
    resource = UserResource(
        id=str(employee.id),
        external_id=employee.external_id,
        user_name=employee.email,
        display_name=employee.name,
        title=employee.job_title or None,
        active=employee.is_active,
        meta=Meta(
            resource_type="User",
            created=employee.created_at,
            last_modified=employee.updated_at,
            version=f'W/"{employee.version}"',
            location=location(base_url, employee.id),
        ),
    )
    if any(
        v is not None
        for v in (extension.employee_number, extension.department, extension.manager)
    ):
        resource[EnterpriseUser] = extension
    return resource
