"""Values for URL placeholders, drawn from the standard org (``tests.conftest.Org``)."""

import sqlalchemy as sa

from core.extensions import db


def _first_id(model):
    return db.session.scalar(sa.select(model.id).order_by(model.id).limit(1))


def _skill_id(org):
    from people.models import Skill
    from tests.factories import make_skill

    return _first_id(Skill) or make_skill().id


def _profile_id(org):
    from people.models import RoleProfile
    from tests.factories import make_role_profile

    return _first_id(RoleProfile) or make_role_profile().id


def _review_world(org):
    """Emma's review (not started) in a launched cycle, created once per test.

    ``review_id``, ``cycle_id`` and ``template_id`` all name this one world: the
    cycle is active (so draft-only cycle routes answer 409) and its template is
    locked (so template edits answer 409 / show the duplicate offer).
    """
    from datetime import UTC, datetime

    from reviews.models import Review
    from reviews.services import launch_cycle
    from tests.factories import make_cycle, make_template

    review = db.session.scalar(
        sa.select(Review)
        .where(Review.employee_id == org.employee.employee_id)
        .order_by(Review.id)
        .limit(1)
    )
    if review is None:
        template = make_template(actor=org.hr)
        cycle = make_cycle(template, name="Matrix cycle")
        launch_cycle(org.hr, cycle, now=datetime(2026, 7, 5, 9, tzinfo=UTC))
        db.session.flush()
        review = db.session.scalar(
            sa.select(Review).where(
                Review.employee_id == org.employee.employee_id,
                Review.cycle_id == cycle.id,
            )
        )
    return review


PARAMS = {
    "person_id": lambda org: org.employee.employee_id,
    "employee_id": lambda org: org.employee.employee_id,
    "department_id": lambda org: org.department.id,
    "skill_id": _skill_id,
    "profile_id": _profile_id,
    "user_id": lambda org: org.employee.id,
    "review_id": lambda org: _review_world(org).id,
    "cycle_id": lambda org: _review_world(org).cycle_id,
    "template_id": lambda org: _review_world(org).template_id,
    "name": lambda org: "swagger-ui.css",
    "filename": lambda org: "css/app.css",
}


def fill(rule: str, org) -> str:
    """Turn ``/people/<int:person_id>`` into ``/people/7``."""
    import re

    def repl(match):
        name = match.group(1)
        if name not in PARAMS:
            raise KeyError(f"no matrix value for URL placeholder <{name}> in {rule}")
        return str(PARAMS[name](org))

    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", repl, rule)
