"""Demo data: a believable organisation of ~80 people in 8 departments.

Deterministic (fixed seed) so screenshots and docs stay stable. Later issues extend it by
adding a loader to ``DEMO_LOADERS`` (reviews, goals, activities, …); each loader takes the
``DemoOrg`` built here and the progress callback. People never imports those packages: each
registers its loader at app start-up (e.g. ``reviews.demo.register_demo_loader``, called by
``app._register_cli``), so the dependency direction stays core ← people ← reviews.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from auth.passwords import hash_password
from core.db import utcnow
from core.extensions import db
from people.enums import SkillLevelSource
from people.models import (
    Department,
    Employee,
    EmployeeSkillLevel,
    RoleProfile,
    RoleProfileSkill,
    Skill,
    User,
)

SKILLS = {
    "Engineering": ["Python", "System design", "Testing", "SQL", "Security", "DevOps"],
    "Product": ["Product discovery", "User research", "Roadmapping", "Data analysis"],
    "Commercial": ["Negotiation", "Account management", "Forecasting", "Campaigns"],
    "Leadership": ["Coaching", "Delegation", "Giving feedback", "Hiring"],
    "Core": ["Written communication", "Presenting", "Stakeholder management"],
    "Finance & Ops": ["Budgeting", "Compliance", "Vendor management"],
}

# department -> (head title, [(team lead title, member title, team size)], head's own reports)
DEPARTMENTS = {
    "Engineering": (
        "Head of Engineering",
        [("Engineering Manager", "Software Engineer", 7)] * 3,
        [("Senior Software Engineer", 2)],
    ),
    "Product": ("Head of Product", [("Product Manager", "Product Designer", 5)], []),
    "Sales": ("Sales Director", [("Sales Manager", "Account Executive", 5)] * 2, []),
    "Marketing": ("Marketing Director", [], [("Marketing Specialist", 5)]),
    "Customer Success": (
        "Customer Success Director",
        [("Support Team Lead", "Support Specialist", 6)],
        [],
    ),
    "Finance": ("Finance Director", [], [("Accountant", 4)]),
    "People": ("Head of People", [], [("HR Partner", 3)]),
    "Operations": ("Operations Director", [], [("Operations Analyst", 4)]),
}

PROFILE_SKILLS = {
    "Software Engineer": {"Python": 3, "Testing": 3, "SQL": 3, "System design": 2},
    "Senior Software Engineer": {
        "Python": 4,
        "Testing": 4,
        "System design": 4,
        "Security": 3,
        "Giving feedback": 3,
    },
    "Engineering Manager": {
        "Coaching": 4,
        "Delegation": 4,
        "Hiring": 3,
        "System design": 3,
    },
    "Head of Engineering": {"Coaching": 4, "Stakeholder management": 4, "Hiring": 4},
    "Product Manager": {"Product discovery": 4, "Roadmapping": 4, "Data analysis": 3},
    "Product Designer": {"User research": 4, "Presenting": 3},
    "Account Executive": {"Negotiation": 3, "Account management": 3, "Forecasting": 2},
    "Sales Manager": {"Negotiation": 4, "Coaching": 3, "Forecasting": 4},
    "Marketing Specialist": {
        "Campaigns": 3,
        "Written communication": 4,
        "Data analysis": 2,
    },
    "Support Specialist": {"Written communication": 3, "Account management": 2},
    "Support Team Lead": {"Coaching": 3, "Written communication": 4},
    "Accountant": {"Budgeting": 4, "Compliance": 3},
    "HR Partner": {"Coaching": 3, "Giving feedback": 4, "Compliance": 3},
    "Operations Analyst": {"Vendor management": 3, "Data analysis": 3},
}

FIRST = [
    "Ada",
    "Ben",
    "Chloe",
    "Dev",
    "Elif",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kaia",
    "Liam",
    "Mona",
    "Nils",
    "Olu",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Umar",
    "Vera",
    "Wim",
    "Xena",
    "Yusuf",
    "Zoe",
    "Aiko",
    "Bruno",
    "Carla",
    "Dario",
    "Eva",
    "Femi",
    "Gil",
    "Hana",
    "Ivo",
    "Jana",
    "Kofi",
    "Lea",
    "Milo",
    "Nora",
]
LAST = [
    "Adler",
    "Berg",
    "Costa",
    "Dahl",
    "Ekström",
    "Fischer",
    "García",
    "Haas",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quist",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Usman",
    "Varga",
    "Weber",
    "Yilmaz",
    "Zhou",
    "Andersen",
    "Brandt",
    "Castillo",
]


@dataclass
class DemoOrg:
    password: str
    rng: random.Random
    ceo: Employee | None = None
    departments: dict[str, Department] = field(default_factory=dict)
    people: list[Employee] = field(default_factory=list)
    skills: dict[str, Skill] = field(default_factory=dict)
    manager: Employee | None = None  # demo manager (has indirect reports)
    employee: Employee | None = None  # demo employee (reports to the manager)


# Later issues append loaders, run in order after the people steps:
# fn(org: DemoOrg, progress) -> None, calling progress(step name) as they go.
DEMO_LOADERS: list = []


def load_demo(password: str, progress=None) -> list[tuple[str, str]]:
    """Create the demo organisation; commit; return the logins as (role, email)."""
    org = DemoOrg(password=password, rng=random.Random(2026))
    report = progress or (lambda name: None)
    steps = [_skills, _departments_and_people, _role_profiles, _skill_levels, _accounts]
    for step in steps:
        step(org)
        db.session.flush()
        report(step.__name__.strip("_").replace("_", " "))
    for loader in DEMO_LOADERS:
        loader(org, report)
        db.session.flush()
    db.session.commit()
    return demo_logins()


def _skills(org: DemoOrg) -> None:
    for group, names in SKILLS.items():
        for name in names:
            skill = Skill(
                name=name, group=group, description=f"{name} ({group.lower()})."
            )
            db.session.add(skill)
            org.skills[name] = skill


def _name_factory(org: DemoOrg):
    used: set[str] = set()

    def make() -> tuple[str, str]:
        while True:
            first, last = org.rng.choice(FIRST), org.rng.choice(LAST)
            if (first, last) not in used:
                used.add((first, last))
                email = f"{first}.{last}@trellis.example".lower()
                email = email.replace("ö", "o").replace("í", "i").replace("ë", "e")
                return f"{first} {last}", email

    return make


def _departments_and_people(org: DemoOrg) -> None:
    new_name = _name_factory(org)
    today = utcnow().date()

    def person(title, department, manager, *, name=None, email=None, years=None):
        n, e = new_name() if name is None else (name, email)
        hired = today - timedelta(days=int(365 * (years or org.rng.uniform(0.3, 9))))
        emp = Employee(
            name=n,
            email=e,
            job_title=title,
            department=department,
            manager=manager,
            hired_on=hired,
        )
        db.session.add(emp)
        org.people.append(emp)
        return emp

    executive = Department(name="Executive", description="Company leadership.")
    db.session.add(executive)
    org.departments["Executive"] = executive
    org.ceo = person(
        "Chief Executive Officer",
        executive,
        None,
        name="Alex Morgan",
        email="alex.morgan@trellis.example",
        years=9,
    )
    for dept_name, (head_title, teams, direct) in DEPARTMENTS.items():
        dept = Department(name=dept_name, parent=executive, description="")
        db.session.add(dept)
        org.departments[dept_name] = dept
        head = person(head_title, dept, org.ceo, years=org.rng.uniform(3, 9))
        if dept_name == "Engineering":
            org.manager = head
        for lead_title, member_title, size in teams:
            lead = person(lead_title, dept, head, years=org.rng.uniform(2, 7))
            for _ in range(size):
                person(member_title, dept, lead)
        for title, size in direct:
            for _ in range(size):
                person(title, dept, head)
    # The demo employee is the login `demo_logins()` prints: the first Senior Software
    # Engineer by email, who reports to the demo manager.
    org.employee = min(
        (p for p in org.people if p.job_title == "Senior Software Engineer"),
        key=lambda p: p.email,
    )
    # One departed employee, so HR sees inactive people too.
    leaver = person("Software Engineer", org.departments["Engineering"], org.manager)
    leaver.is_active = False


def _role_profiles(org: DemoOrg) -> None:
    for title, expected in PROFILE_SKILLS.items():
        profile = RoleProfile(
            job_title=title,
            description=f"What we expect of a {title.lower()}.",
            expectations=[
                RoleProfileSkill(skill=org.skills[name], expected_level=level)
                for name, level in expected.items()
            ],
        )
        db.session.add(profile)


# The demo employee's first skill: a history of three points, dated back from the load.
HISTORY_STORY = (
    (400, SkillLevelSource.import_, -2),  # HR's level at go-live
    (200, SkillLevelSource.review, -1),  # a shared review's rating
    (30, SkillLevelSource.training_need, 0),  # a training need verified met
)


def _skill_levels(org: DemoOrg) -> None:
    now = utcnow()
    story = _history_story(org, now)
    for emp in org.people:
        for name, level in PROFILE_SKILLS.get(emp.job_title, {}).items():
            if (emp, name) == story:
                continue
            # Two assessments a year apart: most people grow, some stay below par.
            first = max(1, min(5, level + org.rng.choice([-2, -1, -1, 0])))
            latest = max(1, min(5, first + org.rng.choice([0, 0, 1, 1, 2])))
            for when, value in ((now - timedelta(days=365), first), (now, latest)):
                db.session.add(
                    EmployeeSkillLevel(
                        employee=emp,
                        skill=org.skills[name],
                        level=value,
                        assessed_at=when,
                        source=SkillLevelSource.manager,
                    )
                )


def _history_story(org: DemoOrg, now) -> tuple[Employee, str] | None:
    """Give the demo employee login (found as ``demo_logins`` finds it) a skill
    history of three points — HR, a review, a verified need — on their first skill;
    return (person, skill name) so the usual two assessments skip it."""
    title = "Senior Software Engineer"
    mine = [p for p in org.people if p.job_title == title]
    if not mine or not PROFILE_SKILLS.get(title):
        return None
    emp = min(mine, key=lambda p: p.email)
    name, level = next(iter(PROFILE_SKILLS[title].items()))
    for days, source, step in HISTORY_STORY:
        db.session.add(
            EmployeeSkillLevel(
                employee=emp,
                skill=org.skills[name],
                level=max(1, min(5, level + step)),
                assessed_at=now - timedelta(days=days),
                source=source,
            )
        )
    return emp, name


def _accounts(org: DemoOrg) -> None:
    hashed = hash_password(org.password)
    for emp in org.people:
        db.session.add(
            User(
                email=emp.email,
                employee=emp,
                password_hash=hashed,
                is_hr=emp.department is org.departments["People"],
                is_enabled=emp.is_active,
            )
        )
    db.session.add(
        User(email="admin@trellis.example", password_hash=hashed, is_admin=True)
    )


def demo_logins() -> list[tuple[str, str]]:
    """The demo logins of a loaded demo database (empty list if it is not loaded)."""
    import sqlalchemy as sa

    titles = {
        "hr": "Head of People",
        "manager": "Head of Engineering",
        "employee": "Senior Software Engineer",
    }
    found = dict(
        db.session.execute(
            sa.select(Employee.job_title, sa.func.min(Employee.email))
            .join(User, User.employee_id == Employee.id)
            .where(
                Employee.job_title.in_(titles.values()),
                Employee.email.like("%@trellis.example"),
            )
            .group_by(Employee.job_title)
        ).all()
    )
    admin = db.session.scalar(
        sa.select(User.email).where(User.email == "admin@trellis.example")
    )
    if admin is None or len(found) < 3:
        return []
    return [
        ("hr", found[titles["hr"]]),
        ("admin", admin),
        ("manager", found[titles["manager"]]),
        ("employee", found[titles["employee"]]),
    ]


@dataclass
class DemoCast:
    """Who a domain's demo loader works with: the org, every account by employee id
    and the people behind the demo logins. Reviews and development extend it."""

    org: DemoOrg
    rng: random.Random
    now: datetime
    today: date
    hr: User
    users: dict[int, User]  # employee id -> account
    people: dict[int, Employee]
    manager: Employee  # the demo logins' manager and employee
    employee: Employee

    @classmethod
    def cast(cls, org: DemoOrg, rng: random.Random):
        """The cast of the loaded org, as of now (``DemoOrg.employee`` is not the
        employee login: the logins are found by title)."""
        import sqlalchemy as sa

        now = utcnow()
        users = {
            u.employee_id: u
            for u in db.session.scalars(
                sa.select(User).where(User.employee_id.is_not(None))
            )
        }
        logins = dict(demo_logins())
        by_email = {p.email: p for p in org.people}
        return cls(
            org=org,
            rng=rng,
            now=now,
            today=now.date(),
            hr=users[by_email[logins["hr"]].id],
            users=users,
            people={p.id: p for p in org.people},
            manager=by_email[logins["manager"]],
            employee=by_email[logins["employee"]],
        )
