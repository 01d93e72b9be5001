"""Pages of the emailed links (HTML, on the ``auth`` blueprint): inviting people (HR,
admins) and accepting an invitation; "Forgot your password?" and setting a new one.

The link pages need no sign-in (the token is the credential) and answer a refused link
(unknown 404; used, withdrawn, expired 410) with a plain page, never an error. Their
responses are not cached (``no-store``) and, like every page, send no referrer to other
sites, so the token in the path stays in the address bar.
"""

import sqlalchemy as sa
from flask import flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from auth import invitations, resets
from auth.links import record_refusal
from auth.schemas import ForgotPasswordSchema, InviteSelectionSchema, NewPasswordSchema
from auth.session import start_session
from auth.views import bp
from core.errors import DomainError, InvalidTransition, ValidationFailed
from core.extensions import db
from core.forms import load_form
from core.permissions import Role, role_required
from core.queries import get_or_404
from people.models import Employee


def _page(template: str, status: int = 200, **context):
    response = make_response(render_template(template, **context), status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _refused(template: str, found):
    """The plain page for a refused link; a known link's refusal is audited."""
    if found.link is not None:
        record_refusal(found)
        db.session.commit()
    return _page(template, 404 if found.link is None else 410, message=found.problem)


def _back(person_id: int):
    """Where an invitation form returns: the accounts list it came from, or the
    person page."""
    if request.form.get("back") == "accounts":
        return url_for("people.accounts", view="people")
    return url_for("people.detail", person_id=person_id)


# --- inviting (HR, admins) ------------------------------------------------------------


@bp.route("/people/<int:person_id>/invitation", methods=["POST"])
@role_required(Role.hr, Role.admin)
def invite_person(person_id: int):
    """Send (or re-send) ``person_id`` an invitation to create their account."""
    return _person_action(
        person_id,
        invitations.invite_person,
        lambda employee: f"An invitation is on its way to {employee.email}.",
    )


@bp.route("/people/<int:person_id>/invitation/revoke", methods=["POST"])
@role_required(Role.hr, Role.admin)
def revoke_invitation(person_id: int):
    """Withdraw ``person_id``'s pending invitation."""
    return _person_action(
        person_id,
        invitations.revoke_invitation,
        lambda employee: f"The invitation of {employee.name} is withdrawn.",
    )


def _person_action(person_id: int, action, message):
    """Run ``action(user, person)``; flash its refusal or ``message(person)`` and go
    back to where the button was."""
    employee = get_or_404(Employee, person_id)
    try:
        action(current_user, employee)
    except DomainError as err:
        db.session.rollback()
        flash(err.message, "error")
        return redirect(_back(person_id), 303)
    db.session.commit()
    flash(message(employee), "success")
    return redirect(_back(person_id))


@bp.route("/people/invitations", methods=["POST"])
@role_required(Role.hr, Role.admin)
def invite_people():
    """Invite every selected person of the directory; say who could not be."""
    data, _ = load_form(InviteSelectionSchema(), request.form)
    if data is None:
        flash("Select at least one person to invite.", "error")
        return redirect(url_for("people.directory"), 303)
    people = db.session.scalars(
        sa.select(Employee)
        .where(Employee.id.in_(data["person_ids"]))
        .order_by(Employee.name)
    )
    sent, skipped = [], []
    for employee in people:
        try:  # its refusals come before it writes anything: nothing to undo
            invitations.invite_person(current_user, employee)
        except DomainError as err:
            skipped.append(err.message)
        else:
            sent.append(employee.name)
    db.session.commit()
    if sent:
        flash(f"Invitations sent to {len(sent)}: {', '.join(sent)}.", "success")
    if skipped:
        shown = " ".join(skipped[:5]) + (" …" if len(skipped) > 5 else "")
        flash(f"{len(skipped)} not invited: {shown}", "info")
    return redirect(url_for("people.directory"))


# --- accepting an invitation ------------------------------------------------------------


@bp.route("/invitation/<invite_token>", methods=["GET", "POST"])
def accept_invitation(invite_token: str):
    """Show the choose-a-password form of an invitation; create the account."""
    found = invitations.check_invitation(invite_token)
    if found.link is None or found.problem:
        return _refused("auth/invitation_refused.html", found)
    employee = db.session.get_one(Employee, found.link.employee_id)
    errors: dict = {}
    if request.method == "POST":
        data, errors = load_form(NewPasswordSchema(), request.form)
        if data is not None:
            try:
                user = invitations.accept_invitation(invite_token, data["password"])
            except ValidationFailed as err:
                db.session.rollback()
                errors = err.errors or {"_form": err.message}
            except InvalidTransition as err:
                db.session.rollback()
                return _page("auth/invitation_refused.html", 410, message=err.message)
            else:
                db.session.commit()
                start_session(user)
                flash(f"Welcome to Trellis, {employee.name}.", "success")
                return redirect(url_for("home.index"))
        return _page("auth/invitation_accept.html", 422, person=employee, errors=errors)
    return _page("auth/invitation_accept.html", person=employee, errors=errors)


# --- forgot password ------------------------------------------------------------------


@bp.route("/password-reset", methods=["GET", "POST"])
def forgot_password():
    """Ask for a reset link; the same answer whether or not the address has one."""
    errors: dict = {}
    if request.method == "POST":
        data, errors = load_form(ForgotPasswordSchema(), request.form)
        if data is not None:
            resets.request_reset(data["email"], request.remote_addr or "unknown")
            db.session.commit()
            return _page("auth/password_reset_sent.html")
        return _page(
            "auth/password_reset_request.html", 422, errors=errors, form=request.form
        )
    return _page("auth/password_reset_request.html", errors=errors, form={})


@bp.route("/password-reset/<reset_token>", methods=["GET", "POST"])
def reset_password(reset_token: str):
    """Show the new-password form of a reset link; set the password."""
    found = resets.check_reset(reset_token)
    if not found.ok:
        return _refused("auth/password_reset_refused.html", found)
    errors: dict = {}
    if request.method == "POST":
        data, errors = load_form(NewPasswordSchema(), request.form)
        if data is not None:
            try:
                resets.complete_reset(reset_token, data["password"])
            except ValidationFailed as err:
                db.session.rollback()
                errors = err.errors or {"_form": err.message}
            except InvalidTransition as err:
                db.session.rollback()
                return _page(
                    "auth/password_reset_refused.html", 410, message=err.message
                )
            else:
                db.session.commit()
                flash("Your password is changed. Sign in with it.", "success")
                return redirect(url_for("auth.login"))
        return _page("auth/password_reset_form.html", 422, errors=errors)
    return _page("auth/password_reset_form.html", errors=errors)
