"""The OpenAPI document says what the server does: X-Pagination, If-Match with its
412/428, required bodies, documented defaults, file media types, and ``Allow`` on 405."""

import io
import json
import re
from pathlib import Path

import jsonschema_rs
import pytest
from flask.views import MethodView
from marshmallow import Schema, ValidationError, class_registry, missing

from app import create_app
from core.api import ApiBlueprint
from core.config import TestConfig
from core.extensions import api
from core.openapi import BODY_REQUIRED, UndocumentedIfMatch
from tests.conftest import bearer
from tests.development.api.helpers import Caller

METHODS = ("get", "post", "put", "patch", "delete")
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64
PDF = b"%PDF-1.4\n" + b"0" * 64


@pytest.fixture
def doc(client):
    return client.get("/api/v1/openapi.json").get_json()


def _operations(doc):
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def _resolve(doc, obj):
    while "$ref" in obj:
        kind, name = obj["$ref"].split("/")[-2:]
        obj = doc["components"][kind][name]
    return obj


# --- 405 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [
        ("delete", "/api/v1/people", "GET, HEAD, OPTIONS, POST"),
        ("get", "/api/v1/tokens", "DELETE, OPTIONS, POST"),
        ("put", "/login", "GET, HEAD, OPTIONS, POST"),
    ],
)
def test_a_405_names_the_methods_the_url_takes(client, method, url, allowed):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response.headers["Allow"] == allowed


# --- X-Pagination ------------------------------------------------------------------


def test_x_pagination_is_documented_as_the_json_text_it_is(doc):
    header = doc["components"]["headers"]["PAGINATION"]
    assert "schema" not in header  # not an object in the header's simple style
    media = header["content"]["application/json"]
    assert media["schema"] == {"$ref": "#/components/schemas/PaginationMetadata"}
    schema = {**doc["components"]["schemas"]["PaginationMetadata"]}
    assert jsonschema_rs.validator_for(schema).is_valid(media["example"])


def test_every_paginated_list_documents_x_pagination(doc):
    """A list paged by smorest (an array body) sends ``X-Pagination``; the reports
    page inside their body (``total``) and send none."""
    for _, _path, operation in _operations(doc):
        names = {_resolve(doc, p).get("name") for p in operation.get("parameters", [])}
        ok = operation["responses"].get("200", {})
        body = ok.get("content", {}).get("application/json", {}).get("schema", {})
        if "page_size" in names and body.get("type") == "array":
            assert ok["headers"]["X-Pagination"] == {
                "$ref": "#/components/headers/PAGINATION"
            }


def test_the_x_pagination_sent_matches_its_documented_schema(client, org, doc):
    response = client.get("/api/v1/people?page_size=2&page=2", headers=bearer(org.hr))
    sent = json.loads(response.headers["X-Pagination"])
    schema = {
        **doc["components"]["schemas"]["PaginationMetadata"],
        "additionalProperties": False,
    }
    assert jsonschema_rs.validator_for(schema).is_valid(sent)
    assert (sent["page"], sent["previous_page"]) == (2, 1)


# --- If-Match ----------------------------------------------------------------------


def test_every_operation_with_if_match_documents_412_and_428_and_back(doc):
    for method, path, operation in _operations(doc):
        params = [_resolve(doc, p) for p in operation.get("parameters", [])]
        if_match = [p for p in params if p["name"] == "If-Match"]
        codes = set(operation["responses"]) & {"412", "428"}
        label = f"{method.upper()} {path}"
        assert bool(if_match) == (codes == {"412", "428"}), label
        assert all(p["required"] for p in if_match), label


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/reviews/{review_id}/self-assessment",
        "/api/v1/reviews/{review_id}/manager-assessment",
        "/api/v1/reviews/{review_id}/share",
        "/api/v1/reviews/{review_id}/acknowledge",
        "/api/v1/reviews/{review_id}/reopen",
        "/api/v1/interviews/{interview_id}/request",
        "/api/v1/interviews/{interview_id}/schedule",
        "/api/v1/interviews/{interview_id}/complete",
        "/api/v1/interviews/{interview_id}/close",
    ],
)
def test_review_and_interview_steps_document_their_428(doc, path):
    assert {"412", "428"} <= set(doc["paths"][path]["post"]["responses"])


