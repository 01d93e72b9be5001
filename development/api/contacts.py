"""Contacts: the caller's own list, adding, reading, editing and deleting one, and the
LinkedIn connections import.

Decisions the brief left open:
- Contacts are their owner's alone: the list shows only the caller's (managers and HR
  see a contact only as named on an interview they may see).
- ``POST /contacts/import`` takes the CSV text as JSON (``csv``) and previews by
  default (``preview`` true: rows, duplicates marked ``skipped``, row errors; nothing
  written). With ``preview`` false it imports all or nothing: any row error answers 422
  with ``errors`` keyed ``line N``, and nothing is written.
- ``GET``/``PATCH``/``DELETE /contacts/<id>`` are the owner's; anyone else gets 404
  (a contact is never shown apart from an interview). Contacts have no version, so
  no ``If-Match``. ``DELETE`` answers 204; the contact's interviews keep its name
  (``contact_name``) with ``contact`` null (see ``services.contacts``).
"""

import sqlalchemy as sa
from flask.views import MethodView
from flask_login import current_user

from core.extensions import db
from core.queries import get_or_404
from development.api.blueprint import blp
from development.contacts_import import import_contacts, preview_contacts
from development.models import Contact
from development.permissions import can_edit_contact, has_employee_record
from development.schemas.api import (
    ContactSchema,
    ContactsImportResultSchema,
    ContactsImportSchema,
)
from development.schemas.forms import ContactCreateSchema, ContactUpdateSchema
from development.services.contacts import (
    create_contact,
    delete_contact,
    update_contact,
)

contact_action = blp.object_action(
    "contact", lambda contact_id: get_or_404(Contact, contact_id), can_edit_contact
)
OWNER_ONLY = "Only the owner changes a contact."


@blp.route("/contacts")
@blp.gate(has_employee_record, "POST")
class ContactList(MethodView):
    @blp.listing(ContactSchema)
    def get(self):
        """Your contacts, by name."""
        return (
            sa.select(Contact)
            .where(Contact.owner_id == current_user.employee_id)
            .order_by(Contact.name, Contact.id)
        )

    @blp.create(ContactCreateSchema, ContactSchema, create_contact)
    def post(self, contact):
        """Add a contact."""
        return contact


@blp.route("/contacts/<int:contact_id>")
class ContactDetail(MethodView):
    @contact_action(can_edit_contact, OWNER_ONLY)
    @blp.response(200, ContactSchema)
    def get(self, contact):
        """One of your contacts."""
        return contact

    @contact_action(can_edit_contact, OWNER_ONLY)
    @blp.arguments(ContactUpdateSchema(partial=True))
    @blp.response(200, ContactSchema)
    def patch(self, data, contact):
        """Change your contact (only the fields sent)."""
        update_contact(current_user, contact, data)
        db.session.commit()
        return contact

    @contact_action(can_edit_contact, OWNER_ONLY)
    @blp.response(204)
    def delete(self, contact):
        """Delete your contact; its interviews keep the name (``contact_name``)."""
        delete_contact(current_user, contact)
        db.session.commit()
        return None


@blp.route("/contacts/import")
@blp.gate(has_employee_record, "POST")
class ContactImport(MethodView):
    @blp.arguments(ContactsImportSchema)
    @blp.response(200, ContactsImportResultSchema)
    def post(self, data):
        """Preview or import a LinkedIn connections export (all or nothing)."""
        owner = current_user.employee_id
        if data["preview"]:
            rows, errors = preview_contacts(data["csv"], owner)
            return {
                "preview": True,
                "rows": rows,
                "errors": [{"line": n, "message": m} for n, m in errors],
                "created": 0,
                "skipped": sum(1 for r in rows if r.skipped),
            }
        result = import_contacts(owner, data["csv"], actor=current_user)
        db.session.commit()
        return {
            "preview": False,
            "rows": [],
            "errors": [],
            "created": result.created,
            "skipped": len(result.skipped),
        }
