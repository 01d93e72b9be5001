"""The development demo data (``development.demo``), loaded once for the module by
``load_demo`` (after the people and reviews loaders)."""

from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.audit import AuditEvent
from core.db import utcnow
from core.extensions import db as _db
from development.demo import CAUTIONARY_DEPARTMENT, POLICY
from development.enums import (
    ActivityKind,
    Cadence,
    InterviewDirection,
    InterviewStatus,
    KeepsLearning,
    SuggestionStatus,
)
from development.learning_record import current_policy, learning_records
from development.models import (
    Contact,
    DevelopmentActivity,
    InformationalInterview,
    InterviewSuggestion,
    MentoringSession,
    QuestionTopic,
)
from development.outreach import draft_outreach
from development.referrals import chain_depth
from development.seeds import STANDARD_TOPICS
from development.services.mentorships import add_months
from people.models import Department, Employee, User
from reviews.models import NeedEvidence, Review, TrainingNeed
from tests.reviews.demo.test_demo import _empty_tables

S = InterviewStatus
IV = InformationalInterview


@pytest.fixture(scope="module")
def demo(app):
    """The demo logins (role -> Employee) of a database loaded once for these tests."""
    from people.demo import load_demo

    with app.app_context():
        _empty_tables()
        logins = dict(load_demo("demo-password-2026"))
        people = {
            role: _db.session.scalar(sa.select(Employee).where(Employee.email == email))
            for role, email in logins.items()
            if role != "admin"
        }
        yield people
        _db.session.rollback()
        _db.session.remove()
        _empty_tables()


def _all(stmt) -> list:
    return list(_db.session.scalars(stmt))


def _depths() -> dict[int, int]:
    """Each interview's ``chain_depth`` (hops from the root of its chain, root = 0)."""
    parent = dict(_db.session.execute(sa.select(IV.id, IV.referred_by_id)).all())
    return {iv_id: chain_depth(iv_id, parent) for iv_id in parent}


def test_policy_and_question_bank(demo):
    policy = current_policy()
    assert {k: getattr(policy, k) for k in POLICY} == POLICY
    texts = _all(sa.select(QuestionTopic.text).order_by(QuestionTopic.position))
    assert set(STANDARD_TOPICS) < set(texts)
    assert texts[-1] == STANDARD_TOPICS[-1]  # "Whom else should I talk to?" stays last


def test_interviews_form_chains_three_and_four_deep(demo):
    depths = _depths()  # a chain of four interviews reaches depth 3
    assert max(depths.values()) == 3
    owners = _all(
        sa.select(IV.employee_id).where(
            IV.id.in_([i for i, d in depths.items() if d >= 2])
        )
    )
    assert len(set(owners)) >= 3
    mine = _all(sa.select(IV.id).where(IV.employee_id == demo["employee"].id))
    assert max(depths[i] for i in mine) == 3
    # Every referral made a contact of the owner's, from the referral.
    for interview in _all(sa.select(IV).where(IV.referred_by_id.is_not(None))):
        contact = _db.session.get(Contact, interview.contact_id)
        assert contact.owner_id == interview.employee_id
        assert contact.source.value == "referral"


def test_a_referred_interviews_letter_names_its_referrer(demo):
    """Each request sent to a referral names who referred them, and so does the draft
    of the demo employee's newest referral (still an idea)."""
    referrer = sa.orm.aliased(IV)
    rows = _db.session.execute(
        sa.select(IV, Contact.name)
        .join(referrer, referrer.id == IV.referred_by_id)
        .join(Contact, Contact.id == referrer.contact_id)
        .where(IV.direction == InterviewDirection.conducted)
    ).all()
    sent = [(iv, name) for iv, name in rows if iv.outreach_message]
    assert len(sent) >= 5
    for iv, name in sent:
        assert f"{name} suggested I contact you." in iv.outreach_message
    idea = next(
        iv
        for iv, _ in rows
        if iv.employee_id == demo["employee"].id and iv.status is S.idea
    )
    contact = _db.session.get(Contact, idea.contact_id)
    draft = draft_outreach(demo["employee"], idea, contact)
    assert draft.startswith("Dear Rafael Ortiz,\n\n")
    assert "Naomi Achterberg suggested I contact you." in draft
    assert "Staff Engineer role" in draft and "not a job enquiry" in draft


