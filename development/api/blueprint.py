"""The ``development_api`` blueprint, its object loaders and the shared payload helpers."""

from flask import jsonify
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from core.api import ApiBlueprint, With, version_etag
from core.queries import get_or_404
from development import permissions as perms
from development.models import DevelopmentActivity, InformationalInterview
from development.schemas.api import (
    InterviewOwnerSchema,
    InterviewSchema,
)

blp = ApiBlueprint(
    "development_api",
    __name__,
    url_prefix="/api/v1",
    description="Development activities, informational interviews, contacts, the "
    "question bank, suggestions, the policy and the learning record",
)

ACTIVITY_OPTIONS = (
    joinedload(DevelopmentActivity.employee),
    selectinload(DevelopmentActivity.skills),
)
INTERVIEW_OPTIONS = (
    joinedload(InformationalInterview.activity),
    joinedload(InformationalInterview.contact),
    joinedload(InformationalInterview.employee),
)
HIDDEN = dict.fromkeys(
    ("evidence_url", "evidence_note", "evidence_file_name", "reflection")
)


def load_activity(activity_id) -> DevelopmentActivity:
    return get_or_404(DevelopmentActivity, activity_id, *ACTIVITY_OPTIONS)


def load_interview(interview_id) -> InformationalInterview:
    return get_or_404(InformationalInterview, interview_id, *INTERVIEW_OPTIONS)


activity_action = blp.object_action("activity", load_activity, perms.can_view_activity)
interview_action = blp.object_action(
    "interview", load_interview, perms.can_view_interview
)


def activity_view(activity: DevelopmentActivity, *, visible: bool = False) -> With:
    """The activity as the caller sees it: a private activity's reflection and
    evidence are ``null`` for everyone but its owner. ``visible``: the caller is known
    to see the activity (a list from ``visible_activities``), so only privacy is left
    to check — no org-chart query per row."""
    extra = {"is_verified": activity.verified_at is not None}
    if visible:
        hidden = activity.is_private and not perms.is_owner(current_user, activity)
    else:
        hidden = not perms.can_view_private_parts(current_user, activity)
    if hidden:
        extra.update(HIDDEN)
    return With(activity, **extra)


def interview_response(interview: InformationalInterview, status: int = 200):
    """Dump by schema choice — the owner's with private notes, everyone else's
    without — and set the interview's version ETag."""
    owner = perms.can_read_private_notes(current_user, interview)
    schema = InterviewOwnerSchema() if owner else InterviewSchema()
    response = jsonify(schema.dump(interview))
    response.status_code = status
    response.set_etag(version_etag(interview))
    return response


def reload_interview(interview_id: int, status: int = 200):
    """After commit: load again and answer as the caller sees it."""
    return interview_response(load_interview(interview_id), status)
