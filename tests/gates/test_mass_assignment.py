"""Gate: no write endpoint accepts an attribute its input schema does not list.

Every write operation in the OpenAPI document must have a valid body in ``VALID_BODIES``
(a new endpoint without one fails ``test_every_write_operation_has_a_body``). Each is then
sent with that body plus one model attribute the schema does not offer — ids, owners,
role flags, versions, states, timestamps — and must answer 422 with the database
unchanged. ``ARRANGE`` puts the object a route acts on into the state its valid body
needs (before any snapshot is taken) and names the URL to send to.
"""

import re

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.conftest import bearer
from tests.factories import PASSWORD
from tests.gates import mass_assignment_development as development_bodies
from tests.gates import mass_assignment_notifications as notifications_bodies
from tests.gates.matrix import api_development, api_goals, api_reviews
from tests.gates.matrix.params import PARAMS, fill

IF_MATCH_ACTIONS = (
    api_reviews.IF_MATCH_ACTIONS
    | api_goals.IF_MATCH_ACTIONS
    | api_development.IF_MATCH_ACTIONS
)

ATTACKS = {
    "id": 999,
    "employee_id": 1,
    "user_id": 1,
    "owner_id": 1,
    "is_hr": True,
    "is_admin": True,
    "is_enabled": False,
    "is_active": False,
    "session_version": 99,
    "password_hash": "x",
    "must_change_password": False,
    "version": 99,
    "status": "closed",
    "created_at": "2020-01-01T00:00:00Z",
    "updated_at": "2020-01-01T00:00:00Z",
    "role_profile_id": 1,
    "token_hash": "x",
    "revoked_at": None,
    "expires_at": "2999-01-01T00:00:00Z",
    "kind": "session",
    "last_used_at": "2020-01-01T00:00:00Z",
    "credential_version": 99,
    "token": "x",
    "totp_secret_encrypted": "JBSWY3DPEHPK3PXP",
    "totp_enabled_at": "2020-01-01T00:00:00Z",
}

