"""Input contracts for activities, interviews, contacts, suggestions and the policy."""

from marshmallow import ValidationError, fields, validate, validates_schema

from core.dates import PlausibleDate, PlausibleDateTime, require_order
from core.fields import LONG, EmailText, Id, LongText, UrlText, bounded_list
from core.schemas import StrictSchema, TrimmedString, VersionedForm
from development.enums import (
    ActivityKind,
    ActivityStatus,
    ContactSource,
    InterviewDirection,
    InterviewMode,
)

TEXT = validate.Length(max=LONG)
SHORT = validate.Length(max=200)


# (earlier, later, the earlier one in words); the service checks a PATCH against the
# stored activity with the same rules.
ACTIVITY_ORDER = (
    ("started_on", "ended_on", "the start date"),
    ("started_on", "expires_on", "the start date"),
    ("ended_on", "expires_on", "the end date"),
)


class ActivityCreateSchema(StrictSchema):
    kind = fields.Enum(ActivityKind, required=True)
    title = TrimmedString(required=True, validate=validate.Length(min=1, max=200))
    provider = TrimmedString(load_default="", validate=SHORT)
    started_on = PlausibleDate(load_default=None, allow_none=True)
    ended_on = PlausibleDate(load_default=None, allow_none=True)
    hours = fields.Float(
        load_default=0.0, allow_nan=False, validate=validate.Range(min=0, max=10_000)
    )
    status = fields.Enum(ActivityStatus, load_default=ActivityStatus.planned)
    expires_on = PlausibleDate(load_default=None, allow_none=True)
    evidence_url = UrlText(load_default="", validate=validate.Length(max=500))
    evidence_note = LongText(load_default="", validate=TEXT)
    reflection = LongText(load_default="", validate=TEXT)
    is_private = fields.Boolean(load_default=False)
    skill_ids = bounded_list(Id(), max=50, load_default=list, metadata={"multi": True})
    need_ids = bounded_list(
        Id(),
        max=50,
        load_default=list,
        metadata={"multi": True, "description": "Training needs this is evidence for."},
    )

    @validates_schema
    def _dates(self, data, **kwargs):
        for earlier, later, what in ACTIVITY_ORDER:
            require_order(data, earlier=earlier, later=later, what=what)


class ActivityUpdateSchema(ActivityCreateSchema):
    pass


class ActivityFormSchema(ActivityUpdateSchema, VersionedForm):
    pass


class InterviewCreateSchema(StrictSchema):
    direction = fields.Enum(
        InterviewDirection, load_default=InterviewDirection.conducted
    )
    title = TrimmedString(load_default="", validate=SHORT)
    contact_id = Id(load_default=None, allow_none=True)
    purpose = LongText(load_default="", validate=TEXT)
    target_role = TrimmedString(load_default="", validate=validate.Length(max=160))
    target_industry = TrimmedString(load_default="", validate=validate.Length(max=160))
    target_organisation = TrimmedString(
        load_default="", validate=validate.Length(max=160)
    )
    mode = fields.Enum(InterviewMode, load_default=InterviewMode.video)
    confidentiality_confirmed = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Required for given interviews: no confidential information."
        },
    )


class InterviewUpdateSchema(StrictSchema):
    """``PATCH /interviews/{id}`` (only the fields sent) and the edit page: what can
    change while the interview is an idea or requested."""

    contact_id = Id(
        allow_none=True,
        metadata={"description": "One of your contacts; null for none."},
    )
    purpose = LongText(validate=TEXT)
    target_role = TrimmedString(validate=validate.Length(max=160))
    mode = fields.Enum(InterviewMode)


class InterviewEditFormSchema(InterviewUpdateSchema, VersionedForm):
    """The interview edit page: every field, with the version it was rendered from."""

    contact_id = Id(load_default=None, allow_none=True)
    purpose = LongText(load_default="", validate=TEXT)
    target_role = TrimmedString(load_default="", validate=validate.Length(max=160))
    mode = fields.Enum(InterviewMode, required=True)


class OutreachSchema(StrictSchema):
    message = LongText(required=True, validate=validate.Length(min=1, max=LONG))
    sent_on = PlausibleDate(
        load_default=None,
        allow_none=True,
        metadata={"description": "Not in the future (default: today)."},
    )


class ScheduleSchema(StrictSchema):
    scheduled_at = PlausibleDateTime(
        required=True,
        default_timezone=None,
        metadata={"description": "Not before the day the request was sent."},
    )
    duration_minutes = fields.Integer(
        load_default=20, validate=validate.Range(min=5, max=480)
    )
    mode = fields.Enum(InterviewMode, load_default=None, allow_none=True)
    location = TrimmedString(load_default="", validate=validate.Length(max=300))
    off_premises = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Held away from the premises; refused (422) when the "
            "policy keeps interviews on the premises."
        },
    )


