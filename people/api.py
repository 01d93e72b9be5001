"""JSON API for people, departments, skills, role profiles and the caller (``/me``).

Lists are paginated (``page``, ``page_size``; metadata in ``X-Pagination``). Updates are
PATCH with ``If-Match`` (ETag from ``{id, version}``): missing → 428, stale → 412.
"""

import sqlalchemy as sa
from flask.views import MethodView
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from core.api import ApiBlueprint
from core.db import get_or_404
from core.extensions import db
from core.permissions import require, require_visible
from people import permissions as perms
from people import services
from people.models import (
    Department,
    Employee,
    EmployeeSkillLevel,
    RoleProfile,
    RoleProfileSkill,
    Skill,
)
from people.queries import filter_people, latest_skill_levels
from people.schemas import (
    DepartmentCreateSchema,
    DepartmentSchema,
    DepartmentUpdateSchema,
    EmployeeCreateSchema,
    EmployeeQueryArgsSchema,
    EmployeeSchema,
    EmployeeUpdateSchema,
    MeSchema,
    RoleProfileCreateSchema,
    RoleProfileSchema,
    RoleProfileUpdateSchema,
    SkillCreateSchema,
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
    @blp.arguments(EmployeeQueryArgsSchema, location="query")
    @blp.response(200, EmployeeSchema(many=True))
    @blp.paginate_select()
    def get(self, args):
        """Directory: search by name or email, filter by department, title, manager."""
        stmt = filter_people(perms.visible_people(current_user), args)
        return stmt.options(*EMPLOYEE_OPTIONS).order_by(Employee.name, Employee.id)

    @blp.arguments(EmployeeCreateSchema)
    @blp.response(201, EmployeeSchema)
    def post(self, data):
        """Add a person (HR)."""
        employee = services.create_employee(current_user, data)
        db.session.commit()
        return get_or_404(Employee, employee.id, *EMPLOYEE_OPTIONS)


@blp.route("/people/<int:person_id>")
@blp.gate(perms.is_hr, "PATCH")
class PersonDetail(MethodView):
    @blp.etag
    @blp.response(200, EmployeeSchema)
    def get(self, person_id):
        employee = get_or_404(Employee, person_id, *EMPLOYEE_OPTIONS)
        require_visible(perms.can_view_person(current_user, employee))
        blp.set_version_etag(employee)
        return employee

    @blp.etag
    @blp.arguments(EmployeeUpdateSchema(partial=True))
    @blp.response(200, EmployeeSchema)
    def patch(self, data, person_id):
        """Change a person (HR); send the ETag in If-Match."""
        employee = get_or_404(Employee, person_id, *EMPLOYEE_OPTIONS)
        require_visible(perms.can_view_person(current_user, employee))
        require(perms.can_edit_person(current_user, employee))
        blp.check_version(employee)
        services.update_employee(current_user, employee, data)
        db.session.commit()
        employee = get_or_404(Employee, person_id, *EMPLOYEE_OPTIONS)
        blp.set_version_etag(employee)
        return employee


@blp.route("/people/<int:person_id>/skill-levels")
class PersonSkillLevels(MethodView):
    @blp.response(200, SkillLevelSchema(many=True))
    @blp.paginate_select()
    def get(self, person_id):
        """Current assessed level per skill (the latest assessment of each)."""
        employee = get_or_404(Employee, person_id)
        require_visible(perms.can_view_person(current_user, employee))
        require(perms.can_view_skill_levels(current_user, employee))
        return latest_skill_levels(employee.id).options(
            joinedload(EmployeeSkillLevel.skill)
        )


@blp.route("/departments")
@blp.gate(perms.is_hr, "POST")
class DepartmentList(MethodView):
    @blp.response(200, DepartmentSchema(many=True))
    @blp.paginate_select()
    def get(self):
        return sa.select(Department).order_by(Department.name)

    @blp.arguments(DepartmentCreateSchema)
    @blp.response(201, DepartmentSchema)
    def post(self, data):
        """Add a department (HR)."""
        department = services.create_department(current_user, data)
        db.session.commit()
        return get_or_404(Department, department.id)


@blp.route("/departments/<int:department_id>")
@blp.gate(perms.is_hr, "PATCH")
class DepartmentDetail(MethodView):
    @blp.etag
    @blp.response(200, DepartmentSchema)
    def get(self, department_id):
        department = get_or_404(Department, department_id)
        blp.set_version_etag(department)
        return department

    @blp.etag
    @blp.arguments(DepartmentUpdateSchema(partial=True))
    @blp.response(200, DepartmentSchema)
    def patch(self, data, department_id):
        """Rename or re-parent a department (HR)."""
        department = get_or_404(Department, department_id)
        require(perms.can_edit_department(current_user, department))
        blp.check_version(department)
        services.update_department(current_user, department, data)
        db.session.commit()
        department = get_or_404(Department, department_id)
        blp.set_version_etag(department)
        return department


@blp.route("/skills")
@blp.gate(perms.is_hr, "POST")
class SkillList(MethodView):
    @blp.response(200, SkillSchema(many=True))
    @blp.paginate_select()
    def get(self):
        return sa.select(Skill).order_by(Skill.group, Skill.name)

    @blp.arguments(SkillCreateSchema)
    @blp.response(201, SkillSchema)
    def post(self, data):
        """Add a skill (HR)."""
        skill = services.create_skill(current_user, data)
        db.session.commit()
        return skill


@blp.route("/skills/<int:skill_id>")
@blp.gate(perms.is_hr, "PATCH")
class SkillDetail(MethodView):
    @blp.etag
    @blp.response(200, SkillSchema)
    def get(self, skill_id):
        skill = get_or_404(Skill, skill_id)
        blp.set_version_etag(skill)
        return skill

    @blp.etag
    @blp.arguments(SkillUpdateSchema(partial=True))
    @blp.response(200, SkillSchema)
    def patch(self, data, skill_id):
        """Change a skill (HR)."""
        skill = get_or_404(Skill, skill_id)
        require(perms.can_edit_skill(current_user, skill))
        blp.check_version(skill)
        services.update_skill(current_user, skill, data)
        db.session.commit()
        blp.set_version_etag(skill)
        return skill


@blp.route("/role-profiles")
@blp.gate(perms.is_hr, "POST")
class RoleProfileList(MethodView):
    @blp.response(200, RoleProfileSchema(many=True))
    @blp.paginate_select()
    def get(self):
        return (
            sa.select(RoleProfile)
            .options(*PROFILE_OPTIONS)
            .order_by(RoleProfile.job_title)
        )

    @blp.arguments(RoleProfileCreateSchema)
    @blp.response(201, RoleProfileSchema)
    def post(self, data):
        """Add a role profile: expected level per skill for a job title (HR)."""
        profile = services.create_role_profile(current_user, data)
        db.session.commit()
        return get_or_404(RoleProfile, profile.id, *PROFILE_OPTIONS)


@blp.route("/role-profiles/<int:profile_id>")
@blp.gate(perms.is_hr, "PATCH")
class RoleProfileDetail(MethodView):
    @blp.etag
    @blp.response(200, RoleProfileSchema)
    def get(self, profile_id):
        profile = get_or_404(RoleProfile, profile_id, *PROFILE_OPTIONS)
        blp.set_version_etag(profile)
        return profile

    @blp.etag
    @blp.arguments(RoleProfileUpdateSchema(partial=True))
    @blp.response(200, RoleProfileSchema)
    def patch(self, data, profile_id):
        """Change a role profile; ``expectations`` replaces the whole list (HR)."""
        profile = get_or_404(RoleProfile, profile_id, *PROFILE_OPTIONS)
        require(perms.can_edit_role_profile(current_user, profile))
        blp.check_version(profile)
        services.update_role_profile(current_user, profile, data)
        db.session.commit()
        profile = get_or_404(RoleProfile, profile_id, *PROFILE_OPTIONS)
        blp.set_version_etag(profile)
        return profile