def test_an_if_match_check_the_document_does_not_show_is_refused():
    app = create_app(TestConfig)
    blp = ApiBlueprint("toy", __name__, url_prefix="/api/toy", public={"toy.Toy"})

    class Thing:
        id, version = 1, 1

    @blp.route("/")
    class Toy(MethodView):
        @blp.response(200)
        def post(self):
            blp.require_if_match(Thing())  # no @blp.if_match: undocumented 428
            return {}

    with app.app_context():
        api.register_blueprint(blp)
    app.testing = True
    with pytest.raises(UndocumentedIfMatch):
        app.test_client().post("/api/toy/", headers={"If-Match": '"x"'})


# --- request bodies ----------------------------------------------------------------


def test_every_json_body_is_documented_as_required(doc):
    for method, path, operation in _operations(doc):
        body = operation.get("requestBody")
        if body and "application/json" in body["content"]:
            assert body.get("required") is True, f"{method.upper()} {path}"


def test_a_required_body_that_is_missing_is_a_422_everywhere(client, org, doc):
    """Without a body, no operation that documents one succeeds; where no object has
    to be found first (no path id) the answer is the 422 naming the body."""
    roles = [bearer(getattr(org, r)) for r in ("hr", "admin", "manager", "employee")]
    for method, path, operation in _operations(doc):
        body = operation.get("requestBody")
        if not (
            body and body.get("required") and "application/json" in body["content"]
        ):
            continue
        url = path.replace("{", "").replace("}", "")
        for name in set(path.split("{")[1:]):
            url = url.replace(name.split("}")[0], "1")
        answers = [
            getattr(client, method)(url, headers={**h, "If-Match": '"x"'})
            for h in roles
        ]
        codes = {r.status_code for r in answers}
        label = f"{method.upper()} {path}: {codes}"
        assert not any(200 <= c < 300 for c in codes), label
        # Roles gated out (403) and a stale If-Match (412) are answered first.
        if "{" not in path and not codes <= {403, 412}:
            assert 422 in codes, label
            refused = next(r for r in answers if r.status_code == 422)
            assert refused.get_json()["errors"] == {"_body": [BODY_REQUIRED]}, label


def test_post_interviews_without_a_body_is_a_422_not_a_201(client, org):
    headers = bearer(org.employee)
    response = client.post("/api/v1/interviews", headers=headers)
    assert response.status_code == 422
    assert response.get_json()["message"] == BODY_REQUIRED
    text = client.post(
        "/api/v1/interviews", headers=headers, data="{}", content_type="text/plain"
    )
    assert text.status_code == 415


# --- documented defaults -----------------------------------------------------------


def test_a_contact_with_the_documented_empty_profile_url_is_created(client, org):
    response = client.post(
        "/api/v1/contacts",
        json={"name": "A B", "profile_url": "", "email": ""},
        headers=bearer(org.employee),
    )
    assert response.status_code == 201, response.get_json()


OURS = ("core", "auth", "people", "reviews", "development", "notifications", "reports")


def _input_schemas():
    create_app(TestConfig)  # imports every schema module
    seen = set()
    for entries in class_registry._registry.values():
        for cls in entries:
            if cls in seen or cls.__module__.split(".")[0] not in OURS:
                continue
            seen.add(cls)
            if issubclass(cls, Schema):
                yield cls


def test_every_documented_default_is_valid_input():
    """A field's default (the document's ``default``) passes the field's own checks:
    ``""`` for an optional e-mail or URL is "none", not "Not a valid URL"."""
    bad = []
    for cls in _input_schemas():
        for name, field in cls().load_fields.items():
            default = field.load_default
            if default is missing or default is None or callable(default):
                continue
            wire = field._serialize(default, name, None)
            try:
                field.deserialize(wire)
            except ValidationError as error:
                bad.append(f"{cls.__name__}.{name}={wire!r}: {error.messages}")
    assert bad == []


