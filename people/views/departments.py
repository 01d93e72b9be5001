"""Departments: the tree, one department's org chart, and HR's department forms."""

from collections import defaultdict
from functools import partial

import sqlalchemy as sa
from flask import render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core.extensions import db
from core.forms import render_form
from core.permissions import require
from core.queries import get_or_404
from core.views import form_view
from people import permissions as perms
from people import services
from people.models import Department, Employee
from people.schemas import DepartmentCreateSchema, DepartmentFormSchema
from people.views import bp
from people.views.common import department_choices

FORM_TEMPLATE = "people/department_form.html"


def _tree(departments: list[Department], parent_id=None) -> list[dict]:
    """Nest departments (already loaded) under their parents, alphabetically."""
    children = defaultdict(list)
    ids = {d.id for d in departments}
    for d in departments:
        # A parent outside the list (should not happen) puts the department at the top.
        children[d.parent_id if d.parent_id in ids else None].append(d)

    def build(pid):
        return [
            {"department": d, "children": build(d.id)}
            for d in sorted(children.get(pid, []), key=lambda d: d.name.lower())
        ]

    return build(parent_id)


def _headcounts(user) -> dict[int, int]:
    visible = perms.visible_people(user).subquery()
    rows = db.session.execute(
        sa.select(visible.c.department_id, sa.func.count())
        .where(visible.c.department_id.is_not(None))
        .group_by(visible.c.department_id)
    )
    return {row[0]: row[1] for row in rows}


@bp.route("/departments")
@login_required
def departments():
    """The departments page: the department tree with headcounts."""
    rows = list(db.session.scalars(sa.select(Department)))
    return render_template(
        "people/department_list.html",
        tree=_tree(rows),
        headcounts=_headcounts(current_user),
        can_create=perms.can_edit_department(current_user),
    )


def _org_chart(people: list[Employee]) -> list[dict]:
    """People nested by manager; those whose manager is elsewhere are the roots."""
    ids = {p.id for p in people}
    reports = defaultdict(list)
    for p in people:
        reports[p.manager_id if p.manager_id in ids else None].append(p)

    def build(pid, depth=0):
        if depth > 50:  # the services forbid loops; never recurse forever on bad data
            return []
        return [
            {"person": p, "reports": build(p.id, depth + 1)}
            for p in sorted(reports.get(pid, []), key=lambda p: p.name.lower())
        ]

    return build(None)


@bp.route("/departments/<int:department_id>")
@login_required
def department_detail(department_id: int):
    """The department page: its people as an org chart."""
    department = get_or_404(Department, department_id, joinedload(Department.parent))
    people = list(
        db.session.scalars(
            perms.visible_people(current_user)
            .where(Employee.department_id == department.id)
            .options(joinedload(Employee.manager))
        )
    )
    children = list(
        db.session.scalars(
            sa.select(Department)
            .where(Department.parent_id == department.id)
            .order_by(Department.name)
        )
    )
    return render_template(
        "people/department_detail.html",
        department=department,
        chart=_org_chart(people),
        headcount=len(people),
        children=children,
        can_edit=perms.can_edit_department(current_user, department),
    )


def _form_page(status=200, **context):
    return render_form(FORM_TEMPLATE, status, parents=department_choices(), **context)


def _values(department: Department) -> dict:
    return {
        "name": department.name,
        "description": department.description,
        "parent_id": department.parent_id or "",
        "version": department.version,
    }


def _done(verb: str):
    """The flash message and the department page, once a form is saved."""

    def done(department: Department) -> tuple[str, str]:
        url = url_for("people.department_detail", department_id=department.id)
        return f"Department {department.name} is {verb}.", url

    return done


@bp.route("/departments/new", methods=["GET", "POST"])
@login_required
def department_new():
    """Show and save the new-department form (HR)."""
    require(perms.can_edit_department(current_user))
    return form_view(
        partial(_form_page, department=None),
        {},
        DepartmentCreateSchema(),
        partial(services.create_department, current_user),
        _done("added"),
    )


@bp.route("/departments/<int:department_id>/edit", methods=["GET", "POST"])
@login_required
def department_edit(department_id: int):
    """Show and save the edit form of a department (HR)."""
    department = get_or_404(Department, department_id)
    require(perms.can_edit_department(current_user, department))
    return form_view(
        # After a failed save the rolled-back department reloads as the page reads it.
        partial(_form_page, department=department),
        lambda: _values(department),
        DepartmentFormSchema(),
        partial(services.update_department, current_user, department),
        _done("saved"),
    )
