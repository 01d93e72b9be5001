"""Input contracts for templates, cycles and the review flow (HTML forms and API alike).

Rules that need the database (rating within the template's scale, competency belongs to
the template, skill exists) are checked by the services.
"""

from itertools import pairwise

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from people.schemas import StrictSchema, TrimmedString, VersionedForm
from reviews.enums import ObstacleCategory, PopulationKind, Priority, ReviewStatus

TEXT = validate.Length(max=10_000)
RATING = validate.Range(min=1, max=10, error="Choose a rating on the scale.")
LEVEL = validate.Range(min=1, max=5, error="Choose a level from 1 to 5.")


class CompetencyInSchema(StrictSchema):
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=120))
    description = fields.String(load_default="", validate=validate.Length(max=2000))
    skill_id = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=1)
    )


class QuestionInSchema(StrictSchema):
    text = TrimmedString(required=True, validate=validate.Length(min=1, max=1000))


class TemplateCreateSchema(StrictSchema):
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=120))
    description = fields.String(load_default="", validate=validate.Length(max=2000))
    rating_labels = fields.List(
        TrimmedString(validate=validate.Length(min=1, max=60)),
        load_default=None,
        validate=validate.Length(min=2, max=10),
        metadata={"description": "Scale labels, lowest first (default: 5 levels)."},
    )
    competencies = fields.List(
        fields.Nested(CompetencyInSchema),
        required=True,
        validate=validate.Length(min=1, max=30),
    )
    questions = fields.List(
        fields.Nested(QuestionInSchema),
        load_default=list,
        validate=validate.Length(max=20),
    )


class TemplateUpdateSchema(TemplateCreateSchema):
    pass


class TemplateFormSchema(TemplateUpdateSchema, VersionedForm):
    pass


def _dates_in_order(data, *names):
    values = [(n, data.get(n)) for n in names if data.get(n) is not None]
    for (a, va), (b, vb) in pairwise(values):
        if vb < va:
            raise ValidationError(f"Must not be before {a.replace('_', ' ')}.", b)


class CycleCreateSchema(StrictSchema):
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=120))
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    template_id = fields.Integer(required=True, validate=validate.Range(min=1))
    population = fields.Enum(PopulationKind, load_default=PopulationKind.everyone)
    department_ids = fields.List(
        fields.Integer(validate=validate.Range(min=1)),
        load_default=list,
        validate=validate.Length(max=500),
        metadata={"multi": True},
    )
    hired_before = fields.Date(load_default=None, allow_none=True)
    self_due_on = fields.Date(required=True)
    manager_due_on = fields.Date(required=True)
    signoff_due_on = fields.Date(required=True)

    @validates_schema
    def _check(self, data, partial=False, **kwargs):
        _dates_in_order(data, "period_start", "period_end")
        _dates_in_order(data, "self_due_on", "manager_due_on", "signoff_due_on")
        population = data.get("population")
        if population is PopulationKind.departments and not data.get("department_ids"):
            raise ValidationError("Choose at least one department.", "department_ids")
        if population is PopulationKind.hired_before and not data.get("hired_before"):
            raise ValidationError("Give the hiring date.", "hired_before")


class CycleUpdateSchema(CycleCreateSchema):
    pass


class CycleFormSchema(CycleUpdateSchema, VersionedForm):
    pass


class CycleCloseSchema(StrictSchema):
    confirm_unfinished = fields.Boolean(load_default=False)
    reason = TrimmedString(load_default="", validate=validate.Length(max=2000))


class AdhocReviewCreateSchema(StrictSchema):
    employee_id = fields.Integer(required=True, validate=validate.Range(min=1))
    template_id = fields.Integer(required=True, validate=validate.Range(min=1))
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)

    @validates_schema
    def _check(self, data, **kwargs):
        _dates_in_order(data, "period_start", "period_end")


