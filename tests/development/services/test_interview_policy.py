"""The interview policy's paid-hours cap and premises rule, at the service."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from core.audit import AuditEvent
from core.errors import ValidationFailed
from development.enums import InterviewDirection, InterviewStatus
from development.interview_policy import OFF_PREMISES, approval_reason
from development.models import DevelopmentPolicy
from development.services import interviews as svc

WHEN = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)
SENT = date(2026, 11, 1)


def _requested(org, direction=InterviewDirection.conducted):
    data = {"purpose": "Learn"}
    if direction is InterviewDirection.given:
        data |= {"direction": direction, "confidentiality_confirmed": True}
    interview = svc.create_interview(org.employee, data)
    svc.request_interview(org.employee, interview, {"message": "Hi", "sent_on": SENT})
    return interview


def _book(org, minutes, day=10, **data):
    interview = _requested(org, data.pop("direction", InterviewDirection.conducted))
    when = WHEN.replace(day=day)
    svc.schedule_interview(
        org.employee,
        interview,
        {"scheduled_at": when, "duration_minutes": minutes, **data},
    )
    return interview


def _policy(db, **settings):
    db.session.add(DevelopmentPolicy(interviews_per_month=10, **settings))
    db.session.flush()


def test_hours_beyond_the_paid_cap_wait_for_the_managers_approval(db, org):
    _policy(db, paid_hours_per_month=1.0)
    first = _book(org, 45)
    assert (first.status, first.needs_approval) == (InterviewStatus.scheduled, False)
    second = _book(org, 30, day=20)  # 75 minutes in November: over the 1-hour cap
    assert second.status is InterviewStatus.requested
    assert (second.needs_approval, second.over_hours_cap) == (True, True)
    assert second.over_count_limit is False
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "approval_requested")
    ).one()
    assert event.changes["reasons"] == ["hours"]
    assert event.changes["hours"] == 1.25 and event.changes["cap"] == 1.0
    svc.approve_interview(org.manager, second)
    assert second.status is InterviewStatus.scheduled
    assert second.over_hours_cap is True  # kept for HR's report
    assert second.approved_by_id == org.manager.id


def test_hours_in_another_month_or_exactly_the_cap_need_nothing(db, org):
    _policy(db, paid_hours_per_month=1.0)
    _book(org, 30)
    exactly = _book(org, 30, day=20)  # 60 minutes: at the cap, not beyond
    assert exactly.status is InterviewStatus.scheduled
    december = _requested(org)
    svc.schedule_interview(
        org.employee,
        december,
        {"scheduled_at": WHEN.replace(month=12), "duration_minutes": 60},
    )
    assert december.status is InterviewStatus.scheduled


def test_no_cap_off_paid_time_and_given_interviews_never_count(db, org):
    _policy(db, paid_hours_per_month=0.5, interviews_on_paid_time=False)
    assert _book(org, 120).status is InterviewStatus.scheduled
    policy = db.session.scalar(sa.select(DevelopmentPolicy))
    policy.interviews_on_paid_time = True
    given = _book(org, 120, direction=InterviewDirection.given)
    assert given.status is InterviewStatus.scheduled


def test_both_limits_are_named(db, org):
    _policy(db, paid_hours_per_month=0.5)
    policy = db.session.scalar(sa.select(DevelopmentPolicy))
    policy.interviews_per_month = 1
    _book(org, 20)
    both = _book(org, 20, day=11)
    assert (both.over_count_limit, both.over_hours_cap) == (True, True)
    reason = approval_reason(both, policy)
    assert "limit of 1 interviews" in reason and "0.5 paid hours" in reason


def test_away_from_the_premises_is_refused_when_the_policy_keeps_them_there(db, org):
    _policy(db, may_leave_premises=False)
    interview = _requested(org)
    with pytest.raises(ValidationFailed) as refused:
        svc.schedule_interview(
            org.employee, interview, {"scheduled_at": WHEN, "off_premises": True}
        )
    assert refused.value.errors == {"off_premises": OFF_PREMISES}
    assert interview.status is InterviewStatus.requested
    assert interview.scheduled_at is None  # nothing was kept
    svc.schedule_interview(org.employee, interview, {"scheduled_at": WHEN})
    assert (interview.status, interview.off_premises) == (
        InterviewStatus.scheduled,
        False,
    )


def test_away_from_the_premises_is_fine_when_the_policy_allows(db, org):
    _policy(db, may_leave_premises=True)
    interview = _book(org, 20, off_premises=True)
    assert (interview.status, interview.off_premises) == (
        InterviewStatus.scheduled,
        True,
    )
