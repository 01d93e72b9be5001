"""A two-review story for the learning-in-the-review tests (issue 16, items 7 and 8).

Emma's first review (January–June 2026, shared) named a "Negotiation" need; her second
(July–December 2026) is open. Between and within them she logs activities; the
manager suggests interviews in the second review.
"""

from dataclasses import dataclass
from datetime import date

from development.enums import (
    ActivityKind,
    ActivityStatus,
    InterviewDirection,
    InterviewStatus,
)
from development.models import DevelopmentActivity, InformationalInterview
from reviews import services as review_services
from reviews.enums import TrainingNeedSource
from reviews.models import NeedEvidence, Review, TrainingNeed
from tests import factories as f
from tests.reviews.conftest import NOW, review_of, walk_to_shared

TODAY = date(2026, 11, 20)  # inside the second review's period


@dataclass
class Scene:
    first: Review
    second: Review
    need: TrainingNeed


def activity(db, employee_id, on, kind=ActivityKind.course, hours=2.0, **kw):
    row = DevelopmentActivity(
        employee_id=employee_id,
        kind=kind,
        title=kw.pop("title", "Something learnt"),
        started_on=kw.pop("started_on", on),
        ended_on=on,
        hours=hours,
        status=kw.pop("status", ActivityStatus.completed),
        **kw,
    )
    db.session.add(row)
    db.session.flush()
    return row


def interview(db, employee_id, on, direction, status=InterviewStatus.completed):
    kind = (
        ActivityKind.interview_given
        if direction is InterviewDirection.given
        else ActivityKind.interview_conducted
    )
    done = status in (InterviewStatus.completed, InterviewStatus.followed_up)
    row = activity(
        db,
        employee_id,
        on,
        kind,
        hours=0.5,
        title=f"Interview {on}",
        status=ActivityStatus.completed if done else ActivityStatus.planned,
    )
    db.session.add(
        InformationalInterview(
            activity_id=row.id,
            employee_id=employee_id,
            direction=direction,
            status=status,
            questions=[],
        )
    )
    db.session.flush()
    return row


def two_reviews(db, org, template, cycle) -> Scene:
    """Emma's shared first review with a need, and her open second one."""
    first = walk_to_shared(db, org, cycle)
    need = TrainingNeed(
        employee_id=org.employee.employee_id,
        skill_id=f.make_skill(name="Negotiation").id,
        target_level=3,
        source=TrainingNeedSource.review,
        source_review_id=first.id,
    )
    db.session.add(need)
    second_cycle = f.make_cycle(
        template,
        period_start=date(2026, 7, 1),
        period_end=date(2026, 12, 31),
        self_due_on=date(2027, 1, 10),
        manager_due_on=date(2027, 1, 20),
        signoff_due_on=date(2027, 1, 31),
    )
    review_services.launch_cycle(org.hr, second_cycle, now=NOW)
    db.session.commit()
    return Scene(first, review_of(db, second_cycle, org.employee), need)


def learning_story(db, org, scene: Scene) -> None:
    """Activities before and in the second period, one of them evidence for the need."""
    emma = org.employee.employee_id
    activity(db, emma, date(2026, 5, 3), title="Before the period", hours=9)
    course = activity(db, emma, date(2026, 9, 14), title="Negotiation course", hours=6)
    db.session.add(NeedEvidence(need_id=scene.need.id, activity_id=course.id))
    activity(db, emma, date(2026, 10, 2), ActivityKind.conference_workshop, hours=7)
    activity(
        db,
        emma,
        date(2026, 11, 3),
        title="Still planned",
        status=ActivityStatus.planned,
    )
    interview(db, emma, date(2026, 10, 20), InterviewDirection.conducted)
    interview(db, emma, date(2026, 11, 5), InterviewDirection.given)
    interview(
        db, emma, date(2026, 11, 9), InterviewDirection.conducted, InterviewStatus.idea
    )
    db.session.commit()
