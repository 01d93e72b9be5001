"""One informational interview walked through its steps by the services, back-dated:
idea → requested (the drafted outreach) → scheduled (questions prepared) → completed
(private notes, takeaways, referrals) → followed up; or declined / no response."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from core.extensions import db
from development.demo import interview_texts as texts
from development.demo.common import DevDemo, at
from development.demo.contacts import referral
from development.enums import InterviewDirection, InterviewMode, InterviewStatus
from development.models import Contact, InformationalInterview, QuestionTopic
from development.outreach import draft_outreach
from development.services import interviews as svc
from people.models import Employee

S = InterviewStatus
REACHED = [S.idea, S.requested, S.scheduled, S.completed, S.followed_up]


@dataclass
class Plan:
    contact: Contact
    ends: InterviewStatus
    idea: date
    sent: date | None = None
    meet: date | None = None  # also the day the third request waits for approval
    mode: InterviewMode = InterviewMode.video
    purpose: str = ""
    target_role: str = ""
    target_industry: str = ""
    given: bool = False
    referrals: list[dict] = field(default_factory=list)
    thank_you_after: int = 1


def _reached(plan: Plan, status: InterviewStatus) -> bool:
    if plan.ends in (S.declined, S.no_response):
        return status in (S.idea, S.requested)
    return REACHED.index(status) <= REACHED.index(plan.ends)


def _questions(dd: DevDemo, contact: Contact) -> list[str]:
    bank = list(
        db.session.scalars(
            sa.select(QuestionTopic.text)
            .where(QuestionTopic.is_active)
            .order_by(QuestionTopic.position)
        )
    )
    picked = sorted(dd.rng.sample(range(len(bank) - 1), 4))
    own = texts.OWN_QUESTION.format(title=contact.title.lower() or "new")
    return [bank[i] for i in picked] + [own, bank[-1]]


def walk(
    dd: DevDemo, owner: Employee, plan: Plan, existing=None
) -> InformationalInterview:
    """Take an interview (a new one, or ``existing``: an idea from a referral) as far as
    ``plan.ends``; completed conducted interviews count as evidence that day."""
    actor, contact = dd.user(owner), plan.contact
    first = contact.name.split()[0]
    fill = {
        "first": first,
        "organisation": contact.organisation,
        "title": contact.title.lower(),
        "name": contact.name,
    }
    interview = existing
    if interview is None:
        data = {
            "contact_id": contact.id,
            "purpose": plan.purpose,
            "target_role": plan.target_role,
            "target_industry": plan.target_industry,
            "target_organisation": contact.organisation,
            "mode": plan.mode,
        }
        if plan.given:
            data |= {
                "direction": InterviewDirection.given,
                "confidentiality_confirmed": True,
            }
        interview = svc.create_interview(actor, data, now=at(plan.idea, 20))
    interview.mode = plan.mode
    if not _reached(plan, S.requested):
        return interview
    message = (
        texts.GIVEN_REQUEST.format(**fill)
        if plan.given
        else draft_outreach(_with_department(owner), interview, contact)
    )
    svc.request_interview(
        actor,
        interview,
        {"message": message, "sent_on": plan.sent},
        now=at(plan.sent, 10),
    )
    if plan.ends in (S.declined, S.no_response):
        later = min(plan.sent + timedelta(days=dd.rng.randint(8, 25)), dd.ago(1))
        svc.close_interview(actor, interview, plan.ends, now=at(later, 9))
        return interview
    if plan.meet is None:
        return interview
    booked = min(plan.sent + timedelta(days=dd.rng.randint(2, 6)), dd.ago(1))
    svc.prepare_interview(
        actor,
        interview,
        {
            "research_notes": texts.RESEARCH.format(**fill),
            "questions": [] if plan.given else _questions(dd, contact),
        },
        now=at(booked, 11),
    )
    hour = dd.rng.choice([8, 12, 16])
    svc.schedule_interview(
        actor,
        interview,
        {
            "scheduled_at": at(plan.meet, hour, 30),
            "mode": plan.mode,
            "duration_minutes": dd.rng.choice([20, 20, 30]),
            "location": _place(plan.mode, contact),
        },
        now=at(booked, 11),
    )
    if not _reached(plan, S.completed):
        return interview
    svc.complete_interview(
        actor,
        interview,
        {
            "private_notes": ""
            if plan.given
            else dd.rng.choice(texts.PRIVATE_NOTES).format(**fill),
            "notes_permission_asked": True,
            "takeaways": texts.GIVEN_TAKEAWAY
            if plan.given
            else dd.rng.choice(texts.TAKEAWAYS).format(**fill),
            "follow_up_on": plan.meet + timedelta(days=60),
            "referrals": [referral(r) for r in plan.referrals],
        },
        now=at(plan.meet, hour + 1),
    )
    if not plan.given:
        dd.evidence_days.setdefault(owner.id, []).append(plan.meet)
    if not _reached(plan, S.followed_up):
        return interview
    thanked = plan.meet + timedelta(days=plan.thank_you_after)
    svc.follow_up_interview(
        actor, interview, {"thank_you_sent_on": thanked}, now=at(thanked, 18)
    )
    return interview


def _with_department(employee: Employee) -> Employee:
    """The employee with its department loaded (the outreach names it)."""
    return db.session.scalar(
        sa.select(Employee)
        .options(joinedload(Employee.department))
        .where(Employee.id == employee.id)
    )


def _place(mode: InterviewMode, contact: Contact) -> str:
    if mode is InterviewMode.in_person:
        return f"Café near the {contact.organisation} office"
    if mode is InterviewMode.phone:
        return "They call my mobile"
    return "Video link in the invitation"


def referred(interview: InformationalInterview) -> InformationalInterview | None:
    """The idea a referral at ``interview`` created (the first, if several)."""
    return db.session.scalar(
        sa.select(InformationalInterview)
        .where(InformationalInterview.referred_by_id == interview.id)
        .order_by(InformationalInterview.id)
        .limit(1)
    )
