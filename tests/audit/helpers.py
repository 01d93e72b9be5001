"""Audit events for the audit tests: one people-data, one account, one settings event,
each at a known time, written through ``record_event`` as the services write them."""

from datetime import UTC, datetime

from core.audit import record_event
from core.extensions import db

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def write_events(org) -> dict:
    """Return the events by name: ``review`` (HR's), ``account`` (the admin's) and
    ``settings`` (both)."""
    events = {
        "review": record_event(
            org.manager, "Review", "shared", {"from": "a", "to": "b"}, now=T0
        ),
        "account": record_event(
            org.admin, "User", "account_updated", {"is_hr": True}, now=T0.replace(day=3)
        ),
        "settings": record_event(
            org.hr, "ReviewSettings", "updated", {"scale": 5}, now=T0.replace(day=4)
        ),
    }
    events["review"].object_id = org.employee.employee_id
    db.session.commit()
    return events
