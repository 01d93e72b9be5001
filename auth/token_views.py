"""``/account/tokens``: the signed-in person's personal access tokens (HTML).

The list (name, scope, created, last used, expires, state), the create form and a
revoke button per live token. A new token's secret is rendered in the answer to the
POST that made it — once: it is never stored but as a hash, never put in a flash
message (the session cookie would carry it) and never shown again. While the account
must change its password the page is out of reach (``auth.session``).
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from auth import personal_tokens
from auth.permissions import visible_personal_tokens
from auth.schemas import PersonalTokenCreateSchema
from core.db import utcnow
from core.errors import ValidationFailed
from core.extensions import db
from core.forms import load_form
from core.pagination import paginate_html
from people.enums import TokenScope

bp = Blueprint("account_tokens", __name__)

EXPIRY_CHOICES = [
    (7, "7 days"),
    (30, "30 days"),
    (90, "90 days"),
    (365, "1 year"),
]
DEFAULT_FORM = {"expires_in_days": "90", "scope": TokenScope.read.value}


def _render(*, form, errors, created=None, secret=None, status=200):
    page = paginate_html(visible_personal_tokens(current_user))
    return (
        render_template(
            "auth/tokens_list.html",
            page=page,
            form=form,
            errors=errors,
            created=created,
            secret=secret,
            now=utcnow(),
            expiry_choices=EXPIRY_CHOICES,
            scopes=[(s.value, s.title) for s in TokenScope],
        ),
        status,
    )


@bp.route("/account/tokens")
@login_required
def index():
    """List my personal access tokens, with the form to make one."""
    return _render(form=DEFAULT_FORM, errors={})


@bp.route("/account/tokens", methods=["POST"])
@login_required
def create():
    """Make a personal access token and show its secret, this once."""
    data, errors = load_form(PersonalTokenCreateSchema(), request.form)
    if data is not None:
        try:
            secret, row = personal_tokens.issue_personal_token(current_user, data)
        except ValidationFailed as err:
            db.session.rollback()
            errors = err.errors or {"_form": err.message}
        else:
            db.session.commit()
            return _render(form=DEFAULT_FORM, errors={}, created=row, secret=secret)
    return _render(form=request.form, errors=errors, status=422)


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int):
    """Revoke one of my personal access tokens."""
    row = personal_tokens.get_personal_token(current_user, token_id)
    personal_tokens.revoke_personal_token(current_user, row)
    db.session.commit()
    flash(f"The token “{row.name}” is revoked.", "success")
    return redirect(url_for("account_tokens.index"))
