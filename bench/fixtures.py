"""Build a synthetic organisation for benchmarks, fast (bulk inserts, one password hash).

    python -m bench.fixtures --size M|L|XL [--database-url URL] [--reset]

M = 1,000 people, L = 5,000, XL = 20,000. Default database: ``bench/out/bench-<size>.db``
(SQLite, created with ``db.create_all()``). Every employee has an account
(``<email>`` / ``bench-password-2026``); ``hr@bench.example`` and ``admin@bench.example``
have the same password.

One builder per domain, in ``BUILDERS``: each takes the ``Fixture`` (rng, ids made so far)
and inserts its rows. Later domains (goals, activities) append theirs. Reviews: six closed
half-year cycles and an active one (``bench.fixtures_reviews``).
"""

import argparse
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from bench.common import (
    OUT,
    PASSWORD,
    SIZES,
    default_url,
    insert_rows,
    make_app,
    sqlite_path,
)
from bench.fixtures_development import build_development
from bench.fixtures_reviews import build_reviews

GROUPS = ["Engineering", "Delivery", "Leadership", "Communication", "Data"]
TITLES = [
    "Software Engineer",
    "Senior Software Engineer",
    "QA Engineer",
    "Data Analyst",
    "Product Designer",
    "Account Executive",
    "Support Specialist",
    "Technical Writer",
    "Site Reliability Engineer",
    "Business Analyst",
]
MANAGER_TITLES = ["CEO", "Vice President", "Director", "Team Lead"]


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words("Ada Ben Chloe Dev Elif Farid Greta Hugo Ines Jonas Kaia Liam Mona Nils")
LAST = _words(
    "Adler Berg Costa Dahl Fischer Haas Jensen Moreau Okafor Rossi Weber Zhou"
)


@dataclass
class Fixture:
    size: str
    people: int
    rng: random.Random
    now: datetime
    ids: dict[str, list[int]] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)


