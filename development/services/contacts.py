"""Contacts: an employee's own address book for informational interviews."""

from core.audit import record_event
from core.db import utcnow
from core.extensions import db
from core.permissions import require
from development.models import Contact


def create_contact(actor, data: dict, *, now=None) -> Contact:
    """Add a contact to one's own list."""
    now = now or utcnow()
    require(
        actor is not None and actor.employee_id is not None,
        "Only employees keep contacts.",
    )
    contact = Contact(owner_id=actor.employee_id, **data)
    db.session.add(contact)
    db.session.flush()
    record_event(actor, contact, "created", {"source": contact.source.value}, now=now)
    return contact
