"""Matrix rows for the goal, training-need and gap pages (``reviews.views.goals``,
``goal_forms``, ``team_goals``, ``needs``, ``team_needs``, ``gaps``).

Placeholders (``tests.gates.matrix.params``): ``goal_id`` is Emma's active goal, aligned
to her manager's team goal; ``need_id`` is Emma's need, named by her manager, in progress
with evidence (so verifiable). Peers, the other department's manager and the admin (no
employee record, not HR) may not see them: 404. Write rows carry no body, so an allowed
actor sees the validation failure (422) — except verify, which takes no input and
succeeds for a manager or HR (302); the owner may never verify or drop (403).
Team pages are for managers (the gap and team-needs pages for HR too).
"""

from tests.gates.matrix import everyone, only

VIEWERS = ("employee", "manager", "ceo", "hr")
HIDDEN = ("peer", "other_manager", "admin")
MANAGERS = ("manager", "ceo", "other_manager")


def emma_row(**statuses) -> dict:
    """Emma's goal or need: hidden actors 404, anonymous 302, the rest as given."""
    row = dict.fromkeys(HIDDEN, 404)
    row["anonymous"] = 302
    for actor in VIEWERS:
        row[actor] = statuses.get(actor, 403)
    return row


SIGNED_IN_PEOPLE = ("employee", "peer", "manager", "ceo", "other_manager", "hr")

ROWS = {
    # --- goals ----------------------------------------------------------------------
    ("GET", "/reviews/goals"): everyone(200),
    ("GET", "/reviews/goals/new"): only(SIGNED_IN_PEOPLE, 200),
    ("POST", "/reviews/goals/new"): only(SIGNED_IN_PEOPLE, 422),
    ("GET", "/reviews/goals/<int:goal_id>"): emma_row(
        employee=200, manager=200, ceo=200, hr=200
    ),
    ("GET", "/reviews/goals/<int:goal_id>/edit"): emma_row(
        employee=200, manager=200, ceo=200, hr=200
    ),
    ("POST", "/reviews/goals/<int:goal_id>/edit"): emma_row(
        employee=422, manager=422, ceo=422, hr=422
    ),
    ("POST", "/reviews/goals/<int:goal_id>/check-ins"): emma_row(
        employee=422, manager=422, ceo=422, hr=422
    ),
    # Emma's own check-in: she deletes it (302); others who may check in may not.
    ("POST", "/reviews/goals/<int:goal_id>/check-ins/<int:check_in_id>/delete"): (
        emma_row(employee=302)
    ),
    ("GET", "/reviews/goals/team"): only(MANAGERS, 200),
    ("POST", "/reviews/goals/bulk-assign"): only(MANAGERS, 422),
    # --- training needs -------------------------------------------------------------
    ("GET", "/reviews/needs"): everyone(200),
    ("GET", "/reviews/needs/team"): only((*MANAGERS, "hr"), 200),
    ("GET", "/reviews/needs/new"): only((*MANAGERS, "hr"), 200),
    ("POST", "/reviews/needs/new"): only((*MANAGERS, "hr"), 422),
    ("GET", "/reviews/needs/<int:need_id>"): emma_row(
        employee=200, manager=200, ceo=200, hr=200
    ),
    ("POST", "/reviews/needs/<int:need_id>/evidence"): emma_row(
        employee=422, manager=422, ceo=422, hr=422
    ),
    ("POST", "/reviews/needs/<int:need_id>/verify"): emma_row(
        manager=302, ceo=302, hr=302
    ),
    ("POST", "/reviews/needs/<int:need_id>/drop"): emma_row(
        manager=422, ceo=422, hr=422
    ),
    # --- gaps -----------------------------------------------------------------------
    ("GET", "/reviews/gaps"): only((*MANAGERS, "hr"), 200),
    ("POST", "/reviews/gaps/propose"): only((*MANAGERS, "hr"), 422),
}
