"""Plain ``make_<model>(**overrides)`` functions used by fixtures and tests."""

import itertools
from datetime import UTC, date, datetime

from auth.passwords import hash_password
from core.extensions import db
from people.models import Department, Employee, RoleProfile, Skill, User

PASSWORD = "correct-horse-battery-staple"
_HASH: list[str] = []
_seq = itertools.count(1)


def password_hash() -> str:
    if not _HASH:  # argon2 is slow by design: hash once per test session
        _HASH.append(hash_password(PASSWORD))
    return _HASH[0]


def make_department(**overrides) -> Department:
    n = next(_seq)
    department = Department(**{"name": f"Department {n}", **overrides})
    db.session.add(department)
    db.session.flush()
    return department


def make_employee(**overrides) -> Employee:
    n = next(_seq)
    values = {
        "name": f"Person {n}",
        "email": f"person{n}@example.com",
        "job_title": "Engineer",
        "hired_on": date(2022, 1, 1),
        **overrides,
    }
    employee = Employee(**values)
    db.session.add(employee)
    db.session.flush()
    return employee


def make_user(employee: Employee | None = None, **overrides) -> User:
    n = next(_seq)
    values = {
        "email": employee.email if employee else f"account{n}@example.com",
        "employee_id": employee.id if employee else None,
        "password_hash": password_hash(),
        **overrides,
    }
    user = User(**values)
    db.session.add(user)
    db.session.flush()
    return user


def make_person(**overrides) -> User:
    """An employee with a login account; returns the account."""
    account = {k: overrides.pop(k) for k in ("is_hr", "is_admin") if k in overrides}
    return make_user(make_employee(**overrides), **account)


def make_skill(**overrides) -> Skill:
    n = next(_seq)
    skill = Skill(**{"name": f"Skill {n}", "group": "General", **overrides})
    db.session.add(skill)
    db.session.flush()
    return skill


def make_role_profile(**overrides) -> RoleProfile:
    n = next(_seq)
    profile = RoleProfile(**{"job_title": f"Title {n}", **overrides})
    db.session.add(profile)
    db.session.flush()
    return profile


def make_template(competencies=("Delivery", "Collaboration", "Craft"), **overrides):
    """A review template (via the service, so defaults match production)."""
    from reviews.services import create_template

    hr = overrides.pop("actor", None) or make_user(is_hr=True)
    data = {
        "name": overrides.pop("name", f"Template {next(_seq)}"),
        "description": "",
        "rating_labels": None,
        "competencies": [
            {"name": c, "description": "", "skill_id": overrides.get("skill_id")}
            for c in competencies
        ],
        "questions": [{"text": "What went well?"}],
    }
    return create_template(hr, data)


def make_cycle(template, **overrides):
    from reviews.enums import CycleStatus
    from reviews.models import ReviewCycle

    n = next(_seq)
    values = {
        "name": f"Cycle {n}",
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 6, 30),
        "template_id": template.id,
        "self_due_on": date(2026, 7, 10),
        "manager_due_on": date(2026, 7, 20),
        "signoff_due_on": date(2026, 7, 31),
        "status": CycleStatus.draft,
        # Created before its dates, as HR would (a cycle created after a due date is
        # a back-filled one, which gets no reminder for that date).
        "created_at": datetime(2025, 12, 1, 9, tzinfo=UTC),
        **overrides,
    }
    cycle = ReviewCycle(**values)
    db.session.add(cycle)
    db.session.flush()
    return cycle
