"""Activities of every kind over the last twelve months, drawn so that each person ends
with the keeps-learning status they were given (the policy: evidence in 2 of the last 3
months is active, 1 is lapsing, none inactive); certifications, two of them near expiry;
some linked as evidence to their owner's training needs (never in the cautionary
department, never moving the demo manager's team's open needs); some verified by the
direct manager; a few planned, a few private."""

from datetime import date, timedelta

import sqlalchemy as sa

from core.extensions import db
from development.demo import texts
from development.demo.common import DevDemo, at, month_day, shift_years
from development.enums import ActivityKind as K
from development.enums import ActivityStatus, KeepsLearning
from development.services import activities as svc
from people.models import Employee
from reviews.demo.goal_texts import COURSES
from reviews.enums import TrainingNeedStatus as N
from reviews.models import TrainingNeed

A = KeepsLearning
RUNNING = {
    K.course,
    K.degree_programme,
    K.mentoring,
    K.online_group,
    K.professional_association,
}
LEADING = ("Manager", "Head", "Director", "Lead", "Chief")


def assign_targets(dd: DevDemo, active: set[int]) -> None:
    """Who keeps learning: the demo logins and chain owners are active; the cautionary
    department mostly inactive; the rest drawn, with a few of each for sure."""
    cautionary = [p for p in dd.org.people if p.is_active and dd.cautionary(p)]
    for i, person in enumerate(cautionary):
        dd.target[person.id] = A.lapsing if i in (0, 3) else A.inactive
    rest = [p for p in dd.org.people if p.is_active and p.id not in dd.target]
    for person in sorted(rest, key=lambda p: p.id):
        if person.id in active or person.id in (dd.manager.id, dd.employee.id):
            dd.target[person.id] = A.active
        else:
            dd.target[person.id] = dd.rng.choices(
                [A.active, A.lapsing, A.inactive], [6, 3, 2]
            )[0]


def _months(dd: DevDemo, person: Employee) -> list[int]:
    """How many months back each piece of evidence falls (0 = this month)."""
    rng, target = dd.rng, dd.target[person.id]
    if person.id == dd.employee.id:
        return [0, 1, 2, 4, 7, 9]
    if target is A.active:
        window = rng.sample([0, 1, 2], rng.choice([2, 2, 3]))
        return window + rng.sample(range(3, 12), rng.randint(2, 5))
    if target is A.lapsing:
        return [rng.choice([1, 2, 2]), *rng.sample(range(3, 12), rng.randint(2, 4))]
    return rng.sample(range(4, 12), rng.choice([0, 0, 1, 2, 3]))


def _pool(dd: DevDemo, person: Employee) -> list[tuple]:
    department = dd.department(person)
    pool = list(texts.ACTIVITIES.get(department, [])) + texts.SHARED
    if any(word in person.job_title for word in LEADING):
        pool += texts.LEADS
    return pool


class Needs:
    """Each person's needs that may take evidence from the demo."""

    def __init__(self, dd: DevDemo):
        team = set(
            db.session.scalars(
                sa.select(Employee.id).where(Employee.manager_id == dd.manager.id)
            )
        )
        self.by_person: dict[int, list[TrainingNeed]] = {}
        stmt = sa.select(TrainingNeed).where(
            TrainingNeed.status.in_([N.open, N.in_progress])
        )
        for need in db.session.scalars(stmt.order_by(TrainingNeed.id)):
            person = dd.people.get(need.employee_id)
            if person is None or dd.cautionary(person):
                continue
            # Open needs of the demo manager's team stay open (the reviews demo shows
            # every status there); theirs in progress take more evidence.
            if need.status is N.open and (
                need.employee_id in team or dd.rng.random() < 0.5
            ):
                continue
            self.by_person.setdefault(need.employee_id, []).append(need)
        self.skill_names = {s.id: n for n, s in dd.org.skills.items()}

    def wanted(self, person: Employee, on: date) -> str | None:
        """The skill of a need the person could show evidence for by ``on``."""
        return next(
            (
                self.skill_names[n.skill_id]
                for n in self.by_person.get(person.id, [])
                if n.created_at.date() <= on
            ),
            None,
        )

    def pick(self, person: Employee, skills: list[str], on: date) -> list[int]:
        """A need of the person's whose skill the activity addresses (taken once)."""
        for need in self.by_person.get(person.id, []):
            if (
                need.created_at.date() <= on
                and self.skill_names[need.skill_id] in skills
            ):
                self.by_person[person.id].remove(need)
                return [need.id]
        return []


def _for_skill(pool: list[tuple], skill: str) -> tuple:
    """An activity of the pool that addresses ``skill``, else a course on it."""
    for i, item in enumerate(pool):
        if skill in item[4]:
            return pool.pop(i)
    course, hours = COURSES.get(skill, (f"{skill} essentials", 6))
    return (K.course, course, "LinkedIn Learning", hours, [skill])


