"""JSON API for development (blueprint ``development_api``, ``/api/v1``): activities,
informational interviews and their steps, contacts and the LinkedIn import, the question
bank, learning records, manager suggestions and the development policy.

Order of checks everywhere: 401 (no token) → 404 (may not see it) → 403 (may not do
it) → 428/412 (``If-Match`` on state-changing interview steps, activity edits and
verification, the policy) → 422 (input) → 409 (state). Each module states the
decisions the brief left open; the shared loaders and the role-shaped interview
payload are in ``development.api.blueprint``.

Interview responses are dumped in the resource by schema choice
(``interview_response``: ``InterviewOwnerSchema`` for the owner, ``InterviewSchema``
for anyone else) and carry the ``{id, version}`` ETag set by hand; ``@blp.response``
only documents the owner's shape, whose ``private_notes`` is optional.
"""

from development.api import (  # noqa: F401  (routes)
    activities,
    contacts,
    interview_actions,
    interviews,
    mentorships,
    settings,
)
from development.api.blueprint import blp

__all__ = ["blp"]
