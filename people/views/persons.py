"""The directory, the person page and HR's person forms."""

from typing import Any

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from marshmallow import EXCLUDE, ValidationError
from sqlalchemy.orm import joinedload

from core.extensions import db
from core.forms import render_form, save_form
from core.pagination import paginate_html
from core.permissions import require, require_visible
from people import permissions as perms
from people import services
from people.account_state import AccountInfo, account_info_of, account_rows
from people.enums import PROFICIENCY_LABELS
from people.models import Employee, EmployeeSkillLevel, RoleProfile, RoleProfileSkill
from people.panels import person_panels
from people.queries import filter_people, skill_history
from people.schemas import (
    EmployeeCreateSchema,
    EmployeeFormSchema,
    EmployeeQueryArgsSchema,
)
from people.skill_history import skill_histories
from people.views import bp
from people.views.common import (
    department_choices,
    job_title_choices,
    person_choices,
    visible_people_where,
)

FORM_TEMPLATE = "people/person_form.html"
EMPLOYEE_FIELDS = (
    "name",
    "email",
    "job_title",
    "department_id",
    "manager_id",
    "time_zone",
)


def _load_person(person_id: int) -> Employee:
    """The person with department and manager, or NotFound if the caller may not see them."""
    employee = db.session.scalar(
        sa.select(Employee)
        .where(Employee.id == person_id)
        .options(joinedload(Employee.department), joinedload(Employee.manager))
    )
    require_visible(perms.can_view_person(current_user, employee), "Person not found.")
    return employee


def _load_person_and_account(person_id: int) -> tuple[Employee, AccountInfo | None]:
    """``_load_person``, with the account state for HR and admins (same statement)."""
    if not perms.can_view_account_states(current_user):
        return _load_person(person_id), None
    row = db.session.execute(
        account_rows()
        .where(Employee.id == person_id)
        .options(joinedload(Employee.department), joinedload(Employee.manager))
    ).first()
    employee = row[0] if row else None
    require_visible(perms.can_view_person(current_user, employee), "Person not found.")
    return employee, account_info_of(row)


def _directory_args() -> dict:
    try:
        return EmployeeQueryArgsSchema().load(request.args, unknown=EXCLUDE)
    except ValidationError as err:
        # Keep the filters that are valid; a bad one (a NUL, an id past INTEGER) is
        # ignored rather than sent to the database.
        return err.valid_data or {}


@bp.route("/people")
@login_required
def directory():
    """The people directory, searchable and paged."""
    args = _directory_args()
    stmt = filter_people(perms.visible_people(current_user), args)
    page = paginate_html(
        stmt.options(
            joinedload(Employee.department), joinedload(Employee.manager)
        ).order_by(Employee.name, Employee.id)
    )
    return render_template(
        "people/person_list.html",
        page=page,
        args=args,
        departments=department_choices(),
        job_titles=job_title_choices(),
        can_create=perms.can_create_person(current_user),
        can_invite=perms.can_view_account_states(current_user),
    )


def _skill_rows(employee: Employee) -> list[dict[str, Any]]:
    """Latest level, role-profile expectation, gap and history per skill (the latest
    level is the history's last point: one statement for both)."""
    histories = skill_histories(
        db.session.scalars(
            skill_history(employee.id).options(joinedload(EmployeeSkillLevel.skill))
        ).all()
    )
    rows: dict[int, dict[str, Any]] = {
        skill_id: {
            "skill": history.skill,
            "level": history.latest.level,
            "at": history.latest.assessed_at,
            "history": history,
        }
        for skill_id, history in histories.items()
    }
    if employee.job_title:
        expectations = db.session.scalars(
            sa.select(RoleProfileSkill)
            .join(RoleProfile)
            .where(RoleProfile.job_title == employee.job_title)
            .options(joinedload(RoleProfileSkill.skill))
        )
        for exp in expectations:
            row = rows.setdefault(
                exp.skill_id, {"skill": exp.skill, "level": None, "history": None}
            )
            row["expected"] = exp.expected_level
    for row in rows.values():
        row.setdefault("expected", None)
        row["label"] = PROFICIENCY_LABELS.get(row["level"], "")
        # Levels missing from the record count as 0: the whole expectation is the gap.
        row["gap"] = (
            max(0, row["expected"] - (row["level"] or 0)) if row["expected"] else None
        )
    return sorted(rows.values(), key=lambda r: (r["skill"].group, r["skill"].name))


@bp.route("/people/<int:person_id>")
@login_required
def detail(person_id: int):
    """The person page: profile, skills and learning."""
    employee, account = _load_person_and_account(person_id)
    chain_ids = perms.manager_chain_ids(employee.id)
    chain = []
    if chain_ids:
        by_id = {
            e.id: e
            for e in db.session.scalars(
                sa.select(Employee).where(Employee.id.in_(chain_ids))
            )
        }
        chain = [by_id[i] for i in chain_ids if i in by_id]
    reports = visible_people_where(Employee.manager_id == employee.id)
    show_skills = perms.can_view_skill_levels(current_user, employee)
    has_profile = show_skills and bool(
        employee.job_title
        and db.session.scalar(
            sa.select(RoleProfile.id).where(RoleProfile.job_title == employee.job_title)
        )
    )
    return render_template(
        "people/person_detail.html",
        person=employee,
        chain=chain,
        reports=reports,
        show_skills=show_skills,
        skills=_skill_rows(employee) if show_skills else [],
        has_profile=has_profile,
        labels=PROFICIENCY_LABELS,
        can_edit=perms.can_edit_person(current_user, employee),
        account=account,
        **person_panels(current_user, employee),
    )


def _form_page(status=200, **context):
    return render_form(
        FORM_TEMPLATE,
        status,
        departments=department_choices(),
        managers=person_choices(),
        **context,
    )


@bp.route("/people/new", methods=["GET", "POST"])
@login_required
def new():
    """Show and save the new-person form (HR)."""
    require(perms.can_create_person(current_user))
    if request.method == "GET":
        return _form_page(person=None, form={})
    employee, errors, status = save_form(
        EmployeeCreateSchema(),
        request.form,
        lambda data: services.create_employee(current_user, data),
    )
    if employee is None:
        return _form_page(status, person=None, form=request.form, errors=errors)
    db.session.commit()
    flash(f"{employee.name} is added.", "success")
    return redirect(url_for("people.detail", person_id=employee.id))


def _person_values(employee: Employee) -> dict:
    values = {key: getattr(employee, key) for key in EMPLOYEE_FIELDS}
    values["hired_on"] = employee.hired_on.isoformat() if employee.hired_on else ""
    values["is_active"] = employee.is_active
    values["version"] = employee.version
    return {k: ("" if v is None else v) for k, v in values.items()}


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@login_required
def edit(person_id: int):
    """Show and save the edit form of a person (HR)."""
    employee = _load_person(person_id)
    require(perms.can_edit_person(current_user, employee))
    if request.method == "GET":
        return _form_page(person=employee, form=_person_values(employee))
    form = request.form.copy()
    # An unticked checkbox sends nothing; on this full form that means "inactive".
    form["is_active"] = "true" if request.form.get("is_active") else "false"
    result, errors, status = save_form(
        EmployeeFormSchema(),
        form,
        lambda data: services.update_employee(current_user, employee, data),
    )
    if result is None:
        employee = _load_person(person_id)
        return _form_page(status, person=employee, form=form, errors=errors)
    db.session.commit()
    flash(f"{employee.name}'s record is saved.", "success")
    return redirect(url_for("people.detail", person_id=employee.id))
