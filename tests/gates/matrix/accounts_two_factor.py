"""Matrix rows for two-factor sign-in (auth.two_factor_views): each account's own
set-up page, the code step of the sign-in, and the admin's reset.

Requests carry no body: the account's own forms answer an empty form with 422 (the
field errors), for everyone signed in — every account may turn it on. The code step
belongs to no session: without a correct password a moment ago it sends everyone back
to the sign-in page (signed in: on to the home page). The reset is the admins' alone;
Emma (the placeholder's account) has no second factor, so an admin gets 409.
"""

from tests.gates.matrix import everyone, only

ROWS = {
    ("GET", "/account/two-factor"): everyone(200),
    ("POST", "/account/two-factor"): everyone(422),
    ("POST", "/account/two-factor/disable"): everyone(422),
    ("POST", "/account/two-factor/recovery-codes"): everyone(422),
    ("GET", "/login/code"): everyone(302, anonymous=302),
    ("POST", "/login/code"): everyone(302, anonymous=302),
    ("POST", "/admin/accounts/<int:user_id>/two-factor/reset"): only(("admin",), 409),
}
