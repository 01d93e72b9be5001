"""Team needs (the needs of my reports, overdue first, then by due date) and the form a
manager (or HR) uses to name a need for someone in their team.

Decisions the brief left open:
- "My reports" are direct and indirect. HR without a team picks a department
  (``?department_id=``), as on the gap table.
- Met and dropped needs stay on the list, after the open ones, so a manager sees what
  happened; the evidence count shows which needs wait for verification.
"""

from functools import partial

import sqlalchemy as sa
from flask import render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core.db import utcnow
from core.extensions import db
from core.forms import render_form
from core.pagination import paginate_html
from core.views import form_view, with_id_args
from people.models import Employee
from people.permissions import has_reports
from reviews import permissions as perms
from reviews import services
from reviews.enums import Priority
from reviews.models import NeedEvidence, TrainingNeed
from reviews.schemas.goals import NeedCreateSchema
from reviews.views import bp
from reviews.views.common import skill_choices
from reviews.views.goal_common import report_choices, require_manager_or_hr, team_scope
from reviews.views.needs import open_first

LEVELS = [(n, str(n)) for n in range(1, 6)]


def evidence_counts(need_ids) -> dict[int, int]:
    if not need_ids:
        return {}
    rows = db.session.execute(
        sa.select(NeedEvidence.need_id, sa.func.count())
        .where(NeedEvidence.need_id.in_(need_ids))
        .group_by(NeedEvidence.need_id)
    )
    return dict(rows.all())


@bp.route("/needs/team")
@login_required
def team_needs():
    """The team training needs page of a manager."""
    require_manager_or_hr()
    scope = team_scope()
    today = utcnow().date()
    page, counts = None, {}
    if scope.people is not None:
        page = paginate_html(
            perms.visible_needs(current_user)
            .where(TrainingNeed.employee_id.in_(scope.people))
            .join(Employee, Employee.id == TrainingNeed.employee_id)
            .options(joinedload(TrainingNeed.employee), joinedload(TrainingNeed.skill))
            .order_by(
                open_first(today),
                TrainingNeed.due_on.is_(None),
                TrainingNeed.due_on,
                Employee.name,
                TrainingNeed.id,
            )
        )
        counts = evidence_counts([n.id for n in page.items])
    return render_template(
        "reviews/need_team.html",
        page=page,
        counts=counts,
        scope=scope,
        today=today,
    )


def _people() -> list[tuple[int, str]]:
    if has_reports(current_user):
        return report_choices(current_user.employee_id)
    rows = db.session.execute(  # HR without a team: anyone but themselves
        sa.select(Employee.id, Employee.name)
        .where(
            Employee.is_active.is_(True),
            Employee.id != (current_user.employee_id or 0),
        )
        .order_by(Employee.name)
    )
    return [(row.id, row.name) for row in rows]


def _form_page(status=200, **context):
    return render_form(
        "reviews/need_form.html",
        status,
        people=_people(),
        skills=skill_choices(),
        levels=LEVELS,
        priorities=[(p.value, p.title) for p in Priority],
        **context,
    )


@bp.route("/needs/new", methods=["GET", "POST"])
@login_required
def need_new():
    """Show and save the new-training-need form."""
    require_manager_or_hr()
    return form_view(
        _form_page,
        lambda: with_id_args({"priority": Priority.medium.value}, "employee_id"),
        NeedCreateSchema(),
        partial(services.create_need, current_user),
        lambda need: (
            "The training need is added.",
            url_for("reviews.need_detail", need_id=need.id),
        ),
    )
