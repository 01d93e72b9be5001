"""JSON API for people, departments, skills, role profiles and the caller (``/me``).

Lists are paginated (``page``, ``page_size``; metadata in ``X-Pagination``). Updates are
PATCH with ``If-Match`` (ETag from ``{id, version}``): missing → 428, stale → 412.

``POST /people/import`` (HR) takes the CSV text as JSON (``csv``, as the contacts
import does) with ``dry_run`` (default true): a dry run answers 200 with the report —
every row and what it would do, or every bad row with its line; ``dry_run`` false
imports all or nothing, and any bad row is a 422 with ``errors`` keyed ``line N``.
Each request stands alone, so the import writes exactly the text it was sent.
"""

import sqlalchemy as sa
from flask.views import MethodView
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from core.api import ApiBlueprint
from core.extensions import db
from core.permissions import require, require_visible
from core.queries import get_or_404
from people import permissions as perms
from people import services
from people.importer import ImportFailed
from people.models import (
    Department,
    Employee,
    EmployeeSkillLevel,
    RoleProfile,
    RoleProfileSkill,
    Skill,
)
from people.queries import filter_people, latest_skill_levels, skill_history
from people.schemas import (
    DepartmentCreateSchema,
    DepartmentSchema,
    DepartmentUpdateSchema,
    EmployeeCreateSchema,
    EmployeeQueryArgsSchema,
    EmployeeSchema,
    EmployeeUpdateSchema,
    MeSchema,
    PeopleImportReportSchema,
    PeopleImportSchema,
    RoleProfileCreateSchema,
    RoleProfileSchema,
    RoleProfileUpdateSchema,
    SkillCreateSchema,
    SkillLevelQueryArgsSchema,
    SkillLevelSchema,
    SkillSchema,
    SkillUpdateSchema,
)

blp = ApiBlueprint(
    "people_api", __name__, url_prefix="/api/v1", description="People and skills"
)

EMPLOYEE_OPTIONS = (joinedload(Employee.department), joinedload(Employee.manager))
PROFILE_OPTIONS = (
    selectinload(RoleProfile.expectations).joinedload(RoleProfileSkill.skill),
)


def _load_person(person_id) -> Employee:
    return get_or_404(Employee, person_id, *EMPLOYEE_OPTIONS)


def _load_profile(profile_id) -> RoleProfile:
    return get_or_404(RoleProfile, profile_id, *PROFILE_OPTIONS)


def _loader(model):
    return lambda object_id: get_or_404(model, object_id)


person_action = blp.object_action("person", _load_person, perms.can_view_person)
department_action = blp.object_action("department", _loader(Department), None)
skill_action = blp.object_action("skill", _loader(Skill), None)
profile_action = blp.object_action("profile", _load_profile, None)


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, MeSchema)
    def get(self):
        """The signed-in account and its employee record."""
        employee = None
        if current_user.employee_id:
            employee = get_or_404(Employee, current_user.employee_id, *EMPLOYEE_OPTIONS)
        return {
            "id": current_user.id,
            "email": current_user.email,
            "is_hr": current_user.is_hr,
            "is_admin": current_user.is_admin,
            "is_manager": perms.has_reports(current_user),
            "employee": employee,
        }


@blp.route("/people")
@blp.gate(perms.is_hr, "POST")
class PeopleList(MethodView):
    @blp.listing(EmployeeSchema, EmployeeQueryArgsSchema)
    def get(self, args):
        """Directory: search by name or email, filter by department, title, manager."""
        stmt = filter_people(perms.visible_people(current_user), args)
        return stmt.options(*EMPLOYEE_OPTIONS).order_by(Employee.name, Employee.id)

    @blp.create(EmployeeCreateSchema, EmployeeSchema, services.create_employee)
    def post(self, employee):
        """Add a person (HR)."""
        return _load_person(employee.id)


@blp.route("/people/import")
@blp.gate(perms.can_import_people, "POST")
class PeopleImport(MethodView):
    @blp.arguments(PeopleImportSchema)
    @blp.response(200, PeopleImportReportSchema)
    def post(self, data):
        """Check (``dry_run``, the default) or import a people CSV, all or nothing (HR).

        The file of ``flask people import``. A dry run reports every row and its action,
        or every bad row with its line, and writes nothing; an import with any bad row
        answers 422 (``errors`` keyed ``line N``) and writes nothing."""
        dry_run = data["dry_run"]
        try:
            result = services.import_people(current_user, data["csv"], dry_run=dry_run)
        except ImportFailed as err:
            db.session.rollback()
            if not dry_run:
                raise
            errors = [{"line": n, "message": m} for n, m in err.row_errors]
            return _import_report(dry_run, errors=errors)
        if dry_run:
            db.session.rollback()
        else:
            db.session.commit()
        return _import_report(dry_run, result)


