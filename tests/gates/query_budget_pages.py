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
    "/reviews/settings": "hr",
    "/reviews/goals": "employee",
    "/reviews/goals/new": "manager",
    "/reviews/goals/<int:goal_id>": "manager",
    "/reviews/goals/<int:goal_id>/edit": "manager",
    "/reviews/goals/team": "manager",
    "/reviews/needs": "employee",
    "/reviews/needs/team": "manager",
    "/reviews/needs/new": "manager",
    "/reviews/needs/<int:need_id>": "manager",
    "/reviews/gaps": "manager",
    "/development": "employee",
    "/development/activities/new": "employee",
    "/development/activities/<int:activity_id>/edit": "employee",
    "/development/interviews": "employee",
    "/development/interviews/new": "employee",
    "/development/contacts/import": "employee",
    "/development/interviews/<int:interview_id>": "employee",
    "/development/team": "manager",
    "/development/question-bank": "hr",
    "/development/policy": "hr",
}

# GET routes that are files, not pages (their rows are in ``NOT_A_LIST``).
NOT_PAGES = {
    "/development/activities/<int:activity_id>/evidence": "a file (one activity)",
    "/development/interviews/<int:interview_id>/ics": "a file (one interview)",
}
