"""The home page: the to-do list on top (``home.todos``), then one dashboard per role (my
record; my team; my reviews; my learning; HR and admin links). It reads every domain through
``home.panels``; the blueprint keeps the name ``home`` (``home.index`` at ``/``)."""

import sqlalchemy as sa
from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core.clock import local_today
from core.db import utcnow
from core.extensions import db
from home.panels import development_panels, goal_panels, review_panels
from home.todos import todos_for
from people import permissions as perms
from people.models import Employee

bp = Blueprint("home", __name__)


@bp.route("/")
@login_required
def index():
    """Show the signed-in person's dashboard."""
    me = None
    reports: list[Employee] = []
    if current_user.employee_id:
        me = db.session.scalar(
            sa.select(Employee)
            .where(Employee.id == current_user.employee_id)
            .options(joinedload(Employee.department), joinedload(Employee.manager))
        )
        reports = list(
            db.session.scalars(
                sa.select(Employee)
                .where(
                    Employee.manager_id == current_user.employee_id,
                    Employee.is_active.is_(True),
                )
                .options(joinedload(Employee.department))
                .order_by(Employee.name)
            )
        )
    indirect = 0
    if reports:
        indirect = db.session.scalar(
            sa.select(sa.func.count()).select_from(
                perms.report_ids_select(current_user.employee_id).subquery()
            )
        ) - len(reports)
    now = utcnow()
    today = local_today(now)
    todos = todos_for(current_user, today, now)
    return render_template(
        "people/home.html",
        todos=todos,
        overdue_count=sum(t.is_overdue for t in todos),
        today=today,
        me=me,
        reports=reports,
        indirect_count=indirect,
        **review_panels(current_user),
        **goal_panels(current_user),
        **development_panels(current_user),
    )
