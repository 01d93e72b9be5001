"""Input and output contracts for people, departments, skills, role profiles and accounts.

Input schemas list exactly the fields a client may set (unknown fields → 422), so ids,
versions, role flags and timestamps can never be mass-assigned.
"""

from marshmallow import Schema, fields, validate

from core.dates import PlausibleDate
from core.fields import EmailText, Id, LongText, Text, bounded_list
from core.schemas import RefSchema, StrictSchema, TrimmedString, VersionedForm
from core.timezones import zone_choice
from people.enums import PROFICIENCY_LABELS
from people.importer import MAX_BYTES as MAX_IMPORT_BYTES

LEVEL = validate.Range(min=1, max=5, error="Choose a level from 1 to 5.")


class DepartmentRefSchema(RefSchema):
    pass


class EmployeeRefSchema(RefSchema):
    job_title = fields.String()


class EmployeeSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String()
    email = fields.Email()
    job_title = fields.String()
    department = fields.Nested(DepartmentRefSchema, allow_none=True)
    manager = fields.Nested(EmployeeRefSchema, allow_none=True)
    hired_on = fields.Date(allow_none=True)
    time_zone = fields.String(
        allow_none=True,
        metadata={"description": "IANA time zone; null: the organisation's."},
    )
    is_active = fields.Boolean()
    version = fields.Integer(dump_only=True)


class EmployeeCreateSchema(StrictSchema):
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=160))
    email = EmailText(required=True, validate=validate.Length(max=254))
    job_title = TrimmedString(load_default="", validate=validate.Length(max=120))
    department_id = Id(allow_none=True, load_default=None)
    manager_id = Id(allow_none=True, load_default=None)
    hired_on = PlausibleDate(allow_none=True, load_default=None)
    # No default: a client that does not send it leaves the person's zone as it is.
    time_zone = Text(
        allow_none=True,
        validate=[validate.Length(max=64), zone_choice()],
        metadata={
            "description": "IANA time zone (Europe/Berlin); null: the organisation's."
        },
    )


class EmployeeUpdateSchema(EmployeeCreateSchema):
    is_active = fields.Boolean()


class EmployeeFormSchema(EmployeeUpdateSchema, VersionedForm):
    pass


class OwnTimeZoneSchema(StrictSchema):
    """A person's own time zone (``/account/time-zone``): the one field she may set on
    her record herself."""

    time_zone = Text(
        required=True,  # the form always sends it; empty means the organisation's
        allow_none=True,
        validate=[validate.Length(max=64), zone_choice()],
        metadata={"description": "IANA time zone; null: the organisation's."},
    )


class EmployeeQueryArgsSchema(Schema):
    q = Text(load_default=None, validate=validate.Length(max=100))
    department_id = Id(load_default=None)
    job_title = Text(load_default=None, validate=validate.Length(max=120))
    manager_id = Id(load_default=None)


class DepartmentSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String()
    description = fields.String()
    parent_id = fields.Integer(allow_none=True)
    version = fields.Integer(dump_only=True)


class DepartmentCreateSchema(StrictSchema):
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=120))
    description = LongText(load_default="", validate=validate.Length(max=2000))
    parent_id = Id(allow_none=True, load_default=None)


class DepartmentUpdateSchema(DepartmentCreateSchema):
    pass


class DepartmentFormSchema(DepartmentUpdateSchema, VersionedForm):
    pass


class SkillSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String()
    group = fields.String()
    description = fields.String()
    version = fields.Integer(dump_only=True)


class SkillCreateSchema(StrictSchema):
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=120))
    group = TrimmedString(load_default="", validate=validate.Length(max=80))
    description = LongText(load_default="", validate=validate.Length(max=2000))


class SkillUpdateSchema(SkillCreateSchema):
    pass


class SkillFormSchema(SkillUpdateSchema, VersionedForm):
    pass


class ExpectationSchema(StrictSchema):
    skill_id = Id(required=True)
    expected_level = fields.Integer(required=True, validate=LEVEL)


class ExpectationOutSchema(Schema):
    skill_id = fields.Integer()
    skill_name = fields.Function(lambda e: e.skill.name)
    expected_level = fields.Integer()


class RoleProfileSchema(Schema):
    id = fields.Integer(dump_only=True)
    job_title = fields.String()
    description = fields.String()
    expectations = fields.List(fields.Nested(ExpectationOutSchema))
    version = fields.Integer(dump_only=True)


class RoleProfileCreateSchema(StrictSchema):
    job_title = TrimmedString(required=True, validate=validate.Length(min=1, max=120))
    description = LongText(load_default="", validate=validate.Length(max=2000))
    expectations = bounded_list(
        fields.Nested(ExpectationSchema), max=200, load_default=list
    )


class RoleProfileUpdateSchema(RoleProfileCreateSchema):
    pass


class RoleProfileFormSchema(RoleProfileUpdateSchema, VersionedForm):
    pass


class SkillLevelQueryArgsSchema(Schema):
    history = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Every assessment of every skill (skill, then oldest "
            "first), not only the latest of each."
        },
    )


class SkillLevelSchema(Schema):
    skill_id = fields.Integer()
    skill_name = fields.Function(lambda s: s.skill.name)
    level = fields.Integer()
    level_label = fields.Function(lambda s: PROFICIENCY_LABELS.get(s.level, ""))
    assessed_at = fields.AwareDateTime()
    source = fields.Function(
        lambda s: s.source.value,
        metadata={
            "description": "review, training_need (verified), manager, "
            "self_assessment or import (HR)."
        },
    )
    source_label = fields.Function(
        lambda s: s.source.title, metadata={"description": "The source, as shown."}
    )
    source_id = fields.Integer(
        allow_none=True,
        metadata={"description": "The review or training need that wrote it."},
    )


class MeSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    is_hr = fields.Boolean()
    is_admin = fields.Boolean()
    is_manager = fields.Boolean()
    employee = fields.Nested(EmployeeSchema, allow_none=True)


class AccountUpdateSchema(StrictSchema):
    is_hr = fields.Boolean(load_default=False)
    is_admin = fields.Boolean(load_default=False)
    is_enabled = fields.Boolean(load_default=False)


class PeopleImportSchema(StrictSchema):
    csv = LongText(
        required=True,
        trim=False,
        validate=validate.Length(
            min=1,
            max=MAX_IMPORT_BYTES,
            error="Send the CSV text, at most 1 MB ({max} characters); split a "
            "larger file or import it with `flask people import`.",
        ),
        metadata={
            "description": "The CSV text, columns "
            "email, name, job_title, department, manager_email, hired_on."
        },
    )
    dry_run = fields.Boolean(
        load_default=True,
        metadata={
            "description": "true (default): check every row and report; write "
            "nothing. false: import, all or nothing (any bad row: 422, nothing written)."
        },
    )


class PeopleImportRowSchema(Schema):
    line = fields.Integer()
    email = fields.String()
    name = fields.String()
    job_title = fields.String()
    department = fields.String()
    manager_email = fields.String()
    hired_on = fields.Date(allow_none=True)
    action = fields.String(
        metadata={"description": "``create`` (a new person) or ``update``."}
    )


class PeopleImportRowErrorSchema(Schema):
    line = fields.Integer()
    message = fields.String()


class PeopleImportReportSchema(Schema):
    dry_run = fields.Boolean()
    created = fields.Integer()
    updated = fields.Integer()
    departments_created = fields.List(fields.String())
    rows = fields.List(fields.Nested(PeopleImportRowSchema))
    errors = fields.List(
        fields.Nested(PeopleImportRowErrorSchema),
        metadata={"description": "Every bad row with its line (a dry run only)."},
    )
