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


def _goal_world(org):
    """Emma's goal, aligned to her manager's team goal, created once per test."""
    from reviews.enums import MeasureType
    from reviews.models import Goal
    from reviews.services import create_goal

    goal = db.session.scalar(
        sa.select(Goal)
        .where(Goal.owner_id == org.employee.employee_id, Goal.title == "Matrix goal")
        .limit(1)
    )
    if goal is None:
        percent = {"measure": MeasureType.percent}
        team = create_goal(org.manager, {"title": "Matrix team goal", **percent})
        goal = create_goal(
            org.employee, {"title": "Matrix goal", "parent_id": team.id, **percent}
        )
    return goal


def _need_world(org):
    """Emma's need, named by her manager, in progress with evidence (so verifiable)."""
    from reviews.models import TrainingNeed
    from reviews.services import create_need, link_evidence

    need = db.session.scalar(
        sa.select(TrainingNeed)
        .where(TrainingNeed.employee_id == org.employee.employee_id)
        .order_by(TrainingNeed.id)
        .limit(1)
    )
    if need is None:
        need = create_need(
            org.manager,
            {
                "employee_id": org.employee.employee_id,
                "skill_id": _skill_id(org),
                "target_level": 3,
            },
        )
        link_evidence(org.employee, need, note="Finished the course.")
    return need


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
    "goal_id": lambda org: _goal_world(org).id,
    "need_id": lambda org: _need_world(org).id,
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
