"""Matrix rows for personal access tokens: ``/account/tokens`` and
``/api/v1/personal-tokens``.

Everyone has a list of their own and may make tokens (a bodiless create is a 422).
``token_id`` is Emma's personal access token: hers alone — everyone else gets 404, as if
it did not exist. Rows are for session credentials; a read-only personal token's row
for every unsafe API route is ``test_a_read_only_personal_token_changes_nothing``
(403 for every actor), and a personal token managing personal tokens is 403
(``tests/auth/test_personal_tokens.py``).
"""

from tests.gates.matrix import everyone
from tests.gates.matrix.api_reviews import api_everyone

P = "/api/v1/personal-tokens"

ROWS = {
    ("GET", "/account/tokens"): everyone(200),
    ("POST", "/account/tokens"): everyone(422),
    ("POST", "/account/tokens/<int:token_id>/revoke"): everyone(404, employee=302),
    ("GET", P): api_everyone(200),
    ("POST", P): api_everyone(422),
    ("DELETE", P + "/<int:token_id>"): {**api_everyone(404), "employee": 204},
}
