"""Corrections: an interview's details while it is an idea or requested, a contact
edited or deleted, an activity entered by mistake deleted (issue 16, item 3).

Each handler checks the state before reading the input (409 page), so the owner learns
at once that a scheduled interview or a verified activity is no longer theirs to
correct. The services say why (``update_interview``, ``delete_contact``,
``delete_activity``).
"""

from functools import partial

from flask import render_template, url_for
from flask_login import current_user, login_required

from core.errors import InvalidTransition
from core.permissions import require, require_visible
from core.queries import get_or_404
from core.views import committed, form_view
from development import permissions as perms
from development.enums import InterviewMode
from development.models import Contact
from development.schemas.forms import ContactUpdateSchema, InterviewEditFormSchema
from development.services import activities as activity_services
from development.services import contacts as contact_services
from development.services import interviews as services
from development.views import bp
from development.views.common import contact_choices, load_activity, load_interview


def _interview_page(interview, status=200, errors=None, form=None):
    return render_template(
        "development/interview_edit.html",
        interview=interview,
        contacts=contact_choices(interview.employee_id),
        modes=[(m.value, m.title) for m in InterviewMode],
        errors=errors or {},
        form=form or {},
    ), status


@bp.route("/interviews/<int:interview_id>/edit", methods=["GET", "POST"])
@login_required
def interview_edit(interview_id: int):
    """Show and save the details of an interview that is an idea or requested."""
    interview = load_interview(interview_id)
    require(
        perms.can_edit_interview(current_user, interview),
        "Only the employee edits an interview.",
    )
    if interview.status not in services.EDITABLE:
        raise InvalidTransition(
            f"An interview that is “{interview.status.title}” cannot be edited."
        )
    initial = {
        "contact_id": interview.contact_id or "",
        "target_role": interview.target_role,
        "purpose": interview.purpose,
        "mode": interview.mode.value,
        "version": interview.version,
    }
    return form_view(
        lambda status=200, errors=None, form=None: _interview_page(
            interview, status, errors, form
        ),
        initial,
        InterviewEditFormSchema(),
        partial(services.update_interview, current_user, interview),
        lambda saved: (
            "The interview's details are saved.",
            url_for("development.interview", interview_id=saved.id),
        ),
    )


def _load_contact(contact_id: int) -> Contact:
    """The caller's own contact; anyone else's is not found."""
    contact = get_or_404(Contact, contact_id)
    require_visible(perms.can_edit_contact(current_user, contact), "Contact not found.")
    return contact


BOARD_CONTACTS = "development.interviews"


@bp.route("/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@login_required
def contact_edit(contact_id: int):
    """Show and save one's own contact; the page also offers to delete it."""
    contact = _load_contact(contact_id)
    fields = ContactUpdateSchema().fields

    def page(status=200, errors=None, form=None):
        return render_template(
            "development/contact_edit.html",
            contact=contact,
            sources=[(s.value, s.title) for s in type(contact.source)],
            errors=errors or {},
            form=form or {},
        ), status

    initial = {name: getattr(contact, name) for name in fields}
    initial["source"] = contact.source.value
    return form_view(
        page,
        initial,
        ContactUpdateSchema(),
        partial(contact_services.update_contact, current_user, contact),
        lambda saved: (
            f"{saved.name} is saved.",
            url_for(BOARD_CONTACTS) + "#contacts-heading",
        ),
    )


@bp.route("/contacts/<int:contact_id>/delete", methods=["POST"])
@login_required
def contact_delete(contact_id: int):
    """Delete one's own contact; its interviews keep the name."""
    contact = _load_contact(contact_id)
    name = contact.name
    kept = contact_services.delete_contact(current_user, contact)
    note = f" {kept} interview(s) keep the name." if kept else ""
    return committed(
        f"{name} is deleted from your contacts.{note}",
        url_for(BOARD_CONTACTS) + "#contacts-heading",
    )


@bp.route("/activities/<int:activity_id>/delete", methods=["POST"])
@login_required
def activity_delete(activity_id: int):
    """Delete an activity entered by mistake (the owner, within the grace period)."""
    activity = load_activity(activity_id)
    require(
        perms.can_delete_activity(current_user, activity),
        "Only the owner deletes an activity.",
    )
    title = activity.title
    activity_services.delete_activity(current_user, activity)
    return committed(f"“{title}” is deleted.", url_for("development.index"))
