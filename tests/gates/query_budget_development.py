"""Development entries of the query-budget gate: the API lists and details, and what
``grow`` adds around ``org.employee`` for them (merged into ``test_query_budget``)."""

import uuid
from datetime import date

import sqlalchemy as sa

from core.extensions import db
from tests.gates.matrix.params import PARAMS

BUDGET = {
    "/api/v1/activities": "manager",
    "/api/v1/activities/<int:activity_id>": "manager",
    "/api/v1/activities/<int:mentorship_id>/mentorship": "peer",  # the mentor
    "/api/v1/activities/<int:mentorship_id>/sessions": "employee",
    "/api/v1/interviews": "manager",
    "/api/v1/interviews/<int:interview_id>": "employee",
    "/api/v1/interviews/<int:interview_id>/outreach-draft": "employee",
    "/api/v1/interviews/<int:interview_id>/referrals": "manager",
    "/api/v1/contacts": "employee",
    "/api/v1/contacts/<int:contact_id>": "employee",
    "/api/v1/question-bank": "hr",
    "/api/v1/people/<int:person_id>/learning-record": "manager",
    "/api/v1/interview-suggestions": "employee",
    "/api/v1/development-policy": "hr",
}
NOT_A_LIST = {
    "/api/v1/activities/<int:activity_id>/evidence-file": "a file",
    "/api/v1/interviews/<int:interview_id>/ics": "a calendar file",
}


class DevelopmentGrowth:
    """Activities of new reports, skills on Emma's course, referrals below Emma's
    interview (each with a contact), contacts, suggestions, question topics and sessions
    of Emma's mentorship."""

    def __init__(self, org):
        from development.models import DevelopmentActivity, InformationalInterview

        self.org = org
        self.activity = db.session.get(DevelopmentActivity, PARAMS["activity_id"](org))
        self.interview = db.session.get(
            InformationalInterview, PARAMS["interview_id"](org)
        )
        self.referrals: list = []
        self.mentorship_id = PARAMS["mentorship_id"](org)

    def grow(self, person, skill) -> None:
        from development.enums import ActivityKind, ActivityStatus
        from development.models import (
            Contact,
            DevelopmentActivity,
            InterviewSuggestion,
            MentoringSession,
            QuestionTopic,
            activity_skills,
        )

        emma = self.org.employee.employee_id
        db.session.execute(
            sa.insert(activity_skills).values(
                activity_id=self.activity.id, skill_id=skill.id
            )
        )
        contact = Contact(owner_id=emma, name=f"Contact {uuid.uuid4().hex[:8]}")
        mine = DevelopmentActivity(
            employee_id=emma,
            kind=ActivityKind.interview_conducted,
            title="Referral",
            status=ActivityStatus.planned,
        )
        db.session.add_all(
            [
                contact,
                mine,
                DevelopmentActivity(
                    employee_id=person.id,
                    kind=ActivityKind.course,
                    title="Course",
                    status=ActivityStatus.completed,
                    skills=[skill],
                ),
                InterviewSuggestion(
                    manager_id=self.org.manager.employee_id,
                    employee_id=emma,
                    topic="Talk to someone",
                ),
                QuestionTopic(text=f"Topic {uuid.uuid4().hex}", position=100),
                MentoringSession(
                    activity_id=self.mentorship_id, held_on=date(2026, 3, 1), note="n"
                ),
            ]
        )
        self.referrals.append((mine, contact))

    def finish(self) -> None:
        """The referral interviews, after one flush gave their activities ids."""
        from development.enums import InterviewDirection
        from development.models import InformationalInterview

        referrals, self.referrals = self.referrals, []
        db.session.flush()
        emma = self.org.employee.employee_id
        db.session.add_all(
            InformationalInterview(
                activity_id=mine.id,
                employee_id=emma,
                contact_id=contact.id,
                direction=InterviewDirection.conducted,
                referred_by_id=self.interview.id,
                questions=[],
            )
            for mine, contact in referrals
        )
