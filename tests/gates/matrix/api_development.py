"""Matrix rows for the development API.

The placeholders name ``params.py``'s development worlds: Emma's completed course
(her direct manager verifies it: 200; the CEO and HR see it but may not: 403), Emma's
interview (an idea: the bodiless steps answer 422 for her, or 409 where the body has
defaults but the state forbids the move; ``/prepare`` succeeds), and an open
suggestion her manager made to her. The course has no evidence file, so downloading
answers 404 to everyone who may see it. Callers who may not see Emma's things (peer,
the other department's manager, the admin without an employee record) get 404.

``IF_MATCH_ACTIONS``: the interview steps that need ``If-Match`` (``verify`` is already
in the goals set).
"""

from tests.gates.matrix.api_goals import WITH_EMPLOYEE_RECORD, on_emmas, seers
from tests.gates.matrix.api_reviews import api_everyone, api_only

IF_MATCH_ACTIONS = {
    "request",
    "schedule",
    "approve",
    "prepare",
    "complete",
    "follow-up",
    "close",
    "mentorship",
}

A = "/api/v1/activities/<int:activity_id>"
M = "/api/v1/activities/<int:mentorship_id>"
IV = "/api/v1/interviews/<int:interview_id>"
S = "/api/v1/interview-suggestions/<int:suggestion_id>"
C = "/api/v1/contacts/<int:contact_id>"
MANAGERS = ("manager", "ceo", "other_manager")
LEARNING_READERS = ("employee", "manager", "ceo", "hr")


def owner(status: int) -> dict:
    """Emma's own step: she gets ``status``; her managers and HR 403."""
    return on_emmas(employee=status)


def emmas_contact(status: int) -> dict:
    """Emma's contact: hers alone; everyone else is told it does not exist (404)."""
    return on_emmas(**dict.fromkeys(("manager", "ceo", "hr"), 404), employee=status)


def on_suggestion(**statuses) -> dict:
    """Visible to Emma, her managers and HR (403 unless named), else 404."""
    return on_emmas(**statuses)


ROWS = {
    ("GET", "/api/v1/activities"): api_everyone(200),
    ("POST", "/api/v1/activities"): api_only(WITH_EMPLOYEE_RECORD, 422),
    ("GET", A): seers(200),
    ("PATCH", A): owner(200),
    # No If-Match: the owner is told to send one (nothing is deleted here).
    ("DELETE", A): owner(428),
    ("POST", A + "/verify"): on_emmas(manager=200),
    ("GET", A + "/evidence-file"): seers(404),
    ("POST", A + "/evidence-file"): owner(422),
    # Emma's mentorship: her peer Piet is its mentor, so he reads it (never writes).
    ("GET", M + "/mentorship"): seers(200, peer=200),
    ("PATCH", M + "/mentorship"): on_emmas(employee=200, peer=403),
    ("GET", M + "/sessions"): seers(200, peer=200),
    ("POST", M + "/sessions"): on_emmas(employee=422, peer=403),
    ("GET", "/api/v1/interviews"): api_everyone(200),
    ("POST", "/api/v1/interviews"): api_only(WITH_EMPLOYEE_RECORD, 201),
    ("GET", IV): seers(200),
    ("PATCH", IV): owner(200),  # an idea; the empty body changes nothing
    ("GET", IV + "/outreach-draft"): owner(200),
    ("GET", IV + "/ics"): owner(422),
    ("GET", IV + "/referrals"): seers(200),
    ("POST", IV + "/referrals"): owner(422),
    ("POST", IV + "/request"): owner(422),
    ("POST", IV + "/schedule"): owner(422),
    ("POST", IV + "/approve"): on_emmas(manager=409, ceo=409),
    ("POST", IV + "/prepare"): owner(200),
    ("POST", IV + "/complete"): owner(409),
    ("POST", IV + "/follow-up"): owner(422),
    ("POST", IV + "/close"): owner(422),
    ("POST", IV + "/mentorship"): owner(409),
    ("GET", "/api/v1/contacts"): api_everyone(200),
    ("POST", "/api/v1/contacts"): api_only(WITH_EMPLOYEE_RECORD, 422),
    ("GET", C): emmas_contact(200),
    ("PATCH", C): emmas_contact(200),
    ("DELETE", C): emmas_contact(204),
    ("POST", "/api/v1/contacts/import"): api_only(WITH_EMPLOYEE_RECORD, 422),
    ("GET", "/api/v1/question-bank"): api_everyone(200),
    ("POST", "/api/v1/question-bank"): api_only(("hr",), 422),
    ("GET", "/api/v1/people/<int:person_id>/learning-record"): api_only(
        LEARNING_READERS, 200
    ),
    ("GET", "/api/v1/interview-suggestions"): api_everyone(200),
    ("POST", "/api/v1/interview-suggestions"): api_only(MANAGERS, 422),
    ("POST", S + "/accept"): on_suggestion(employee=201),
    ("POST", S + "/dismiss"): on_suggestion(employee=200),
    ("GET", "/api/v1/development-policy"): api_everyone(200),
    ("PATCH", "/api/v1/development-policy"): api_only(("hr",), 200),
}