def _one(dd: DevDemo, person: Employee, item: tuple, on: date, back: int, needs):
    rng = dd.rng
    kind, title, provider, hours, skills = item[:5]
    data = {
        "kind": kind,
        "title": title,
        "provider": provider,
        "hours": round(hours * rng.uniform(0.8, 1.2) * 2) / 2,
        "skill_ids": [dd.org.skills[s].id for s in skills],
        "status": ActivityStatus.completed,
        "started_on": on,
        "ended_on": on,
    }
    if kind in RUNNING and back <= 1 and rng.random() < 0.3:
        data["status"] = ActivityStatus.in_progress
        data["ended_on"] = dd.today + timedelta(days=rng.randint(14, 80))
    elif kind in (K.course, K.degree_programme, K.on_the_job, K.mentoring):
        data["started_on"] = on - timedelta(days=rng.randint(7, 40))
    elif kind is K.conference_workshop:
        data["started_on"] = on - timedelta(days=rng.randint(0, 2))
    if kind is K.certification:
        years = item[5]
        data["expires_on"] = shift_years(on, years)
    if rng.random() < 0.35:
        data["evidence_note"] = rng.choice(texts.EVIDENCE_NOTES)
    if rng.random() < 0.3:
        slug = "-".join(title.lower().split()[:4]).replace(":", "")
        data["evidence_url"] = texts.LEARNING_URL.format(slug=slug)
    if rng.random() < 0.4:
        data["reflection"] = rng.choice(texts.REFLECTIONS)
        data["is_private"] = rng.random() < 0.2
    if not dd.cautionary(person):
        data["need_ids"] = needs.pick(person, skills, on)
    when = at(min(on, dd.today), 18)
    activity = svc.create_activity(dd.user(person), data, now=dd.clamp(when))
    return activity, bool(data.get("need_ids"))


def _verify(dd: DevDemo, person: Employee, activity) -> None:
    """The direct manager confirms it a few days later (not the demo employee's recent
    ones: the demo manager keeps a verification queue)."""
    if person.manager_id is None or activity.status is not ActivityStatus.completed:
        return
    if person.id == dd.employee.id and activity.ended_on > dd.ago(45):
        return
    if dd.rng.random() > 0.5:
        return
    boss = dd.users[person.manager_id]
    when = at(activity.ended_on + timedelta(days=dd.rng.randint(1, 9)), 10)
    svc.verify_activity(boss, activity, now=dd.clamp(when))


def _certificate(title, provider, years, skills):
    return (K.certification, title, provider, 6, skills, years)


def person_activities(dd: DevDemo, person: Employee, needs: Needs) -> int:
    rng, pool = dd.rng, _pool(dd, person)
    cert = texts.CERTIFICATIONS.get(dd.department(person))
    count = 0
    for back in sorted(_months(dd, person), reverse=True):
        on = month_day(dd.today, back, rng)
        skill = needs.wanted(person, on) if not dd.cautionary(person) else None
        if cert and back <= 5 and rng.random() < 0.15:
            item, cert = _certificate(*cert), None
        elif skill and rng.random() < 0.7:
            item = _for_skill(pool, skill)
        else:
            item = pool.pop(rng.randrange(len(pool)))
        activity, linked = _one(dd, person, item, on, back, needs)
        if not linked:
            _verify(dd, person, activity)
        count += 1
    target = dd.target[person.id]
    if target is not A.inactive and rng.random() < 0.25 and pool:
        kind, title, provider, hours, _ = pool.pop(rng.randrange(len(pool)))
        start = dd.ahead(rng.randint(10, 90))
        svc.create_activity(
            dd.user(person),
            {
                "kind": kind,
                "title": title,
                "provider": provider,
                "hours": hours,
                "status": ActivityStatus.planned,
                "started_on": start,
                "ended_on": start,
            },
            now=at(dd.ago(rng.randint(1, 20)), 12),
        )
        count += 1
    return count


def _old_certificate(dd: DevDemo, person: Employee, spec, expires_in: int) -> None:
    """A certificate taken years ago that expires ``expires_in`` days from today."""
    title, provider, years, skills = spec
    expires = dd.ahead(expires_in)
    taken = shift_years(expires, -years)
    svc.create_activity(
        dd.user(person),
        {
            "kind": K.certification,
            "title": title,
            "provider": provider,
            "hours": 40,
            "status": ActivityStatus.completed,
            "started_on": taken - timedelta(days=60),
            "ended_on": taken,
            "expires_on": expires,
            "skill_ids": [dd.org.skills[s].id for s in skills],
            "evidence_note": "Certificate on file; renewal exam to book.",
        },
        now=at(taken, 17),
    )


def load_activities(dd: DevDemo) -> int:
    """Every person's activities; returns how many were logged."""
    needs = Needs(dd)
    count = 0
    for person in sorted(dd.org.people, key=lambda p: p.id):
        if person.is_active:
            count += person_activities(dd, person, needs)
    _old_certificate(dd, dd.employee, texts.SOON_CERT, 24)
    _old_certificate(dd, dd.titled("Accountant")[0], texts.LATER_CERT, 64)
    ops = dd.titled("Operations Analyst")
    degree_holder = next((p for p in ops if dd.target[p.id] is A.active), ops[0])
    kind, title, provider, hours, skills = texts.DEGREE
    start = month_day(dd.today, 7, dd.rng)
    svc.create_activity(
        dd.user(degree_holder),
        {
            "kind": kind,
            "title": f"{title} 2 of 4",
            "provider": provider,
            "hours": hours,
            "status": ActivityStatus.in_progress,
            "started_on": start,
            "ended_on": dd.ahead(120),
            "skill_ids": [dd.org.skills[s].id for s in skills],
        },
        now=at(start, 18),
    )
    db.session.flush()
    return count + 3
