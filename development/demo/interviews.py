"""The interviews of the demo: referral chains of 3–4 interviews, depth 2–3 (the demo
employee's grew into a mentorship; each referral's letter names its referrer), the demo
employee's board with an interview at every step and one waiting for the demo manager's
approval, declined and unanswered requests, interviews given by senior people, and the
managers' suggestions."""

from datetime import timedelta

import sqlalchemy as sa

from core.extensions import db
from development.demo import interview_texts as texts
from development.demo.common import DevDemo, at
from development.demo.contacts import add_contact, by_name
from development.demo.walk import Plan, referred, walk
from development.enums import Cadence, InterviewStatus
from development.enums import InterviewMode as Mode
from development.models import Contact
from development.services import interviews as svc
from development.services import mentorships, settings
from people.models import Employee
from reviews.models import Review

S = InterviewStatus


def _contact(dd: DevDemo, owner: Employee, spec, idea_days: int):
    if isinstance(spec, str):  # imported from the owner's LinkedIn export
        return by_name(owner, spec)
    return add_contact(dd, owner, spec, at(dd.ago(idea_days + 3), 19))


def chain(dd: DevDemo, owner: Employee, spec: dict) -> list:
    """Walk a chain: each link is the idea a referral at the link before created."""
    links, walked, previous = spec["links"], [], None
    for i, (contact_spec, ends, idea, sent, meet) in enumerate(links):
        nxt = links[i + 1][0] if i + 1 < len(links) else None
        existing = referred(previous) if previous is not None else None
        contact = (
            db.session.get(Contact, existing.contact_id)
            if existing is not None
            else _contact(dd, owner, contact_spec, idea)
        )
        plan = Plan(
            contact=contact,
            ends=ends,
            idea=dd.ago(idea) if idea is not None else dd.ago(links[i - 1][4]),
            sent=dd.ago(sent) if sent is not None else None,
            meet=dd.ago(meet) if meet is not None else None,
            purpose=spec["purpose"],
            target_role=spec["target_role"],
            target_industry=spec["target_industry"],
            referrals=[nxt] if nxt is not None and not isinstance(nxt, str) else [],
            thank_you_after=1 if i % 2 == 0 else 5,
        )
        previous = walk(dd, owner, plan, existing=existing)
        walked.append(previous)
    return walked


def mentorship(dd: DevDemo, interview) -> None:
    """The second interview of the demo employee's chain became a monthly mentorship:
    four sessions a month apart (four months of the learning record) and a next date
    a month after the last, six sessions planned."""
    actor = dd.user(dd.employee)
    started = at(dd.ago(texts.MENTORSHIP_STARTED), 18)
    activity = svc.start_mentorship(actor, interview, now=started)
    mentorships.plan_mentorship(
        actor,
        activity,
        {"cadence": Cadence.monthly, "planned_sessions": 6},
        now=started,
    )
    last = dd.ago(texts.LAST_SESSION_AGO)
    count = len(texts.MENTORING_SESSIONS)
    for i, note in enumerate(texts.MENTORING_SESSIONS):
        held = mentorships.add_months(last, i - count + 1)
        mentorships.add_mentoring_session(
            actor,
            activity.id,
            {"held_on": held, "note": note, "hours": 1.0},
            now=at(held, 18),
        )
        dd.evidence_days.setdefault(dd.employee.id, []).append(held)
    activity.created_at = started
    activity.updated_at = at(last, 19)
    db.session.flush()


def demo_board(dd: DevDemo) -> None:
    """The demo employee's other interviews; the last one asks for a third slot in a
    month that has two and so waits for the demo manager's approval."""
    owner = dd.employee
    for contact_spec, ends, idea, sent, meet, mode in texts.DEMO_BOARD:
        plan = Plan(
            contact=_contact(dd, owner, contact_spec, idea),
            ends=ends,
            idea=dd.ago(idea),
            sent=dd.ago(sent),
            meet=dd.ago(meet) if meet is not None else None,
            mode=mode,
            purpose=texts.DEMO_CHAIN["purpose"],
            target_role="Staff Engineer",
        )
        interview = walk(dd, owner, plan)
        if meet is not None and ends is S.requested:
            assert interview.needs_approval, "the demo's over-limit interview"


def closed_elsewhere(dd: DevDemo) -> None:
    for title, contact_spec, ends, idea, sent in texts.OTHER_CLOSED:
        owner = dd.titled(title)[0]
        plan = Plan(
            contact=_contact(dd, owner, contact_spec, idea),
            ends=ends,
            idea=dd.ago(idea),
            sent=dd.ago(sent),
            purpose="to learn about their field",
        )
        walk(dd, owner, plan)


def given(dd: DevDemo) -> None:
    """Senior people give interviews (each confirmed the confidentiality reminder)."""
    for title, contact_spec, ends, sent, meet in texts.GIVEN:
        owner = dd.titled(title)[0]
        if title == dd.employee.job_title:  # not the demo employee: a colleague
            owner = dd.titled(title)[1]
        plan = Plan(
            contact=_contact(dd, owner, contact_spec, sent + 2),
            ends=ends,
            idea=dd.ago(sent + 2),
            sent=dd.ago(sent),
            meet=dd.ago(meet),
            purpose="to help someone starting out",
            given=True,
        )
        walk(dd, owner, plan)


