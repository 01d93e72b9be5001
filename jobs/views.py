"""Admin: every scheduled job with its last run (started, duration, processed, error), and
the runs that did not finish (how far they got, which later run made up for them)."""

from flask import Blueprint, render_template

from core.permissions import Role, role_required
from jobs.queries import describe_trigger, last_errors, last_runs, unfinished_runs
from jobs.registry import job_specs

bp = Blueprint("jobs", __name__)


@bp.route("/admin/jobs")
@role_required(Role.admin)
def index():
    """The scheduled jobs page: each job's last runs and unfinished runs (admin)."""
    runs, errors = last_runs(), last_errors()
    rows = [
        {
            "spec": spec,
            "trigger": describe_trigger(spec),
            "run": runs.get(spec.id),
            "failure": errors.get(spec.id),
        }
        for spec in job_specs()
    ]
    unfinished = unfinished_runs()
    running = {item.run.id for item in unfinished if item.is_running}
    return render_template(
        "jobs/job_list.html", rows=rows, unfinished=unfinished, running=running
    )
