"""Matrix rows for the notifications API: the caller's own notifications and settings.

Emma's notification answers 404 to everyone but her. A bodiless PUT of the settings is
a validation failure (422) for every signed-in caller.
"""

from tests.gates.matrix.api_reviews import api_everyone as _everyone

N = "/api/v1/notifications"


def api_everyone(status: int, **overrides) -> dict:
    return {**_everyone(status), **overrides}


ROWS = {
    ("GET", N): api_everyone(200),
    ("POST", N + "/<int:notification_id>/read"): api_everyone(404, employee=200),
    ("POST", N + "/read-all"): api_everyone(204),
    ("GET", "/api/v1/notification-preferences"): api_everyone(200),
    ("PUT", "/api/v1/notification-preferences"): api_everyone(422),
}
