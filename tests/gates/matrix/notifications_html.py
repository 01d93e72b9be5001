"""Matrix rows for the notification centre and the admin jobs and outbox pages.

``notification_id`` is Emma's delivered notification: hers alone — everyone else gets 404,
as if it did not exist. Everyone has a centre and settings of their own (an empty
settings form is valid: it turns every optional kind off). ``message_id`` is its email
in the outbox; the outbox and the jobs page are the admin's.
"""

from tests.gates.matrix import everyone, only

ROWS = {
    ("GET", "/notifications"): everyone(200),
    ("POST", "/notifications/<int:notification_id>/read"): everyone(404, employee=302),
    ("POST", "/notifications/read-all"): everyone(302),
    ("GET", "/notifications/preferences"): everyone(200),
    ("POST", "/notifications/preferences"): everyone(302),
    ("GET", "/admin/outbox"): only(("admin",), 200),
    ("GET", "/admin/outbox/<int:message_id>"): only(("admin",), 200),
    ("GET", "/admin/jobs"): only(("admin",), 200),
}