def test_one_interview_became_a_mentorship_with_sessions(demo):
    (interview,) = _all(sa.select(IV).where(IV.mentorship_activity_id.is_not(None)))
    assert interview.status is S.followed_up
    activity = _db.session.get(DevelopmentActivity, interview.mentorship_activity_id)
    assert activity.kind is ActivityKind.mentoring
    sessions = _all(
        sa.select(MentoringSession).where(MentoringSession.activity_id == activity.id)
    )
    assert len(sessions) == 4
    today = utcnow().date()
    assert all(s.held_on < today for s in sessions)
    # monthly: four sessions in four different months, and a next date a month on
    assert len({(s.held_on.year, s.held_on.month) for s in sessions}) == 4
    assert activity.cadence is Cadence.monthly
    last = max(s.held_on for s in sessions)
    assert activity.next_session_on == add_months(last, 1) > today


def test_senior_people_gave_interviews_after_the_confidentiality_reminder(demo):
    given = _all(sa.select(IV).where(IV.direction == InterviewDirection.given))
    assert len(given) >= 5
    assert all(i.confidentiality_confirmed for i in given)
    assert {S.completed, S.followed_up} & {i.status for i in given}
    givers = {_db.session.get(Employee, i.employee_id).job_title for i in given}
    assert {"Head of Engineering", "Chief Executive Officer"} <= givers
    kinds = _all(
        sa.select(DevelopmentActivity.kind).where(
            DevelopmentActivity.id.in_([i.activity_id for i in given])
        )
    )
    assert set(kinds) == {ActivityKind.interview_given}


def test_declined_and_unanswered_requests_exist(demo):
    statuses = Counter(_all(sa.select(IV.status)))
    assert statuses[S.declined] >= 2 and statuses[S.no_response] >= 2


def test_certifications_expire_within_30_and_90_days(demo):
    today = utcnow().date()
    expiring = _all(
        sa.select(DevelopmentActivity.expires_on).where(
            DevelopmentActivity.kind == ActivityKind.certification,
            DevelopmentActivity.expires_on >= today,
            DevelopmentActivity.expires_on <= today + timedelta(days=90),
        )
    )
    assert len(expiring) >= 2
    assert any(day <= today + timedelta(days=30) for day in expiring)


def test_activities_of_every_kind_across_the_year(demo):
    kinds = set(_all(sa.select(DevelopmentActivity.kind)))
    assert kinds == set(ActivityKind)
    today = utcnow().date()
    ended = _all(sa.select(DevelopmentActivity.ended_on))
    past_year = [d for d in ended if d and 0 <= (today - d).days < 365]
    assert len({(d.year, d.month) for d in past_year}) >= 12
    verified = _all(
        sa.select(DevelopmentActivity).where(
            DevelopmentActivity.verified_at.is_not(None)
        )
    )
    assert verified
    for activity in verified:
        owner = _db.session.get(Employee, activity.employee_id)
        verifier = _db.session.get(User, activity.verified_by_id)
        assert verifier.employee_id == owner.manager_id  # the direct manager
        assert activity.verified_at <= utcnow()
    linked = _all(sa.select(NeedEvidence).where(NeedEvidence.activity_id.is_not(None)))
    assert len(linked) >= 10
    for evidence in linked:
        need = _db.session.get(TrainingNeed, evidence.need_id)
        activity = _db.session.get(DevelopmentActivity, evidence.activity_id)
        assert need.employee_id == activity.employee_id


def test_every_keeps_learning_status_and_the_demo_employee_is_active(demo):
    ids = sa.select(Employee.id).where(Employee.is_active)
    records = learning_records(ids, today=utcnow().date())
    statuses = Counter(r.status for r in records.values())
    assert statuses[KeepsLearning.active] >= 5
    assert statuses[KeepsLearning.lapsing] >= 5
    assert statuses[KeepsLearning.inactive] >= 5
    assert records[demo["employee"].id].status is KeepsLearning.active
    assert records[demo["employee"].id].interviews_conducted >= 3


