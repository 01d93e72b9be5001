"""HTML pages for the directory, person pages, org charts and HR editing."""

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core.pagination import paginate_html
from people import permissions as perms
from people.models import Employee
from people.queries import filter_people

bp = Blueprint("people", __name__)


@bp.route("/people")
@login_required
def directory():
    args = {"q": request.args.get("q")}
    stmt = filter_people(perms.visible_people(current_user), args)
    page = paginate_html(
        stmt.options(joinedload(Employee.department)).order_by(Employee.name)
    )
    return render_template("people/person_list.html", page=page, args=args)
