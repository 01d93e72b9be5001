"""My development: activities with filters, my learning record, add/edit forms per kind,
evidence files (served as attachments to those allowed) and verification."""

import datetime

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core.db import utcnow
from core.downloads import stored_file_response
from core.errors import InvalidTransition
from core.extensions import db
from core.forms import save_form
from core.pagination import paginate_html
from core.permissions import require
from development import permissions as perms
from development.enums import ActivityKind, ActivityStatus
from development.learning_record import current_policy
from development.models import DevelopmentActivity, InformationalInterview
from development.schemas.forms import (
    ActivityCreateSchema,
    ActivityFormSchema,
    BulkVerifySchema,
)
from development.services import activities as services
from development.services.evidence_files import (
    MAX_BYTES,
    attach_evidence_file,
    get_evidence_file,
)
from development.services.verification import verify_activities
from development.views import bp
from development.views.common import (
    learning_chart,
    load_activity,
    my_record,
    open_need_choices,
    skill_choices,
)
from development.views.mentorships import mentorships_given

KINDS = [k for k in ActivityKind if not k.is_interview]


def _filters():
    kind = request.args.get("kind", "")
    status = request.args.get("status", "")
    year = request.args.get("year", "")
    return {
        "kind": kind if kind in ActivityKind.__members__ else "",
        "status": status if status in ActivityStatus.__members__ else "",
        "year": year if year.isdigit() and len(year) == 4 and year[0] != "0" else "",
    }


@bp.route("")
@login_required
def index():
    """The learning activities page: the caller's activities, filtered."""
    me = current_user.employee_id
    chosen = _filters()
    page = record = None
    if me is not None:
        stmt = perms.visible_activities(current_user).where(
            DevelopmentActivity.employee_id == me
        )
        if chosen["kind"]:
            stmt = stmt.where(DevelopmentActivity.kind == ActivityKind[chosen["kind"]])
        if chosen["status"]:
            stmt = stmt.where(
                DevelopmentActivity.status == ActivityStatus[chosen["status"]]
            )
        if chosen["year"]:
            year = int(chosen["year"])
            day = sa.func.coalesce(
                DevelopmentActivity.ended_on,
                DevelopmentActivity.started_on,
                type_=sa.Date,
            )
            stmt = stmt.where(
                day.between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
            )
        page = paginate_html(
            stmt.order_by(
                DevelopmentActivity.started_on.desc().nulls_last(),
                DevelopmentActivity.id.desc(),
            )
        )
        record = my_record(me)
    return render_template(
        "development/index.html",
        page=page,
        chosen=chosen,
        kinds=list(ActivityKind),
        statuses=list(ActivityStatus),
        record=record,
        chart=learning_chart(record),
        policy=current_policy(),
        given=mentorships_given(me),
    )


def _form_page(status=200, activity=None, errors=None, form=None):
    me = activity.employee_id if activity else current_user.employee_id
    return render_template(
        "development/activity_form.html",
        activity=activity,
        kinds=KINDS
        if not (activity and activity.kind.is_interview)
        else [activity.kind],
        statuses=list(ActivityStatus),
        skills=skill_choices(),
        needs=open_need_choices(me),
        deletable=activity is not None
        and not services.deletion_refusal(activity, utcnow()),
        grace_days=services.GRACE_DAYS,
        errors=errors or {},
        form=form or {},
    ), status


def _form_values(activity) -> dict:
    values = {
        c: getattr(activity, c)
        for c in (
            "title",
            "provider",
            "started_on",
            "ended_on",
            "hours",
            "expires_on",
            "evidence_url",
            "evidence_note",
            "reflection",
            "is_private",
            "version",
        )
    }
    values = {k: ("" if v is None else v) for k, v in values.items()}
    values["kind"] = activity.kind.value
    values["status"] = activity.status.value
    values["skill_ids"] = [s.id for s in activity.skills]
    return values


def _attach(activity):
    upload = request.files.get("evidence_file")
    if upload is None or not upload.filename:
        return
    data = upload.read(MAX_BYTES + 1)  # enough to know it is too big
    attach_evidence_file(current_user, activity, upload.filename, data)


def _save(schema, action):
    def run(data):
        activity = action(data)
        _attach(activity)
        return activity

    return save_form(schema, request.form, run)


@bp.route("/activities/new", methods=["GET", "POST"])
@login_required
def activity_new():
    """Show and save the new-activity form."""
    require(current_user.employee_id is not None, "Only employees log activities.")
    if request.method == "GET":
        kind = request.args.get("kind", "course")
        return _form_page(form={"kind": kind, "status": "planned"})
    result, errors, status = _save(
        ActivityCreateSchema(),
        lambda d: services.create_activity(current_user, d),
    )
    if result is None:
        return _form_page(status, errors=errors, form=request.form)
    db.session.commit()
    flash(f"“{result.title}” is saved.", "success")
    return redirect(url_for("development.index"))


@bp.route("/activities/<int:activity_id>/edit", methods=["GET", "POST"])
@login_required
def activity_edit(activity_id: int):
    """Show and save the edit form of an activity."""
    activity = load_activity(activity_id)
    require(perms.can_edit_activity(current_user, activity), "Only the owner edits.")
    if activity.kind.is_interview:
        interview_id = db.session.scalar(
            sa.select(InformationalInterview.id).where(
                InformationalInterview.activity_id == activity.id
            )
        )
        return redirect(url_for("development.interview", interview_id=interview_id))
    if request.method == "GET":
        return _form_page(activity=activity, form=_form_values(activity))
    if activity.verified_at is not None:
        raise InvalidTransition("A verified activity cannot be changed.")
    result, errors, status = _save(
        ActivityFormSchema(),
        lambda d: services.update_activity(current_user, activity, d),
    )
    if result is None:
        activity = load_activity(activity_id)
        return _form_page(status, activity, errors, request.form)
    db.session.commit()
    flash(f"“{result.title}” is saved.", "success")
    return redirect(url_for("development.index"))


@bp.route("/activities/<int:activity_id>/evidence")
@login_required
def activity_evidence(activity_id: int):
    """Download the evidence file attached to an activity."""
    activity = load_activity(activity_id)
    blob = get_evidence_file(current_user, activity)
    return stored_file_response(blob, activity.evidence_file_name)


@bp.route("/activities/<int:activity_id>/verify", methods=["POST"])
@login_required
def activity_verify(activity_id: int):
    """Verify an activity (its direct manager)."""
    activity = load_activity(activity_id)
    require(
        perms.can_verify_activity(current_user, activity), "Only the direct manager."
    )
    met, errors, _status = save_form(
        BulkVerifySchema(),
        request.form,
        lambda d: verify_activities(
            current_user, [activity], met_need_ids=d["met_need_ids"]
        ),
    )
    if met is None:  # a need it is not evidence for: say so on the desk
        flash(" ".join(str(e) for e in errors.values()), "error")
        return redirect(url_for("development.team"))
    db.session.commit()
    marked = (
        f"; {len(met)} {'need is' if len(met) == 1 else 'needs are'} marked met"
        if met
        else ""
    )
    flash(f"“{activity.title}” is verified{marked}.", "success")
    return redirect(url_for("development.team"))
