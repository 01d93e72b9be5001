"""The gap table: for a manager's direct reports (or, for HR, a department chosen with
``?department_id=``) each skill their role profile expects × each person, coloured by
the gap and always with the numbers in the cell's text; and "Turn gaps into needs",
which proposes a training need per gap that has no open need yet.

Decisions the brief left open:
- People are rows and skills columns: a team has more people than a role profile has
  skills, and a long table scrolls better down than sideways.
- A cell with an open need says so, which is why proposing twice creates nothing new.
"""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core.extensions import db
from core.forms import save_form
from people.models import Employee
from reviews import services
from reviews.enums import TrainingNeedStatus as N
from reviews.models import TrainingNeed
from reviews.schemas.goals import ProposeNeedsSchema
from reviews.views import bp
from reviews.views.goal_common import require_manager_or_hr, team_scope


def cell(row: dict, has_need: bool) -> dict:
    """CSS class, visible text and the sentence a screen reader hears for one cell."""
    expected, current = row["expected"], row["current"]
    if current is None:
        css, shown = "gap-none", f"– / {expected}"
        said = f"not assessed, expected {expected}"
    else:
        gap = expected - current
        css = "gap-ok" if gap <= 0 else "gap-1" if gap == 1 else "gap-2"
        shown = f"{current} / {expected}"
        state = "meets" if gap <= 0 else f"{gap} below"
        said = f"current {current}, expected {expected}: {state}"
    if has_need:
        said += "; a training need is open"
    return {"css": css, "shown": shown, "said": said, "gap": row["gap"]}


def gap_table(people) -> tuple[list, dict]:
    """Skills (id, name) by name and {(employee id, skill id): cell} (two queries)."""
    ids = [p.id for p in people]
    rows = services.skill_gaps(ids) if ids else []
    open_needs = set()
    if ids:
        open_needs = set(
            db.session.execute(
                sa.select(TrainingNeed.employee_id, TrainingNeed.skill_id).where(
                    TrainingNeed.employee_id.in_(ids),
                    TrainingNeed.status.in_((N.open, N.in_progress)),
                )
            ).all()
        )
    skills = sorted(
        {(r["skill_id"], r["skill_name"]) for r in rows}, key=lambda s: s[1]
    )
    cells = {
        (r["employee_id"], r["skill_id"]): cell(
            r, (r["employee_id"], r["skill_id"]) in open_needs
        )
        for r in rows
    }
    return skills, cells


def _page(status=200, errors=None, form=None):
    scope = team_scope(direct_only=True)
    people = []
    if scope.people is not None:
        people = db.session.execute(
            sa.select(Employee.id, Employee.name, Employee.job_title)
            .where(Employee.id.in_(scope.people))
            .order_by(Employee.name)
        ).all()
    skills, cells = gap_table(people)
    return render_template(
        "reviews/gap_table.html",
        scope=scope,
        people=people,
        skills=skills,
        cells=cells,
        gaps=sum(1 for c in cells.values() if c["gap"] > 0),
        errors=errors or {},
        form=form or {},
    ), status


@bp.route("/gaps")
@login_required
def gaps():
    """The skill gaps page: the team's levels against their role profiles."""
    require_manager_or_hr()
    return _page()


@bp.route("/gaps/propose", methods=["POST"])
@login_required
def gaps_propose():
    """Propose training needs for the gaps ticked on the gaps page."""
    require_manager_or_hr()
    created, errors, status = save_form(
        ProposeNeedsSchema(),
        request.form,
        lambda d: services.propose_training_needs(
            current_user, d["employee_ids"], due_on=d["due_on"]
        ),
    )
    if created is None:
        return _page(status, errors, request.form)
    count = len(created)
    db.session.commit()
    if count:
        flash(
            f"{count} training {'need is' if count == 1 else 'needs are'} proposed.",
            "success",
        )
    else:
        flash("No new needs: every gap already has an open need.", "success")
    department = request.args.get("department_id")
    return redirect(url_for("reviews.gaps", department_id=department or None))