def _import_report(dry_run: bool, result=None, errors=()) -> dict:
    return {
        "dry_run": dry_run,
        "created": result.created if result else 0,
        "updated": result.updated if result else 0,
        "departments_created": result.departments_created if result else [],
        "rows": result.rows if result else [],
        "errors": list(errors),
    }


blp.detail(
    "/people/<int:person_id>",
    "PersonDetail",
    person_action,
    EmployeeSchema,
    (
        EmployeeUpdateSchema(partial=True),
        services.update_employee,
        perms.can_edit_person,
    ),
    doc="Change a person (HR); send the ETag in If-Match.",
    reload=lambda person: _load_person(person.id),
    gates={"PATCH": perms.is_hr},
)


@blp.route("/people/<int:person_id>/skill-levels")
class PersonSkillLevels(MethodView):
    @blp.listing(SkillLevelSchema, SkillLevelQueryArgsSchema)
    def get(self, args, person_id):
        """Current assessed level per skill (the latest assessment of each); with
        ``history=1``, the skill history: every assessment, per skill oldest first,
        each with its source (a review, a verified training need, a manager, HR) and
        the review or need that wrote it.

        One resource with a flag rather than a second one: the history is the same
        rows under the same rule — the person, their managers (direct or indirect)
        and HR (``can_view_skill_levels``), checked object by object."""
        employee = get_or_404(Employee, person_id)
        require_visible(perms.can_view_person(current_user, employee))
        require(perms.can_view_skill_levels(current_user, employee))
        query = skill_history if args["history"] else latest_skill_levels
        return query(employee.id).options(joinedload(EmployeeSkillLevel.skill))


@blp.route("/departments")
@blp.gate(perms.is_hr, "POST")
class DepartmentList(MethodView):
    @blp.listing(DepartmentSchema)
    def get(self):
        return sa.select(Department).order_by(Department.name)

    @blp.create(DepartmentCreateSchema, DepartmentSchema, services.create_department)
    def post(self, department):
        """Add a department (HR)."""
        return get_or_404(Department, department.id)


blp.detail(
    "/departments/<int:department_id>",
    "DepartmentDetail",
    department_action,
    DepartmentSchema,
    (
        DepartmentUpdateSchema(partial=True),
        services.update_department,
        perms.can_edit_department,
    ),
    doc="Rename or re-parent a department (HR).",
    reload=lambda department: get_or_404(Department, department.id),
    gates={"PATCH": perms.is_hr},
)


@blp.route("/skills")
@blp.gate(perms.is_hr, "POST")
class SkillList(MethodView):
    @blp.listing(SkillSchema)
    def get(self):
        return sa.select(Skill).order_by(Skill.group, Skill.name)

    @blp.create(SkillCreateSchema, SkillSchema, services.create_skill)
    def post(self, skill):
        """Add a skill (HR)."""
        return skill


blp.detail(
    "/skills/<int:skill_id>",
    "SkillDetail",
    skill_action,
    SkillSchema,
    (SkillUpdateSchema(partial=True), services.update_skill, perms.can_edit_skill),
    doc="Change a skill (HR).",
    reload=lambda skill: skill,
    gates={"PATCH": perms.is_hr},
)


@blp.route("/role-profiles")
@blp.gate(perms.is_hr, "POST")
class RoleProfileList(MethodView):
    @blp.listing(RoleProfileSchema)
    def get(self):
        return (
            sa.select(RoleProfile)
            .options(*PROFILE_OPTIONS)
            .order_by(RoleProfile.job_title)
        )

    @blp.create(
        RoleProfileCreateSchema, RoleProfileSchema, services.create_role_profile
    )
    def post(self, profile):
        """Add a role profile: expected level per skill for a job title (HR)."""
        return _load_profile(profile.id)


blp.detail(
    "/role-profiles/<int:profile_id>",
    "RoleProfileDetail",
    profile_action,
    RoleProfileSchema,
    (
        RoleProfileUpdateSchema(partial=True),
        services.update_role_profile,
        perms.can_edit_role_profile,
    ),
    doc="Change a role profile; ``expectations`` replaces the whole list (HR).",
    reload=lambda profile: _load_profile(profile.id),
    gates={"PATCH": perms.is_hr},
)
