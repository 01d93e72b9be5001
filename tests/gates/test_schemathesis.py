"""Gate: Schemathesis fuzzes every API operation from the OpenAPI document.

In-process WSGI, positive and negative data, each case sent with the token of every
role (employee, manager, HR, admin); each request runs in its own app context
(``Isolated``). Checks: no server error; status codes, content types, response headers
and bodies conform to the document; invalid input is rejected and valid input accepted
(but for a 422 from a rule no schema can state: ``positive_data_accepted``); ``ETag``
and ``X-Pagination`` are sent only where documented.

The settings are in ``schemathesis.toml`` at the top of the repo: examples per
operation, expected statuses, and the ``edges`` dictionary (integers past 32 and 64
bits, strings with NUL) that path, query and header parameters draw from; this module
binds every request-body field of the document to it as well (Schemathesis binds body
fields by name only).

Driven through Hypothesis directly (``operation.as_strategy``): schemathesis' pytest
plugin does not run under pytest 9 (it reads a removed private attribute).
"""

import itertools
import tomllib
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app import create_app
from core import messages
from core.config import TestConfig
from core.extensions import db as _db
from tests.conftest import bearer

CONFIG_FILE = Path(__file__).resolve().parents[2] / "schemathesis.toml"
OUR_HEADERS = ("ETag", "X-Pagination")


@schemathesis.check
def our_headers_are_documented(ctx, response, case):
    """``ETag`` and ``X-Pagination`` are sent only where the document lists them for
    that status (response_headers_conformance checks only the headers it lists)."""
    definition = case.operation.responses.find_by_status_code(response.status_code)
    headers = definition.headers if definition is not None else None
    documented = {name.lower() for name, _ in headers.items()} if headers else set()
    sent = {name for name in OUR_HEADERS if response.headers.get(name.lower())}
    missing = sorted(n for n in sent if n.lower() not in documented)
    if missing:
        raise AssertionError(
            f"{case.operation.label} sends {', '.join(missing)} with "
            f"{response.status_code}, but its document does not list it"
        )
    return None


# Refusals the document can state (type, format, length, range, pattern, enum,
# required, null, unknown field): schema-valid data must never get one.
SCHEMA_REFUSALS = (
    *messages.SCHEMA_REFUSALS,
    "Must not contain control characters",
    "Must be a single line",
    "Must be an id from",
    "A JSON request body is required",
)


def _messages(errors):
    if isinstance(errors, dict):
        for value in errors.values():
            yield from _messages(value)
    elif isinstance(errors, list):
        for value in errors:
            yield from _messages(value)
    else:
        yield str(errors)


@schemathesis.check
def positive_data_accepted(ctx, response, case):
    """``positive_data_acceptance``, except for a 422 from a rule no schema can state
    — one that needs the database (a name already taken, an id with no row) or
    crosses fields (a cycle *or* a period, an end after its start): schema-valid data
    refused for a reason the document could have stated still fails."""
    if response.status_code == 422:
        messages = list(_messages(response.json().get("errors") or {}))
        if messages and not any(m.startswith(SCHEMA_REFUSALS) for m in messages):
            return None
    return positive_data_acceptance(ctx, response, case)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_accepted,
    our_headers_are_documented,
]
ROLES = ("employee", "manager", "hr", "admin")
IDEMPOTENCY_KEY = "Idempotency-Key"
FRESH_KEYS = itertools.count()
METHODS = {"get", "post", "put", "patch", "delete"}


def _document() -> dict:
    return create_app(TestConfig).test_client().get("/api/v1/openapi.json").get_json()


def _operations(doc: dict) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, item in doc["paths"].items()
        for method in item
        if method in METHODS
    ]


