"""HTML blueprint ``audit``: ``/admin/audit`` (filters, newest first, paged) and
``/admin/audit.csv`` (every matching event, through the shared CSV writer).

Bad filters re-render the page with the field errors (422); the CSV then answers the
same page, never a file of the wrong rows.
"""

import json

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from audit.queries import filtered_events, subject_types
from audit.schemas import AuditQueryArgsSchema
from core.csv import write_csv
from core.db import utcnow
from core.extensions import db
from core.forms import load_form
from core.pagination import paginate_html
from core.permissions import Role, role_required

bp = Blueprint("audit", __name__)

CSV_HEADER = ["At (UTC)", "Actor", "Subject type", "Subject id", "Action", "Changes"]


def _page(args: dict | None, errors: dict):
    stmt = filtered_events(current_user, args or {})
    page = paginate_html(stmt) if not errors else None
    return render_template(
        "audit/event_list.html",
        page=page,
        form=request.args,
        errors=errors,
        subject_types=[(name, name) for name in subject_types(current_user)],
    ), (422 if errors else 200)


@bp.route("/admin/audit")
@role_required(Role.hr, Role.admin)
def index():
    """The audit trail page: events filtered by actor, object and date, paged."""
    args, errors = load_form(AuditQueryArgsSchema(), request.args)
    return _page(args, errors)


@bp.route("/admin/audit.csv")
@role_required(Role.hr, Role.admin)
def export():
    """Download the filtered audit events as CSV."""
    args, errors = load_form(AuditQueryArgsSchema(), request.args)
    if errors:
        return _page(args, errors)
    rows = (
        (
            event.at.strftime("%Y-%m-%d %H:%M:%S"),
            event.actor.email if event.actor else "",
            event.object_type,
            event.object_id,
            event.action,
            json.dumps(event.safe_changes, ensure_ascii=False, sort_keys=True),
        )
        for event in db.session.scalars(filtered_events(current_user, args)).unique()
    )
    name = f"audit-{utcnow().date().isoformat()}.csv"
    return Response(
        write_csv(CSV_HEADER, rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