def suggestions(dd: DevDemo) -> None:
    """The demo manager's suggestions to the demo employee (two open, one turned into
    an idea, one dismissed), and a few from team leads to their people."""
    boss, employee = dd.user(dd.manager), dd.user(dd.employee)
    review_id = db.session.scalar(
        sa.select(sa.func.max(Review.id)).where(Review.employee_id == dd.employee.id)
    )
    for i, (topic, contact_name, fate) in enumerate(texts.SUGGESTIONS):
        made = dd.ago(60 - 15 * i)
        # Issue 16, item 7: the suggestions the review page shows with what came of
        # them (open, accepted → the interview's status, declined); the one with a
        # contact names someone from the manager's own network.
        contact = (
            add_contact(dd, dd.manager, texts.MANAGER_CONTACT, at(made, 14))
            if contact_name
            else None
        )
        suggestion = settings.suggest_interview(
            boss,
            {
                "employee_id": dd.employee.id,
                "topic": topic,
                "contact_id": contact.id if contact else None,
                "review_id": review_id,
            },
            now=at(made, 15),
        )
        answered = at(made + timedelta(days=2), 9)
        if fate == "accepted":
            settings.accept_suggestion(employee, suggestion, now=answered)
        elif fate == "dismissed":
            settings.dismiss_suggestion(employee, suggestion, now=answered)
    for title, topic in texts.TEAM_SUGGESTIONS:
        lead = dd.titled(title)[0]
        report = db.session.scalar(
            sa.select(Employee)
            .where(Employee.manager_id == lead.id, Employee.is_active)
            .order_by(Employee.id)
            .limit(1)
        )
        settings.suggest_interview(
            dd.user(lead),
            {"employee_id": report.id, "topic": topic},
            now=at(dd.ago(dd.rng.randint(5, 30)), 14),
        )


def load_interviews(dd: DevDemo) -> set[int]:
    """Every interview of the demo; returns the people whose chains make them active."""
    walked = chain(dd, dd.employee, texts.DEMO_CHAIN)
    mentorship(dd, walked[1])
    demo_board(dd)
    owners = {dd.employee.id}
    for title, spec in texts.CHAINS:
        owner = dd.titled(title)[0]
        chain(dd, owner, spec)
        owners.add(owner.id)
    closed_elsewhere(dd)
    given(dd)
    suggestions(dd)
    policy_exception(dd)
    db.session.flush()
    return owners


def policy_exception(dd: DevDemo) -> None:
    """A policy exception HR sees in the learning report: the demo employee's half-day
    visit to a contact's site (150 minutes, away from the premises) went over the 2 paid
    hours a month; the demo manager approved it and it was held. Drawn without the
    demo's rng, so everything loaded after it stays as it was."""
    owner, (spec, days) = dd.employee, texts.POLICY_EXCEPTION
    actor = dd.user(owner)
    contact = _contact(dd, owner, spec, days + 10)
    interview = svc.create_interview(
        actor,
        {
            "contact_id": contact.id,
            "purpose": texts.DEMO_CHAIN["purpose"],
            "target_role": "Staff Engineer",
            "mode": Mode.in_person,
        },
        now=at(dd.ago(days + 10), 18),
    )
    svc.request_interview(
        actor,
        interview,
        {"message": texts.POLICY_EXCEPTION_LETTER, "sent_on": dd.ago(days + 8)},
        now=at(dd.ago(days + 8), 10),
    )
    svc.prepare_interview(
        actor,
        interview,
        {
            "research_notes": texts.POLICY_EXCEPTION_RESEARCH,
            "questions": texts.POLICY_EXCEPTION_QUESTIONS,
        },
        now=at(dd.ago(days + 6), 10),
    )
    svc.schedule_interview(
        actor,
        interview,
        {
            "scheduled_at": at(dd.ago(days), 9),
            "duration_minutes": 150,
            "mode": Mode.in_person,
            "location": f"{contact.organisation}, on site",
            "off_premises": True,
        },
        now=at(dd.ago(days + 6), 11),
    )
    assert interview.over_hours_cap, "the demo's policy exception"
    svc.approve_interview(dd.user(dd.manager), interview, now=at(dd.ago(days + 5), 9))
    svc.complete_interview(
        actor,
        interview,
        {
            "private_notes": texts.POLICY_EXCEPTION_NOTES,
            "takeaways": texts.POLICY_EXCEPTION_TAKEAWAY,
            "notes_permission_asked": True,
        },
        now=at(dd.ago(days), 12),
    )
    svc.follow_up_interview(
        actor,
        interview,
        {"thank_you_sent_on": dd.ago(days - 1)},
        now=at(dd.ago(days - 1), 9),
    )
    dd.evidence_days.setdefault(owner.id, []).append(dd.ago(days))