class PrepareSchema(StrictSchema):
    research_notes = LongText(load_default="", validate=TEXT)
    questions = bounded_list(
        TrimmedString(validate=validate.Length(min=1, max=300)),
        max=40,
        load_default=list,
        metadata={"multi": True},
    )


class ReferralSchema(StrictSchema):
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=160))
    title = TrimmedString(load_default="", validate=validate.Length(max=160))
    organisation = TrimmedString(load_default="", validate=validate.Length(max=160))
    email = EmailText(load_default="", validate=validate.Length(max=254))


class CompleteSchema(StrictSchema):
    private_notes = LongText(load_default="", validate=TEXT)
    notes_permission_asked = fields.Boolean(load_default=False)
    takeaways = LongText(load_default="", validate=TEXT)
    follow_up_on = PlausibleDate(
        load_default=None,
        allow_none=True,
        metadata={"description": "Not before the day of the interview."},
    )
    referrals = bounded_list(fields.Nested(ReferralSchema), max=20, load_default=list)


class FollowUpSchema(StrictSchema):
    thank_you_sent_on = PlausibleDate(
        required=True,
        metadata={"description": "Not before the interview, nor in the future."},
    )
    follow_up_on = PlausibleDate(
        load_default=None,
        allow_none=True,
        metadata={"description": "Not before the thank-you or the interview."},
    )

    @validates_schema
    def _dates(self, data, **kwargs):
        require_order(
            data,
            earlier="thank_you_sent_on",
            later="follow_up_on",
            what="the day the thank-you was sent",
        )


class ContactCreateSchema(StrictSchema):
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=160))
    title = TrimmedString(load_default="", validate=validate.Length(max=160))
    organisation = TrimmedString(load_default="", validate=validate.Length(max=160))
    industry = TrimmedString(load_default="", validate=validate.Length(max=120))
    email = EmailText(load_default="", validate=validate.Length(max=254))
    phone = TrimmedString(load_default="", validate=validate.Length(max=60))
    profile_url = UrlText(load_default="", validate=validate.Length(max=500))
    source = fields.Enum(ContactSource, load_default=ContactSource.other)


class ContactUpdateSchema(ContactCreateSchema):
    """``PATCH /contacts/{id}`` (partial) and the contact edit page (every field)."""


class SuggestionCreateSchema(StrictSchema):
    employee_id = Id(required=True)
    topic = TrimmedString(required=True, validate=validate.Length(min=3, max=300))
    contact_name = TrimmedString(load_default="", validate=validate.Length(max=160))
    review_id = Id(
        load_default=None,
        allow_none=True,
        metadata={"description": "A review of the same person the suggestion is in."},
    )
    contact_id = Id(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "One of the manager's own contacts; its name, title and "
            "organisation replace contact_name."
        },
    )


class BulkVerifySchema(StrictSchema):
    """The manager's desk: verify the chosen activities (or all waiting), marking met
    the needs ticked on the confirmation step."""

    activity_ids = bounded_list(
        Id(), max=500, load_default=list, metadata={"multi": True}
    )
    met_need_ids = bounded_list(
        Id(), max=500, load_default=list, metadata={"multi": True}
    )
    select_all = fields.Boolean(load_default=False)
    employee_id = Id(load_default=None, allow_none=True)  # all of one person's
    confirmed = fields.Boolean(load_default=False)


class PolicySchema(StrictSchema):
    interviews_per_month = fields.Integer(
        required=True, validate=validate.Range(min=0, max=100)
    )
    interviews_on_paid_time = fields.Boolean(load_default=False)
    paid_hours_per_month = fields.Float(
        load_default=0.0, allow_nan=False, validate=validate.Range(min=0, max=200)
    )
    may_leave_premises = fields.Boolean(load_default=False)
    window_months = fields.Integer(
        load_default=3, validate=validate.Range(min=1, max=24)
    )
    active_months = fields.Integer(
        load_default=2, validate=validate.Range(min=1, max=24)
    )

    @validates_schema
    def _months(self, data, **kwargs):
        if data.get("active_months", 0) > data.get("window_months", 0):
            raise ValidationError("Cannot exceed the window.", "active_months")


class QuestionTopicSchema(StrictSchema):
    text = TrimmedString(required=True, validate=validate.Length(min=3, max=300))
