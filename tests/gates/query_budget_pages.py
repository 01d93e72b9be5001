"""HTML pages in the query-budget gate (``tests/gates/test_query_budget.py``).

rule -> the actor who views it (the one who sees the most). Form pages are budgeted too:
their selects (departments, managers, skills) are one query each, however long.
"""

BUDGET_PAGES = {
    "/": "ceo",
    "/people": "hr",
    "/people/<int:person_id>": "manager",
    "/people/new": "hr",
    "/people/<int:person_id>/edit": "hr",
    "/departments": "hr",
    "/departments/<int:department_id>": "hr",
    "/departments/new": "hr",
    "/departments/<int:department_id>/edit": "hr",
    "/skills": "hr",
    "/skills/new": "hr",
    "/skills/<int:skill_id>/edit": "hr",
    "/role-profiles": "hr",
    "/role-profiles/<int:profile_id>": "hr",
    "/role-profiles/new": "hr",
    "/role-profiles/<int:profile_id>/edit": "hr",
    "/admin/accounts": "admin",
    "/reviews": "manager",
    "/reviews/<int:review_id>": "hr",
    "/reviews/<int:review_id>/self-assessment": "employee",
    "/reviews/<int:review_id>/manager-assessment": "manager",
    "/reviews/cycles": "hr",
    "/reviews/cycles/new": "hr",
    "/reviews/cycles/<int:cycle_id>": "hr",
    "/reviews/cycles/<int:cycle_id>/edit": "hr",
    "/reviews/templates": "hr",
    "/reviews/templates/new": "hr",
    "/reviews/templates/<int:template_id>/edit": "hr",
    "/reviews/quality": "hr",
}
