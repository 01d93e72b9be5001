"""Helpers shared by the people pages: form handling and the select options."""

import sqlalchemy as sa
from flask import render_template

from core.errors import Conflict, ValidationFailed
from core.extensions import db
from core.forms import load_form
from people.models import Department, Employee


def save_form(schema, form, action):
    """Validate ``form`` with ``schema`` and run ``action(data)``.

    Returns ``(result, errors, status)``: on success ``result`` is what the action
    returned and the caller commits; otherwise the session is rolled back and
    ``errors`` holds the field messages to show inline (422, or 409 for a stale form).
    """
    data, errors = load_form(schema, form)
    if data is None:
        return None, errors, 422
    try:
        return action(data), {}, 200
    except ValidationFailed as err:
        db.session.rollback()
        return None, err.errors or {"_form": err.message}, 422
    except Conflict as err:
        db.session.rollback()
        return None, {"_form": err.message, "_stale": True}, 409


def render_form(template: str, status: int = 200, **context):
    """Render a form page; ``form`` defaults to the submitted values."""
    context.setdefault("errors", {})
    return render_template(template, **context), status


def department_choices() -> list[tuple[int, str]]:
    """All departments as (id, name), alphabetical (one query)."""
    rows = db.session.execute(
        sa.select(Department.id, Department.name).order_by(Department.name)
    )
    return [(row.id, row.name) for row in rows]


def person_choices() -> list[tuple[int, str]]:
    """Everyone as (id, label) for manager selects; inactive people are marked."""
    rows = db.session.execute(
        sa.select(Employee.id, Employee.name, Employee.is_active).order_by(
            Employee.name
        )
    )
    return [
        (row.id, row.name if row.is_active else f"{row.name} (inactive)")
        for row in rows
    ]


def job_title_choices() -> list[str]:
    """Distinct job titles in use (one query)."""
    return list(
        db.session.scalars(
            sa.select(Employee.job_title)
            .where(Employee.job_title != "")
            .distinct()
            .order_by(Employee.job_title)
        )
    )
