"""Matrix rows for the reports: the dashboard, each report's page and CSV, and its API.

HR and anyone who manages someone (manager, CEO, the other department's manager) may
open every report — a manager's figures cover their own subtree, which the report
tests check; the employee, their peer and the admin (no employee record, not HR) get
403. Anonymous callers are sent to the login page (HTML) or get 401 (API).
"""

from reports.registry import REPORTS
from tests.gates.matrix import only
from tests.gates.matrix.api_reviews import api_only

READERS = ("manager", "ceo", "other_manager", "hr")

ROWS = {("GET", "/reports"): only(READERS, 200)}
for _slug in REPORTS:
    ROWS[("GET", f"/reports/{_slug}")] = only(READERS, 200)
    ROWS[("GET", f"/reports/{_slug}.csv")] = only(READERS, 200)
    ROWS[("GET", f"/api/v1/reports/{_slug}")] = api_only(READERS, 200)
ROWS[("GET", "/reports/decision-evidence.zip")] = only(READERS, 200)  # with packs
