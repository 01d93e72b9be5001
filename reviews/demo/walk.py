"""Walking demo reviews through the services (``walk``) and a closed half-year cycle:
launched, every review acknowledged (a few skipped self-assessments, a few
disagreements with addenda), closed."""

from datetime import date, datetime, timedelta

from core.extensions import db
from reviews import services
from reviews.demo.common import Demo, Half, S, at
from reviews.demo.cycles import (
    create_cycle,
    cycle_reviews,
    first_with_title,
    named_needs,
    previous_ratings,
    shared_ids,
)
from reviews.demo.parts import manager_part, self_part
from reviews.demo.texts import ACK_COMMENTS, ADDENDA, DISAGREE_COMMENTS
from reviews.enums import ReviewStatus
from reviews.models import Review


def walk(
    demo: Demo,
    review: Review,
    previous: dict[str, int],
    *,
    to: ReviewStatus,
    start: datetime,
    self_due: date,
    kind: str = "full",
    skip_self: bool = False,
    disagree: bool = False,
    addendum: bool = False,
) -> datetime:
    """Move ``review`` to ``to`` through the services, with times from ``start``;
    return the time of the last step."""
    rng = demo.rng
    emp = review.employee
    me, boss = demo.users[emp.id], demo.users[review.reviewer_id]
    latest = demo.now - timedelta(hours=1)

    def later(**delta) -> datetime:
        return min(t + timedelta(**delta), latest)

    t = min(start, latest)
    if to is S.not_started:
        return t
    if not skip_self:
        if to is S.self_in_progress or rng.random() < 0.3:
            draft = self_part(demo, review, submit=False, partial=True)
            services.save_self_assessment(me, review, draft, now=t)
            t = later(days=rng.randint(1, 3), hours=rng.randint(0, 6))
        if to is S.self_in_progress:
            return t
        services.save_self_assessment(
            me, review, self_part(demo, review, submit=True), now=t
        )
        if to is S.self_submitted:
            return t
        t = later(days=rng.randint(1, 4), hours=rng.randint(1, 8))
    else:
        t = min(max(t, at(self_due + timedelta(days=1), 10)), latest)
    part = manager_part(
        demo, review, previous, "draft" if to is S.manager_in_progress else kind
    )
    services.save_manager_assessment(boss, review, part, now=t)
    if to is S.manager_in_progress:
        return t
    t = later(hours=rng.randint(1, 20))
    services.share_review(boss, review, now=t)
    if to is S.shared:
        return t
    t = later(days=rng.randint(0, 3), hours=rng.randint(2, 20))
    comment = (
        demo.fill(rng.choice(DISAGREE_COMMENTS), emp)
        if disagree
        else rng.choice(ACK_COMMENTS)
    )
    services.acknowledge_review(
        me, review, {"comment": comment, "disagree": disagree}, now=t
    )
    if addendum:
        t = later(days=rng.randint(3, 7))
        author = rng.choice([boss, demo.hr])
        text = ADDENDA[1] if author is demo.hr else rng.choice([ADDENDA[0], ADDENDA[2]])
        services.add_addendum(
            author, review, {"text": text.format(day=t.date().isoformat())}, now=t
        )
    return t


def closed_cycle(demo: Demo, half: Half, *, low_info: str | None, terse: str | None):
    """Launch, walk every review to acknowledged, close. ``low_info``/``terse``: the job
    title of a manager whose reports get identical-rating / few-word reviews."""
    rng = demo.rng
    launch = half.end + timedelta(days=2)
    cycle = create_cycle(
        demo,
        half,
        launch,
        hired_before=half.start + timedelta(days=60),
        self_due=launch + timedelta(days=14),
    )
    previous = previous_ratings(shared_ids(demo, exclude=cycle.id))
    reviews = cycle_reviews(cycle)
    terse_boss = first_with_title(demo, terse)
    low_boss = first_with_title(demo, low_info)
    candidates = [
        r
        for r in reviews
        if not demo.cautionary(r.employee)
        and r.reviewer_id not in (terse_boss, low_boss)
    ]
    disagreeing = {r.id for r in rng.sample(candidates, 3)}
    skipping = {r.id for r in rng.sample(candidates, 2)}
    last = at(launch)
    for review in reviews:
        kind = "full"
        if review.reviewer_id == low_boss:
            kind = "identical"
        elif review.reviewer_id == terse_boss:
            kind = "terse"
        start = at(launch + timedelta(days=rng.randint(1, 11)), rng.randint(8, 17))
        last = max(
            last,
            walk(
                demo,
                review,
                previous.get(review.employee_id, {}),
                to=S.acknowledged,
                start=start,
                self_due=cycle.self_due_on,
                kind=kind,
                skip_self=review.id in skipping,
                disagree=review.id in disagreeing,
                addendum=review.id in disagreeing,
            ),
        )
        if demo.cautionary(review.employee):
            demo.last_needs[review.employee_id] = [
                n["skill_id"] for n in named_needs(review.id)
            ]
    services.close_cycle(
        demo.hr, cycle, {}, now=max(last, at(cycle.signoff_due_on)) + timedelta(days=3)
    )
    db.session.flush()
    db.session.expire_all()  # close_cycle updates the reviews in bulk