def _body_fields(schema: dict, doc: dict, prefix: str, seen: frozenset) -> set[str]:
    """Binding keys (``body.a``, ``body.a[*]``, ``body.a.b``) of the string and integer
    leaves of a request-body schema."""
    ref = schema.get("$ref")
    if ref:
        if ref in seen:
            return set()
        target = doc["components"]["schemas"][ref.rsplit("/", 1)[-1]]
        return _body_fields(target, doc, prefix, seen | {ref})
    for key in ("allOf", "anyOf", "oneOf"):
        if key in schema:
            return set().union(
                *(_body_fields(s, doc, prefix, seen) for s in schema[key])
            )
    kinds = schema.get("type", [])
    kinds = {kinds} if isinstance(kinds, str) else set(kinds)
    if "object" in kinds or "properties" in schema:
        keys = set()
        for name, prop in schema.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else f"body.{name}"
            keys |= _body_fields(prop, doc, path, seen)
        return keys
    if "array" in kinds and prefix:
        return _body_fields(schema.get("items", {}), doc, f"{prefix}[*]", seen)
    return {prefix} if prefix and kinds & {"string", "integer"} else set()


def _config(doc: dict) -> SchemathesisConfig:
    """``schemathesis.toml`` plus a binding of every JSON body field to the dictionary
    its type draws from there."""
    data = tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8"))
    binding = data["generation"]["dictionaries"]["string"]
    keys: set[str] = set()
    for item in doc["paths"].values():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                schema = content["application/json"]["schema"]
                keys |= _body_fields(schema, doc, "", frozenset())
    data.setdefault("parameters", {}).update(dict.fromkeys(sorted(keys), binding))
    return SchemathesisConfig.from_dict(data, base_dir=str(CONFIG_FILE.parent))


DOCUMENT = _document()
CONFIG = _config(DOCUMENT)
EXAMPLES = CONFIG.projects.get_default().generation.max_examples


class Isolated:
    """The app as a WSGI callable whose every request runs in its own app context,
    as ``tests.conftest.IsolatedClient`` does for the test client.

    Without it the requests share the test's app context, and with it ``g``: the
    anonymous user Flask-Login caches while the document is fetched answered every
    later request, whatever its token — every case was a 401.
    """

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        _db.session.commit()  # the request's own session must see the arranged rows
        with self.app.app_context():
            result = self.app(environ, start_response)
            try:
                body = list(result)
            finally:
                getattr(result, "close", lambda: None)()
        _db.session.expire_all()
        return body


@pytest.mark.schemathesis
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("method", "path"), _operations(DOCUMENT))
def test_api_conforms_for_every_role(app, org, method, path, mode):
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", Isolated(app), config=CONFIG
    )
    operation = schema[path][method]
    role_headers = [bearer(org.actor(role)) for role in ROLES]
    if operation.definition.raw.get("security") == []:
        role_headers = [{}]  # public (token exchange): roles change nothing

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case):
        for headers in role_headers:
            sent = {**(case.headers or {}), **headers}
            if mode is GenerationMode.POSITIVE and IDEMPOTENCY_KEY in sent:
                # A key is single-use: the same key with another body is a documented
                # 422 that no schema can express, so each positive call gets its own.
                sent[IDEMPOTENCY_KEY] = f"gate-{next(FRESH_KEYS)}"
            case.call_and_validate(headers=sent, checks=CHECKS)

    run()


def test_the_edges_reach_body_fields_of_every_kind():
    """The gate really sends huge integers and NUL strings into bodies: a sample of
    the bindings it derives from the document."""
    bound = CONFIG.projects.get_default().parameters
    assert "body.name" in bound  # a string (contacts, skills…)
    assert "body.skill_ids[*]" in bound  # integers in a list
    values = {
        e.value for e in CONFIG.projects.get_default().dictionaries["edges"].entries
    }
    assert {2**31, 2**63, 2**64, "A\x00B"} <= values


def test_the_gate_is_signed_in_as_each_role(app, org):
    """Every case reaches the API as its role: a 401 for everyone would pass most
    checks while testing nothing (it did, until requests got their own context)."""
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", Isolated(app), config=CONFIG
    )
    me = schema["/api/v1/me"]["GET"]
    for role in ROLES:
        response = me.Case().call(headers=bearer(org.actor(role)))
        assert response.status_code == 200, role
        assert response.json()["email"] == org.actor(role).email