def test_the_demo_employee_has_an_interview_at_every_step(demo):
    mine = _all(
        sa.select(IV).where(
            IV.employee_id == demo["employee"].id,
            IV.direction == InterviewDirection.conducted,
        )
    )
    statuses = {i.status for i in mine}
    assert {S.idea, S.requested, S.scheduled, S.completed, S.followed_up} <= statuses
    now = utcnow()
    assert any(i.status is S.scheduled and i.scheduled_at > now for i in mine)
    for interview in mine:
        if interview.status is S.completed:
            assert interview.thank_you_sent_on is None  # the thank-you is still to send
        if interview.status in (S.completed, S.followed_up):
            assert interview.private_notes and interview.takeaways
            assert interview.outreach_message and interview.questions


def test_an_interview_over_the_monthly_limit_waits_for_the_managers_approval(demo):
    (waiting,) = _all(sa.select(IV).where(IV.needs_approval))
    assert waiting.employee_id == demo["employee"].id
    assert waiting.status is S.requested and waiting.approved_at is None
    assert _db.session.get(Employee, waiting.employee_id).manager_id == (
        demo["manager"].id
    )


def test_a_policy_exception_was_approved_and_hr_sees_it(demo):
    from reports import learning
    from reports.base import Filters

    (visit,) = _all(sa.select(IV).where(IV.over_hours_cap))
    assert visit.employee_id == demo["employee"].id and visit.off_premises
    approver = _db.session.get(User, visit.approved_by_id)
    assert approver.employee_id == demo["manager"].id
    hr = _db.session.scalar(sa.select(User).where(User.is_hr).order_by(User.id))
    result = learning.build(Filters(), hr, utcnow().date())
    (table,) = [t for t in result.tables if "policy exceptions" in t.title]
    manager = _db.session.get(Employee, demo["manager"].id)
    assert any(
        r["exception"] == "Over the paid-hours cap"
        and r["approval"].startswith(f"Approved by {manager.name} on ")
        for r in table.rows
    )


def test_the_manager_suggested_interviews(demo):
    theirs = _all(
        sa.select(InterviewSuggestion).where(
            InterviewSuggestion.employee_id == demo["employee"].id
        )
    )
    fates = Counter(s.status for s in theirs)
    assert fates[SuggestionStatus.open] >= 2
    assert fates[SuggestionStatus.accepted] == fates[SuggestionStatus.dismissed] == 1
    assert all(s.manager_id == demo["manager"].id for s in theirs)
    accepted = next(s for s in theirs if s.status is SuggestionStatus.accepted)
    assert _db.session.get(IV, accepted.interview_id).status is S.idea


def test_contacts_were_imported_and_typed_in(demo):
    imported = _all(sa.select(Contact).where(Contact.owner_id == demo["employee"].id))
    assert sum(c.source.value == "professional_network" for c in imported) >= 5
    owners = set(_all(sa.select(Contact.owner_id)))
    assert len(owners) >= 5
    events = _all(sa.select(AuditEvent).where(AuditEvent.action == "contacts_imported"))
    assert len(events) == 2 and all(e.at < utcnow() for e in events)


def test_the_cautionary_departments_needs_have_no_evidence(demo):
    dept = _db.session.scalar(
        sa.select(Department.id).where(Department.name == CAUTIONARY_DEPARTMENT)
    )
    theirs = sa.select(Employee.id).where(Employee.department_id == dept)
    needs = sa.select(TrainingNeed.id).where(TrainingNeed.employee_id.in_(theirs))
    assert _all(needs)
    assert not _all(sa.select(NeedEvidence.id).where(NeedEvidence.need_id.in_(needs)))


