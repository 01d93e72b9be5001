"""Select options shared by the people pages (and the review pages' department pickers),
and the visible-people lists they show."""

import sqlalchemy as sa
from flask_login import current_user
from sqlalchemy.orm import joinedload

from core.extensions import db
from people.models import Department, Employee
from people.permissions import visible_people


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


def visible_people_where(*criteria) -> list[Employee]:
    """The people the caller may see that match ``criteria``, with their departments,
    by name (one query)."""
    return list(
        db.session.scalars(
            visible_people(current_user)
            .where(*criteria)
            .options(joinedload(Employee.department))
            .order_by(Employee.name)
        )
    )