# --- file downloads ----------------------------------------------------------------


@pytest.mark.parametrize(("data", "name"), [(PNG, "badge.png"), (PDF, "cert.pdf")])
def test_an_evidence_file_is_served_in_a_documented_media_type(
    client, org, doc, data, name
):
    emma = Caller(client, org.employee)
    activity = emma.post(
        "/api/v1/activities", {"kind": "certification", "title": "AWS"}
    )
    url = f"/api/v1/activities/{activity.get_json()['id']}/evidence-file"
    upload = emma.post(
        url,
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 200, upload.get_json()
    download = emma.get(url)
    documented = doc["paths"]["/api/v1/activities/{activity_id}/evidence-file"]["get"]
    assert download.mimetype in documented["responses"]["200"]["content"]
    assert "application/octet-stream" not in documented["responses"]["200"]["content"]
    for header, spec in documented["responses"]["200"]["headers"].items():
        assert header in download.headers or not spec["required"]


# --- control characters ------------------------------------------------------------


def _body_strings(doc, schema, path, seen=()):
    schema_ref = schema.get("$ref")
    if schema_ref:
        if schema_ref in seen:
            return
        yield from _body_strings(doc, _resolve(doc, schema), path, (*seen, schema_ref))
        return
    for name, prop in schema.get("properties", {}).items():
        if not prop.get("readOnly"):  # dump_only: never read from a request
            yield from _body_strings(doc, prop, f"{path}.{name}", seen)
    if "items" in schema:
        yield from _body_strings(doc, schema["items"], f"{path}[]", seen)
    kinds = schema.get("type", [])
    if "string" in kinds and "enum" not in schema and "format" not in schema:
        yield path, schema


def test_every_free_string_in_a_body_documents_that_nul_is_refused(doc):
    """The ``pattern`` of a text field says what ``core.fields`` refuses, so a client
    (and Schemathesis' positive data) knows "A\\x00B" is a 422, not a 201."""
    undocumented = []
    for method, path, operation in _operations(doc):
        content = operation.get("requestBody", {}).get("content", {})
        for media in content.values():
            for field, schema in _body_strings(doc, media["schema"], path):
                pattern = schema.get("pattern")
                if pattern is None or jsonschema_rs.validator_for(
                    {"type": "string", "pattern": pattern}
                ).is_valid("A\x00B"):
                    undocumented.append(f"{method.upper()} {field}")
    assert undocumented == []


def test_the_readme_lists_exactly_the_operations_that_need_if_match(doc):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    block = readme.split("<!-- if-match-operations:")[1].split("<!-- /if-match")[0]
    listed, method = set(), None
    for token in re.findall(r"`([^`]+)`", block):
        if token in ("PATCH", "POST", "PUT", "DELETE"):
            method = token
        elif token.startswith("/") and token != "/api/v1":
            listed.add((method, f"/api/v1{token}"))
    needed = {
        (method.upper(), path)
        for method, path, operation in _operations(doc)
        if "428" in operation["responses"]
    }
    assert listed == needed


# --- ETag --------------------------------------------------------------------------


def test_an_interview_answer_documents_the_etag_it_sends(client, org, doc):
    emma = Caller(client, org.employee)
    created = emma.post("/api/v1/interviews", {})
    assert created.status_code == 201 and created.headers["ETag"]
    one = f"/api/v1/interviews/{created.get_json()['id']}"
    assert emma.get(one).headers["ETag"]
    paths = doc["paths"]
    for responses in (
        paths["/api/v1/interviews"]["post"]["responses"]["201"],
        paths["/api/v1/interviews/{interview_id}"]["get"]["responses"]["200"],
        paths["/api/v1/interviews/{interview_id}/schedule"]["post"]["responses"]["200"],
    ):
        assert responses["headers"]["ETag"] == {"$ref": "#/components/headers/ETAG"}