def test_private_notes_are_only_on_interviews(demo):
    notes = {n for n in _all(sa.select(IV.private_notes)) if n}
    assert len(notes) >= 3
    for row in _db.session.execute(sa.select(AuditEvent.changes)).scalars():
        text = str(row)
        assert not any(note in text for note in notes)
    for column in (
        DevelopmentActivity.reflection,
        DevelopmentActivity.evidence_note,
        IV.takeaways,
        IV.research_notes,
    ):
        assert not set(_all(sa.select(column))) & notes


def test_rows_are_back_dated(demo):
    now = utcnow()
    for model in (DevelopmentActivity, IV):
        latest = _db.session.scalar(sa.select(sa.func.max(model.created_at)))
        assert latest < now - timedelta(minutes=1)
    first = _db.session.scalar(sa.select(sa.func.min(IV.created_at)))
    assert first < now - timedelta(days=200)


def test_the_scheduled_jobs_ran_once_on_the_demo(demo):
    """``jobs.demo`` runs last: the demo opens with notifications in the centre, a
    planned review and outbox mail — and running the jobs again adds nothing."""
    from jobs.registry import job_specs
    from notifications.models import EmailMessage, Notification
    from reviews.models import Review

    def count(model, *where):
        return _db.session.scalar(
            sa.select(sa.func.count()).select_from(model).where(*where)
        )

    delivered = count(Notification, Notification.delivered_at.is_not(None))
    assert delivered > 0 and count(EmailMessage) > 0
    assert count(Review, Review.planned_occasion == "probation") >= 1
    kinds = set(_db.session.scalars(sa.select(Notification.kind).distinct()))
    assert {"cycle_phase_started", "manager_digest", "review_overdue_manager"} <= kinds
    now = utcnow()
    again = {s.id: s.func(now) for s in job_specs() if s.id != "notifications.send_due"}
    _db.session.rollback()
    assert set(again.values()) == {0}, again


def test_a_review_shows_its_suggestions_and_the_learning_of_its_period(demo):
    """Issue 16, items 7 and 8: the demo employee's latest review holds the manager's
    suggestions with what came of them, one naming the manager's own contact, and
    the period's learning record."""
    from core.due import org_today
    from development.learning_record import review_learning
    from reviews.queries import load_review, previous_reviews

    review = load_review(
        _db.session.scalar(
            sa.select(sa.func.max(Review.id)).where(
                Review.employee_id == demo["employee"].id
            )
        )
    )
    manager = _db.session.scalar(
        sa.select(User).where(User.employee_id == demo["manager"].id)
    )
    previous = (previous_reviews(review, limit=1) or [None])[0]
    learning = review_learning(manager, review, previous, today=org_today())
    assert {s.status for s in learning.suggestions} == {"open", "accepted", "dismissed"}
    assert "Accepted — interview idea" in {s.outcome for s in learning.suggestions}
    assert "Lena Vogel, Head of Platform, Orbit Mobility" in {
        s.contact_name for s in learning.suggestions
    }
    assert learning.activities > 0 and learning.hours > 0
    assert learning.status is not None


def test_an_accepted_idea_got_its_contact_and_a_deleted_contact_left_its_name(demo):
    """Issue 16, item 3: corrections in the demo (``development.demo.corrections``)."""
    accepted = _db.session.scalar(
        sa.select(InterviewSuggestion.interview_id).where(
            InterviewSuggestion.employee_id == demo["employee"].id,
            InterviewSuggestion.status == SuggestionStatus.accepted,
        )
    )
    idea = _db.session.get(IV, accepted)
    assert idea.status is S.idea and idea.contact_id is not None
    assert idea.target_role == "Product manager"
    declined = _all(
        sa.select(IV).where(
            IV.employee_id == demo["employee"].id, IV.status == S.declined
        )
    )
    kept = [iv for iv in declined if iv.contact_id is None and iv.contact_name]
    assert kept, "a declined interview keeps its deleted contact's name"
    events = _all(
        sa.select(AuditEvent).where(
            AuditEvent.object_type == "Contact", AuditEvent.action == "deleted"
        )
    )
    assert [e.changes["name"] for e in events] == [kept[0].contact_name]
    assert all(e.at < utcnow() for e in events)
