"""The people demo steps give the demo employee login a skill history of three points —
HR, a review, a verified need — dated back from the load."""

import random
from datetime import timedelta

import sqlalchemy as sa

from core.db import utcnow
from core.extensions import db as _db
from people import demo
from people.models import EmployeeSkillLevel


def test_the_demo_employee_has_a_three_point_history_dated_from_the_load(db):
    org = demo.DemoOrg(password="demo-password-2026", rng=random.Random(2026))
    before = utcnow()
    for step in (
        demo._skills,
        demo._departments_and_people,
        demo._role_profiles,
        demo._skill_levels,
        demo._accounts,
    ):
        step(org)
        _db.session.flush()
    logins = dict(demo.demo_logins())
    assert org.employee.email == logins["employee"]
    rows = _db.session.scalars(
        sa.select(EmployeeSkillLevel)
        .where(EmployeeSkillLevel.employee_id == org.employee.id)
        .order_by(EmployeeSkillLevel.skill_id, EmployeeSkillLevel.assessed_at)
    ).all()
    by_skill: dict = {}
    for row in rows:
        by_skill.setdefault(row.skill_id, []).append(row)
    story = [h for h in by_skill.values() if len(h) == 3]
    assert len(story) == 1
    points = story[0]
    assert [p.source.title for p in points] == ["HR", "Review", "Verified need"]
    ages = [(before - p.assessed_at.replace(tzinfo=before.tzinfo)) for p in points]
    assert [round(a / timedelta(days=1)) for a in ages] == [400, 200, 30]
    assert [p.level for p in points] == sorted(p.level for p in points)
