"""Output contracts of the reviews API (input contracts live in ``reviews.schemas.forms``).

Role-shaped output: ``ReviewSchema`` dumps a payload built per request by
``reviews.api.payloads.review_payload`` — ``self_part`` and ``manager_part`` are ``null``
for a caller who may not see them, and ``quality_flags`` is present only for HR. The
schema lists every field explicitly, so nothing the payload does not carry can leak.
"""

from marshmallow import Schema, fields

from core.schemas import RefSchema
from people.schemas import EmployeeRefSchema
from reviews.enums import CycleStatus, PopulationKind, ReviewStatus


class CompetencySchema(Schema):
    id = fields.Integer()
    position = fields.Integer()
    name = fields.String()
    description = fields.String()
    skill_id = fields.Integer(allow_none=True)


class QuestionSchema(Schema):
    id = fields.Integer()
    position = fields.Integer()
    text = fields.String()


class TemplateSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String()
    description = fields.String()
    rating_labels = fields.List(
        fields.String(), metadata={"description": "Scale labels, lowest first."}
    )
    scale_max = fields.Integer()
    competencies = fields.List(fields.Nested(CompetencySchema))
    questions = fields.List(fields.Nested(QuestionSchema))
    version = fields.Integer(dump_only=True)


class CycleSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String()
    period_start = fields.Date()
    period_end = fields.Date()
    template = fields.Nested(RefSchema)
    population = fields.Enum(PopulationKind, by_value=True)
    department_ids = fields.List(fields.Integer())
    hired_before = fields.Date(allow_none=True)
    self_due_on = fields.Date()
    manager_due_on = fields.Date()
    signoff_due_on = fields.Date()
    status = fields.Enum(CycleStatus, by_value=True)
    launched_at = fields.AwareDateTime(allow_none=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    close_reason = fields.String()
    version = fields.Integer(dump_only=True)


class LaunchResultSchema(Schema):
    reviews_created = fields.Integer()


class CloseResultSchema(Schema):
    reviews_closed = fields.Integer()


class ReviewSummarySchema(Schema):
    """A review in a list: who, which cycle, where it stands — never its content."""

    id = fields.Integer()
    cycle = fields.Nested(RefSchema, allow_none=True)
    employee = fields.Nested(EmployeeRefSchema)
    reviewer = fields.Nested(EmployeeRefSchema, allow_none=True)
    status = fields.Enum(ReviewStatus, by_value=True)
    period_start = fields.Date()
    period_end = fields.Date()
    self_due_on = fields.Date(allow_none=True)
    shared_at = fields.AwareDateTime(allow_none=True)
    acknowledged_at = fields.AwareDateTime(allow_none=True)
    version = fields.Integer()


class RatingOutSchema(Schema):
    competency_id = fields.Integer()
    competency = fields.String()
    rating = fields.Integer(allow_none=True)
    label = fields.String()
    comment = fields.String()


class AnswerOutSchema(Schema):
    question_id = fields.Integer()
    question = fields.String()
    answer = fields.String()


class SelfPartSchema(Schema):
    ratings = fields.List(fields.Nested(RatingOutSchema))
    answers = fields.List(fields.Nested(AnswerOutSchema))
    achievements = fields.String()
    submitted_at = fields.AwareDateTime(allow_none=True)
    skipped = fields.Boolean()


class ObstacleOutSchema(Schema):
    category = fields.String()
    category_label = fields.String()
    description = fields.String()
    remedy = fields.String()


class NeedOutSchema(Schema):
    id = fields.Integer(
        allow_none=True, metadata={"description": "null while only proposed."}
    )
    skill_id = fields.Integer()
    skill_name = fields.String()
    target_level = fields.Integer()
    priority = fields.String()
    due_on = fields.Date(allow_none=True)
    status = fields.String(allow_none=True)


class GoalOutSchema(Schema):
    id = fields.Integer(allow_none=True)
    title = fields.String()
    description = fields.String()
    target_on = fields.Date(allow_none=True)
    status = fields.String(allow_none=True)
    progress = fields.Integer(allow_none=True)


class ManagerPartSchema(Schema):
    ratings = fields.List(fields.Nested(RatingOutSchema))
    strengths = fields.String()
    areas_to_strengthen = fields.String()
    obstacles = fields.List(fields.Nested(ObstacleOutSchema))
    training_needs = fields.List(
        fields.Nested(NeedOutSchema),
        metadata={"description": "Proposed until shared, then the TrainingNeed rows."},
    )
    goals = fields.List(fields.Nested(GoalOutSchema))
    overall_rating = fields.Integer(allow_none=True)
    overall_label = fields.String()
    shared_at = fields.AwareDateTime(allow_none=True)


class SignOffSchema(Schema):
    acknowledged_at = fields.AwareDateTime(allow_none=True)
    comment = fields.String()
    disagrees = fields.Boolean()


class AddendumOutSchema(Schema):
    id = fields.Integer()
    author = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    text = fields.String()


class QualityFlagSchema(Schema):
    rule = fields.String()
    title = fields.String()
    detail = fields.String()


class ReviewTemplateRefSchema(RefSchema):
    rating_labels = fields.List(fields.String())


class ReviewSchema(ReviewSummarySchema):
    """One review, shaped for the caller (see the module docstring)."""

    template = fields.Nested(ReviewTemplateRefSchema)
    closed_at = fields.AwareDateTime(allow_none=True)
    self_part = fields.Nested(
        SelfPartSchema,
        allow_none=True,
        metadata={"description": "null unless the caller may see the self part."},
    )
    manager_part = fields.Nested(
        ManagerPartSchema,
        allow_none=True,
        metadata={"description": "null unless the caller may see the manager part."},
    )
    sign_off = fields.Nested(SignOffSchema, allow_none=True)
    addenda = fields.List(fields.Nested(AddendumOutSchema))
    quality_flags = fields.List(
        fields.Nested(QualityFlagSchema),
        metadata={"description": "HR only; absent for everyone else."},
    )


class PreviousReviewSchema(Schema):
    id = fields.Integer()
    label = fields.String(metadata={"description": "Cycle name, or 'Ad hoc <date>'."})
    period_start = fields.Date()
    period_end = fields.Date()
    overall_rating = fields.Integer(allow_none=True)
    ratings = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        metadata={"description": "Manager rating by competency name."},
    )


