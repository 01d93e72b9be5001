"""scim2-tester, the SCIM conformance suite, against a live Trellis over HTTP: every
check it runs (discovery, the Users resource's create, read, list, search, replace,
delete and PATCH add/remove/replace of each attribute) passes; none fails or errors.
"""

import httpx
from scim2_tester import Status, check_server

from core.extensions import db
from scim.tokens import create_token
from tests.scim.live import HttpxSCIMClient, live_trellis


def _token(app) -> str:
    with app.app_context():
        secret, _ = create_token(None, "scim2-tester")
        db.session.commit()
        db.session.remove()
    return secret


def test_scim2_tester_finds_no_failure():
    with live_trellis() as (app, url):
        secret = _token(app)
        http = httpx.Client(
            base_url=f"{url}/scim/v2", headers={"Authorization": f"Bearer {secret}"}
        )
        with http:
            results = check_server(HttpxSCIMClient(http))

    failed = [r for r in results if r.status is not Status.SUCCESS]
    summary = {s.name: sum(r.status is s for r in results) for s in Status}
    print("scim2-tester:", summary)
    assert not failed, "\n".join(f"{r.title}: {r.reason}" for r in failed)
    ran = {r.title for r in results if r.status is Status.SUCCESS}
    assert len(ran) > 10 and summary["SUCCESS"] > 30, summary
