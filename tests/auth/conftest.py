"""Fixtures of the company sign-in tests (``test_oidc*.py``), asked for by name only:
the OpenID provider process, the app configured for it, and Emma with an account.

A module that wants the configured app overrides ``app`` with ``oidc_app``; every other
test in this folder keeps the suite's own app and never starts the provider.
"""

import pytest

from core.config import TestConfig
from core.extensions import db as _db
from tests.auth.oidc_provider import (
    fresh_app,
    oidc_config,
    start_provider,
    stop_provider,
)
from tests.factories import make_person


@pytest.fixture(scope="session")
def provider():
    """oidc-provider-mock, its own process on a free port, for the whole session."""
    process, provider = start_provider()
    try:
        yield provider
    finally:
        stop_provider(process)


@pytest.fixture(scope="session")
def oidc_app(provider):
    """The app with company sign-in pointing at the provider process."""
    app = fresh_app(oidc_config(TestConfig, provider))
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    return app


@pytest.fixture
def emma(db):
    return make_person(name="Emma Example", email="emma@example.com")
