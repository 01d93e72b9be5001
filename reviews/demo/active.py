"""The active cycle of the reviews demo (reviews in every status, the demo manager's
team forced into the useful ones) and two ad hoc reviews with the Engineering
template."""

from datetime import timedelta

import sqlalchemy as sa

from core.extensions import db
from reviews import services
from reviews.demo.common import Demo, Half, S, at
from reviews.demo.cycles import (
    create_cycle,
    cycle_reviews,
    first_with_title,
    previous_ratings,
    shared_ids,
)
from reviews.demo.walk import walk
from reviews.models import Review
from reviews.queries import REVIEW_OPTIONS

ACTIVE_MIX = [
    (S.not_started, 3),
    (S.self_in_progress, 3),
    (S.self_submitted, 4),
    (S.manager_in_progress, 3),
    (S.shared, 3),
    (S.acknowledged, 4),
]


def active_cycle(demo: Demo, half: Half) -> None:
    rng = demo.rng
    launch = demo.today - timedelta(days=18)
    demo.live = True
    cycle = create_cycle(
        demo,
        half,
        launch,
        # Those hired a month before the period ended (or before today, while the
        # half is still running): a new joiner has no half to review yet.
        hired_before=min(half.end, demo.today) - timedelta(days=30),
        self_due=demo.today - timedelta(days=4),
    )
    previous = previous_ratings(shared_ids(demo, exclude=cycle.id))
    reviews = cycle_reviews(cycle)
    manager = demo.manager.id
    team = {r.employee_id: r for r in reviews if r.reviewer_id == manager}
    forced = {demo.employee.id: S.self_in_progress}
    others = [e for e in sorted(team) if e != demo.employee.id]
    for employee_id, status in zip(
        others,
        [S.self_submitted, S.self_submitted, S.manager_in_progress, S.shared],
        strict=False,
    ):
        forced[employee_id] = status
    statuses = [s for s, _ in ACTIVE_MIX]
    weights = [w for _, w in ACTIVE_MIX]
    marketing_boss = first_with_title(demo, "Marketing Director")
    plan = []
    for i, review in enumerate(r for r in reviews if r.employee_id not in forced):
        # The first six cover every status; then a realistic mix.
        status = statuses[i] if i < len(statuses) else rng.choices(statuses, weights)[0]
        plan.append((review, status))
    plan += [(team[e], s) for e, s in forced.items()]
    skipped = 0
    for review, status in plan:
        kind = "identical" if review.reviewer_id == marketing_boss else "full"
        skip = (
            status in (S.manager_in_progress, S.shared)
            and skipped < 2
            and review.employee_id not in forced
        )
        skipped += skip
        start = at(launch + timedelta(days=rng.randint(1, 6)), rng.randint(8, 17))
        walk(
            demo,
            review,
            previous.get(review.employee_id, {}),
            to=status,
            start=start,
            self_due=cycle.self_due_on,
            kind=kind,
            skip_self=skip,
            disagree=status is S.acknowledged and rng.random() < 0.1,
        )
    db.session.flush()


def adhoc_reviews(demo: Demo) -> None:
    """Two ad hoc reviews (Engineering template) of recent hires by their manager: one
    acknowledged a few weeks ago, one with the manager's draft under way."""
    engineers = sorted(
        (
            p
            for p in demo.org.people
            if p.job_title == "Software Engineer"
            and p.is_active
            and p.hired_on <= demo.today - timedelta(days=45)
        ),
        key=lambda p: p.hired_on,
        reverse=True,
    )[:2]
    for emp, (started, to) in zip(
        engineers,
        [
            (demo.today - timedelta(days=30), S.acknowledged),
            (demo.today - timedelta(days=6), S.manager_in_progress),
        ],
        strict=False,
    ):
        boss = demo.users[emp.manager_id]
        review = services.start_adhoc_review(
            boss,
            {
                "employee_id": emp.id,
                "template_id": demo.engineering.id,
                "period_start": max(emp.hired_on, started - timedelta(days=180)),
                "period_end": started,
            },
            now=at(started, 10),
        )
        db.session.flush()
        db.session.expire(review)
        review = (
            db.session.scalars(
                sa.select(Review).where(Review.id == review.id).options(*REVIEW_OPTIONS)
            )
            .unique()
            .one()
        )
        walk(
            demo,
            review,
            {},
            to=to,
            start=at(started + timedelta(days=1), 14),
            self_due=review.self_due_on,
        )
    db.session.flush()
