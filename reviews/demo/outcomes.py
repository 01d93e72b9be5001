"""What became of the closed cycles' training needs and goals, and the needs of today,
through the services.

Needs end met (evidence linked by the owner, verified by the reviewer: a NeedEvidence
row, audit events and a new assessed skill level), in progress (evidence linked),
dropped with a reason, or still open — most of those overdue. The demo employee's needs
of the newer cycle take each fate in turn. The cautionary department is left alone: its
needs stay open, overdue and without evidence. Goals get check-ins and end achieved,
missed or dropped (older cycle) or stay active with progress (newer cycle). Today: the
demo manager names a need for the demo employee, who links a course; the second
Engineering team's role-profile gaps become needs.
"""

from datetime import timedelta

import sqlalchemy as sa

from core.extensions import db
from people.demo import PROFILE_SKILLS
from people.models import Employee
from reviews import services
from reviews.demo.common import CAUTIONARY_DEPARTMENT, Demo, at
from reviews.demo.journeys import check_ins, link_course, verifier
from reviews.demo.texts import DROP_REASONS
from reviews.enums import GoalStatus, Priority, TrainingNeedStatus
from reviews.models import Goal, Review, TrainingNeed
from reviews.services.outcomes import current_levels

G, N = GoalStatus, TrainingNeedStatus


def settle_outcomes(demo: Demo) -> None:
    """Settle the needs, then the goals, of the two closed cycles."""
    _settle_needs(demo)
    _settle_goals(demo)
    db.session.flush()


def _settle_needs(demo: Demo) -> None:
    rng = demo.rng
    older, newer = demo.cycles
    cautionary_id = demo.org.departments[CAUTIONARY_DEPARTMENT].id
    demo_employee = demo.employee.id
    rows = db.session.execute(
        sa.select(TrainingNeed, Review.cycle_id, Review.reviewer_id, Review.shared_at)
        .join(Review, Review.id == TrainingNeed.source_review_id)
        .join(Employee, Employee.id == TrainingNeed.employee_id)
        .where(
            Review.cycle_id.in_([older.id, newer.id]),
            Employee.department_id != cautionary_id,
        )
        .order_by(TrainingNeed.id)
    ).all()
    fates_of_demo_employee = iter(["met", "open", "dropped", "in_progress"])
    fates = ["met", "in_progress", "dropped", "open"]
    for need, cycle_id, reviewer_id, shared_at in rows:
        if need.employee_id == demo_employee and cycle_id == newer.id:
            fate = next(fates_of_demo_employee, "open")
        elif cycle_id == older.id:
            fate = rng.choices(fates, [5, 1, 2, 2])[0]
        else:
            fate = rng.choices(fates, [3, 3, 1, 3])[0]
        if fate == "open":
            continue
        evidence = min(
            shared_at + timedelta(days=rng.randint(20, 70)),
            demo.now - timedelta(days=10),
        )
        actor = verifier(demo, reviewer_id, need)
        if fate == "dropped":
            services.drop_need(actor, need, rng.choice(DROP_REASONS), now=evidence)
            continue
        link_course(demo, need, evidence)
        if fate == "met":
            when = min(evidence + timedelta(days=rng.randint(2, 10)), demo.now)
            services.verify_need(actor, need, now=when)


def _settle_goals(demo: Demo) -> None:
    rng = demo.rng
    older, newer = demo.cycles
    goals = db.session.execute(
        sa.select(Goal, Review.cycle_id, Review.reviewer_id, Review.shared_at)
        .join(Review, Review.id == Goal.source_review_id)
        .where(Review.cycle_id.in_([older.id, newer.id]))
        .order_by(Goal.id)
    ).all()
    latest = demo.today - timedelta(days=3)
    for goal, cycle_id, reviewer_id, shared_at in goals:
        status = None
        if cycle_id == older.id:
            status = rng.choices([G.achieved, G.missed, G.dropped], [5, 3, 1])[0]
            missed, dropped = rng.choice([40, 60, 80]), rng.choice([0, 10, 30])
            progress = {G.achieved: 100, G.missed: missed, G.dropped: dropped}[status]
        else:
            progress = rng.choice([10, 30, 50, 70, 90, 100])
            if progress == 100:
                status = G.achieved
        owner = demo.users[goal.owner_id]
        final = progress / 100
        last = check_ins(
            demo,
            goal,
            owner,
            start=shared_at.date(),
            end=min(goal.target_on or latest, latest),
            count=demo.aside.choice([1, 2, 2, 3]) if progress else 1,
            pace=max(final, 0.7),
            final=final,
        )
        if status is not None:
            boss = owner if status is G.achieved else demo.users[reviewer_id]
            when = min(last + timedelta(days=demo.aside.randint(1, 6)), demo.now)
            services.update_goal(boss, goal, {"status": status}, now=when)


def team_needs(demo: Demo) -> None:
    """Needs of today. The demo manager names one for the demo employee, who links a
    course (in progress), so the demo employee's team has needs in every status; the
    second Engineering team's lead turns its role-profile gaps into needs."""
    boss = demo.users[demo.manager.id]
    employee = demo.employee
    taken = set(
        db.session.scalars(
            sa.select(TrainingNeed.skill_id).where(
                TrainingNeed.employee_id == employee.id,
                TrainingNeed.status.in_([N.open, N.in_progress]),
            )
        )
    )
    levels = current_levels(employee.id)
    expected = PROFILE_SKILLS[employee.job_title]
    wanted = [
        demo.org.skills[n]
        for n, level in expected.items()
        if (levels.get(demo.org.skills[n].id) or 0) < level
    ]
    skill = next((s for s in wanted if s.id not in taken), demo.org.skills["Security"])
    need = services.create_need(
        boss,
        {
            "employee_id": employee.id,
            "skill_id": skill.id,
            "current_level": None,
            "target_level": max(
                expected.get(skill.name, 3), (levels.get(skill.id) or 0) + 1
            ),
            "priority": Priority.high,
            "due_on": demo.today + timedelta(days=45),
        },
        now=at(demo.today - timedelta(days=40), 10),
    )
    link_course(demo, need, at(demo.today - timedelta(days=12), 16))
    leads = sorted(
        p.id for p in demo.org.people if p.job_title == "Engineering Manager"
    )
    team = [p.id for p in demo.org.people if p.manager_id == leads[1] and p.is_active]
    services.propose_training_needs(
        demo.users[leads[1]],
        team,
        due_on=demo.today + timedelta(days=90),
        now=at(demo.today - timedelta(days=5), 11),
    )
