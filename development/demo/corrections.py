"""Corrections in the demo (issue 16, item 3): the idea the demo employee accepted from
the demo manager's suggestion ("Moving from engineering into product management") got
its contact, target role and mode afterwards (``update_interview``, as on the edit page
or ``PATCH /interviews/{id}``); and the contact of the demo employee's declined request
was deleted at their request — the interview still reads "… (contact deleted)".

Drawn without the demo's rng (fixed names, dates relative to the load day), so nothing
loaded after it changes.
"""

from datetime import timedelta

import sqlalchemy as sa

from core.extensions import db
from development.demo.common import DevDemo, at
from development.demo.contacts import add_contact
from development.demo.interview_texts import person
from development.enums import InterviewMode, InterviewStatus, SuggestionStatus
from development.models import Contact, InformationalInterview, InterviewSuggestion
from development.services.contacts import delete_contact
from development.services.interviews import update_interview

PM_CONTACT = person(
    "Priya Raman", "Group Product Manager", "Northwind Labs", "Software"
)


def load_corrections(dd: DevDemo) -> None:
    actor = dd.user(dd.employee)
    accepted = db.session.scalar(
        sa.select(InterviewSuggestion.interview_id)
        .where(
            InterviewSuggestion.employee_id == dd.employee.id,
            InterviewSuggestion.status == SuggestionStatus.accepted,
        )
        .order_by(InterviewSuggestion.id)
        .limit(1)
    )
    interview = db.session.get(InformationalInterview, accepted) if accepted else None
    if interview is not None and interview.status is InterviewStatus.idea:
        when = at(dd.ago(4), 18)
        contact = add_contact(dd, dd.employee, PM_CONTACT, when)
        update_interview(
            actor,
            interview,
            {
                "contact_id": contact.id,
                "target_role": "Product manager",
                "mode": InterviewMode.video,
            },
            now=when + timedelta(minutes=5),
        )
    declined = db.session.scalar(
        sa.select(Contact)
        .join(InformationalInterview, InformationalInterview.contact_id == Contact.id)
        .where(
            InformationalInterview.employee_id == dd.employee.id,
            InformationalInterview.status == InterviewStatus.declined,
        )
        .order_by(InformationalInterview.id)
        .limit(1)
    )
    if declined is not None:
        delete_contact(actor, declined, now=at(dd.ago(2), 17))
    db.session.flush()
