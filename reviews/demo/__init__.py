"""Demo reviews, goals and training needs: two templates, two closed half-year cycles,
one active cycle, and an aligned goal tree for the current period.

Runs inside ``people.demo.load_demo`` after the people loaders, on the same ``DemoOrg`` and
its seeded rng. It is registered at app start-up (``register_demo_loader``, called from
``app._register_cli``) so that people never imports reviews. Everything goes through the
review services with back-dated ``now=`` timestamps, so audit events, assessed skill
levels, training needs, need evidence, goals, check-ins and quality flags are the real
ones.

- Templates (``cycles``): "Company review" (Delivery, Collaboration, Ownership,
  Communication) is used by every cycle; "Engineering review" (Python, System design,
  Testing, Giving feedback, each mapped to its skill) is used by two ad hoc reviews of
  recent hires in Engineering and so stays editable (no cycle locks it).
- Cycles (``walk``, ``active``): the half-year whose review season the load date falls
  in is active (``common.half_years``: the half in progress in its last quarter, else
  the one just ended; launched 18 days ago, the self-assessment was due 4 days ago)
  with reviews in every status; the two half-years before it are closed, every review
  walked self → manager → share → acknowledge, a few self-assessments skipped, a few
  "I disagree" with addenda. Loaded on 3 December 2026 these are "2025 H2", "2026 H1"
  (closed) and "2026 H2" (active).
- The demo employee's review awaits their self-assessment (a draft is saved); the demo
  manager's direct reports have reviews to write (self-assessment submitted), a draft to
  finish and one shared, awaiting acknowledgement.
- Low-information reviews, so the HR quality page has flags: the Operations team in the
  older closed cycle (every rating identical, no comments), the first Sales team in the
  newer one (a few words), the Marketing team in the active one.
- Outcomes (``outcomes``): training needs of the closed cycles end met (evidence linked
  by the owner, verified by the reviewer, skill level raised), in progress (evidence
  linked), dropped with a reason, or still open — most of those overdue; their goals got
  check-ins and were achieved, missed or dropped, or are still active with progress. The
  demo employee's team has needs in every status; the second Engineering team has
  role-profile gap proposals.
- Goals (``goals``): company → department → team → individual, each with check-ins.

THE CAUTIONARY DEPARTMENT is **Customer Success** (``CAUTIONARY_DEPARTMENT``): in both
closed cycles every review rated its person 4 or 5 overall and named training needs (the
same ones again the second time), and not one of those needs was ever acted on — all still
open, past due, without evidence. It is the case the HR decision-evidence report surfaces.

The prose lives in ``texts``, ``comments`` and ``goal_texts``; the parts of a review in
``parts``; goal check-ins and need evidence in ``journeys``.
"""

from core.extensions import db
from people.demo import DEMO_LOADERS, DemoOrg
from reviews.demo.active import active_cycle, adhoc_reviews
from reviews.demo.backdate import backdate_rows
from reviews.demo.common import CAUTIONARY_DEPARTMENT, Demo, Half, half_years
from reviews.demo.cycles import create_templates
from reviews.demo.goals import goal_tree
from reviews.demo.outcomes import settle_outcomes, team_needs
from reviews.demo.walk import closed_cycle

__all__ = [
    "CAUTIONARY_DEPARTMENT",
    "Demo",
    "Half",
    "half_years",
    "load_reviews",
    "register_demo_loader",
]


def register_demo_loader() -> None:
    """Add the reviews loader to ``people.demo.DEMO_LOADERS`` (idempotent)."""
    if load_reviews not in DEMO_LOADERS:
        DEMO_LOADERS.append(load_reviews)


def load_reviews(org: DemoOrg, progress) -> None:
    """The reviews demo: templates, two closed cycles, one active, ad hoc reviews,
    the goal tree and the needs of today."""
    # The services flush when they are done; skipping autoflush before their reads
    # roughly halves the time and changes nothing they read.
    with db.session.no_autoflush:
        _load(org, progress)


def _load(org: DemoOrg, progress) -> None:
    demo = Demo.cast(org, org.rng)
    for person in org.people:
        if demo.cautionary(person):
            demo.level[person.id] = demo.rng.uniform(4.3, 4.8)
        else:
            demo.level[person.id] = demo.rng.choice([2.4, 3.0, 3.2, 3.5, 3.8, 4.1, 4.5])
    older, newer, current = half_years(demo.today)
    create_templates(demo, older)
    progress("review templates")
    closed_cycle(demo, older, low_info="Operations Director", terse=None)
    progress(f"review cycle {older.name} (closed)")
    closed_cycle(demo, newer, low_info=None, terse="Sales Manager")
    settle_outcomes(demo)
    progress(f"review cycle {newer.name} (closed)")
    active_cycle(demo, current)
    adhoc_reviews(demo)
    progress(f"review cycle {current.name} (active)")
    goal_tree(demo)
    team_needs(demo)
    backdate_rows()
    progress("goals and training needs")