# (method, rule) -> (actor, body builder). The body alone must succeed (2xx).
VALID_BODIES = {
    ("POST", "/api/v1/tokens"): (
        None,
        lambda org: {"email": org.employee.email, "password": PASSWORD},
    ),
    ("POST", "/api/v1/people"): (
        "hr",
        lambda org: {"name": "New Person", "email": "new.person@example.com"},
    ),
    ("PATCH", "/api/v1/people/<int:person_id>"): (
        "hr",
        lambda org: {"job_title": "Lead"},
    ),
    ("POST", "/api/v1/people/import"): (
        "hr",
        lambda org: {
            "csv": "email,name,job_title,department,manager_email,hired_on\n"
            "nora.new@example.com,Nora New,Analyst,,,\n",
            "dry_run": False,
        },
    ),
    ("POST", "/api/v1/departments"): ("hr", lambda org: {"name": "Research"}),
    ("PATCH", "/api/v1/departments/<int:department_id>"): (
        "hr",
        lambda org: {"description": "Builds things."},
    ),
    ("POST", "/api/v1/skills"): ("hr", lambda org: {"name": "Kotlin"}),
    ("PATCH", "/api/v1/skills/<int:skill_id>"): (
        "hr",
        lambda org: {"group": "Languages"},
    ),
    ("POST", "/api/v1/role-profiles"): ("hr", lambda org: {"job_title": "Tester"}),
    ("PATCH", "/api/v1/role-profiles/<int:profile_id>"): (
        "hr",
        lambda org: {"description": "Tests things."},
    ),
    ("POST", "/api/v1/templates"): (
        "hr",
        lambda org: {"name": "Engineering 2027", "competencies": [{"name": "Craft"}]},
    ),
    ("PATCH", "/api/v1/templates/<int:template_id>"): (
        "hr",
        lambda org: {"description": "For engineers."},
    ),
    ("POST", "/api/v1/cycles"): (
        "hr",
        lambda org: {
            "name": "H2 2026",
            "period_start": "2026-07-01",
            "period_end": "2026-12-31",
            "template_id": PARAMS["template_id"](org),
            "self_due_on": "2096-01-10",
            "manager_due_on": "2096-01-20",
            "signoff_due_on": "2096-01-31",
        },
    ),
    ("PATCH", "/api/v1/cycles/<int:cycle_id>"): ("hr", lambda org: {"name": "H1"}),
    ("PATCH", "/api/v1/review-settings"): (
        "hr",
        lambda org: {"anniversary_reviews": True},
    ),
    ("POST", "/api/v1/cycles/<int:cycle_id>/close"): (
        "hr",
        lambda org: {"confirm_unfinished": True, "reason": "Year end."},
    ),
    ("POST", "/api/v1/reviews"): (
        "manager",
        lambda org: {
            "employee_id": org.employee.employee_id,
            "template_id": PARAMS["template_id"](org),
            "period_start": "2026-07-01",
            "period_end": "2026-09-30",
        },
    ),
    ("POST", "/api/v1/reviews/<int:review_id>/self-assessment"): (
        "employee",
        lambda org: {"achievements": "Shipped the billing migration."},
    ),
    ("POST", "/api/v1/reviews/<int:review_id>/manager-assessment"): (
        "manager",
        lambda org: {"strengths": "Calm and precise under pressure."},
    ),
    ("POST", "/api/v1/reviews/<int:review_id>/acknowledge"): (
        "employee",
        lambda org: {"comment": "Fair.", "disagree": False},
    ),
    ("POST", "/api/v1/reviews/<int:review_id>/addenda"): (
        "manager",
        lambda org: {"text": "Promotion approved in August."},
    ),
    ("POST", "/api/v1/reviews/<int:review_id>/reopen"): (
        "hr",
        lambda org: {"reason": "The wrong template was used."},
    ),
    ("POST", "/api/v1/goals"): (
        "employee",
        lambda org: {
            "title": "Ship the search page",
            "target_on": "2026-12-31",
            "check_in_cadence": "weekly",
        },
    ),
    ("PATCH", "/api/v1/goals/<int:goal_id>"): (
        "employee",
        lambda org: {
            "title": "Ship the search page",
            "weight": 2,
            "check_in_cadence": "fortnightly",
        },
    ),
    ("POST", "/api/v1/goals/<int:goal_id>/check-ins"): (
        "employee",
        lambda org: {"value": 40, "status": "at_risk", "note": "Blocked on review."},
    ),
    ("POST", "/api/v1/goals/bulk-assign"): (
        "manager",
        lambda org: {
            "parent_id": _team_goal_id(org),
            "employee_ids": [org.employee.employee_id, org.peer.employee_id],
        },
    ),
    ("POST", "/api/v1/training-needs"): (
        "manager",
        lambda org: {
            "employee_id": org.employee.employee_id,
            "skill_id": PARAMS["skill_id"](org),
            "target_level": 4,
        },
    ),
    ("POST", "/api/v1/training-needs/<int:need_id>/evidence"): (
        "employee",
        lambda org: {"note": "Read the book.", "url": "https://example.com/notes"},
    ),
    ("POST", "/api/v1/training-needs/<int:need_id>/drop"): (
        "manager",
        lambda org: {"reason": "The team moved off this stack."},
    ),
    ("POST", "/api/v1/training-needs/propose"): (
        "manager",
        lambda org: {"employee_ids": [org.employee.employee_id]},
    ),
}


def _team_goal_id(org) -> int:
    """The manager's team goal of the matrix goal world (Emma's goal's parent)."""
    from reviews.models import Goal

    return db.session.get(Goal, PARAMS["goal_id"](org)).parent_id


def _person_without_account() -> int:
    """A person with no account, so an invitation of them succeeds (created once)."""
    from people.models import Employee
    from tests.factories import make_employee

    found = db.session.scalar(
        sa.select(Employee.id).where(Employee.email == "invitee@example.com")
    )
    return found or make_employee(email="invitee@example.com").id


