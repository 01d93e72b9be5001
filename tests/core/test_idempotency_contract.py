"""Every API POST documents and honours ``Idempotency-Key`` (``core.idempotency``),
so a new endpoint cannot forget it: the walk goes over the OpenAPI document and the
URL map, not over a list kept by hand. The exceptions: the token exchange (it is
public: there is no user to scope a key by) and creating a personal access token (its
answer holds the secret, which must not be stored)."""

import re

import pytest
import sqlalchemy as sa
from flask import request

from core.api import ApiBlueprint
from core.extensions import db
from core.idempotency import HEADER, IdempotencyRecord, request_fingerprint
from tests.conftest import bearer
from tests.gates.matrix.params import fill

# The token exchange, and the one answer holding a secret shown once (a new personal
# access token): a replay would keep the secret in the database for a day.
EXEMPT = {"/api/v1/tokens", "/api/v1/personal-tokens"}
ROLES = ("employee", "manager", "hr", "admin")


def _spec(app) -> dict:
    return app.test_client().get("/api/v1/openapi.json").get_json()


def _posts(app) -> list[str]:
    return sorted(path for path, item in _spec(app)["paths"].items() if "post" in item)


def _total_rows() -> int:
    """Rows in every table but the idempotency records, in one statement."""
    tables = [
        t
        for t in db.metadata.sorted_tables
        if t.name != IdempotencyRecord.__tablename__
    ]
    counts = [
        sa.select(sa.func.count()).select_from(t).scalar_subquery() for t in tables
    ]
    return db.session.scalar(sa.select(sum(counts[1:], counts[0])))


def test_every_post_but_the_token_exchange_documents_the_header(app):
    spec = _spec(app)
    header = spec["components"]["parameters"]["IDEMPOTENCY_KEY"]
    assert header["name"] == HEADER and header["in"] == "header"
    assert header["schema"]["maxLength"] == 255 and header["schema"]["minLength"] == 1
    assert header["schema"]["pattern"]
    ref = {"$ref": "#/components/parameters/IDEMPOTENCY_KEY"}
    missing = []
    for path in _posts(app):
        operation = spec["paths"][path]["post"]
        documented = ref in operation.get("parameters", [])
        answers = {"409", "422"} <= set(operation["responses"])
        if (documented and answers) == (path in EXEMPT):
            missing.append(path)
    assert missing == []


def test_every_post_under_the_api_is_in_the_document_and_on_an_api_blueprint(app):
    documented = set(_posts(app))
    strays = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
        blueprint = app.blueprints.get(rule.endpoint.rsplit(".", 1)[0])
        if path not in documented or not isinstance(blueprint, ApiBlueprint):
            strays.append(rule.rule)
    assert strays == []


@pytest.mark.parametrize("malformed", ["", "x" * 256])
def test_every_post_refuses_a_malformed_key(app, client, org, malformed):
    """Before any input is read — for everyone the role gate lets through."""
    refused = []
    for path in sorted(set(_posts(app)) - EXEMPT):
        url = fill(re.sub(r"\{([a-z_]+)\}", r"<\1>", path), org)
        for role in ROLES:
            headers = {**bearer(org.actor(role)), HEADER: malformed}
            response = client.post(url, json={}, headers=headers)
            if response.status_code != 403:
                break
        if response.status_code != 422 or HEADER not in response.get_json()["errors"]:
            refused.append((path, response.status_code))
    assert refused == []


def test_every_post_answers_a_repeated_key_from_its_record_and_does_nothing(
    app, client, org
):
    """A record for the caller's key and this very request holds a (marked) answer:
    each POST gives it back instead of running — whatever its body would have done."""
    not_replayed = []
    for path in sorted(set(_posts(app)) - EXEMPT):
        url = fill(re.sub(r"\{([a-z_]+)\}", r"<\1>", path), org)
        for role in ROLES:
            user = org.actor(role)
            key = f"walk-{role}-{path}"[:255]
            with app.test_request_context(url, method="POST", json={}):
                fingerprint = request_fingerprint(request)
            db.session.add(
                IdempotencyRecord(
                    user_id=user.id,
                    key=key,
                    request_hash=fingerprint,
                    status_code=299,
                    body=f'{{"replayed": "{path}"}}'.encode(),
                    headers={"Content-Type": "application/json"},
                )
            )
            headers = {**bearer(user), HEADER: key}
            before = _total_rows()  # after the token row bearer() adds
            response = client.post(url, json={}, headers=headers)
            if response.status_code != 403:
                break
        replayed = response.status_code == 299 and response.get_json() == {
            "replayed": path
        }
        if not replayed or _total_rows() != before:
            not_replayed.append((path, response.status_code))
    assert not_replayed == []
