"""Admin: login accounts with their role flags and enabled state; HR and admins: each
account's state and the people without one (to invite them).

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
from people.account_state import account_states, user_state
from people.models import Employee, User
from people.schemas import AccountUpdateSchema
from people.views import bp


def _accounts_select():
    return sa.select(User).options(joinedload(User.employee)).order_by(User.email)


def _without_account_select():
    """Active people with no account (none, invited or invitation expired)."""
    has_account = sa.exists().where(User.employee_id == Employee.id)
    return (
        sa.select(Employee)
        .where(Employee.is_active.is_(True), ~has_account)
        .order_by(Employee.name, Employee.id)
    )


@bp.route("/admin/accounts")
@role_required(Role.admin, Role.hr)
def accounts():
    """Accounts with their roles and state, or (``?view=people``) people without one."""
    if request.args.get("view") == "people":
        page = paginate_html(_without_account_select())
        return render_template(
            "people/account_people.html",
            page=page,
            states=account_states(p.id for p in page.items),
        )
    page = paginate_html(_accounts_select())
    return render_template(
        "people/account_list.html",
        page=page,
        errors={},
        can_edit=perms.can_manage_account(current_user),
        user_state=user_state,
    )


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
            "people/account_list.html",
            page=page,
            errors=errors,
            failed=account.id,
            can_edit=True,
            user_state=user_state,
        ), status
    db.session.commit()
    flash(f"Account {account.email} is saved.", "success")
    return redirect(url_for("people.accounts", page=request.args.get("page")))