def _review_at(org, status: str) -> str:
    """Walk the matrix world's review (Emma's) on to ``shared`` or ``acknowledged``."""
    from datetime import UTC, datetime

    from reviews import services
    from reviews.queries import load_review

    now = datetime(2026, 7, 5, 9, tzinfo=UTC)
    review = load_review(PARAMS["review_id"](org))
    if review.status.value == "not_started":
        ratings = [
            {"competency_id": c.id, "rating": 3, "comment": "Solid work."}
            for c in review.template.competencies
        ]
        services.save_self_assessment(
            org.employee, review, {"ratings": ratings, "submit": True}, now=now
        )
        services.save_manager_assessment(
            org.manager,
            review,
            {"ratings": ratings, "strengths": "Calm.", "overall_rating": 3},
            now=now,
        )
        services.share_review(org.manager, review, now=now)
    if status == "acknowledged" and review.status.value == "shared":
        services.acknowledge_review(org.employee, review, {}, now=now)
    db.session.commit()
    return f"/api/v1/reviews/{review.id}"


def _fresh(model_name: str, org) -> int:
    """An unlocked template / a draft cycle of the matrix world, created once."""
    from reviews.enums import CycleStatus
    from reviews.models import ReviewCycle, ReviewTemplate
    from tests.factories import make_cycle, make_template

    template_id = (
        db.session.scalar(
            sa.select(ReviewTemplate.id).where(ReviewTemplate.name == "Unused template")
        )
        or make_template(actor=org.hr, name="Unused template").id
    )
    if model_name == "template":
        db.session.commit()
        return template_id
    cycle_id = (
        db.session.scalar(
            sa.select(ReviewCycle.id).where(ReviewCycle.status == CycleStatus.draft)
        )
        or make_cycle(db.session.get(ReviewTemplate, template_id)).id
    )
    db.session.commit()
    return cycle_id


def _after_world(url: str):
    """The body names the matrix world's template: create the world first."""

    def arrange(org) -> str:
        PARAMS["review_id"](org)
        return url

    return arrange


def _after(placeholder: str, url: str):
    """The body names a placeholder's object: create it before any snapshot."""

    def arrange(org) -> str:
        PARAMS[placeholder](org)
        return url

    return arrange


# (method, rule) -> arrange(org) returning the URL to send to.
ARRANGE = {
    ("POST", "/api/v1/cycles"): _after_world("/api/v1/cycles"),
    ("POST", "/api/v1/reviews"): _after_world("/api/v1/reviews"),
    ("PATCH", "/api/v1/templates/<int:template_id>"): lambda org: (
        f"/api/v1/templates/{_fresh('template', org)}"
    ),
    ("PATCH", "/api/v1/cycles/<int:cycle_id>"): lambda org: (
        f"/api/v1/cycles/{_fresh('cycle', org)}"
    ),
    ("POST", "/api/v1/reviews/<int:review_id>/acknowledge"): lambda org: (
        _review_at(org, "shared") + "/acknowledge"
    ),
    ("POST", "/api/v1/reviews/<int:review_id>/addenda"): lambda org: (
        _review_at(org, "acknowledged") + "/addenda"
    ),
    ("POST", "/api/v1/reviews/<int:review_id>/reopen"): lambda org: (
        _review_at(org, "acknowledged") + "/reopen"
    ),
    ("POST", "/api/v1/goals/bulk-assign"): _after(
        "goal_id", "/api/v1/goals/bulk-assign"
    ),
    ("POST", "/api/v1/training-needs"): _after("skill_id", "/api/v1/training-needs"),
    ("POST", "/api/v1/people/<int:person_id>/invitation"): lambda org: (
        f"/api/v1/people/{_person_without_account()}/invitation"
    ),
}


VALID_BODIES |= development_bodies.VALID_BODIES
VALID_BODIES |= notifications_bodies.VALID_BODIES
VALID_BODIES[("POST", "/api/v1/personal-tokens")] = (
    "employee",
    lambda org: {"name": "Integration", "scope": "write", "expires_in_days": 30},
)
ARRANGE |= development_bodies.ARRANGE
MULTIPART_CHECKED = development_bodies.MULTIPART_CHECKED


