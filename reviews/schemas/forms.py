"""Input contracts for templates, cycles and the review flow (HTML forms and API alike).

Rules that need the database (rating within the template's scale, competency belongs to
the template, skill exists) are checked by the services.
"""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.dates import PlausibleDate, require_order
from core.fields import LONG, Id, LongText, bounded_list
from core.schemas import StrictSchema, TrimmedString, VersionedForm
from reviews.enums import ObstacleCategory, PopulationKind, Priority, ReviewStatus

TEXT = validate.Length(max=LONG)
RATING = validate.Range(min=1, max=10, error="Choose a rating on the scale.")
LEVEL = validate.Range(min=1, max=5, error="Choose a level from 1 to 5.")


class CompetencyInSchema(StrictSchema):
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=120))
    description = LongText(load_default="", validate=validate.Length(max=2000))
    skill_id = Id(load_default=None, allow_none=True)


class QuestionInSchema(StrictSchema):
    text = TrimmedString(required=True, validate=validate.Length(min=1, max=1000))


class TemplateCreateSchema(StrictSchema):
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=120))
    description = LongText(load_default="", validate=validate.Length(max=2000))
    rating_labels = bounded_list(
        TrimmedString(validate=validate.Length(min=1, max=60)),
        min=2,
        max=10,
        load_default=None,
        metadata={"description": "Scale labels, lowest first (default: 5 levels)."},
    )
    competencies = bounded_list(
        fields.Nested(CompetencyInSchema), min=1, max=30, required=True
    )
    questions = bounded_list(fields.Nested(QuestionInSchema), max=20, load_default=list)


class TemplateUpdateSchema(TemplateCreateSchema):
    pass


class TemplateFormSchema(TemplateUpdateSchema, VersionedForm):
    pass


# The cycle's dates in order: (earlier, later, the earlier one in words). The service
# checks the same rules against the stored cycle for a partial update.
CYCLE_ORDER = (
    ("period_start", "period_end", "the start of the period"),
    ("period_start", "self_due_on", "the start of the period"),
    ("self_due_on", "manager_due_on", "the self-assessment due date"),
    ("manager_due_on", "signoff_due_on", "the manager's part due date"),
)


class CycleCreateSchema(StrictSchema):
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=120))
    period_start = PlausibleDate(required=True)
    period_end = PlausibleDate(required=True)
    template_id = Id(required=True)
    population = fields.Enum(PopulationKind, load_default=PopulationKind.everyone)
    department_ids = bounded_list(
        Id(), max=500, load_default=list, metadata={"multi": True}
    )
    hired_before = PlausibleDate(load_default=None, allow_none=True)
    self_due_on = PlausibleDate(required=True)
    manager_due_on = PlausibleDate(required=True)
    signoff_due_on = PlausibleDate(required=True)
    backfill = fields.Boolean(
        load_default=False,
        metadata={
            "description": (
                "Back-fill an earlier cycle: due dates may be in the past, "
                "and no reminder is sent for a date already past when it is created."
            )
        },
    )

    @validates_schema
    def _check(self, data, partial=False, **kwargs):
        for earlier, later, what in CYCLE_ORDER:
            require_order(data, earlier=earlier, later=later, what=what)
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
    reason = LongText(load_default="", validate=validate.Length(max=2000))


class AdhocReviewCreateSchema(StrictSchema):
    employee_id = Id(required=True)
    template_id = Id(required=True)
    period_start = PlausibleDate(required=True)
    period_end = PlausibleDate(required=True)

    @validates_schema
    def _check(self, data, **kwargs):
        require_order(
            data,
            earlier="period_start",
            later="period_end",
            what="the start of the period",
        )


class RatingInSchema(StrictSchema):
    competency_id = Id(required=True)
    rating = fields.Integer(load_default=None, allow_none=True, validate=RATING)
    comment = LongText(load_default="", validate=validate.Length(max=LONG))


class AnswerInSchema(StrictSchema):
    question_id = Id(required=True)
    answer = LongText(load_default="", validate=TEXT)


class SelfAssessmentSchema(StrictSchema):
    ratings = bounded_list(fields.Nested(RatingInSchema), max=30, load_default=list)
    answers = bounded_list(fields.Nested(AnswerInSchema), max=20, load_default=list)
    achievements = LongText(load_default="", validate=TEXT)
    submit = fields.Boolean(
        load_default=False,
        metadata={"description": "false saves a draft; true submits to the manager."},
    )


class ObstacleInSchema(StrictSchema):
    category = fields.Enum(ObstacleCategory, required=True)
    description = LongText(required=True, validate=validate.Length(min=1, max=2000))
    remedy = LongText(load_default="", validate=validate.Length(max=2000))


class NeedInSchema(StrictSchema):
    skill_id = Id(required=True)
    target_level = fields.Integer(required=True, validate=LEVEL)
    priority = fields.Enum(Priority, load_default=Priority.medium)
    due_on = PlausibleDate(load_default=None, allow_none=True)


class GoalInSchema(StrictSchema):
    title = TrimmedString(required=True, validate=validate.Length(min=1, max=200))
    description = LongText(load_default="", validate=validate.Length(max=2000))
    target_on = PlausibleDate(load_default=None, allow_none=True)


class ManagerAssessmentSchema(StrictSchema):
    ratings = bounded_list(fields.Nested(RatingInSchema), max=30, load_default=list)
    strengths = LongText(load_default="", validate=TEXT)
    areas_to_strengthen = LongText(load_default="", validate=TEXT)
    obstacles = bounded_list(fields.Nested(ObstacleInSchema), max=20, load_default=list)
    training_needs = bounded_list(
        fields.Nested(NeedInSchema), max=20, load_default=list
    )
    goals = bounded_list(fields.Nested(GoalInSchema), max=20, load_default=list)
    overall_rating = fields.Integer(load_default=None, allow_none=True, validate=RATING)


DISAGREE_NEEDS_REASON = (
    "Say why you disagree: your reason is kept with the review and shown to HR."
)


class AcknowledgeSchema(StrictSchema):
    comment = LongText(
        load_default="",
        validate=TEXT,
        metadata={"description": "Required with disagree: the reason."},
    )
    disagree = fields.Boolean(load_default=False)

    @validates_schema
    def _reason(self, data, **kwargs):
        if data.get("disagree") and not (data.get("comment") or "").strip():
            raise ValidationError(DISAGREE_NEEDS_REASON, "comment")


class AddendumSchema(StrictSchema):
    text = LongText(required=True, validate=validate.Length(min=1, max=LONG))


class ReopenSchema(StrictSchema):
    reason = TrimmedString(required=True, validate=validate.Length(min=3, max=2000))


class ReviewQueryArgsSchema(Schema):
    cycle_id = Id(load_default=None)
    employee_id = Id(load_default=None)
    reviewer_id = Id(load_default=None)
    status = fields.Enum(ReviewStatus, load_default=None)


class ReviewSettingsUpdateSchema(StrictSchema):
    """HR's review settings: reviews created by plan."""

    anniversary_reviews = fields.Boolean(
        metadata={"description": "Create a review on every work anniversary."}
    )
    planned_template_id = Id(
        allow_none=True,
        metadata={"description": "Template of planned reviews (none: the newest)."},
    )


class ReviewSettingsFormSchema(StrictSchema):
    """The HTML form of the review settings: an unticked box is "off"."""

    anniversary_reviews = fields.Boolean(load_default=False)
    planned_template_id = Id(allow_none=True, load_default=None)
