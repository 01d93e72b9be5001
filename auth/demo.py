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
from auth.personal_tokens import issue_personal_token
from core.db import utcnow
from core.extensions import db
from people.demo import DEMO_LOADERS, DemoOrg, demo_logins
from people.enums import TokenScope
from people.models import Employee, User

JOINERS = (
    # name, email, days since invited (None: not invited)
    ("Pia Newcombe", "pia.newcombe@trellis.example", 0),
    ("Ravi Laterman", "ravi.laterman@trellis.example", 9),
    ("Sol Fresh", "sol.fresh@trellis.example", None),
)


# Personal access tokens integrations would hold: role, name, scope, issued / last used
# (days ago), lifetime in days (None: never expires).
TOKENS = (
    ("hr", "Quarterly training report export", TokenScope.read, 40, 3, None),
    ("admin", "HRIS nightly sync", TokenScope.write, 20, 1, 90),
)


def register_demo_loader() -> None:
    """Add the account loaders to ``people.demo.DEMO_LOADERS`` (idempotent)."""
    for loader in (load_invitations, load_personal_tokens):
        if loader not in DEMO_LOADERS:
            DEMO_LOADERS.append(loader)


def load_personal_tokens(org: DemoOrg, progress) -> None:
    """HR's read-only export token and the admin's read-write sync token, used lately,
    so the token pages show what an integration looks like (their secrets are thrown
    away: nobody can use them)."""
    now = utcnow()
    logins = dict(demo_logins())
    for role, name, scope, issued, used, days in TOKENS:
        user = db.session.scalar(sa.select(User).where(User.email == logins[role]))
        data = {"name": name, "scope": scope, "expires_in_days": days}
        _, row = issue_personal_token(user, data, now=now - timedelta(days=issued))
        row.last_used_at = now - timedelta(days=used)
    db.session.flush()
    progress("personal access tokens")


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
