"""Report entries of the query-budget gate (merged into ``test_query_budget``): the
dashboard, every report's page, CSV and API, viewed by HR (the whole organisation) and
by a manager (their subtree) — the statement count may not grow with the organisation.
Decision evidence is viewed by the manager: HR's version is the same statements."""

from reports.registry import REPORTS

BUDGET = {"/reports": "hr"}
for _slug in REPORTS:
    BUDGET[f"/reports/{_slug}"] = "hr"
    BUDGET[f"/reports/{_slug}.csv"] = "manager"
    BUDGET[f"/api/v1/reports/{_slug}"] = "ceo"
BUDGET["/reports/decision-evidence.zip"] = "manager"
NOT_A_LIST: dict = {}
