"""Matrix rows for the development pages (``development.views``).

Placeholders (``tests.gates.matrix.params``): ``activity_id`` is Emma's completed course
(no evidence file, so the file route is 404 for everyone), ``interview_id`` her interview
idea, ``suggestion_id`` an open suggestion her manager made to her. Peers, the other
department's manager and the admin (no employee record, not HR) may not see Emma's
records: 404. Her managers and HR read them (403 on the owner's forms). Steps that are
not open while the interview is an idea answer 409 to the owner — the state is checked
before the (empty) input is read. The admin has no employee record: 403 where one is needed.
"""

from tests.gates.matrix import everyone, only

VIEWERS = ("employee", "manager", "ceo", "hr")
HIDDEN = ("peer", "other_manager", "admin")
PEOPLE = ("employee", "peer", "manager", "ceo", "other_manager", "hr")
MANAGERS = ("manager", "ceo", "other_manager")


def emma(employee: int, readers: int = 403, **statuses) -> dict:
    """Emma's activity or interview: hidden actors 404, her readers ``readers``."""
    row = dict.fromkeys(HIDDEN, 404)
    row["anonymous"] = 302
    row.update(dict.fromkeys(("manager", "ceo", "hr"), readers))
    row["employee"] = employee
    row.update(statuses)
    return row


def hers(status: int) -> dict:
    """A suggestion made to Emma: hers alone, 404 to everyone else."""
    return everyone(404, employee=status)


A = "/development/activities/<int:activity_id>"
IV = "/development/interviews/<int:interview_id>"
S = "/development/suggestions/<int:suggestion_id>"
C = "/development/contacts/<int:contact_id>"
M = "/development/mentorships/<int:mentorship_id>"

ROWS = {
    ("GET", "/development"): everyone(200),
    ("GET", "/development/activities/new"): only(PEOPLE, 200),
    ("POST", "/development/activities/new"): only(PEOPLE, 422),
    ("GET", A + "/edit"): emma(200),
    ("POST", A + "/edit"): emma(422),
    ("GET", A + "/evidence"): emma(404, 404),
    ("POST", A + "/verify"): emma(403, manager=302),
    ("POST", A + "/delete"): emma(302),  # Emma's course, just entered: deleted
    ("GET", "/development/interviews"): everyone(200),
    ("GET", "/development/interviews/new"): only(PEOPLE, 200),
    ("POST", "/development/interviews/new"): only(PEOPLE, 302),
    ("POST", "/development/contacts"): only(PEOPLE, 422),
    ("GET", "/development/contacts/import"): only(PEOPLE, 200),
    ("POST", "/development/contacts/import"): only(PEOPLE, 422),
    ("GET", C + "/edit"): hers(200),
    ("POST", C + "/edit"): hers(422),
    ("POST", C + "/delete"): hers(302),
    ("GET", IV): emma(200, 200),
    ("GET", IV + "/edit"): emma(200),
    ("POST", IV + "/edit"): emma(422),
    ("GET", IV + "/ics"): emma(404, 404),
    ("POST", IV + "/outreach"): emma(422),
    ("POST", IV + "/prepare"): emma(302),
    ("POST", IV + "/schedule"): emma(409),
    ("POST", IV + "/complete"): emma(409),
    ("POST", IV + "/follow-up"): emma(409),
    ("POST", IV + "/close"): emma(422),
    ("POST", IV + "/referrals"): emma(409),
    ("POST", IV + "/mentorship"): emma(409),
    ("POST", IV + "/sessions"): emma(409),
    ("POST", IV + "/approve"): emma(403, manager=409, ceo=409),
    # Emma's mentorship: her peer is its mentor, so he reads it (never writes).
    ("GET", M): emma(200, 200, peer=200),
    ("POST", M + "/plan"): emma(422, peer=403),
    ("POST", M + "/sessions"): emma(422, peer=403),
    ("GET", "/development/team"): only(MANAGERS, 200),
    ("POST", "/development/team/verify"): only(MANAGERS, 422),  # nothing chosen
    ("POST", "/development/suggestions"): only(MANAGERS, 422),
    # Without ?review_id / ?need_id: the plain form for any report (tests of the
    # review and need origins: tests/development/views/test_suggestion_form.py).
    ("GET", "/development/suggestions/new"): only(MANAGERS, 200),
    ("POST", "/development/suggestions/new"): only(MANAGERS, 422),
    ("POST", S + "/accept"): hers(302),
    ("POST", S + "/dismiss"): hers(302),
    ("GET", "/development/question-bank"): only(("hr",), 200),
    ("POST", "/development/question-bank"): only(("hr",), 422),
    ("GET", "/development/policy"): only(("hr",), 200),
    ("POST", "/development/policy"): only(("hr",), 422),
}
