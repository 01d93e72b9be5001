"""What happens to a demo goal or need after it exists, through the services: a run
of dated check-ins along a pace, and evidence (a course or pairing) linked to a need.

Drawn from ``Demo.aside`` so the reviews drawn from ``Demo.rng`` stay as they were.
"""

import math
import re
from datetime import date, datetime, timedelta

from people.models import User
from reviews import services
from reviews.demo.common import Demo, at
from reviews.demo.goal_texts import (
    CHECK_IN_NOTES,
    COURSES,
    EVIDENCE_NOTES,
    LEARNING_URL,
)
from reviews.enums import CheckInStatus, MeasureType
from reviews.models import Goal, TrainingNeed


def value_at(goal: Goal, fraction: float) -> float:
    """The measure's value ``fraction`` of the way from start to target, rounded as a
    person would report it."""
    if goal.measure is MeasureType.done:
        return 1.0 if fraction >= 1 else 0.0
    if goal.measure is MeasureType.percent:
        return float(round(100 * fraction))
    start, target = goal.start_value, goal.target_value
    digits = max(0, 1 - math.floor(math.log10(abs(target - start))))
    low, high = sorted((start, target))
    return max(low, min(high, round(start + fraction * (target - start), digits)))


def _status(ratio: float) -> CheckInStatus:
    if ratio >= 0.85:
        return CheckInStatus.on_track
    return CheckInStatus.at_risk if ratio >= 0.6 else CheckInStatus.off_track


def check_ins(
    demo: Demo,
    goal: Goal,
    actor: User,
    *,
    start: date,
    end: date,
    count: int,
    pace: float,
    final: float | None = None,
) -> datetime:
    """``count`` check-ins by ``actor`` between ``start`` and ``end``, progress running
    at ``pace`` times the straight line to the target date (ending at ``final`` of
    the way when given); return the time of the last one."""
    rng = demo.aside
    span = max((end - start).days, count)
    horizon = max(((goal.target_on or end) - start).days, 1)
    days = sorted(rng.sample(range(1, span + 1), count))
    fraction, when = 0.0, at(start)
    for i, day in enumerate(days):
        expected = min(1.0, day / horizon)
        fraction = max(fraction, min(1.0, expected * pace * rng.uniform(0.9, 1.1)))
        if final is not None and i == count - 1:
            fraction = final
        if goal.measure is MeasureType.done:
            ratio = pace if fraction < 1 else 1.0
        else:
            ratio = fraction / expected if expected else 1.0
        status = _status(ratio)
        value = value_at(goal, fraction)
        note = rng.choice(CHECK_IN_NOTES[status])
        if goal.measure is MeasureType.number:
            note += f" Now at {value:g} {goal.unit}.".replace(" %", "%")
        when = at(start + timedelta(days=day), rng.randint(9, 17))
        services.check_in(
            actor, goal, {"value": value, "status": status, "note": note}, now=when
        )
    return when


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def link_course(demo: Demo, need: TrainingNeed, when: datetime) -> None:
    """The need's owner links a course (or a spell of pairing) as evidence."""
    rng = demo.aside
    skill = next(n for n, s in demo.org.skills.items() if s.id == need.skill_id)
    course, hours = COURSES.get(skill, (f"{skill} essentials", 6))
    note = rng.choice(EVIDENCE_NOTES).format(course=course, hours=hours, skill=skill)
    url = LEARNING_URL.format(slug=_slug(course)) if rng.random() < 0.6 else ""
    owner = demo.users[need.employee_id]
    services.link_evidence(owner, need, note=note, url=url, now=when)


def verifier(demo: Demo, reviewer_id: int | None, need: TrainingNeed) -> User:
    """The reviewer who named the need verifies it; HR when there is none (never the
    owner)."""
    actor = demo.users.get(reviewer_id, demo.hr)
    return demo.hr if actor.employee_id == need.employee_id else actor
