"""Contacts: an employee's own address book for informational interviews.

Decisions:
- Only the owner edits or deletes a contact (``can_edit_contact``); contacts carry no
  version, so the API takes no ``If-Match`` for them (last write wins).
- Deleting is a real delete with a snapshot, not a soft delete: each interview with
  the contact keeps the name in ``contact_name`` (its history stays readable: "with
  Ana Ruiz (contact deleted)"), while the email, phone and profile are gone — which
  is what someone asking to be removed from a list expects. The audit event keeps
  the name and how many interviews kept it.
"""

import sqlalchemy as sa

from core.audit import record_event
from core.db import utcnow
from core.extensions import db
from core.permissions import require
from development import permissions as perms
from development.models import Contact, InformationalInterview

ONLY_OWNER = "Only the owner changes a contact."


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


def update_contact(actor, contact: Contact, data: dict, *, now=None) -> Contact:
    """Change one's own contact (only the fields given)."""
    now = now or utcnow()
    require(perms.can_edit_contact(actor, contact), ONLY_OWNER)
    changed = sorted(k for k, v in data.items() if getattr(contact, k) != v)
    for key in changed:
        setattr(contact, key, data[key])
    db.session.flush()
    record_event(actor, contact, "updated", {"fields": changed}, now=now)
    return contact


def delete_contact(actor, contact: Contact, *, now=None) -> int:
    """Delete one's own contact; its interviews keep the name. Returns how many."""
    now = now or utcnow()
    require(perms.can_edit_contact(actor, contact), ONLY_OWNER)
    kept = db.session.execute(
        sa.update(InformationalInterview)
        .where(InformationalInterview.contact_id == contact.id)
        .values(contact_name=contact.name, contact_id=None)
        .execution_options(synchronize_session="fetch")
    ).rowcount  # type: ignore[attr-defined]  # an UPDATE's CursorResult
    record_event(
        actor, contact, "deleted", {"name": contact.name, "interviews": kept}, now=now
    )
    db.session.delete(contact)
    db.session.flush()
    return kept
