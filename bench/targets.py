"""Who and what the cross-size and throughput benches look at, found in the fixtures.

The same roles at every size, so a page's XL ÷ M ratio compares like with like: the CEO
(the root of the org chart, ``person1@bench.example``: the whole organisation below),
HR, and a team lead who reviews a shared review of the active cycle whose employee has
six earlier shared reviews (a team of about ten at every size); the person looked at is
an individual contributor halfway through the ids.
"""

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa


@dataclass(frozen=True)
class Actor:
    email: str
    login_id: str  # ``User.get_id()``: what a session cookie carries


@dataclass(frozen=True)
class Targets:
    hr: Actor
    ceo: Actor
    manager: Actor  # the team lead who reviews ``review_id``
    review_id: int
    person_id: int


def shared_reviews(limit: int = 200) -> list:
    """(id, employee_id, reviewer_id) of shared reviews of the active cycle whose
    employee has at least six other shared reviews, by id (needs an app context)."""
    from core.extensions import db
    from reviews.enums import CycleStatus, ReviewStatus
    from reviews.models import Review, ReviewCycle

    shared = [s for s in ReviewStatus if s.is_shared]
    earlier = sa.orm.aliased(Review)
    previous = (
        sa.select(sa.func.count())
        .where(
            earlier.employee_id == Review.employee_id,
            earlier.id != Review.id,
            earlier.status.in_(shared),
        )
        .scalar_subquery()
    )
    return list(
        db.session.execute(
            sa.select(Review.id, Review.employee_id, Review.reviewer_id)
            .join(ReviewCycle, ReviewCycle.id == Review.cycle_id)
            .where(
                ReviewCycle.status == CycleStatus.active,
                Review.status == ReviewStatus.shared,
                previous >= 6,
            )
            .order_by(Review.id)
            .limit(limit)
        ).all()
    )


def _actor(**where) -> Actor:
    from core.extensions import db
    from people.models import User

    user = db.session.scalar(sa.select(User).filter_by(**where))
    if user is None:
        raise SystemExit(f"no account with {where} in the fixtures")
    return Actor(user.email, user.get_id())


def find_targets(app) -> Targets:
    """The actors and ids above, in ``app``'s database."""
    from core.extensions import db
    from people.models import Employee

    with app.app_context():
        ceo_id = db.session.scalar(
            sa.select(Employee.id)
            .where(Employee.manager_id.is_(None))
            .order_by(Employee.id)
            .limit(1)
        )
        reviews = shared_reviews(limit=100_000)  # at XL the first hundreds are seniors
        leads = set(
            db.session.scalars(
                sa.select(Employee.id).where(
                    Employee.id.in_({r.reviewer_id for r in reviews}),
                    Employee.job_title == "Team Lead",
                )
            )
        )
        review = next((r for r in reviews if r.reviewer_id in leads), None)
        if ceo_id is None or review is None:
            raise SystemExit(
                "no CEO or no shared review by a team lead in the fixtures: rebuild them"
            )
        top = db.session.scalar(sa.select(sa.func.max(Employee.id))) or 0
        return Targets(
            hr=_actor(email="hr@bench.example"),
            ceo=_actor(employee_id=ceo_id),
            manager=_actor(employee_id=review.reviewer_id),
            review_id=review.id,
            person_id=top // 2,
        )


def api_token(app, email: str, hours: int = 12) -> str:
    """A fresh bearer token for ``email`` (committed)."""
    from auth.tokens import issue_token
    from core.extensions import db
    from people.models import User

    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        if user is None:
            raise SystemExit(f"no account {email} in the fixtures")
        token, _ = issue_token(user, timedelta(hours=hours))
        db.session.commit()
    return token
