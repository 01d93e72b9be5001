"""Matrix rows for the people, accounts and token API (``/api/v1``)."""

from tests.gates.matrix import ACTORS, everyone, only

API = 401  # anonymous callers of the API


def api_everyone(status: int) -> dict:
    return everyone(status, anonymous=API)


def api_only(allowed, ok: int, denied: int = 403) -> dict:
    return only(allowed, ok, denied, anonymous=API)


HR = ("hr",)

ROWS = {
    ("GET", "/api/v1/openapi.json"): everyone(200, anonymous=200),
    ("POST", "/api/v1/tokens"): dict.fromkeys(ACTORS, 422),  # no body: validation
    ("DELETE", "/api/v1/tokens/current"): api_everyone(204),
    ("DELETE", "/api/v1/tokens"): api_everyone(204),
    ("GET", "/api/v1/me"): api_everyone(200),
    ("GET", "/api/v1/people"): api_everyone(200),
    ("POST", "/api/v1/people"): api_only(HR, 422),
    ("POST", "/api/v1/people/import"): api_only(HR, 422),
    ("GET", "/api/v1/people/<int:person_id>"): api_everyone(200),
    ("PATCH", "/api/v1/people/<int:person_id>"): api_only(HR, 200),
    ("GET", "/api/v1/people/<int:person_id>/skill-levels"): api_only(
        ("employee", "manager", "ceo", "hr"), 200
    ),
    ("GET", "/api/v1/departments"): api_everyone(200),
    ("POST", "/api/v1/departments"): api_only(HR, 422),
    ("GET", "/api/v1/departments/<int:department_id>"): api_everyone(200),
    ("PATCH", "/api/v1/departments/<int:department_id>"): api_only(HR, 200),
    ("GET", "/api/v1/skills"): api_everyone(200),
    ("POST", "/api/v1/skills"): api_only(HR, 422),
    ("GET", "/api/v1/skills/<int:skill_id>"): api_everyone(200),
    ("PATCH", "/api/v1/skills/<int:skill_id>"): api_only(HR, 200),
    ("GET", "/api/v1/role-profiles"): api_everyone(200),
    ("POST", "/api/v1/role-profiles"): api_only(HR, 422),
    ("GET", "/api/v1/role-profiles/<int:profile_id>"): api_everyone(200),
    ("PATCH", "/api/v1/role-profiles/<int:profile_id>"): api_only(HR, 200),
}
