"""Demo development data: activities of every kind over the last twelve months,
informational interviews in chains, a mentorship, interviews given, the policy, the
question bank, contacts and the managers' suggestions.

Runs inside ``people.demo.load_demo`` after the reviews loader (the training needs it
links evidence to exist by then), on the same ``DemoOrg`` but with its own rng, so the
people and reviews drawn before stay as they were. It is registered at app start-up
(``register_demo_loader``, called from ``app._register_cli`` after the reviews one).
Everything goes through the development services with back-dated ``now=``; rows the
services stamp with the wall clock are re-dated from their audit events (``backdate``).

- Policy (HR, eleven months ago): 2 interviews a month, on paid time up to 2 h, may leave
  the premises; keeps learning = evidence in 2 of the last 3 months. The question bank
  holds the standard topics and one HR addition.
- Contacts (``contacts``): the demo employee and a product designer imported LinkedIn
  connection exports (``contacts_import``); the other interviews' contacts were typed in,
  and every referral made a contact.
- Interviews (``interviews``, ``walk``): the demo employee's chain is four deep (followed
  up → followed up, which became a monthly mentorship: four sessions in four months, the next
  date a month after the last → completed three days
  ago, thank-you still to send → an idea); a product designer's chain is four deep, an
  account executive's and a marketing specialist's three (one ends declined). The demo
  employee also has a request out, two interviews scheduled next month, one declined, one
  unanswered, and a third request for next month that waits for the demo manager's
  approval (over the monthly limit). A policy exception: the demo employee's half-day
  site visit 47 days ago (150 minutes, away from the premises) went over the 2 paid
  hours a month, and the demo manager approved it (HR's learning report lists it).
  Completed interviews carry private notes, which no
  audit row holds. Senior people (the demo manager among them, and the CEO) gave
  interviews, each confirming the confidentiality reminder.
- Suggestions: the demo manager's to the demo employee — two open, one turned into an
  idea, one dismissed — and a few from team leads.
- Corrections (``corrections``): the idea accepted from a suggestion got its contact
  afterwards (edited while an idea); the declined request's contact was deleted and the
  interview keeps the name.
- Activities (``activities``): courses, certifications, a degree module, on-the-job
  training, mentoring, professional associations, online groups, conferences, self-study
  and networking, drawn so that people end active, lapsing or inactive as planned (the
  demo logins active; **Customer Success**, the cautionary department, mostly inactive
  and never linked to its needs, which stay without evidence). Activities are linked as
  evidence to their owner's open or in-progress needs when they address the need's skill
  (not the demo manager's team's open needs, which the reviews demo keeps open); about
  half of the others are verified by the direct manager a few days later, except the
  demo employee's recent ones (the demo manager's verification queue). Two
  certifications expire soon: the demo employee's in 24 days, an accountant's in 64.
"""

from datetime import timedelta

from flask import current_app, g

from core.extensions import db
from development.demo.activities import assign_targets, load_activities
from development.demo.backdate import backdate_rows
from development.demo.common import CAUTIONARY_DEPARTMENT, DevDemo, at
from development.demo.contacts import import_all
from development.demo.corrections import load_corrections
from development.demo.interviews import load_interviews
from development.seeds import ensure_question_bank
from development.services import settings
from people.demo import DEMO_LOADERS, DemoOrg

__all__ = [
    "CAUTIONARY_DEPARTMENT",
    "HR_TOPIC",
    "POLICY",
    "DevDemo",
    "load_development",
    "register_demo_loader",
]

POLICY = {
    "interviews_per_month": 2,
    "interviews_on_paid_time": True,
    "paid_hours_per_month": 2.0,
    "may_leave_premises": True,
    "window_months": 3,
    "active_months": 2,
}
HR_TOPIC = "How do you keep your own skills current?"


def register_demo_loader() -> None:
    """Add the development loader to ``people.demo.DEMO_LOADERS`` (idempotent)."""
    if load_development not in DEMO_LOADERS:
        DEMO_LOADERS.append(load_development)


def load_development(org: DemoOrg, progress) -> None:
    """The development demo: policy, question bank, contacts, interviews, activities."""
    # The org chart does not change while it loads: a request context lets the
    # permission checks cache each manager chain (``manager_chain_ids``) in ``g``.
    with current_app.test_request_context(), db.session.no_autoflush:
        try:
            _load(org, progress)
        finally:
            g.pop("_manager_chain", None)  # g may outlive the request context


def _load(org: DemoOrg, progress) -> None:
    import random

    dd = DevDemo.cast(org, random.Random(2028))
    now = dd.now
    ensure_question_bank()
    settings.add_question_topic(dd.hr, HR_TOPIC)
    settings.update_policy(dd.hr, POLICY, now=at(dd.today - timedelta(days=330), 10))
    import_all(dd)
    progress("development policy, question bank and contacts")
    chain_owners = load_interviews(dd)
    load_corrections(dd)
    progress("informational interviews")
    assign_targets(dd, chain_owners)
    load_activities(dd)
    backdate_rows(now)
    progress("development activities")