def _levels(n: int) -> list[int]:
    """Head count per management level: CEO, VPs, directors, team leads (rest: ICs)."""
    leads = max(3, n // 10)
    directors = max(2, leads // 6)
    vps = max(2, min(12, directors // 4))
    return [1, vps, directors, leads]


def build_people(fx: Fixture) -> None:
    from auth.passwords import hash_password
    from people import models as pm
    from people.enums import SkillLevelSource

    rng, n = fx.rng, fx.people
    skills = [
        {"id": i + 1, "name": f"{GROUPS[i % 5]} skill {i + 1}", "group": GROUPS[i % 5]}
        for i in range(40)
    ]
    insert_rows(pm.Skill, skills, "skills")

    # Org tree: each level's people spread over the level above (round robin).
    levels, ids, next_id = _levels(n), [], 1
    for count in levels:
        ids.append(list(range(next_id, next_id + count)))
        next_id += count
    ids.append(list(range(next_id, n + 1)))  # individual contributors
    manager_of = {}
    for depth in range(1, len(ids)):
        above = ids[depth - 1]
        for i, emp in enumerate(ids[depth]):
            manager_of[emp] = above[i % len(above)]

    # Departments: the company, one division per VP, one department per director.
    departments = [{"id": 1, "name": "Company", "parent_id": None}]
    dept_of = {ids[0][0]: 1}
    for i, vp in enumerate(ids[1]):
        departments.append({"id": 2 + i, "name": f"Division {i + 1}", "parent_id": 1})
        dept_of[vp] = 2 + i
    for i, director in enumerate(ids[2]):
        dept_id = len(departments) + 1
        parent = dept_of[manager_of[director]]
        departments.append(
            {"id": dept_id, "name": f"Department {i + 1}", "parent_id": parent}
        )
        dept_of[director] = dept_id
    for depth in (3, 4):
        for emp in ids[depth]:
            dept_of[emp] = dept_of[manager_of[emp]]
    insert_rows(pm.Department, departments, "departments")

    employees, titles = [], {}
    for depth, level in enumerate(ids):
        for emp in level:
            title = MANAGER_TITLES[depth] if depth < 4 else rng.choice(TITLES)
            titles[emp] = title
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            employees.append(
                {
                    "id": emp,
                    "name": f"{name} {emp}",
                    "email": f"person{emp}@bench.example",
                    "job_title": title,
                    "department_id": dept_of[emp],
                    "manager_id": manager_of.get(emp),
                    "hired_on": date(2015, 1, 1) + timedelta(days=rng.randrange(3650)),
                }
            )
    hr_employee = ids[4][0]
    employees[hr_employee - 1]["email"] = "hr@bench.example"
    employees[hr_employee - 1]["job_title"] = titles[hr_employee] = "HR Partner"
    insert_rows(pm.Employee, employees, "employees")

    profiles, expectations = [], []
    for i, title in enumerate(sorted(set(titles.values()))):
        profiles.append({"id": i + 1, "job_title": title, "description": ""})
        for skill_id in rng.sample(range(1, 41), 5):
            expectations.append(
                {
                    "role_profile_id": i + 1,
                    "skill_id": skill_id,
                    "expected_level": rng.randint(2, 5),
                }
            )
    insert_rows(pm.RoleProfile, profiles, "role profiles")
    insert_rows(pm.RoleProfileSkill, expectations, "expectations")

    password_hash = hash_password(PASSWORD)  # once: argon2 is slow by design
    users = [
        {
            "id": e["id"],
            "email": e["email"],
            "employee_id": e["id"],
            "password_hash": password_hash,
            "is_hr": e["id"] == hr_employee,
        }
        for e in employees
    ]
    users.append(
        {
            "id": n + 1,
            "email": "admin@bench.example",
            "employee_id": None,
            "password_hash": password_hash,
            "is_admin": True,
        }
    )
    insert_rows(pm.User, users, "accounts")

    levels_rows = []
    for emp in range(1, n + 1):
        for skill_id in rng.sample(range(1, 41), rng.randint(2, 5)):
            levels_rows.append(
                {
                    "employee_id": emp,
                    "skill_id": skill_id,
                    "level": rng.randint(1, 5),
                    "assessed_at": fx.now - timedelta(days=rng.randrange(720)),
                    "source": SkillLevelSource.manager,
                    "assessed_by_id": manager_of.get(emp),
                }
            )
    insert_rows(pm.EmployeeSkillLevel, levels_rows, "skill levels")

    fx.ids.update(levels=[len(level) for level in ids], employees=list(range(1, n + 1)))
    fx.emails.update(
        hr="hr@bench.example",
        admin="admin@bench.example",
        ceo=f"person{ids[0][0]}@bench.example",
        director=f"person{ids[2][0]}@bench.example",
        team_lead=f"person{ids[3][0]}@bench.example",
        employee=f"person{ids[4][1]}@bench.example",
    )


# One builder per domain, in dependency order. Later issues append goals, activities, ….
BUILDERS: list[Callable[[Fixture], None]] = [
    build_people,
    build_reviews,
    build_development,
]


def _sync_sequences() -> None:
    """Explicit ids bypass PostgreSQL sequences: move each past its table's max id."""
    from core.extensions import db

    if db.engine.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.c:
            db.session.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )


def build(size: str, url: str | None = None, *, reset: bool = False) -> Fixture:
    """Create the schema and every domain's rows; return what was built."""
    from core.extensions import db
    from people.models import Employee

    url = url or default_url(size)
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if reset:
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
    fx = Fixture(size, SIZES[size], random.Random(2026), datetime.now(UTC))
    app = make_app(url)
    with app.app_context():
        if reset and path is None:
            db.drop_all()
        db.create_all()
        if db.session.scalar(sa.select(sa.func.count()).select_from(Employee)):
            raise SystemExit(f"{url} has people already; pass --reset to rebuild it.")
        started = time.perf_counter()
        for builder in BUILDERS:
            builder(fx)
        _sync_sequences()
        # Bulk inserts bypass the session: the org chart's reporting lines, computed once.
        from people import org_tree

        org_tree.rebuild(db.session.connection())
        db.session.commit()
        fx.ids["seconds"] = [round(time.perf_counter() - started, 1)]
    return fx


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="M")
    parser.add_argument("--database-url", help=f"default: sqlite in {OUT}/")
    parser.add_argument("--reset", action="store_true", help="rebuild from scratch")
    args = parser.parse_args(argv)
    url = args.database_url or default_url(args.size)
    reset = args.reset or args.database_url is None  # the default file is ours
    print(f"Building {args.size} ({SIZES[args.size]:,} people) in {url}")
    fx = build(args.size, url, reset=reset)
    print(
        f"Built {fx.people:,} people in {fx.ids['seconds'][0]} s; "
        f"levels (CEO, VPs, directors, team leads, ICs): {fx.ids['levels']}"
    )
    print(f"Password for every account: {PASSWORD}")
    for role, email in fx.emails.items():
        print(f"  {role:<10} {email}")


if __name__ == "__main__":
    main()
