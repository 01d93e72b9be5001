"""Output contracts of the development API, its query arguments and the few inputs only
the API has (input schemas shared with the pages live in ``development.schemas.forms``).

Every field is listed explicitly. ``InterviewOwnerSchema`` is the only schema with
``private_notes``; ``InterviewSchema`` never has it (STYLE.md §5). An activity's
``reflection`` and evidence are ``null`` for a caller who may not see a private
activity's private parts (the resources blank them; the schema is shared).
"""

from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from core.fields import Id, LongText, Text
from core.schemas import RefSchema, StrictSchema
from development.enums import (
    ActivityKind,
    ActivityStatus,
    ContactSource,
    InterviewDirection,
    InterviewMode,
    InterviewStatus,
    KeepsLearning,
    SuggestionStatus,
)
from development.schemas.forms import PolicySchema
from people.schemas import EmployeeRefSchema


class ActivityQueryArgsSchema(StrictSchema):
    employee_id = Id()
    kind = fields.Enum(ActivityKind)
    status = fields.Enum(ActivityStatus)


class InterviewQueryArgsSchema(StrictSchema):
    employee_id = Id()
    status = fields.Enum(InterviewStatus)
    direction = fields.Enum(InterviewDirection)


class SuggestionQueryArgsSchema(StrictSchema):
    status = fields.Enum(SuggestionStatus)


class EvidenceFileSchema(StrictSchema):
    file = Upload(
        required=True, metadata={"description": "A PDF, PNG or JPEG of at most 5 MB."}
    )


class ActivityVerifySchema(StrictSchema):
    """The body of ``POST /activities/{id}/verify`` (``{}``: the activity alone)."""

    need_met = fields.Boolean(
        load_default=False,
        metadata={
            "description": (
                "Also mark met, in the same step, every need in progress this "
                "activity is evidence for (422 on this field when there is none)."
            )
        },
    )


class CloseSchema(StrictSchema):
    outcome = Text(
        required=True,
        validate=[
            validate.OneOf(["declined", "no_response"]),
            validate.Length(max=20),
        ],
    )


class ContactsImportSchema(StrictSchema):
    csv = LongText(
        required=True,
        trim=False,
        validate=validate.Length(min=1, max=2_000_000),
        metadata={"description": "The text of a LinkedIn connections export."},
    )
    preview = fields.Boolean(
        load_default=True,
        metadata={"description": "Only check and show the rows; write nothing."},
    )


class SkillRefSchema(RefSchema):
    pass


class ActivitySchema(Schema):
    id = fields.Integer()
    employee = fields.Nested(EmployeeRefSchema)
    kind = fields.Enum(ActivityKind)
    title = fields.String()
    provider = fields.String()
    started_on = fields.Date(allow_none=True)
    ended_on = fields.Date(allow_none=True)
    hours = fields.Float()
    status = fields.Enum(ActivityStatus)
    expires_on = fields.Date(allow_none=True)
    is_private = fields.Boolean()
    skills = fields.List(fields.Nested(SkillRefSchema))
    evidence_url = fields.String(allow_none=True)
    evidence_note = fields.String(allow_none=True)
    evidence_file_name = fields.String(
        allow_none=True, metadata={"description": "GET …/evidence-file downloads it."}
    )
    reflection = fields.String(allow_none=True)
    is_verified = fields.Boolean()
    verified_at = fields.DateTime(allow_none=True)
    version = fields.Integer()


class ContactSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    title = fields.String()
    organisation = fields.String()
    industry = fields.String()
    email = fields.String()
    phone = fields.String()
    profile_url = fields.String()
    source = fields.Enum(ContactSource)
    connected_on = fields.Date(allow_none=True)


class InterviewSchema(Schema):
    """An interview as anyone who may see it sees it: never the private notes."""

    id = fields.Integer()
    activity_id = fields.Integer()
    title = fields.Function(lambda i: i.activity.title, dump_only=True)
    employee = fields.Nested(EmployeeRefSchema)
    direction = fields.Enum(InterviewDirection)
    status = fields.Enum(InterviewStatus)
    contact = fields.Nested(ContactSchema, allow_none=True)
    contact_name = fields.String(
        attribute="contact_label",
        dump_only=True,
        metadata={
            "description": "Who it is with: the contact's name, or the name kept when "
            "the contact was deleted (contact null)."
        },
    )
    referred_by_id = fields.Integer(allow_none=True)
    purpose = fields.String()
    target_role = fields.String()
    target_industry = fields.String()
    target_organisation = fields.String()
    mode = fields.Enum(InterviewMode)
    outreach_message = fields.String()
    requested_on = fields.Date(allow_none=True)
    scheduled_at = fields.DateTime(allow_none=True)
    duration_minutes = fields.Integer()
    location = fields.String()
    research_notes = fields.String()
    questions = fields.List(fields.String())
    notes_permission_asked = fields.Boolean()
    takeaways = fields.String()
    thank_you_sent_on = fields.Date(allow_none=True)
    follow_up_on = fields.Date(allow_none=True)
    confidentiality_confirmed = fields.Boolean()
    off_premises = fields.Boolean(
        metadata={"description": "Held away from the premises."}
    )
    needs_approval = fields.Boolean(
        metadata={
            "description": "Over the monthly limit or the paid-hours cap: waits for "
            "the manager."
        }
    )
    over_count_limit = fields.Boolean(
        metadata={"description": "Needed approval: over the monthly limit."}
    )
    over_hours_cap = fields.Boolean(
        metadata={"description": "Needed approval: over the paid-hours cap."}
    )
    approved_at = fields.DateTime(allow_none=True)
    mentorship_activity_id = fields.Integer(allow_none=True)
    version = fields.Integer()


