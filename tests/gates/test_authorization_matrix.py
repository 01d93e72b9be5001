"""Gate: every route and API operation has an expected status for every actor.

Rows live in ``tests/gates/matrix/<area>.py``. A route nobody classified fails
``test_every_route_is_classified``; each (route, method, actor) is then requested for real:
HTML as a signed-in session, ``/api/`` with the actor's bearer token. PATCH requests send
the current ETag in ``If-Match`` and an empty JSON body, so the status shows the
permission decision, not the precondition. POSTs to an action in ``IF_MATCH_ACTIONS``
likewise send the current ETag of the resource the action belongs to (and no body).
"""

import importlib
import pkgutil
import re

import pytest

import tests.gates.matrix as matrix_pkg
from app import create_app
from core.config import TestConfig
from tests.conftest import bearer, personal_bearer, sign_in
from tests.gates.matrix import ACTORS, api_development, api_goals, api_reviews
from tests.gates.matrix.params import fill

IF_MATCH_ACTIONS = (
    api_reviews.IF_MATCH_ACTIONS
    | api_goals.IF_MATCH_ACTIONS
    | api_development.IF_MATCH_ACTIONS
)

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def load_rows() -> dict:
    rows: dict = {}
    for info in pkgutil.iter_modules(matrix_pkg.__path__):
        if info.name == "params":
            continue
        module = importlib.import_module(f"tests.gates.matrix.{info.name}")
        for key, row in module.ROWS.items():
            assert key not in rows, f"{key} classified twice"
            rows[key] = row
    return rows


ROWS = load_rows()


def app_routes(app) -> set[tuple[str, str]]:
    return {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - IGNORED_METHODS
    }


def openapi_operations(app) -> set[tuple[str, str]]:
    """(method, flask rule) for every operation in the OpenAPI document."""
    with app.test_client() as client:
        doc = client.get("/api/v1/openapi.json").get_json()
    rules = {
        re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", r): r for _, r in app_routes(app)
    }
    ops = set()
    for path, item in doc["paths"].items():
        for method in item:
            if method in {"get", "post", "put", "patch", "delete"}:
                ops.add((method.upper(), rules.get(path, f"(not a route) {path}")))
    return ops


def unclassified(app, rows) -> set[tuple[str, str]]:
    return (app_routes(app) | openapi_operations(app)) - set(rows)


def test_every_route_is_classified(app):
    assert unclassified(app, ROWS) == set()


def test_no_row_names_a_route_that_does_not_exist(app):
    assert set(ROWS) - app_routes(app) == set()


def test_every_row_has_every_actor():
    incomplete = {key: sorted(set(ACTORS) - set(row)) for key, row in ROWS.items()}
    assert {k: v for k, v in incomplete.items() if v} == {}


def test_an_added_unclassified_route_fails_the_gate():
    app = create_app(TestConfig)
    app.add_url_rule("/new-unclassified", "new_unclassified", lambda: "hi")
    assert unclassified(app, ROWS) == {("GET", "/new-unclassified")}


CASES = [
    pytest.param(method, rule, actor, status, id=f"{method} {rule} as {actor}")
    for (method, rule), row in sorted(ROWS.items())
    for actor, status in row.items()
]


@pytest.mark.parametrize(("method", "rule", "actor", "status"), CASES)
def test_matrix(client, org, method, rule, actor, status):
    url = fill(rule, org)
    user = org.actor(actor)
    headers = {}
    kwargs = {}
    if rule.startswith("/api/v1/") and rule != "/api/v1/docs" and "docs/" not in rule:
        if user is not None:
            headers.update(bearer(user))
        if method == "PATCH":
            etag = client.get(url, headers=bearer(org.hr)).headers.get("ETag")
            headers["If-Match"] = etag
            kwargs["json"] = {}
        elif method == "POST" and rule.rsplit("/", 1)[1] in IF_MATCH_ACTIONS:
            parent = url.rsplit("/", 1)[0]
            etag = client.get(parent, headers=bearer(org.hr)).headers.get("ETag")
            headers["If-Match"] = etag
        if method in ("POST", "PUT"):
            # An empty JSON object: a missing body is a 422 where one is required.
            kwargs.setdefault("json", {})
    elif user is not None:
        sign_in(client, user)
    response = client.open(url, method=method, headers=headers, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:300]


UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
READ_ONLY_TOKEN_CASES = [
    pytest.param(method, rule, actor, id=f"{method} {rule} as {actor}, read-only PAT")
    for method, rule in sorted(ROWS)
    if method in UNSAFE_METHODS and rule.startswith("/api/v1/")
    for actor in ACTORS
    if actor != "anonymous"
]


@pytest.mark.parametrize(("method", "rule", "actor"), READ_ONLY_TOKEN_CASES)
def test_a_read_only_personal_token_changes_nothing(client, org, method, rule, actor):
    """The read-only personal token of every actor: 403 on every unsafe API route,
    whatever the actor's rights there (the refusal comes before any other check)."""
    url = fill(rule, org)
    headers = personal_bearer(org.actor(actor), "read")
    response = client.open(url, method=method, headers=headers, json={})
    assert response.status_code == 403, response.get_data(as_text=True)[:300]
    assert "read-only" in response.get_json()["message"]
