"""HR's cycles: the list with progress bars, create/edit (draft only), launch, the
cycle page with its reviews, and close (confirm with a reason while reviews are open)."""

from functools import partial

import sqlalchemy as sa
from flask import render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from core.errors import InvalidTransition
from core.extensions import db
from core.forms import render_form, save_form
from core.pagination import paginate_html
from core.permissions import Role, role_required
from core.queries import get_or_404
from core.views import answer_form, committed, form_view
from people.models import Department
from people.views.common import department_choices
from reviews import services
from reviews.enums import CycleStatus, PopulationKind, ReviewStatus
from reviews.models import Review, ReviewCycle
from reviews.schemas.forms import CycleCloseSchema, CycleCreateSchema, CycleFormSchema
from reviews.views import bp
from reviews.views.common import template_choices

FINISHED = {ReviewStatus.acknowledged, ReviewStatus.closed}
DATE_FIELDS = (
    "period_start",
    "period_end",
    "hired_before",
    "self_due_on",
    "manager_due_on",
    "signoff_due_on",
)


def status_counts(cycle_ids=None) -> dict[int, dict[ReviewStatus, int]]:
    """cycle id -> status -> reviews (one GROUP BY query)."""
    stmt = sa.select(Review.cycle_id, Review.status, sa.func.count()).group_by(
        Review.cycle_id, Review.status
    )
    if cycle_ids is not None:
        stmt = stmt.where(Review.cycle_id.in_(cycle_ids))
    counts: dict = {}
    for cycle_id, status, n in db.session.execute(stmt):
        counts.setdefault(cycle_id, {})[status] = n
    return counts


def progress(counts: dict[ReviewStatus, int]) -> dict:
    """Bars per status (in flow order) and the totals the page prints beside them."""
    total = sum(counts.values())
    bars = [
        {
            "status": s,
            "count": counts.get(s, 0),
            "percent": round(100 * counts.get(s, 0) / total) if total else 0,
        }
        for s in ReviewStatus
    ]
    done = sum(n for s, n in counts.items() if s in FINISHED)
    return {"bars": bars, "total": total, "done": done, "unfinished": total - done}


@bp.route("/cycles")
@role_required(Role.hr)
def cycles():
    """The review cycles page with each cycle's progress."""
    rows = list(
        db.session.scalars(
            sa.select(ReviewCycle)
            .options(joinedload(ReviewCycle.template))
            .order_by(ReviewCycle.period_end.desc(), ReviewCycle.id.desc())
        )
    )
    counts = status_counts()
    return render_template(
        "reviews/cycle_list.html",
        cycles=rows,
        progress={c.id: progress(counts.get(c.id, {})) for c in rows},
    )


def _cycle_page(cycle_id: int, status=200, **extra):
    cycle = get_or_404(ReviewCycle, cycle_id, joinedload(ReviewCycle.template))
    counts = progress(status_counts([cycle.id]).get(cycle.id, {}))
    page = paginate_html(
        sa.select(Review)
        .where(Review.cycle_id == cycle.id)
        .join(Review.employee)
        .options(joinedload(Review.employee), joinedload(Review.reviewer))
        .order_by(Review.status, Review.id)
    )
    departments = []
    if cycle.department_ids:
        departments = db.session.scalars(
            sa.select(Department.name).where(Department.id.in_(cycle.department_ids))
        ).all()
    extra.setdefault("errors", {})
    extra.setdefault("form", {})
    return render_template(
        "reviews/cycle_detail.html",
        cycle=cycle,
        progress=counts,
        page=page,
        departments=departments,
        **extra,
    ), status


@bp.route("/cycles/<int:cycle_id>")
@role_required(Role.hr)
def cycle_detail(cycle_id: int):
    """The cycle page: its reviews and progress."""
    return _cycle_page(cycle_id)


def _form_page(status=200, **context):
    return render_form(
        "reviews/cycle_form.html",
        status,
        templates=template_choices(),
        departments=department_choices(),
        populations=[(p.value, p.title) for p in PopulationKind],
        **context,
    )


def cycle_values(cycle: ReviewCycle) -> dict:
    values = {
        "name": cycle.name,
        "template_id": cycle.template_id,
        "population": cycle.population.value,
        "department_ids": cycle.department_ids or [],
        "version": cycle.version,
    }
    for key in DATE_FIELDS:
        value = getattr(cycle, key)
        values[key] = value.isoformat() if value else ""
    return values


def _cycle_done(message: str):
    """The flash message (``{name}`` filled in) and the cycle page, once saved."""

    def done(cycle: ReviewCycle, count=None) -> tuple[str, str]:
        url = url_for("reviews.cycle_detail", cycle_id=cycle.id)
        return message.format(name=cycle.name, count=count), url

    return done


@bp.route("/cycles/new", methods=["GET", "POST"])
@role_required(Role.hr)
def cycle_new():
    """Show and save the new-cycle form (HR)."""
    return form_view(
        partial(_form_page, cycle=None, locked=False),
        {"population": "everyone"},
        CycleCreateSchema(),
        partial(services.create_cycle, current_user),
        _cycle_done("Cycle {name} is created as a draft."),
    )


@bp.route("/cycles/<int:cycle_id>/edit", methods=["GET", "POST"])
@role_required(Role.hr)
def cycle_edit(cycle_id: int):
    """Show and save the edit form of a cycle (HR)."""
    cycle = get_or_404(ReviewCycle, cycle_id)
    # A launched cycle is shown read-only, with the reason; saving it is refused.
    locked = cycle.status is not CycleStatus.draft
    if locked and request.method == "POST":
        raise InvalidTransition("Only a draft cycle can be edited.")
    return form_view(
        partial(_form_page, cycle=cycle, locked=locked),  # reloads after a rollback
        lambda: cycle_values(cycle),
        CycleFormSchema(),
        partial(services.update_cycle, current_user, cycle),
        _cycle_done("Cycle {name} is saved."),
    )


@bp.route("/cycles/<int:cycle_id>/launch", methods=["POST"])
@role_required(Role.hr)
def cycle_launch(cycle_id: int):
    """Launch a draft cycle: create its reviews (HR)."""
    cycle = get_or_404(ReviewCycle, cycle_id)
    created = services.launch_cycle(current_user, cycle)
    done = _cycle_done("Cycle {name} is launched: {count} reviews created.")
    return committed(*done(cycle, created))


def _close_failed(cycle_id: int):
    """The cycle page again, the service's count of unfinished reviews as its message."""

    def page(status, form, errors):
        unfinished = errors.pop("unfinished", None)
        if unfinished:  # the service's message, which save_form keeps only as a field
            errors["_form"] = (
                f"{unfinished} review(s) are unfinished. "
                "Confirm and give a reason to close anyway."
            )
        return _cycle_page(cycle_id, status, errors=errors, form=request.form)

    return page


@bp.route("/cycles/<int:cycle_id>/close", methods=["POST"])
@role_required(Role.hr)
def cycle_close(cycle_id: int):
    """Close an active cycle (HR)."""
    cycle = get_or_404(ReviewCycle, cycle_id)
    if cycle.status is not CycleStatus.active:
        raise InvalidTransition("Only an active cycle can be closed.")
    form = request.form.copy()
    form["confirm_unfinished"] = "true" if form.get("confirm_unfinished") else "false"
    saved = save_form(
        CycleCloseSchema(), form, partial(services.close_cycle, current_user, cycle)
    )
    done = _cycle_done("Cycle {name} is closed; {count} reviews closed.")
    return answer_form(saved, _close_failed(cycle_id), lambda n: done(cycle, n))
