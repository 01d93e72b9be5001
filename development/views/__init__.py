"""HTML pages of the development area: my activities and learning record, the interviews
board and interview steps, contacts (with the LinkedIn import), team development for
managers, and HR's question bank and policy.

One blueprint, ``development`` (url prefix ``/development``), cut into modules by noun.
Every handler: load (404 when the caller may not see it) → check (403/409, before the
input is read) → validate with the API's schema (422, errors inline) → service → commit
→ flash → redirect. A stale ``version`` is a 409 conflict page, never an overwrite.

Decisions the brief left open:
- Private interview notes reach a template only as ``private_notes``, which the view sets
  from ``permissions.can_read_private_notes``; for anyone else it is ``None``.
- Interview times are entered and shown in UTC (the stored time zone), labelled so.
- The contacts import posts the CSV text back from the preview page as a hidden field,
  so the confirm step re-checks exactly what was previewed and writes nothing on errors.
"""

from flask import Blueprint

bp = Blueprint("development", __name__, url_prefix="/development")

from development.views import (  # noqa: E402, F401
    activities,
    contacts,
    edits,
    interview_actions,
    interview_steps,
    interviews,
    mentorships,
    settings,
    suggestions,
    team,
)
