"""Informational interviews, step by step: idea → requested (outreach) → scheduled (policy
and approval) → completed (private notes, takeaways, referrals) → followed up (thank-you).

Private notes are never written to audit events: ``_audit`` only records statuses.

Editing (``update_interview``): the contact, target role, purpose and mode change while
the interview is an idea or requested — an interview accepted from a manager's
suggestion gets its contact this way. Once scheduled they are what was arranged (409).

Dates in order: a request is not sent in the future; an interview is not scheduled
before its request was sent, nor completed before its scheduled time; the thank-you and
the follow-up are not before the day it was held (the thank-you not in the future either).
Each refusal is a ``ValidationFailed`` naming the field (422).
"""

from datetime import date, timedelta

from core.audit import record_event
from core.clock import local_today
from core.dates import NOT_SAVED, iso, not_after, not_before
from core.db import utcnow
from core.errors import Conflict, InvalidTransition, ValidationFailed
from core.extensions import db
from core.permissions import require
from core.transitions import StateMachine
from development import permissions as perms
from development.enums import (
    INTERVIEW_TRANSITIONS,
    ActivityKind,
    ActivityStatus,
    ContactSource,
    InterviewDirection,
    InterviewStatus,
)
from development.interview_policy import check_premises, check_schedule
from development.learning_record import current_policy
from development.models import (
    Contact,
    DevelopmentActivity,
    InformationalInterview,
)

S = InterviewStatus
HELD = "the day of the interview"
INTERVIEWS = StateMachine(
    INTERVIEW_TRANSITIONS, "An interview that is “{current}” cannot become “{to}”."
)


def held_on(interview) -> date | None:
    """The local day the interview ended (its scheduled time plus its duration)."""
    if interview.scheduled_at is None:
        return None
    end = interview.scheduled_at + timedelta(minutes=interview.duration_minutes or 0)
    return local_today(end)


def _own(actor, interview) -> None:
    require(perms.can_view_interview(actor, interview))
    require(
        perms.can_edit_interview(actor, interview),
        "Only the employee edits an interview.",
    )


def create_interview(
    actor, data: dict, *, now=None, referred_by=None
) -> InformationalInterview:
    """Start an interview as an idea (a given one needs the confidentiality reminder)."""
    now = now or utcnow()
    require(
        actor is not None and actor.employee_id is not None, "Only employees do this."
    )
    data = dict(data)
    direction = data.pop("direction", InterviewDirection.conducted)
    if direction is InterviewDirection.given and not data.pop(
        "confidentiality_confirmed", False
    ):
        raise ValidationFailed(
            "Nothing was saved.",
            {
                "confidentiality_confirmed": (
                    "Confirm you will not disclose confidential or "
                    "proprietary information."
                )
            },
        )
    data.pop("confidentiality_confirmed", None)
    contact = _own_contact(actor, data.get("contact_id"))
    title = data.pop("title", "") or (
        f"Informational interview with {contact.name}"
        if contact
        else "Informational interview"
    )
    kind = (
        ActivityKind.interview_given
        if direction is InterviewDirection.given
        else ActivityKind.interview_conducted
    )
    activity = DevelopmentActivity(
        employee_id=actor.employee_id,
        kind=kind,
        title=title,
        provider=contact.organisation if contact else "",
        status=ActivityStatus.planned,
    )
    db.session.add(activity)
    db.session.flush()
    interview = InformationalInterview(
        activity_id=activity.id,
        employee_id=actor.employee_id,
        direction=direction,
        status=S.idea,
        questions=[],
        confidentiality_confirmed=direction is InterviewDirection.given,
        referred_by_id=referred_by.id if referred_by else None,
        **data,
    )
    db.session.add(interview)
    db.session.flush()
    record_event(actor, interview, "created", {"direction": direction.value}, now=now)
    return interview


EDITABLE = (S.idea, S.requested)
EDITABLE_FIELDS = ("contact_id", "target_role", "purpose", "mode")


def _own_contact(actor, contact_id) -> Contact | None:
    """The caller's own contact (``None`` for none), else a 422 on ``contact_id``."""
    if contact_id is None:
        return None
    contact = db.session.get(Contact, contact_id)
    if contact is None or contact.owner_id != actor.employee_id:
        raise ValidationFailed(NOT_SAVED, {"contact_id": "Not one of your contacts."})
    return contact


