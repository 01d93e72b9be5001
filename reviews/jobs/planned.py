"""``reviews.create_planned_reviews``: reviews created by plan, not by a cycle.

- *Probation*: ``PROBATION_REVIEW_DAYS`` (default 90; 0 turns it off) after ``hired_on``.
- *Anniversary*: on each work anniversary, once HR turns ``ReviewSettings.anniversary_reviews``
  on (``PATCH /api/v1/review-settings``). 29 February hires have it on 28 February.

A planned review is what ``start_adhoc_review`` creates — an ad hoc review of the person
by their manager from the org chart, self-assessment due 14 days after the occasion — but
made in bulk, without a signed-in actor (the system), and audited as ``created`` with its
occasion. ``Review.planned_occasion`` ("probation", "anniversary-2027") is unique per
person, and rows are inserted with ``ON CONFLICT DO NOTHING``, so a rerun or a racing
scheduler never makes a second review for the same occasion. Occasions are picked up for
30 days (a scheduler that was down catches up); nobody gets reviews for older ones.
People without a manager are skipped (nobody to review them); the reviewer is told
(``planned_review_created``). One transaction (the runner's commit): a kill part-way
commits nothing and the rerun does it all — a batch commit could keep the reviews and
lose the notices that go with them (``notifications.batches``).
"""

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from core.audit import record_events
from core.clock import local_today, moment
from core.db import dialect_insert
from core.extensions import db
from notifications.kinds import NotificationKind
from notifications.services import Pending, queue, user_ids_by_employee
from people.models import Employee
from reviews.models import Review, ReviewTemplate
from reviews.services.common import new_review_row
from reviews.services.settings import current_review_settings

CATCH_UP = timedelta(days=30)
SELF_DUE_AFTER = timedelta(days=14)
DAY = timedelta(days=1)


def _anniversary(hired_on: date, year: int) -> date:
    try:
        return hired_on.replace(year=year)
    except ValueError:  # 29 February
        return date(year, 2, 28)


def _occasions(people, today: date, probation_days: int, anniversaries: bool):
    """(employee id, manager id, occasion, occasion day, period start) now due."""
    earliest = today - CATCH_UP + timedelta(days=1)
    for emp_id, manager_id, hired_on in people:
        if probation_days:
            day = hired_on + timedelta(days=probation_days)
            if earliest <= day <= today:
                yield emp_id, manager_id, "probation", day, hired_on
        if anniversaries:
            for year in (today.year - 1, today.year):
                day = _anniversary(hired_on, year)
                if year > hired_on.year and earliest <= day <= today:
                    start = _anniversary(hired_on, year - 1)
                    yield emp_id, manager_id, f"anniversary-{year}", day, start


def create_planned_reviews(now: datetime) -> int:
    """Create the probation and anniversary reviews now due; return how many."""
    settings = current_review_settings()
    probation_days = int(current_app.config.get("PROBATION_REVIEW_DAYS") or 0)
    if not probation_days and not settings.anniversary_reviews:
        return 0
    template_id = settings.planned_template_id or db.session.scalar(
        sa.select(sa.func.max(ReviewTemplate.id))
    )
    if template_id is None:
        return 0
    today = local_today(now)
    filters = [
        Employee.is_active.is_(True),
        Employee.manager_id.is_not(None),
        Employee.hired_on <= today,
    ]
    if not settings.anniversary_reviews:  # only recent hires can be due
        filters.append(Employee.hired_on >= today - CATCH_UP - probation_days * DAY)
    people = db.session.execute(
        sa.select(Employee.id, Employee.manager_id, Employee.hired_on).where(*filters)
    ).all()
    due = list(_occasions(people, today, probation_days, settings.anniversary_reviews))
    if not due:
        return 0
    rows = [
        new_review_row(
            now,
            employee_id=emp,
            reviewer_id=mgr,
            template_id=template_id,
            planned_occasion=occasion,
            period_start=start,
            period_end=day,
            self_due_on=max(day, today) + SELF_DUE_AFTER,
        )
        for emp, mgr, occasion, day, start in due
    ]
    insert = dialect_insert(db.session.get_bind().dialect.name)
    created = db.session.execute(
        insert(Review)
        .values(rows)
        .on_conflict_do_nothing()
        .returning(
            Review.id,
            Review.employee_id,
            Review.reviewer_id,
            Review.planned_occasion,
            Review.period_end,
            Review.self_due_on,
        )
    ).all()
    if not created:
        return 0
    record_events(
        None,
        "Review",
        [(r.id, {"ad_hoc": True, "planned": r.planned_occasion}) for r in created],
        "created",
        now=now,
    )
    names = dict(
        db.session.execute(
            sa.select(Employee.id, Employee.name).where(
                Employee.id.in_({r.employee_id for r in created})
            )
        ).all()
    )
    users = user_ids_by_employee({r.reviewer_id for r in created})
    queue(
        [
            Pending(
                users[r.reviewer_id],
                NotificationKind.planned_review_created,
                "Review",
                r.id,
                moment(r.period_end),
                {
                    "employee": names.get(r.employee_id, ""),
                    "occasion": _occasion_text(r.planned_occasion),
                    "due_on": r.self_due_on.isoformat(),
                },
                link=f"/reviews/{r.id}",
            )
            for r in created
            if r.reviewer_id in users
        ],
        now,
    )
    return len(created)


def _occasion_text(occasion: str) -> str:
    if occasion == "probation":
        return "the end of their probation period"
    return f"their {occasion.removeprefix('anniversary-')} work anniversary"
