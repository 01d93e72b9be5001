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


PARAMS = {
    "person_id": lambda org: org.employee.employee_id,
    "employee_id": lambda org: org.employee.employee_id,
    "department_id": lambda org: org.department.id,
    "skill_id": _skill_id,
    "profile_id": _profile_id,
    "user_id": lambda org: org.employee.id,
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
