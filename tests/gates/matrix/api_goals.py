"""Matrix rows for the goals and training-needs API.

The placeholders name ``params.py``'s goal and need worlds: Emma's goal, aligned to her
manager's team goal; Emma's need, named by her manager, in progress with evidence. Hence
the managers and HR verify it (200) while Emma may not (403). Callers who may not see
the goal or need get 404; bodiless writes by those allowed answer 422.

``IF_MATCH_ACTIONS``: POST actions that need ``If-Match``; the runner sends the current
ETag of the goal or need the action belongs to.
"""

from tests.gates.matrix.api_reviews import API, api_everyone, api_only

IF_MATCH_ACTIONS = {"check-ins", "verify", "drop"}

SEERS = ("employee", "manager", "ceo", "hr")  # Emma, her managers, HR
DECIDERS = ("manager", "ceo", "hr")  # verify / drop: never the owner
MANAGERS_AND_HR = ("manager", "ceo", "other_manager", "hr")
WITH_EMPLOYEE_RECORD = (
    "employee",
    "peer",
    "manager",
    "ceo",
    "other_manager",
    "hr",
)


def on_emmas(**statuses) -> dict:
    """Emma's goal or need: those who may not see it get 404, the others 403 unless
    named."""
    row = {
        "anonymous": API,
        "peer": 404,
        "other_manager": 404,
        "admin": 404,
        **dict.fromkeys(SEERS, 403),
    }
    row.update(statuses)
    return row


def seers(status: int, **overrides) -> dict:
    return on_emmas(**dict.fromkeys(SEERS, status), **overrides)


G = "/api/v1/goals/<int:goal_id>"
N = "/api/v1/training-needs/<int:need_id>"

ROWS = {
    ("GET", "/api/v1/goals"): api_everyone(200),
    ("POST", "/api/v1/goals"): api_only(WITH_EMPLOYEE_RECORD, 422),
    ("POST", "/api/v1/goals/bulk-assign"): api_only(MANAGERS_AND_HR, 422),
    ("GET", G): seers(200),
    ("PATCH", G): seers(200),
    ("GET", G + "/check-ins"): seers(200),
    ("POST", G + "/check-ins"): seers(422),
    # Emma's check-in; no If-Match, so whoever may check in is asked for one first
    # (the service then lets only its author delete it: tests/reviews/api).
    ("DELETE", G + "/check-ins/<int:check_in_id>"): seers(428),
    ("GET", "/api/v1/training-needs"): api_everyone(200),
    ("POST", "/api/v1/training-needs"): api_only(MANAGERS_AND_HR, 422),
    ("POST", "/api/v1/training-needs/propose"): api_only(MANAGERS_AND_HR, 422),
    ("GET", N): seers(200),
    ("POST", N + "/evidence"): seers(422),
    ("POST", N + "/verify"): on_emmas(**dict.fromkeys(DECIDERS, 200)),
    ("POST", N + "/drop"): on_emmas(**dict.fromkeys(DECIDERS, 422)),
    ("GET", "/api/v1/people/<int:person_id>/skill-gaps"): api_only(SEERS, 200),
}