def _url(org, method, rule) -> str:
    arrange = ARRANGE.get((method, rule))
    url = arrange(org) if arrange else fill(rule, org)
    db.session.commit()  # what the placeholders created is there before any snapshot
    return url


def write_operations(app):
    doc = app.test_client().get("/api/v1/openapi.json").get_json()
    ops = []
    for path, item in doc["paths"].items():
        rule = re.sub(r"\{([a-z_]+)\}", r"<int:\1>", path)
        for method, op in item.items():
            if method in {"post", "put", "patch"} and "requestBody" in op:
                content = op["requestBody"]["content"]
                if "application/json" not in content:  # multipart: own tests
                    ops.append((method.upper(), rule, None))
                    continue
                ops.append(
                    (method.upper(), rule, content["application/json"]["schema"])
                )
    return ops


def test_every_write_operation_has_a_body(app):
    ops = {(m, r) for m, r, s in write_operations(app) if s is not None}
    assert ops - set(VALID_BODIES) == set()


def test_every_multipart_operation_has_its_own_check(app):
    """A file upload cannot carry a JSON attack: each names the test that sends extra
    form fields and proves they change nothing (``MULTIPART_CHECKED``)."""
    ops = {(m, r) for m, r, s in write_operations(app) if s is None}
    assert ops - set(MULTIPART_CHECKED) == set()


def snapshot() -> dict:
    db.session.expire_all()
    with db.engine.connect() as conn:
        return {
            t.name: sorted(map(repr, conn.execute(sa.select(t)).all()))
            for t in db.metadata.sorted_tables
            if t.name != "audit_events"
        }


def _headers(client, org, method, rule, actor) -> dict:
    url = _url(org, method, rule)  # arranges what the body needs before any snapshot
    headers = bearer(org.actor(actor)) if actor else {}
    if method == "PATCH":
        # The resource's ETag (HR reads everything versioned); a resource without a
        # version (a contact: its owner's alone) has none and takes no If-Match.
        etag = client.get(url, headers=bearer(org.hr)).headers.get("ETag")
        if etag:
            headers["If-Match"] = etag
    elif method == "POST" and rule.rsplit("/", 1)[1] in IF_MATCH_ACTIONS:
        parent = url.rsplit("/", 1)[0]
        headers["If-Match"] = client.get(parent, headers=bearer(org.hr)).headers["ETag"]
    return headers


def _send(client, org, method, rule, actor, body, headers=None):
    headers = headers or _headers(client, org, method, rule, actor)
    return client.open(
        _url(org, method, rule), method=method, json=body, headers=headers
    )


@pytest.mark.parametrize(("method", "rule"), sorted(VALID_BODIES))
def test_the_valid_body_alone_succeeds(client, org, method, rule):
    actor, build = VALID_BODIES[(method, rule)]
    response = _send(client, org, method, rule, actor, build(org))
    assert response.status_code < 300, response.get_json()


def _resolve(doc_schema, app):
    ref = doc_schema.get("$ref")
    if not ref:
        return doc_schema
    doc = app.test_client().get("/api/v1/openapi.json").get_json()
    return doc["components"]["schemas"][ref.rsplit("/", 1)[1]]


@pytest.mark.parametrize(("method", "rule"), sorted(VALID_BODIES))
def test_unlisted_attributes_are_refused_and_change_nothing(
    app, client, org, method, rule
):
    actor, build = VALID_BODIES[(method, rule)]
    schema = next(s for m, r, s in write_operations(app) if (m, r) == (method, rule))
    allowed = set(_resolve(schema, app).get("properties", {}))
    attacks = {k: v for k, v in ATTACKS.items() if k not in allowed}
    assert attacks
    for attr, value in attacks.items():
        headers = _headers(client, org, method, rule, actor)
        before = snapshot()
        body = {**build(org), attr: value}
        response = _send(client, org, method, rule, actor, body, headers)
        assert response.status_code == 422, (attr, response.get_json())
        assert attr in response.get_json()["errors"], attr
        assert snapshot() == before, attr