def update_interview(actor, interview, data: dict, *, now=None):
    """Change the contact, target role, purpose or mode while the interview is an idea
    or requested (afterwards the conversation is arranged: 409). A new contact renames
    the activity when it still has the default title, so the board and the learning
    record name the person the interview is with."""
    now = now or utcnow()
    _own(actor, interview)
    if interview.status not in EDITABLE:
        raise InvalidTransition(
            f"An interview that is “{interview.status.title}” cannot be edited; only "
            "an idea or a requested interview can."
        )
    version = data.get("version")
    if version is not None and version != interview.version:
        raise Conflict("Someone else changed this interview; reload and try again.")
    data = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    if "contact_id" in data:
        contact = _own_contact(actor, data["contact_id"])
        activity = db.session.get(DevelopmentActivity, interview.activity_id)
        if activity.title.startswith("Informational interview") and (
            data["contact_id"] != interview.contact_id
        ):
            activity.title = (
                f"Informational interview with {contact.name}"
                if contact
                else "Informational interview"
            )
            activity.provider = contact.organisation if contact else ""
        if contact is not None:
            interview.contact_name = ""
    changed = sorted(k for k, v in data.items() if getattr(interview, k) != v)
    for key in changed:
        setattr(interview, key, data[key])
    db.session.flush()
    # Which fields, not their contents (the purpose is the owner's text).
    record_event(actor, interview, "updated", {"fields": changed}, now=now)
    return interview


def request_interview(actor, interview, data: dict, *, now=None):
    """Record the written request as sent (idea → requested)."""
    now = now or utcnow()
    _own(actor, interview)
    not_after("sent_on", data.get("sent_on"), local_today(now), "today")
    INTERVIEWS.move(actor, interview, S.requested, now=now)
    interview.outreach_message = data["message"]
    interview.requested_on = data.get("sent_on") or now.date()
    db.session.flush()
    return interview


def schedule_interview(actor, interview, data: dict, *, now=None):
    """Schedule (requested → scheduled). Over the policy's monthly limit or its
    paid-hours cap the interview waits for the manager's approval: it is marked
    ``needs_approval`` (and why) and stays requested, with the proposed time, duration,
    mode and place kept for the approval. Away from the premises when the policy keeps
    interviews there: refused (``development.interview_policy``).
    """
    now = now or utcnow()
    _own(actor, interview)
    if interview.status is not S.requested:
        raise InvalidTransition("Send the request before scheduling.")
    when = data["scheduled_at"]
    not_before(
        "scheduled_at", when, interview.requested_on, "the day the request was sent"
    )
    policy = current_policy()
    off_premises = bool(data.get("off_premises"))
    check_premises(off_premises, policy)
    minutes = data.get("duration_minutes") or 20
    check = check_schedule(interview, when, minutes, policy)
    # The proposed schedule is kept either way: over the limit it waits (still
    # requested) for the manager, whose approval schedules it as proposed.
    interview.scheduled_at = when
    interview.duration_minutes = minutes
    if data.get("mode") is not None:
        interview.mode = data["mode"]
    interview.location = data.get("location", "")
    interview.off_premises = off_premises
    interview.over_count_limit = check.over_count
    interview.over_hours_cap = check.over_hours
    if check.needs_approval and interview.approved_at is None:
        interview.needs_approval = True
        db.session.flush()
        record_event(
            actor,
            interview,
            "approval_requested",
            {
                "limit": check.limit,
                "reasons": check.reasons,
                "hours": check.hours,
                "cap": check.cap,
            },
            now=now,
        )
        return interview
    INTERVIEWS.move(actor, interview, S.scheduled, now=now)
    db.session.flush()
    return interview


def approve_interview(actor, interview, *, now=None):
    """A manager approves an interview over the monthly limit; its proposed schedule
    (kept while it waited) becomes the schedule, so nobody types it again. Without a
    proposal (an older request) it stays requested and the employee schedules it."""
    now = now or utcnow()
    require(perms.can_view_interview(actor, interview))
    require(perms.can_approve_interview(actor, interview), "Only a manager approves.")
    if not interview.needs_approval:
        raise InvalidTransition("This interview does not wait for approval.")
    interview.approved_by_id, interview.approved_at = actor.id, now
    interview.needs_approval = False
    db.session.flush()
    record_event(actor, interview, "approved", {}, now=now)
    if interview.scheduled_at is not None and interview.status is S.requested:
        INTERVIEWS.move(actor, interview, S.scheduled, now=now)
        db.session.flush()
    return interview


