"""Gate: Schemathesis fuzzes every API operation from the OpenAPI document.

In-process WSGI, positive and negative data, each case sent with the token of every role
(employee, manager, HR, admin). Checks: no server error, status codes and response bodies
conform to the document, and invalid input is rejected.

Driven through Hypothesis directly (``operation.as_strategy``): schemathesis' pytest
plugin does not run under pytest 9 (it reads a removed private attribute).
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from app import create_app
from core.config import TestConfig
from tests.conftest import bearer

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
ROLES = ("employee", "manager", "hr", "admin")
EXAMPLES = 20


def _operations() -> list[tuple[str, str]]:
    doc = create_app(TestConfig).test_client().get("/api/v1/openapi.json").get_json()
    return [
        (method.upper(), path)
        for path, item in doc["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    ]


@pytest.mark.schemathesis
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("method", "path"), _operations())
def test_api_conforms_for_every_role(app, org, method, path, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
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
            case.call_and_validate(
                headers={**(case.headers or {}), **headers}, checks=CHECKS
            )

    run()
