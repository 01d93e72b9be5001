"""Matrix rows for home's API: the caller's own to-do list (``home.api``).

Everyone signed in gets their own list (possibly empty); nobody reads another's.
"""

from tests.gates.matrix.api_reviews import api_everyone

ROWS = {
    ("GET", "/api/v1/me/todos"): api_everyone(200),
}