class SeriesPointSchema(Schema):
    label = fields.String()
    rating = fields.Integer(allow_none=True)


class PreviousNeedSchema(Schema):
    id = fields.Integer()
    skill_id = fields.Integer()
    skill_name = fields.String()
    target_level = fields.Integer()
    priority = fields.String()
    due_on = fields.Date(allow_none=True)
    status = fields.String()
    drop_reason = fields.String()
    fate = fields.String(
        metadata={"description": "met, in_progress, dropped, open or overdue."}
    )
    fate_label = fields.String()


class LearningKindSchema(Schema):
    kind = fields.String()
    activities = fields.Integer()
    hours = fields.Float()


class LearningEvidenceSchema(Schema):
    need_id = fields.Integer()
    skill_name = fields.String()
    need_status = fields.String()
    activity_id = fields.Integer(allow_none=True)
    title = fields.String(metadata={"description": "The activity, else the note."})
    kind = fields.String(allow_none=True)
    on = fields.Date(allow_none=True)
    is_verified = fields.Boolean()


class ReviewSuggestionSchema(Schema):
    id = fields.Integer()
    topic = fields.String()
    contact_name = fields.String()
    manager_name = fields.String()
    created_at = fields.DateTime()
    status = fields.String(metadata={"description": "open, accepted or dismissed."})
    interview_id = fields.Integer(allow_none=True)
    interview_status = fields.String(allow_none=True)
    outcome = fields.String(metadata={"description": "What came of it, in words."})


class ReviewLearningSchema(Schema):
    period_start = fields.Date()
    period_end = fields.Date(metadata={"description": "Today while the period runs."})
    keeps_learning = fields.String(
        metadata={"description": "active, lapsing or inactive at period_end."}
    )
    window_months = fields.Integer()
    activities = fields.Integer()
    hours = fields.Float()
    given_hours = fields.Float()
    interviews_conducted = fields.Integer()
    interviews_given = fields.Integer()
    by_kind = fields.List(fields.Nested(LearningKindSchema))
    evidence = fields.List(
        fields.Nested(LearningEvidenceSchema),
        metadata={"description": "Evidence linked to the previous review's needs."},
    )
    suggestions = fields.List(
        fields.Nested(ReviewSuggestionSchema),
        metadata={"description": "Interviews the manager suggested in this review."},
    )


class HistorySchema(Schema):
    previous = fields.List(fields.Nested(PreviousReviewSchema))
    competencies = fields.List(fields.String())
    series = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.Nested(SeriesPointSchema)),
        metadata={"description": "Competency name → ratings over time, oldest first."},
    )
    goals = fields.List(fields.Nested(GoalOutSchema))
    previous_needs = fields.List(fields.Nested(PreviousNeedSchema))
    development = fields.List(
        fields.Dict(),
        metadata={
            "description": "Activities completed since the previous review, one "
            '``{"line": …}`` each (empty for who may not read the learning record).'
        },
    )
    learning = fields.Nested(
        ReviewLearningSchema,
        allow_none=True,
        metadata={
            "description": "The learning record of the review's period; null for "
            "who may not read it (the person, their managers and HR may)."
        },
    )


class ReviewSettingsSchema(Schema):
    anniversary_reviews = fields.Boolean()
    planned_template_id = fields.Integer(allow_none=True)
    probation_review_days = fields.Integer(
        metadata={"description": "PROBATION_REVIEW_DAYS (configuration; 0: off)."}
    )
    version = fields.Integer(allow_none=True)
