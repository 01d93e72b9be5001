"""Activities: the list, one activity, edits, verification and the evidence file.

Decisions the brief left open:
- Anyone with an employee record logs activities (for themself); interviews are
  created through ``/interviews`` (the service refuses interview kinds here).
- ``PATCH`` is partial and needs ``If-Match``; dates are checked against the saved
  ones, so a lone ``ended_on`` before the saved ``started_on`` is refused (422).
- ``POST …/verify`` needs ``If-Match`` (it closes the linked needs' evidence loop).
  Its JSON body is required, as every body here (``{}`` verifies the activity
  alone); ``{"need_met": true}`` also marks met the needs it is evidence for, in the
  same transaction, as the manager's desk does.
- ``DELETE`` (``If-Match``, 204) is the owner's, for an activity entered by mistake:
  within 7 days and while unverified, else 409 with the reason
  (``services.activities.delete_activity``).
- The evidence upload is ``multipart/form-data`` with one part, ``file``; other form
  fields and other file parts are ignored (never read or stored). It needs no
  ``If-Match``: it only replaces the file. ``GET …/evidence-file`` streams it as an
  attachment to those who may see the activity's evidence, else 404.
"""

from flask.views import MethodView
from flask_login import current_user

from core.downloads import stored_file_response
from core.extensions import db
from core.openapi import download_responses
from core.pagination import SelectPage
from development import permissions as perms
from development.api.blueprint import (
    ACTIVITY_OPTIONS,
    activity_action,
    activity_view,
    blp,
    load_activity,
)
from development.models import DevelopmentActivity
from development.schemas.api import (
    ActivityQueryArgsSchema,
    ActivitySchema,
    ActivityVerifySchema,
    EvidenceFileSchema,
)
from development.schemas.forms import ActivityCreateSchema, ActivityUpdateSchema
from development.services import activities as services
from development.services.evidence_files import (
    MAX_BYTES,
    SIGNATURES,
    attach_evidence_file,
    get_evidence_file,
)
from development.services.verification import verify_activity_and_needs

FILTERS = ("employee_id", "kind", "status")
OWNER_ONLY = "Only the owner changes an activity."


class ActivityPage(SelectPage):
    """A page of activities, each as the caller may see it."""

    @property
    def items(self):
        return [activity_view(a, visible=True) for a in super().items]


def _respond(activity_id: int):
    activity = load_activity(activity_id)
    blp.set_version_etag(activity)
    return activity_view(activity)


@blp.route("/activities")
@blp.gate(perms.has_employee_record, "POST")
class ActivityList(MethodView):
    @blp.listing(ActivitySchema, ActivityQueryArgsSchema, pager=ActivityPage)
    def get(self, args):
        """Activities the caller may see: own, their reports' (HR all). A private
        activity's reflection and evidence are null for everyone but its owner."""
        stmt = perms.visible_activities(current_user)
        for name in FILTERS:
            if args.get(name) is not None:
                stmt = stmt.where(getattr(DevelopmentActivity, name) == args[name])
        return stmt.options(*ACTIVITY_OPTIONS).order_by(
            DevelopmentActivity.started_on.desc().nulls_last(),
            DevelopmentActivity.id.desc(),
        )

    @blp.etag
    @blp.arguments(ActivityCreateSchema)
    @blp.response(201, ActivitySchema)
    def post(self, data):
        """Log an activity of your own; ``need_ids`` links it as evidence to your
        training needs (an open need moves to in progress)."""
        # Written out, not ``blp.create``: the service is looked up per request, where
        # tests/core/test_idempotency_concurrency.py holds it.
        activity = services.create_activity(current_user, data)
        db.session.commit()
        return _respond(activity.id)


@blp.route("/activities/<int:activity_id>")
class ActivityDetail(MethodView):
    @blp.show(ActivitySchema, activity_action)
    def get(self, activity):
        """One activity."""
        blp.set_version_etag(activity)
        return activity_view(activity)

    @activity_action(perms.can_edit_activity, OWNER_ONLY, if_match=True)
    @blp.etag
    @blp.arguments(ActivityUpdateSchema(partial=True))
    @blp.response(200, ActivitySchema)
    def patch(self, data, activity):
        """Change your activity (only the fields sent; ``If-Match``)."""
        services.update_activity(current_user, activity, data)
        db.session.commit()
        return _respond(activity.id)

    @activity_action(perms.can_delete_activity, OWNER_ONLY, if_match=True)
    @blp.response(204)
    def delete(self, activity):
        """Delete your activity entered by mistake: within 7 days of entering it and
        while it is not verified (409 with the reason after)."""
        services.delete_activity(current_user, activity)
        db.session.commit()
        return None


@blp.route("/activities/<int:activity_id>/verify")
class ActivityVerify(MethodView):
    @activity_action(
        perms.can_verify_activity, "Only the direct manager verifies.", if_match=True
    )
    @blp.etag
    @blp.arguments(ActivityVerifySchema)
    @blp.response(200, ActivitySchema)
    def post(self, data, activity):
        """The direct manager confirms a completed activity (never the owner).

        With ``{"need_met": true}`` the training needs in
        progress that this activity is evidence for are marked met in the same
        transaction — the manager's desk's "is the need now met?" — each raising the
        person's skill level as a need verified on its own page does; the answer is
        the verified activity. ``need_met`` for an activity that is evidence for no
        need in progress is a 422 naming ``need_met``, and nothing is verified.
        With ``{}`` or ``false`` only the activity is verified.
        """
        verify_activity_and_needs(current_user, activity, data)
        db.session.commit()
        return _respond(activity.id)


@blp.route("/activities/<int:activity_id>/evidence-file")
class ActivityEvidenceFile(MethodView):
    @activity_action(perms.can_view_activity, "")
    @blp.doc(
        responses=download_responses(
            sorted({kind for _, kind in SIGNATURES.values()}),
            "The file (PDF, PNG or JPEG) as an attachment, in the type checked at "
            "upload.",
        )
    )
    def get(self, activity):
        """Download the evidence file (404 when there is none or it is private)."""
        blob = get_evidence_file(current_user, activity)
        return stored_file_response(blob, activity.evidence_file_name)

    @activity_action(perms.can_edit_activity, "Only the owner adds evidence.")
    @blp.etag
    @blp.arguments(EvidenceFileSchema, location="files")
    @blp.response(200, ActivitySchema)
    def post(self, files, activity):
        """Upload the evidence file (replaces an earlier one)."""
        upload = files["file"]
        data = upload.read(MAX_BYTES + 1)
        attach_evidence_file(current_user, activity, upload.filename or "", data)
        db.session.commit()
        return _respond(activity.id)
