"""Gate: a SCIM token opens nothing but /scim/v2.

Every route of the authorization matrix outside /scim/v2, requested with a live SCIM
token as the only credential, answers exactly as it answers an anonymous caller (the
row's ``anonymous`` status: 401 on the API, the sign-in redirect on pages). The other
half — only a SCIM token opens /scim/v2 — is the matrix's own /scim/v2 rows (401 for
every session) and ``tests/scim/test_authentication.py`` (API and personal tokens).
"""

import pytest

from tests.conftest import bearer
from tests.gates.matrix.params import fill
from tests.gates.test_authorization_matrix import IF_MATCH_ACTIONS, ROWS
from tests.scim.conftest import scim_headers

CASES = [
    pytest.param(method, rule, row["anonymous"], id=f"{method} {rule}")
    for (method, rule), row in sorted(ROWS.items())
    if not rule.startswith("/scim/")
]


@pytest.mark.parametrize(("method", "rule", "status"), CASES)
def test_a_scim_token_is_anonymous_everywhere_else(client, org, method, rule, status):
    url = fill(rule, org)
    headers = scim_headers(org.admin)
    kwargs = {}
    if rule.startswith("/api/v1/"):
        if method == "PATCH":
            etag = client.get(url, headers=bearer(org.hr)).headers.get("ETag")
            headers["If-Match"] = etag
        elif method == "POST" and rule.rsplit("/", 1)[1] in IF_MATCH_ACTIONS:
            parent = url.rsplit("/", 1)[0]
            etag = client.get(parent, headers=bearer(org.hr)).headers.get("ETag")
            headers["If-Match"] = etag
        if method in ("POST", "PUT", "PATCH"):
            kwargs["json"] = {}
    else:
        headers.pop("Content-Type")
    response = client.open(url, method=method, headers=headers, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
