"""Bare Flask + Flask-SQLAlchemy: the floor for one database read per request.

``DATABASE_URL=… gunicorn -w 2 'bench.bare_sqla_app:create_app()'``: ``GET
/api/v1/people/<id>`` answers the same JSON shape as ``bench.bare_app`` (and Trellis),
read from the same database with one statement: ``db.session.get`` of the employee, its department and
manager joined eagerly. No auth, no schema, no ETag, no Trellis import: two small models
of its own over the existing ``employees`` and ``departments`` tables. Flask-SQLAlchemy's
default engine options (Trellis adds ``pool_pre_ping`` on PostgreSQL, one more round trip
per request that this floor does not pay).
"""

import os
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask import Flask, abort, jsonify
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    joinedload,
    mapped_column,
    relationship,
)


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
if TYPE_CHECKING:  # mypy takes no base class from an attribute (as core.extensions)
    Model = Base
else:
    Model = db.Model


class Department(Model):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Employee(Model):
    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    email: Mapped[str]
    job_title: Mapped[str]
    department_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"))
    manager_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employees.id"))
    hired_on: Mapped[date | None]
    is_active: Mapped[bool]
    time_zone: Mapped[str | None]
    version: Mapped[int]

    department: Mapped[Department | None] = relationship()
    manager: Mapped["Employee | None"] = relationship(remote_side=[id])


# The department and the manager in the same SELECT (the manager's department is not read).
EAGER = (joinedload(Employee.department), joinedload(Employee.manager))


def create_app(url: str | None = None) -> Flask:
    """The app on ``url`` (default: the ``DATABASE_URL`` environment variable)."""
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = url or os.environ["DATABASE_URL"]
    db.init_app(app)
    app.add_url_rule("/api/v1/people/<int:person_id>", view_func=person)
    return app


def person(person_id: int):
    employee = db.session.get(Employee, person_id, options=EAGER)
    if employee is None:
        abort(404)
    department, manager = employee.department, employee.manager
    return jsonify(
        {
            "department": department and {"id": department.id, "name": department.name},
            "email": employee.email,
            "hired_on": employee.hired_on and employee.hired_on.isoformat(),
            "id": employee.id,
            "is_active": employee.is_active,
            "job_title": employee.job_title,
            "manager": manager
            and {
                "id": manager.id,
                "job_title": manager.job_title,
                "name": manager.name,
            },
            "name": employee.name,
            "time_zone": employee.time_zone,
            "version": employee.version,
        }
    )
