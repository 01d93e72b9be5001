"""``core.api``: the version ETag computed without smorest's private helper, and the
one load → check → If-Match → act path every API module uses."""

import re
from pathlib import Path
from types import SimpleNamespace

from core.api import version_etag
from tests.conftest import bearer
from tests.factories import make_skill

ROOT = Path(__file__).resolve().parents[2]


def _app_sources():
    """Every module of the application's packages (not tests, not migrations)."""
    for package in sorted(ROOT.iterdir()):
        if (package / "__init__.py").exists() and package.name != "tests":
            yield from package.rglob("*.py")


def test_version_etag_is_the_etag_blp_etag_sends(client, org):
    skill = make_skill()
    response = client.get(f"/api/v1/skills/{skill.id}", headers=bearer(org.hr))
    assert response.status_code == 200
    assert response.headers["ETag"] == f'"{version_etag(skill)}"'


def test_the_version_etag_value_is_pinned():
    """The SHA-1 of ``{"id": 7, "version": 3}`` as sorted JSON: the value the schema
    dump it replaced gave, so clients' stored ETags stay valid."""
    obj = SimpleNamespace(id=7, version=3)
    assert version_etag(obj) == "86a3fe03507f2593ac8651ba68a9666241f3d4d9"


def test_the_version_etag_changes_with_the_version(db):
    skill = make_skill()
    before = version_etag(skill)
    skill.version += 1
    assert version_etag(skill) != before


def test_no_module_uses_smorest_private_etag_helper():
    users = [p for p in _app_sources() if "_generate_etag" in p.read_text()]
    assert users == []


def test_api_modules_build_actions_in_core_only():
    """``object_action`` lives in ``core.api``; no API module defines its own."""
    pattern = re.compile(r"^def object_action\b|^class With\b", re.MULTILINE)
    defined = [
        str(p.relative_to(ROOT))
        for p in _app_sources()
        if pattern.search(p.read_text()) and p.parts[-2:] != ("core", "api.py")
    ]
    assert defined == []
