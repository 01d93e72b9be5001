"""Every development page runs the same few statements with 10 and with 100 rows."""

from datetime import UTC, date, datetime

import pytest

from core.extensions import db
from development.enums import (
    ActivityKind,
    ActivityStatus,
    InterviewDirection,
    InterviewStatus,
)
from development.models import (
    Contact,
    DevelopmentActivity,
    InformationalInterview,
    InterviewSuggestion,
    QuestionTopic,
)
from development.seeds import ensure_question_bank
from development.services.interviews import create_interview
from reviews.enums import ReviewStatus, TrainingNeedSource, TrainingNeedStatus
from reviews.models import NeedEvidence, Review, TrainingNeed
from tests import factories as f
from tests.conftest import sign_in

LIMIT = 12


def _grow(org, n, root):
    emma = org.employee.employee_id
    parent = root
    template = f.make_template()
    cycle = f.make_cycle(template)
    steps = [s for s in ReviewStatus if not s.is_signed]
    for i in range(n):
        skill = f.make_skill()
        person = f.make_employee(manager_id=org.manager.employee_id)
        contact = Contact(owner_id=emma, name=f"Contact {i}", organisation="Acme")
        activity = DevelopmentActivity(
            employee_id=emma,
            kind=ActivityKind.course,
            title=f"Course {i}",
            status=ActivityStatus.completed,
            hours=2,
            ended_on=date(2026, 1 + i % 12, 1),
            skills=[skill],
            evidence_note="done",
        )
        theirs = DevelopmentActivity(
            employee_id=person.id,
            kind=ActivityKind.course,
            title="Theirs",
            status=ActivityStatus.completed,
            hours=1,
            ended_on=date(2026, 2, 1),
        )
        db.session.add_all([contact, activity, theirs])
        db.session.flush()
        iv_activity = DevelopmentActivity(
            employee_id=person.id,
            kind=ActivityKind.interview_conducted,
            title="Interview",
        )
        mine = DevelopmentActivity(
            employee_id=emma,
            kind=ActivityKind.interview_conducted,
            title=f"Interview {i}",
        )
        db.session.add_all([iv_activity, mine])
        db.session.flush()
        child = InformationalInterview(
            activity_id=mine.id,
            employee_id=emma,
            direction=InterviewDirection.conducted,
            status=list(InterviewStatus)[i % 7],
            contact_id=contact.id,
            referred_by_id=parent.id,
            questions=[],
            scheduled_at=datetime(2026, 3, 1, 10, tzinfo=UTC),
        )
        db.session.add_all(
            [
                child,
                InformationalInterview(
                    activity_id=iv_activity.id,
                    employee_id=person.id,
                    direction=InterviewDirection.conducted,
                    status=InterviewStatus.requested,
                    needs_approval=True,
                    questions=[],
                ),
                TrainingNeed(
                    employee_id=emma,
                    skill_id=skill.id,
                    target_level=3,
                    source=TrainingNeedSource.manager,
                ),
                QuestionTopic(text=f"Question {n}-{i}?", position=100 + i),
                InterviewSuggestion(
                    manager_id=org.manager.employee_id,
                    employee_id=emma,
                    topic=f"Topic {i}",
                ),
            ]
        )
        db.session.flush()
        # The manager's desk: a review at each open step, a need due that ``theirs``
        # is evidence for.
        need = TrainingNeed(
            employee_id=person.id,
            skill_id=skill.id,
            target_level=4,
            source=TrainingNeedSource.manager,
            status=TrainingNeedStatus.in_progress,
            due_on=date(2026, 1 + i % 12, 15),
        )
        db.session.add_all(
            [
                need,
                Review(
                    cycle_id=cycle.id,
                    template_id=template.id,
                    employee_id=person.id,
                    reviewer_id=org.manager.employee_id,
                    status=steps[i % len(steps)],
                    period_start=cycle.period_start,
                    period_end=cycle.period_end,
                ),
            ]
        )
        db.session.flush()
        db.session.add(NeedEvidence(need_id=need.id, activity_id=theirs.id))
        db.session.flush()
        if i % 3 == 0:
            parent = child
    db.session.commit()


PAGES = {
    "/development": "employee",
    "/development?kind=course&status=completed&year=2026": "employee",
    "/development/activities/new": "employee",
    "/development/activities/{activity}/edit": "employee",
    "/development/interviews": "employee",
    "/development/interviews/new": "employee",
    "/development/contacts/import": "employee",
    "/development/interviews/{root}": "employee",
    "/development/interviews/{root}#manager": "manager",
    "/development/team": "manager",
    "/development/question-bank": "hr",
    "/development/policy": "hr",
    "/": "employee",
    "/people/{emma}": "manager",
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_statements_are_few_and_do_not_grow(client, org, count_queries, page):
    ensure_question_bank()
    root = create_interview(org.employee, {"purpose": "Root"})
    activity = DevelopmentActivity(
        employee_id=org.employee.employee_id, title="Mine", kind=ActivityKind.course
    )
    db.session.add(activity)
    db.session.commit()
    url = page.split("#")[0].format(
        root=root.id, activity=activity.id, emma=org.employee.employee_id
    )
    counts = []
    for n in (10, 90):
        _grow(org, n, root)
        sign_in(client, getattr(org, PAGES[page]))
        with count_queries() as counter:
            response = client.get(url)
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    assert counts[0] <= LIMIT, counts
