"""Demo: three new joiners without an account, so HR sees every account state — one
invited today ("invited"), one invited nine days ago whose link has lapsed ("invitation
expired"), and one not invited yet ("no account"). The invitations go through
``auth.invitations`` as HR's, so their emails wait in the outbox with working links.

Registered by ``app._register_cli`` before the jobs loader (``register_demo_loader``);
the joiners are not added to ``DemoOrg.people`` (the other loaders give everyone there
an account's worth of reviews and activities).
"""

from datetime import timedelta

import sqlalchemy as sa

from auth.invitations import invite_person
from core.db import utcnow
from core.extensions import db
from people.demo import DEMO_LOADERS, DemoOrg, demo_logins
from people.models import Employee, User

JOINERS = (
    # name, email, days since invited (None: not invited)
    ("Pia Newcombe", "pia.newcombe@trellis.example", 0),
    ("Ravi Laterman", "ravi.laterman@trellis.example", 9),
    ("Sol Fresh", "sol.fresh@trellis.example", None),
)


def register_demo_loader() -> None:
    """Add the invitations loader to ``people.demo.DEMO_LOADERS`` (idempotent)."""
    if load_invitations not in DEMO_LOADERS:
        DEMO_LOADERS.append(load_invitations)


def load_invitations(org: DemoOrg, progress) -> None:
    now = utcnow()
    hr_email = dict(demo_logins())["hr"]
    hr = db.session.scalar(sa.select(User).where(User.email == hr_email))
    team = org.departments["Engineering"]
    for name, email, days in JOINERS:
        joiner = Employee(
            name=name,
            email=email,
            job_title="Software Engineer",
            department=team,
            manager=org.manager,
            hired_on=(now - timedelta(days=2)).date(),
        )
        db.session.add(joiner)
        db.session.flush()
        if days is not None:
            invite_person(hr, joiner, now=now - timedelta(days=days))
    progress("invitations")
