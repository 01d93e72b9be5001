"""``/account/time-zone``: a person sets the time zone her own pages use.

Pages show times in the reader's zone and read a typed time in it (``core.timezones``).
HR sets it on the person form; since it is about how she reads rather than who she is,
she may set it herself too — the one field of her record she may. It is a choice from
the IANA names (a name the server does not know is a 422 on the field), audited as an
``updated`` event of her record. The zone lives on the person (``Employee.time_zone``),
so an account without a person (an administrator's) gets a page saying its pages use
the organisation's zone, and no form: a column on the account would need a migration
this change does not make.
"""

from flask import render_template, request, url_for
from flask_login import current_user, login_required

from core.db import utcnow
from core.extensions import db
from core.permissions import require
from core.timezones import zone_options
from core.views import form_view
from people import permissions as perms
from people import services
from people.models import Employee
from people.schemas import OwnTimeZoneSchema
from people.views import bp


def _page(status=200, form=None, errors=None):
    may_set = perms.can_set_own_time_zone(current_user)
    form = form or {}
    now = utcnow()
    return render_template(
        "people/time_zone_form.html",
        may_set=may_set,
        form=form,
        errors=errors or {},
        options=zone_options(now, form.get("time_zone")) if may_set else [],
        now=now,
    ), status


def _initial() -> dict:
    if not perms.can_set_own_time_zone(current_user):
        return {}
    employee = db.session.get(Employee, current_user.employee_id)
    return {"time_zone": (employee.time_zone if employee else None) or ""}


@bp.route("/account/time-zone", methods=["GET", "POST"])
@login_required
def own_time_zone():
    """Show and save the signed-in person's own time zone."""
    if request.method == "POST":  # 403 before the input is read
        require(perms.can_set_own_time_zone(current_user), services.NO_PERSON)
    return form_view(
        _page,
        _initial,
        OwnTimeZoneSchema(),
        lambda data: services.set_own_time_zone(current_user, data),
        lambda _employee: (
            "Your time zone is saved: pages show and take times in it.",
            url_for("people.own_time_zone"),
        ),
    )
