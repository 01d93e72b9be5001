"""The home page: the to-do list on top (``home.todos``), then one dashboard per role (my
record; my team; my reviews; my learning; HR and admin links). It reads every domain through
``home.panels``; the blueprint keeps the name ``home`` (``home.index`` at ``/``)."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from core.clock import local_today
from core.db import utcnow
from home.panels import development_panels, goal_panels, review_panels, team_panels
from home.todos import todos_for

bp = Blueprint("home", __name__)


@bp.route("/")
@login_required
def index():
    """Show the signed-in person's dashboard."""
    team = team_panels(current_user)
    now = utcnow()
    today = local_today(now)
    todos = todos_for(current_user, today, now)
    return render_template(
        "people/home.html",
        todos=todos,
        overdue_count=sum(t.is_overdue for t in todos),
        today=today,
        **team,
        **review_panels(current_user),
        **goal_panels(current_user),
        **development_panels(current_user),
    )
