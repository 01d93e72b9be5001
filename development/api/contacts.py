"""Contacts: the caller's own list, adding one, and the LinkedIn connections import.

Decisions the brief left open:
- Contacts are their owner's alone: the list shows only the caller's (managers and HR
  see a contact only as named on an interview they may see).
- ``POST /contacts/import`` takes the CSV text as JSON (``csv``) and previews by
  default (``preview`` true: rows, duplicates marked ``skipped``, row errors; nothing
  written). With ``preview`` false it imports all or nothing: any row error answers 422
  with ``errors`` keyed ``line N``, and nothing is written.
"""

import sqlalchemy as sa
from flask.views import MethodView
from flask_login import current_user

from core.extensions import db
from development.api.blueprint import blp
from development.contacts_import import import_contacts, preview_contacts
from development.models import Contact
from development.permissions import has_employee_record
from development.schemas.api import (
    ContactSchema,
    ContactsImportResultSchema,
    ContactsImportSchema,
)
from development.schemas.forms import ContactCreateSchema
from development.services.contacts import create_contact


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
