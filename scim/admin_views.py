"""``/admin/sign-in``: the admin's page "Sign-in and provisioning".

What company sign-in is configured with (the OpenID provider's issuer, client id and
button name — never the client secret — and who may still sign in with a password),
the SCIM tokens (create: the secret is shown in the answer to the POST, once, never in a
flash; revoke; last used) and the last 50 SCIM requests with their results.
"""

import sqlalchemy as sa
from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from core.extensions import db
from core.forms import load_form
from core.permissions import Role, role_required
from core.queries import get_or_404
from scim import tokens
from scim.models import ScimRequest, ScimToken
from scim.schemas import ScimTokenCreateSchema

bp = Blueprint("scim_admin", __name__)
RECENT_REQUESTS = 50


def _sign_in_settings() -> dict:
    cfg = current_app.config
    return {
        "oidc": bool(cfg.get("OIDC_ISSUER") and cfg.get("OIDC_CLIENT_ID")),
        "issuer": cfg.get("OIDC_ISSUER") or "",
        "client_id": cfg.get("OIDC_CLIENT_ID") or "",
        "name": cfg.get("OIDC_NAME") or "",
        "domains": ", ".join(cfg.get("OIDC_DOMAINS") or ()),
        "create": bool(cfg.get("OIDC_CREATE")),
        "password_login": cfg.get("PASSWORD_LOGIN") or "all",
        "secret_set": bool(cfg.get("OIDC_CLIENT_SECRET")),
    }


def _render(*, form, errors, created=None, secret=None, status=200):
    token_rows = db.session.scalars(
        sa.select(ScimToken).order_by(ScimToken.created_at.desc(), ScimToken.id.desc())
    ).all()
    recent = db.session.scalars(
        sa.select(ScimRequest)
        .options(sa.orm.joinedload(ScimRequest.token))
        .order_by(ScimRequest.at.desc(), ScimRequest.id.desc())
        .limit(RECENT_REQUESTS)
    ).all()
    return (
        render_template(
            "scim/sign_in_settings.html",
            settings=_sign_in_settings(),
            scim_url=request.url_root.rstrip("/") + "/scim/v2",
            tokens=token_rows,
            recent=recent,
            form=form,
            errors=errors,
            created=created,
            secret=secret,
        ),
        status,
    )


@bp.route("/admin/sign-in")
@role_required(Role.admin)
def index():
    """What sign-in and provisioning are configured with, the SCIM tokens and log."""
    return _render(form={}, errors={})


@bp.route("/admin/sign-in/scim-tokens", methods=["POST"])
@role_required(Role.admin)
def create_token():
    """Make a SCIM token and show its secret, this once."""
    data, errors = load_form(ScimTokenCreateSchema(), request.form)
    if data is None:
        return _render(form=request.form, errors=errors, status=422)
    secret, row = tokens.create_token(current_user, data["name"])
    db.session.commit()
    return _render(form={}, errors={}, created=row, secret=secret)


@bp.route("/admin/sign-in/scim-tokens/<int:scim_token_id>/revoke", methods=["POST"])
@role_required(Role.admin)
def revoke_token(scim_token_id: int):
    """Revoke a SCIM token: the provider's next request is refused."""
    row = get_or_404(ScimToken, scim_token_id)
    tokens.revoke_token(current_user, row)
    db.session.commit()
    flash(f"The SCIM token “{row.name}” is revoked.", "success")
    return redirect(url_for("scim_admin.index"))
