"""Admin: login accounts with their role flags and enabled state.

Each row is its own small form (inputs tied to it by the ``form`` attribute, so the
table stays a table). An admin's own row is read-only: nobody edits their own flags.
"""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from core.extensions import db
from core.forms import save_form
from core.pagination import paginate_html
from core.permissions import Role, require, role_required
from core.queries import get_or_404
from people import permissions as perms
from people import services
from people.models import User
from people.schemas import AccountUpdateSchema
from people.views import bp


def _accounts_select():
    return sa.select(User).options(joinedload(User.employee)).order_by(User.email)


@bp.route("/admin/accounts")
@role_required(Role.admin)
def accounts():
    """The accounts page: user accounts with roles and status (admin)."""
    page = paginate_html(_accounts_select())
    return render_template("people/account_list.html", page=page, errors={})


@bp.route("/admin/accounts/<int:user_id>", methods=["POST"])
@role_required(Role.admin)
def account_update(user_id: int):
    """Save an account's HR, admin and enabled flags (admin)."""
    account = get_or_404(User, user_id)
    require(
        perms.can_manage_account(current_user, account),
        "You may not change your own role flags.",
    )
    result, errors, status = save_form(
        AccountUpdateSchema(),
        request.form,
        lambda data: services.update_account(current_user, account, data),
    )
    if result is None:
        page = paginate_html(_accounts_select())
        return render_template(
            "people/account_list.html", page=page, errors=errors, failed=account.id
        ), status
    db.session.commit()
    flash(f"Account {account.email} is saved.", "success")
    return redirect(url_for("people.accounts", page=request.args.get("page")))
