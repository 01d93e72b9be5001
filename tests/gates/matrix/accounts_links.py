"""Matrix rows for invitations and password reset: HR's and admins' invite buttons and
API, and the emailed-link pages anyone may open (no sign-in: the token is the key).

The link pages are filled with a valid token (``invite_token``, ``reset_token``): GET
shows the form (200) to every actor, an empty POST is the form's 422. The write rows
name Emma, who has an account: an allowed actor's invitation is refused (HTML: a flash
and 303 back; API: 409), and she has no pending invitation to withdraw (303 / 409).
"""

from tests.gates.matrix import ACTORS, everyone, only

INVITERS = ("hr", "admin")
API = 401

ROWS = {
    ("POST", "/people/<int:person_id>/invitation"): only(INVITERS, 303),
    ("POST", "/people/<int:person_id>/invitation/revoke"): only(INVITERS, 303),
    ("POST", "/people/invitations"): only(INVITERS, 303),
    ("GET", "/invitation/<invite_token>"): everyone(200, anonymous=200),
    ("POST", "/invitation/<invite_token>"): everyone(422, anonymous=422),
    ("GET", "/password-reset"): everyone(200, anonymous=200),
    ("POST", "/password-reset"): everyone(422, anonymous=422),
    ("GET", "/password-reset/<reset_token>"): everyone(200, anonymous=200),
    ("POST", "/password-reset/<reset_token>"): everyone(422, anonymous=422),
    ("POST", "/api/v1/people/<int:person_id>/invitation"): only(
        INVITERS, 409, anonymous=API
    ),
    ("DELETE", "/api/v1/people/<int:person_id>/invitation"): only(
        INVITERS, 409, anonymous=API
    ),
}
assert all(set(row) == set(ACTORS) for row in ROWS.values())


def invite_token(org) -> str:
    """A valid invitation (from HR) of a new person without an account."""
    from auth.invitations import invite_person
    from tests.factories import make_employee

    token, _ = invite_person(org.hr, make_employee(name="Ivy Invited"))
    return token


def reset_token(org) -> str:
    """A valid password-reset link of Emma's account."""
    from auth.links import new_link
    from auth.resets import RESET_LIFETIME
    from people.enums import LinkPurpose

    token, _ = new_link(
        LinkPurpose.reset,
        email=org.employee.email,
        user_id=org.employee.id,
        lifetime=RESET_LIFETIME,
    )
    return token