class InterviewOwnerSchema(InterviewSchema):
    """The owner's view: with the private notes (no one else ever gets this)."""

    private_notes = fields.String(
        metadata={"description": "Present for the interview's owner only."}
    )


class OutreachDraftSchema(Schema):
    message = fields.String()


class ReferralNodeSchema(Schema):
    id = fields.Integer()
    referred_by_id = fields.Integer(allow_none=True)
    depth = fields.Integer(
        metadata={
            "description": "Hops from the root of the chain (0 = nobody referred "
            "it), as the interview page shows it."
        }
    )
    status = fields.Enum(InterviewStatus)
    contact_name = fields.String()


class ReferralTreeSchema(Schema):
    interview_id = fields.Integer()
    depth = fields.Integer(
        metadata={
            "description": "This interview's own depth: hops from the root of its "
            "chain (0 = nobody referred it), the page's “Chain depth”."
        }
    )
    levels_below = fields.Integer(
        metadata={"description": "How many hops the tree goes below it (0 = none)."}
    )
    referrals = fields.List(fields.Nested(ReferralNodeSchema))


class MentorshipSchema(Schema):
    interview_id = fields.Integer()
    activity = fields.Nested(ActivitySchema)


class ImportRowSchema(Schema):
    line = fields.Integer()
    name = fields.String()
    email = fields.String()
    profile_url = fields.String()
    organisation = fields.String()
    title = fields.String()
    connected_on = fields.Date(allow_none=True)
    skipped = fields.String(metadata={"description": "Why it will not be imported."})


class RowErrorSchema(Schema):
    line = fields.Integer()
    message = fields.String()


class ContactsImportResultSchema(Schema):
    preview = fields.Boolean()
    rows = fields.List(fields.Nested(ImportRowSchema))
    errors = fields.List(fields.Nested(RowErrorSchema))
    created = fields.Integer()
    skipped = fields.Integer()


class QuestionTopicOutSchema(Schema):
    id = fields.Integer()
    text = fields.String()
    position = fields.Integer()
    is_standard = fields.Boolean()
    is_active = fields.Boolean()


class SuggestionSchema(Schema):
    id = fields.Integer()
    manager_id = fields.Integer()
    employee_id = fields.Integer()
    topic = fields.String()
    contact_name = fields.String()
    review_id = fields.Integer(allow_none=True)
    status = fields.Enum(SuggestionStatus)
    interview_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()


class PolicyOutSchema(Schema):
    interviews_per_month = fields.Integer()
    interviews_on_paid_time = fields.Boolean()
    paid_hours_per_month = fields.Float()
    may_leave_premises = fields.Boolean()
    window_months = fields.Integer()
    active_months = fields.Integer()
    version = fields.Integer(allow_none=True)


class KindTotalSchema(Schema):
    kind = fields.Enum(ActivityKind)
    activities = fields.Integer()
    hours = fields.Float()


class MonthPointSchema(Schema):
    month = fields.Date()
    label = fields.String()
    activities = fields.Integer()
    hours = fields.Float()


class LearningRecordSchema(Schema):
    employee_id = fields.Integer()
    status = fields.Enum(KeepsLearning)
    months = fields.List(fields.Nested(MonthPointSchema))
    by_kind = fields.List(fields.Nested(KindTotalSchema))
    window_months = fields.Integer()
    active_months = fields.Integer()
    activities = fields.Integer()
    hours = fields.Float()
    given_activities = fields.Integer()
    given_hours = fields.Float()
    months_with_evidence = fields.Integer()
    needs_with_evidence = fields.Integer()
    interviews_conducted = fields.Integer()
    interviews_given = fields.Integer()
    last_evidence_on = fields.Date(allow_none=True)


class PolicyUpdateSchema(PolicySchema):
    """``PATCH`` input: the fields to change; ``active_months`` is checked by the
    resource against the merged window, not the partial body."""

    def _months(self, data, **kwargs):  # no longer a hook: see the docstring
        return None