def prepare_interview(actor, interview, data: dict, *, now=None):
    """Research notes and the questions to bring."""
    _own(actor, interview)
    interview.research_notes = data.get("research_notes", "")
    interview.questions = list(data.get("questions", []))
    db.session.flush()
    # Which fields, not their contents (the interview holds them).
    record_event(
        actor,
        interview,
        "prepared",
        {"fields": ["research_notes", "questions"]},
        now=now,
    )
    return interview


def complete_interview(actor, interview, data: dict, *, now=None):
    """Record the conversation: private notes, takeaways, referrals (each a new idea)."""
    now = now or utcnow()
    _own(actor, interview)
    _check_held(interview, now)
    not_before("follow_up_on", data.get("follow_up_on"), held_on(interview), HELD)
    INTERVIEWS.move(actor, interview, S.completed, now=now)
    interview.private_notes = data.get("private_notes", "")
    interview.notes_permission_asked = bool(data.get("notes_permission_asked"))
    interview.takeaways = data.get("takeaways", "")
    interview.follow_up_on = data.get("follow_up_on")
    activity = db.session.get(DevelopmentActivity, interview.activity_id)
    activity.status = ActivityStatus.completed
    held = interview.scheduled_at.date() if interview.scheduled_at else now.date()
    activity.started_on = activity.ended_on = held
    activity.hours = round(interview.duration_minutes / 60, 2)
    for referral in data.get("referrals", []):
        add_referral(actor, interview, referral, now=now)
    db.session.flush()
    return interview


def _check_held(interview, now) -> None:
    """An interview is completed only once its scheduled time has come."""
    if interview.scheduled_at is not None and now < interview.scheduled_at:
        message = (
            f"The interview is scheduled for {iso(interview.scheduled_at)}; mark it "
            "completed after it has started."
        )
        raise ValidationFailed(NOT_SAVED, {"scheduled_at": message})


def add_referral(
    actor, interview, referral: dict, *, now=None
) -> InformationalInterview:
    """A referral creates a contact and the next interview (an idea referred by this one)."""
    _own(actor, interview)
    if interview.status not in (S.completed, S.followed_up):
        raise InvalidTransition("Referrals come from a completed interview.")
    contact = Contact(
        owner_id=interview.employee_id, source=ContactSource.referral, **referral
    )
    db.session.add(contact)
    db.session.flush()
    return create_interview(
        actor,
        {
            "contact_id": contact.id,
            "purpose": interview.purpose,
            "target_role": interview.target_role,
        },
        now=now,
        referred_by=interview,
    )


def follow_up_interview(actor, interview, data: dict, *, now=None):
    """The thank-you is sent (completed → followed up)."""
    now = now or utcnow()
    _own(actor, interview)
    held = held_on(interview)
    not_before("thank_you_sent_on", data["thank_you_sent_on"], held, HELD)
    not_after("thank_you_sent_on", data["thank_you_sent_on"], local_today(now), "today")
    not_before("follow_up_on", data.get("follow_up_on"), held, HELD)
    INTERVIEWS.move(actor, interview, S.followed_up, now=now)
    interview.thank_you_sent_on = data["thank_you_sent_on"]
    if data.get("follow_up_on"):
        interview.follow_up_on = data["follow_up_on"]
    db.session.flush()
    return interview


def close_interview(actor, interview, outcome: InterviewStatus, *, now=None):
    """Declined or no response."""
    if outcome not in (S.declined, S.no_response):
        raise InvalidTransition("Close an interview as declined or no response.")
    _own(actor, interview)
    INTERVIEWS.move(actor, interview, outcome, now=now or utcnow())
    db.session.flush()
    return interview


def start_mentorship(actor, interview, *, now=None) -> DevelopmentActivity:
    """The interview became a mentorship: a mentoring activity linked back to it."""
    now = now or utcnow()
    _own(actor, interview)
    if interview.status not in (S.completed, S.followed_up):
        raise InvalidTransition("A mentorship grows from a completed interview.")
    if interview.mentorship_activity_id is not None:
        raise InvalidTransition("This interview already became a mentorship.")
    contact = (
        db.session.get(Contact, interview.contact_id) if interview.contact_id else None
    )
    activity = DevelopmentActivity(
        employee_id=interview.employee_id,
        kind=ActivityKind.mentoring,
        title=f"Mentorship with {contact.name}" if contact else "Mentorship",
        provider=contact.organisation if contact else "",
        status=ActivityStatus.in_progress,
        started_on=now.date(),
    )
    db.session.add(activity)
    db.session.flush()
    interview.mentorship_activity_id = activity.id
    record_event(
        actor, interview, "mentorship_started", {"activity_id": activity.id}, now=now
    )
    return activity
