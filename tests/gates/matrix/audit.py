"""Matrix rows for the audit trail: the page, its CSV and the API list are HR's and the
admin's (each sees their own scope); everyone else gets 403. Read-only: no write route.
"""

from tests.gates.matrix import only
from tests.gates.matrix.api_reviews import api_only

READERS = ("hr", "admin")

ROWS = {
    ("GET", "/admin/audit"): only(READERS, 200),
    ("GET", "/admin/audit.csv"): only(READERS, 200),
    ("GET", "/api/v1/audit-events"): api_only(READERS, 200),
}
