"""Provisioning entries of the query-budget gate (merged into ``test_query_budget``).

The admin page "Sign-in and provisioning" is budgeted here like every page. The
``/scim/v2`` routes take a SCIM token, not the session or API token the gate sends, so
they are excused here and budgeted in ``tests/scim/test_query_budget.py`` (the Users
list at 10 and 100 people: the same statements, whatever the page size).
"""

BUDGET = {"/admin/sign-in": "admin"}

_SCIM = "a SCIM-token route: budgeted in tests/scim/test_query_budget.py"
NOT_A_LIST = dict.fromkeys(
    (
        "/scim/v2/",
        "/scim/v2/<path:rest>",
        "/scim/v2/ServiceProviderConfig",
        "/scim/v2/ResourceTypes",
        "/scim/v2/ResourceTypes/<key>",
        "/scim/v2/Schemas",
        "/scim/v2/Schemas/<key>",
        "/scim/v2/Users",
        "/scim/v2/Users/<user_id>",
    ),
    _SCIM,
)
