"""Contacts: two LinkedIn-style exports imported through ``contacts_import`` (the demo
employee's and a product designer's), and the contacts the other interviews start from."""

import csv
import io
from datetime import datetime

import sqlalchemy as sa

from core.audit import AuditEvent
from core.extensions import db
from development.contacts_import import COLUMNS, import_contacts
from development.demo.common import DevDemo, at
from development.demo.texts import CSV_NOTE, LINKEDIN
from development.models import Contact
from development.services.contacts import create_contact
from people.models import Employee


def linkedin_csv(rows) -> str:
    """A LinkedIn connections export (its notes lines first); every third email is
    missing, as when a connection hides it."""
    out = io.StringIO()
    out.write(CSV_NOTE)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)  # LinkedIn's export, as the importer reads it
    for i, (first, last, company, position, connected) in enumerate(rows):
        slug = company.lower().replace(" ", "")
        email = "" if i % 3 == 2 else f"{first}.{last}@{slug}.example".lower()
        url = f"https://www.linkedin.com/in/{first}-{last}-example".lower()
        writer.writerow([first, last, url, email, company, position, connected])
    return out.getvalue()


def import_linkedin(dd: DevDemo, owner: Employee, rows, when: datetime) -> None:
    """Import through the service (which stamps the wall clock), then date it ``when``."""
    import_contacts(owner.id, linkedin_csv(rows), actor=dd.user(owner))
    db.session.execute(
        sa.update(Contact)
        .where(Contact.owner_id == owner.id)
        .values(created_at=when, updated_at=when)
    )
    db.session.execute(
        sa.update(AuditEvent)
        .where(AuditEvent.action == "contacts_imported", AuditEvent.at >= dd.now)
        .values(at=when)
    )


def import_all(dd: DevDemo) -> None:
    import_linkedin(dd, dd.employee, LINKEDIN["employee"], at(dd.ago(250), 20))
    designer = dd.titled("Product Designer")[0]
    import_linkedin(dd, designer, LINKEDIN["Product Designer"], at(dd.ago(210), 19))


def by_name(owner: Employee, name: str) -> Contact:
    return db.session.scalar(
        sa.select(Contact).where(Contact.owner_id == owner.id, Contact.name == name)
    )


def add_contact(dd: DevDemo, owner: Employee, data: dict, when: datetime) -> Contact:
    """A contact typed in by its owner (the service stamps the wall clock; re-dated)."""
    contact = create_contact(dd.user(owner), data, now=when)
    contact.created_at = contact.updated_at = when
    db.session.flush()
    return contact


def referral(data: dict) -> dict:
    """What ``complete_interview`` takes for a referral (the source is always referral)."""
    return {k: v for k, v in data.items() if k != "source"}
