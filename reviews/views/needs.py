"""My training needs (status, source, due date, evidence, an "add evidence" form per open
need) and the need page (details, evidence, verify for the manager or HR, drop with a
reason). Verifying writes the target level into the person's skill history.

Decisions the brief left open:
- Evidence added on the list returns to the list; a rejected form re-renders the need
  page with the message inline (422), like every other action on that page.
- The owner never sees the verify or drop forms; posting them anyway is a 403.
"""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload, selectinload

from core.db import utcnow
from core.errors import InvalidTransition, ValidationFailed
from core.extensions import db
from core.forms import save_form
from core.pagination import paginate_html
from core.permissions import require
from people.models import Employee, User
from people.permissions import has_reports, is_manager_of
from reviews import permissions as perms
from reviews import services
from reviews.enums import TrainingNeedStatus
from reviews.models import NeedEvidence, Review, ReviewCycle, TrainingNeed
from reviews.schemas.goals import DropSchema, EvidenceSchema
from reviews.views import bp
from reviews.views.goal_common import load_visible_need

N = TrainingNeedStatus
OPEN = (N.open, N.in_progress)


def open_first(today):
    """Sort key: overdue open needs, then other open ones, then met and dropped."""
    is_open = TrainingNeed.status.in_(OPEN)
    return sa.case(
        (sa.and_(is_open, TrainingNeed.due_on < today), 0), (is_open, 1), else_=2
    )


def review_labels(review_ids) -> dict[int, str]:
    """review id -> "Spring 2026" or "Ad hoc review 2026-05-31" (one query)."""
    ids = {i for i in review_ids if i}
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(Review.id, ReviewCycle.name, Review.period_end)
        .outerjoin(ReviewCycle, ReviewCycle.id == Review.cycle_id)
        .where(Review.id.in_(ids))
    )
    return {
        row.id: row.name or f"Ad hoc review {row.period_end.isoformat()}"
        for row in rows
    }


@bp.route("/needs")
@login_required
def needs():
    """The training needs page, filtered."""
    me = current_user.employee_id
    page, sources = None, {}
    today = utcnow().date()
    if me is not None:
        page = paginate_html(
            perms.visible_needs(current_user)
            .where(TrainingNeed.employee_id == me)
            .options(
                joinedload(TrainingNeed.skill), selectinload(TrainingNeed.evidence)
            )
            .order_by(
                open_first(today),
                TrainingNeed.due_on.is_(None),
                TrainingNeed.due_on,
                TrainingNeed.id,
            )
        )
        sources = review_labels(n.source_review_id for n in page.items)
    return render_template(
        "reviews/need_list.html",
        page=page,
        sources=sources,
        today=today,
        is_manager=bool(me) and has_reports(current_user),
    )


def render_need(need: TrainingNeed, status=200, failed=None, errors=None, form=None):
    """The need page; each action re-renders it with the ``failed`` form's errors."""
    evidence = db.session.execute(
        sa.select(NeedEvidence, Employee.name)
        .outerjoin(User, User.id == NeedEvidence.added_by_id)
        .outerjoin(Employee, Employee.id == User.employee_id)
        .where(NeedEvidence.need_id == need.id)
        .order_by(NeedEvidence.added_at, NeedEvidence.id)
    ).all()
    verifier = None
    if need.verified_by_id:
        verifier = db.session.execute(
            sa.select(User.email, Employee.name)
            .outerjoin(Employee, Employee.id == User.employee_id)
            .where(User.id == need.verified_by_id)
        ).first()
    user = current_user
    return render_template(
        "reviews/need_detail.html",
        need=need,
        evidence=evidence,
        verifier=(verifier.name or verifier.email) if verifier else None,
        source=review_labels([need.source_review_id]).get(need.source_review_id),
        today=utcnow().date(),
        can_evidence=perms.can_link_evidence(user, need),
        can_decide=perms.can_create_need_for(user, need.employee_id),
        # A manager (not HR) suggests an interview for the need (development's page).
        can_suggest=is_manager_of(user, need.employee_id),
        can_verify=perms.can_verify_need(user, need),
        can_drop=perms.can_drop_need(user, need),
        failed=failed,
        errors=errors or {},
        form=form or {},
    ), status


@bp.route("/needs/<int:need_id>")
@login_required
def need_detail(need_id: int):
    """The training need page: its evidence and decisions."""
    return render_need(load_visible_need(need_id))


@bp.route("/needs/<int:need_id>/evidence", methods=["POST"])
@login_required
def need_evidence(need_id: int):
    """Attach evidence to a training need."""
    need = load_visible_need(need_id)
    if not perms.can_link_evidence(current_user, need):
        raise InvalidTransition("Evidence can only be linked to an open need.")
    result, errors, status = save_form(
        EvidenceSchema(),
        request.form,
        lambda d: services.link_evidence(
            current_user, need, note=d["note"], url=d["url"]
        ),
    )
    if result is None:
        need = load_visible_need(need_id)
        return render_need(need, status, "evidence", errors, request.form)
    db.session.commit()
    flash("The evidence is added; the need is in progress.", "success")
    if request.form.get("next") == "list":
        return redirect(url_for("reviews.needs") + f"#need-{need_id}")
    return redirect(url_for("reviews.need_detail", need_id=need_id))


def _require_decider(need: TrainingNeed, verb: str) -> None:
    require(
        perms.can_create_need_for(current_user, need.employee_id),
        f"A manager or HR {verb} a need — never its owner.",
    )


@bp.route("/needs/<int:need_id>/verify", methods=["POST"])
@login_required
def need_verify(need_id: int):
    """Verify a training need as met (its manager or HR)."""
    need = load_visible_need(need_id)
    _require_decider(need, "verifies")
    name, skill, level = need.employee.name, need.skill.name, need.target_level
    try:
        services.verify_need(current_user, need)
    except ValidationFailed as err:  # no evidence yet: say so on the page
        db.session.rollback()
        reasons = " ".join(str(m) for m in (err.errors or {}).values())
        errors = {"_form": f"{err.message} {reasons}".strip()}
        return render_need(load_visible_need(need_id), 422, "verify", errors)
    db.session.commit()
    flash(f"Verified met: {name}’s {skill} is now level {level}.", "success")
    return redirect(url_for("reviews.need_detail", need_id=need_id))


@bp.route("/needs/<int:need_id>/drop", methods=["POST"])
@login_required
def need_drop(need_id: int):
    """Drop a training need with a reason (its manager or HR)."""
    need = load_visible_need(need_id)
    _require_decider(need, "drops")
    if need.status not in OPEN:
        raise InvalidTransition("Only an open need can be dropped.")
    result, errors, status = save_form(
        DropSchema(),
        request.form,
        lambda d: services.drop_need(current_user, need, d["reason"]),
    )
    if result is None:
        need = load_visible_need(need_id)
        return render_need(need, status, "drop", errors, request.form)
    db.session.commit()
    flash("The need is dropped; the reason is kept.", "success")
    return redirect(url_for("reviews.need_detail", need_id=need_id))
