"""Matrix rows for a person's own time zone (``/account/time-zone``).

Every signed-in account sees the page (an account without a person reads that its pages
use the organisation's zone); a person's bodiless POST is a 422 (the field is required,
empty meaning the organisation's). The admin of the standard cast has no person: 403
before the form is read.
"""

from tests.gates.matrix import everyone

ROWS = {
    ("GET", "/account/time-zone"): everyone(200),
    ("POST", "/account/time-zone"): everyone(422, admin=403),
}
