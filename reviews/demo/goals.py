"""The aligned goal tree of the demo, for the current period, through the services.

The CEO's company goal ("Grow recurring revenue 25%"); each department head's goal
aligned to it; each team lead's goal aligned to their department's (the demo manager,
Head of Engineering, also has one for his own team of senior engineers); individual
goals aligned to the team goals — the first Engineering team's by ``bulk_assign`` —
or, where the head leads no team, to the department goal. So alignment runs three
levels below the company goal. Every goal has 2–5 check-ins over the last months;
measures are percent, number and done; a few individual goals end achieved, one missed
and one dropped. Customer Success, the cautionary department, runs behind.

Check-in cadences: the company and department goals quarterly, the demo manager's
platform goal fortnightly, the rest monthly (the default); the demo employee also has a
weekly goal last checked in twelve days ago — overdue, so the home to-do, the reminder
job and the manager's digest all show it (dates relative to the load day).
"""

from datetime import date, timedelta

import sqlalchemy as sa

from core.extensions import db
from people.models import Employee
from reviews import services
from reviews.demo.common import CAUTIONARY_DEPARTMENT, Demo, at
from reviews.demo.goal_texts import (
    COMPANY_GOAL,
    DEPARTMENT_GOALS,
    DROP_GOAL_NOTE,
    PERSONAL_GOALS,
    PLATFORM_GOAL,
    TEAM_GOALS,
    WEEKLY_CHECK_INS,
    WEEKLY_GOAL,
)
from reviews.demo.journeys import check_ins
from reviews.enums import CheckInCadence, CheckInStatus, GoalStatus, MeasureType
from reviews.models import Goal

PACES = [0.6, 0.8, 0.95, 1.0, 1.05, 1.15]


def goal_tree(demo: Demo) -> None:
    """Create the tree top-down, then give every goal its check-ins and fate."""
    start = (demo.today - timedelta(days=150)).replace(day=1)
    target = start + timedelta(days=212)
    org = demo.org
    plan = _Plan(demo, start, target)
    quarterly = CheckInCadence.quarterly
    company = plan.add(
        org.ceo, COMPANY_GOAL, None, pace=0.9, weight=1, cadence=quarterly
    )
    heads = {p.department_id: p for p in org.people if p.manager_id == org.ceo.id}
    by_department: dict[int, Goal] = {}  # department id -> its goal
    by_lead: dict[int, Goal] = {}  # team lead's employee id -> their team goal
    for name, spec in DEPARTMENT_GOALS.items():
        dept = org.departments[name]
        slow = name == CAUTIONARY_DEPARTMENT
        by_department[dept.id] = plan.add(
            heads[dept.id],
            spec,
            company,
            pace=0.6 if slow else None,
            weight=2,
            cadence=quarterly,
        )
    for title, specs in TEAM_GOALS.items():
        leads = sorted((p for p in org.people if p.job_title == title), key=_id)
        for lead, spec in zip(leads, specs, strict=False):
            parent = by_department[lead.department_id]
            by_lead[lead.id] = plan.add(lead, spec, parent)
    by_lead[demo.manager.id] = plan.add(
        demo.manager,
        PLATFORM_GOAL,
        by_department[demo.manager.department_id],
        cadence=CheckInCadence.fortnightly,
    )
    first_lead = min(p.id for p in org.people if p.job_title == "Engineering Manager")
    plan.bulk(by_lead[first_lead])
    _personal_goals(demo, plan, by_lead, by_department, skip=first_lead)
    plan.run()
    parent = by_lead.get(demo.employee.manager_id) or by_department.get(
        demo.employee.department_id
    )
    _weekly_goal(demo, parent)


def _weekly_goal(demo: Demo, parent: Goal | None) -> Goal:
    """The demo employee's weekly goal, overdue for its check-in (no draws: fixed)."""
    set_on = demo.today - timedelta(days=47)
    user = demo.users[demo.employee.id]
    data = {
        **WEEKLY_GOAL,
        "parent_id": parent.id if parent else None,
        "target_on": demo.today + timedelta(days=60),
        "check_in_cadence": CheckInCadence.weekly,
    }
    goal = services.create_goal(user, data, now=at(set_on, 10))
    for days, value, status, note in WEEKLY_CHECK_INS:
        day = set_on + timedelta(days=days)
        services.check_in(
            user,
            goal,
            {
                "value": value,
                "status": CheckInStatus(status),
                "note": note,
                "checked_on": day,
            },
            now=at(day, 11),
        )
    return goal


