"""The latest skill level per (person, skill) of ``expected_skill_levels``: a later
``assessed_at`` wins, and of two levels assessed at the same moment the higher id (the
one recorded last) — the order of ``latest_skill_levels`` (the person page)."""

from datetime import UTC, datetime

import sqlalchemy as sa

from people.enums import SkillLevelSource
from people.models import Employee, EmployeeSkillLevel, RoleProfileSkill, Skill
from people.queries import expected_skill_levels, latest_skill_levels
from tests import factories as f

NOON = datetime(2026, 3, 2, 12, tzinfo=UTC)


def _arrange(db, levels):
    """One person whose role expects two skills; ``levels``: (skill index, level,
    assessed_at) in the order they are recorded (ids ascending)."""
    skills = [f.make_skill(name="Writing"), f.make_skill(name="Tools")]
    profile = f.make_role_profile(job_title="Writer")
    db.session.add_all(
        RoleProfileSkill(role_profile_id=profile.id, skill_id=s.id, expected_level=3)
        for s in skills
    )
    person = f.make_person(job_title="Writer")
    for index, level, assessed_at in levels:
        db.session.add(
            EmployeeSkillLevel(
                employee_id=person.employee_id,
                skill_id=skills[index].id,
                level=level,
                assessed_at=assessed_at,
                source=SkillLevelSource.manager,
            )
        )
        db.session.flush()  # ids in recording order
    db.session.commit()
    return person


def _latest(db, person) -> dict:
    stmt, _ = expected_skill_levels(
        [person.employee_id], lambda latest: (Skill.name, latest.c.level)
    )
    return dict(db.session.execute(stmt.where(Employee.id == person.employee_id)).all())


def test_two_levels_at_the_same_moment_the_one_recorded_last_wins(db):
    person = _arrange(db, [(0, 2, NOON), (0, 4, NOON), (0, 3, NOON)])
    assert _latest(db, person) == {"Writing": 3, "Tools": None}


def test_a_later_assessment_wins_over_one_recorded_after_it(db):
    earlier = datetime(2026, 1, 5, 9, tzinfo=UTC)
    person = _arrange(db, [(0, 4, NOON), (0, 1, earlier), (1, 2, earlier)])
    assert _latest(db, person) == {"Writing": 4, "Tools": 2}


def test_the_person_page_agrees_on_the_latest_level(db):
    person = _arrange(db, [(0, 2, NOON), (0, 5, NOON), (1, 1, NOON)])
    page = db.session.scalars(latest_skill_levels(person.employee_id)).all()
    names = dict(db.session.execute(sa.select(Skill.id, Skill.name)).all())
    shown = {names[row.skill_id]: row.level for row in page}
    assert shown == _latest(db, person) == {"Writing": 5, "Tools": 1}


def test_one_row_per_person_and_expected_skill(db):
    person = _arrange(db, [(0, 2, NOON), (0, 3, NOON), (0, 4, NOON)])
    stmt, _ = expected_skill_levels([person.employee_id], lambda latest: (Skill.id,))
    count = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
    assert count == 2
