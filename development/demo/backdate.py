"""Back-dating after the development demo is loaded: rows the services stamp with the
wall clock (``created_at``/``updated_at``) get the times of their audited changes."""

from datetime import datetime

import sqlalchemy as sa

from core.audit import AuditEvent
from core.extensions import db
from development.models import Contact, DevelopmentActivity, InformationalInterview
from reviews.demo.backdate import backdate_rows as backdate_reviews
from reviews.demo.backdate import event_time, linked


def _interview_events(activities, interviews, fn):
    """The first/last event of the interview whose activity each row is."""
    return linked(
        fn,
        AuditEvent.at,
        AuditEvent.object_type == "InformationalInterview",
        AuditEvent.object_id == interviews.c.id,
        interviews.c.activity_id == activities.c.id,
    )


def backdate_rows(since: datetime) -> None:
    """Interviews take the times of their first and last events; activities theirs (an
    interview's activity: the interview's); contacts a referral created, the time of the
    interview that names them. Needs that took evidence are re-dated by the reviews
    demo's back-dating. ``since``: the demo's now (later stamps are the wall clock)."""
    db.session.flush()
    interviews = InformationalInterview.__table__
    first = event_time(interviews, "InformationalInterview", sa.func.min)
    last = event_time(interviews, "InformationalInterview", sa.func.max)
    db.session.execute(
        sa.update(interviews)
        .where(first.is_not(None))
        .values(created_at=first, updated_at=last)
    )
    activities = DevelopmentActivity.__table__
    own_first = event_time(activities, "DevelopmentActivity", sa.func.min)
    own_last = event_time(activities, "DevelopmentActivity", sa.func.max)
    iv_first = _interview_events(activities, interviews, sa.func.min)
    iv_last = _interview_events(activities, interviews, sa.func.max)
    created = sa.func.coalesce(own_first, iv_first)
    db.session.execute(
        sa.update(activities)
        .where(created.is_not(None))
        .values(
            created_at=created,
            updated_at=sa.func.coalesce(iv_last, own_last),
        )
    )
    contacts = Contact.__table__
    named = linked(
        sa.func.min, interviews.c.created_at, interviews.c.contact_id == contacts.c.id
    )
    db.session.execute(
        sa.update(contacts)
        .where(contacts.c.created_at >= since, named.is_not(None))
        .values(created_at=named, updated_at=named)
    )
    backdate_reviews()  # also expires the session
