"""Matrix rows for company sign-in (auth.oidc_views): the redirect to the OpenID
provider and the provider's way back.

The gate's app has no provider configured, so both routes are 404 for everyone —
company sign-in is off unless its settings are there. With a provider (a real one, in
``tests/auth/test_oidc.py::test_the_routes_answer_every_actor_alike``) anonymous gets
302 to the provider and 403 at a callback without its state, and every signed-in actor
is sent home (302): the routes grant nothing a session does not already have.
"""

from tests.gates.matrix import ACTORS, everyone

ROWS = {
    ("GET", "/login/oidc"): everyone(404, anonymous=404),
    ("GET", "/login/oidc/callback"): everyone(404, anonymous=404),
}
assert all(set(row) == set(ACTORS) for row in ROWS.values())