def _id(person: Employee) -> int:
    return person.id


def _personal_goals(demo, plan, by_lead, by_department, *, skip: int) -> None:
    """Up to three people per team and title get one of their title's goals in turn;
    the demo employee gets the first two Senior Software Engineer goals."""
    seen: dict[tuple[int, str], int] = {}
    people = sorted(demo.org.people, key=lambda p: (p.id != demo.employee.id, p.id))
    for person in people:
        specs = PERSONAL_GOALS.get(person.job_title)
        if not specs or not person.is_active or person.manager_id == skip:
            continue
        parent = by_lead.get(person.manager_id)
        if parent is None and person.manager_id == _head_id(demo, person):
            parent = by_department[person.department_id]
        key = (person.manager_id, person.job_title)
        index = seen.get(key, 0)
        if parent is None or index >= 3:
            continue
        seen[key] = index + (2 if person.id == demo.employee.id else 1)
        mine = (
            specs[:2] if person.id == demo.employee.id else [specs[index % len(specs)]]
        )
        for spec in mine:
            fate = None
            if spec["measure"] is MeasureType.done:
                fate = GoalStatus.achieved
            elif person.job_title == "Account Executive" and index == 0:
                fate = GoalStatus.missed
            elif person.job_title == "Software Engineer" and index == 2:
                fate = GoalStatus.dropped
            plan.add(person, spec, parent, fate=fate)


def _head_id(demo: Demo, person: Employee) -> int | None:
    manager = demo.people.get(person.manager_id)
    return manager.id if manager and manager.manager_id == demo.org.ceo.id else None


class _Plan:
    """Goals created now (top-down, so parents exist), checked in afterwards."""

    def __init__(self, demo: Demo, start: date, target: date):
        self.demo, self.start, self.target = demo, start, target
        self.todo: list[tuple[Goal, float, GoalStatus | None]] = []

    def add(
        self, owner, spec, parent, *, pace=None, weight=None, fate=None, cadence=None
    ) -> Goal:
        rng = self.demo.aside
        created = self.start + timedelta(days=rng.randint(0, 12))
        target = self.target
        if fate is GoalStatus.missed:
            target = self.demo.today - timedelta(days=rng.randint(15, 30))
        data = {
            **spec,
            "owner_id": owner.id,
            "parent_id": parent.id if parent else None,
            "target_on": target,
            "weight": weight if weight is not None else rng.choice([1, 1, 2, 3]),
            "check_in_cadence": cadence or CheckInCadence.monthly,
        }
        when = at(created, rng.randint(9, 16))
        goal = services.create_goal(self.demo.users[owner.id], data, now=when)
        goal.created_at = goal.updated_at = when
        if pace is None:
            pace = 0.6 if fate is GoalStatus.missed else rng.choice(PACES)
        self.todo.append((goal, pace, fate))
        return goal

    def bulk(self, parent: Goal) -> None:
        """The lead gives each member of the team a copy of the team goal."""
        members = [
            p.id
            for p in self.demo.org.people
            if p.manager_id == parent.owner_id and p.is_active
        ]
        when = at(self.start + timedelta(days=14), 10)
        lead = self.demo.users[parent.owner_id]
        services.bulk_assign(lead, parent, members, now=when)
        copies = db.session.scalars(
            sa.select(Goal).where(Goal.parent_id == parent.id).order_by(Goal.id)
        )
        for goal in copies:
            self.todo.append((goal, self.demo.aside.choice(PACES), None))

    def run(self) -> None:
        demo, rng = self.demo, self.demo.aside
        latest = demo.today - timedelta(days=2)
        for goal, pace, fate in self.todo:
            owner = demo.users[goal.owner_id]
            final = 1.0 if fate is GoalStatus.achieved else None
            end = min(goal.target_on, latest)
            last = check_ins(
                demo,
                goal,
                owner,
                start=goal.created_at.date(),
                end=end,
                count=rng.randint(2, 5),
                pace=pace,
                final=final,
            )
            if fate is None:
                continue
            when = min(last + timedelta(days=rng.randint(1, 5)), demo.now)
            data = {"status": fate}
            actor = owner
            if fate is not GoalStatus.achieved:
                actor = demo.users[demo.people[goal.owner_id].manager_id]
            if fate is GoalStatus.dropped:
                data["description"] = f"{goal.description} {DROP_GOAL_NOTE}"
            services.update_goal(actor, goal, data, now=when)