class RatingInSchema(StrictSchema):
    competency_id = fields.Integer(required=True, validate=validate.Range(min=1))
    rating = fields.Integer(load_default=None, allow_none=True, validate=RATING)
    comment = fields.String(load_default="", validate=validate.Length(max=5000))


class AnswerInSchema(StrictSchema):
    question_id = fields.Integer(required=True, validate=validate.Range(min=1))
    answer = fields.String(load_default="", validate=TEXT)


class SelfAssessmentSchema(StrictSchema):
    ratings = fields.List(
        fields.Nested(RatingInSchema),
        load_default=list,
        validate=validate.Length(max=30),
    )
    answers = fields.List(
        fields.Nested(AnswerInSchema),
        load_default=list,
        validate=validate.Length(max=20),
    )
    achievements = fields.String(load_default="", validate=TEXT)
    submit = fields.Boolean(
        load_default=False,
        metadata={"description": "false saves a draft; true submits to the manager."},
    )


class ObstacleInSchema(StrictSchema):
    category = fields.Enum(ObstacleCategory, required=True)
    description = TrimmedString(
        required=True, validate=validate.Length(min=1, max=2000)
    )
    remedy = fields.String(load_default="", validate=validate.Length(max=2000))


class NeedInSchema(StrictSchema):
    skill_id = fields.Integer(required=True, validate=validate.Range(min=1))
    target_level = fields.Integer(required=True, validate=LEVEL)
    priority = fields.Enum(Priority, load_default=Priority.medium)
    due_on = fields.Date(load_default=None, allow_none=True)


class GoalInSchema(StrictSchema):
    title = TrimmedString(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=2000))
    target_on = fields.Date(load_default=None, allow_none=True)


class ManagerAssessmentSchema(StrictSchema):
    ratings = fields.List(
        fields.Nested(RatingInSchema),
        load_default=list,
        validate=validate.Length(max=30),
    )
    strengths = fields.String(load_default="", validate=TEXT)
    areas_to_strengthen = fields.String(load_default="", validate=TEXT)
    obstacles = fields.List(
        fields.Nested(ObstacleInSchema),
        load_default=list,
        validate=validate.Length(max=20),
    )
    training_needs = fields.List(
        fields.Nested(NeedInSchema), load_default=list, validate=validate.Length(max=20)
    )
    goals = fields.List(
        fields.Nested(GoalInSchema), load_default=list, validate=validate.Length(max=20)
    )
    overall_rating = fields.Integer(load_default=None, allow_none=True, validate=RATING)


class AcknowledgeSchema(StrictSchema):
    comment = fields.String(load_default="", validate=TEXT)
    disagree = fields.Boolean(load_default=False)


class AddendumSchema(StrictSchema):
    text = TrimmedString(required=True, validate=validate.Length(min=1, max=10_000))


class ReopenSchema(StrictSchema):
    reason = TrimmedString(required=True, validate=validate.Length(min=3, max=2000))


class ReviewQueryArgsSchema(Schema):
    cycle_id = fields.Integer(load_default=None, validate=validate.Range(min=1))
    employee_id = fields.Integer(load_default=None, validate=validate.Range(min=1))
    reviewer_id = fields.Integer(load_default=None, validate=validate.Range(min=1))
    status = fields.Enum(ReviewStatus, load_default=None)


class ReviewSettingsUpdateSchema(StrictSchema):
    """HR's review settings: reviews created by plan."""

    anniversary_reviews = fields.Boolean(
        metadata={"description": "Create a review on every work anniversary."}
    )
    planned_template_id = fields.Integer(
        allow_none=True,
        validate=validate.Range(min=1),
        metadata={"description": "Template of planned reviews (none: the newest)."},
    )


class ReviewSettingsFormSchema(StrictSchema):
    """The HTML form of the review settings: an unticked box is "off"."""

    anniversary_reviews = fields.Boolean(load_default=False)
    planned_template_id = fields.Integer(
        allow_none=True, load_default=None, validate=validate.Range(min=1)
    )
