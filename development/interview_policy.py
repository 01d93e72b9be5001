"""The interview policy's rules, checked when an interview is scheduled.

HR's ``DevelopmentPolicy`` has four interview settings; all four act:

- **Interviews per month** — a conducted interview beyond that many in its month waits
  for the manager's approval (``needs_approval``).
- **Paid hours per month** (when interviews are on paid time) — the planned durations of
  the person's conducted interviews in the month (scheduled, completed or followed up,
  plus this one) beyond the cap: it waits for the manager's approval the same way. Only
  informational interviews count: the cap is the interview policy's, and courses,
  mentoring and other learning activities are agreed with the manager on their own
  (their hours are the learning record's, never the interview allowance). A given
  interview (someone interviews our employee) counts for neither limit, as before.
- **May leave the premises** — when not, an interview held away from the premises
  (``off_premises``) is refused with the reason on that field (422); phone, video or in
  person on the premises stay allowed.
- **On paid time** — off paid time there is no hours cap (the person's own time).

Why an interview needed approval is kept on it (``over_count_limit``,
``over_hours_cap``) after the manager approved, so HR's learning report lists the
policy exceptions and who approved them (``policy_exceptions``).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import sqlalchemy as sa

from core.dates import NOT_SAVED
from core.errors import ValidationFailed
from core.extensions import db
from development.enums import InterviewDirection, InterviewStatus
from development.models import InformationalInterview as IV  # noqa: N814

COUNTED = (
    InterviewStatus.scheduled,
    InterviewStatus.completed,
    InterviewStatus.followed_up,
)
OFF_PREMISES = (
    "Your employer’s policy keeps interviews on the premises: hold it there, by phone "
    "or by video."
)


@dataclass(frozen=True)
class Check:
    """What scheduling an interview would mean for the policy in its month."""

    over_count: bool
    over_hours: bool
    hours: float  # the month's planned hours with this interview
    limit: int
    cap: float | None  # None: not on paid time, no cap

    @property
    def needs_approval(self) -> bool:
        return self.over_count or self.over_hours

    @property
    def reasons(self) -> list[str]:
        return [
            r
            for r, on in (("count", self.over_count), ("hours", self.over_hours))
            if on
        ]


def _month(day: date) -> tuple[datetime, datetime]:
    first = day.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return (
        datetime.combine(first, time.min, tzinfo=UTC),
        datetime.combine(following, time.min, tzinfo=UTC),
    )


def month_usage(interview, day: date) -> tuple[int, int]:
    """(how many, how many minutes): the person's other conducted interviews booked in
    ``day``'s month (one statement)."""
    start, end = _month(day)
    count, minutes = db.session.execute(
        sa.select(
            sa.func.count(), sa.func.coalesce(sa.func.sum(IV.duration_minutes), 0)
        ).where(
            IV.employee_id == interview.employee_id,
            IV.id != interview.id,
            IV.direction == InterviewDirection.conducted,
            IV.status.in_(COUNTED),
            IV.scheduled_at >= start,
            IV.scheduled_at < end,
        )
    ).one()
    return count, int(minutes)


def check_schedule(interview, when: datetime, minutes: int, policy) -> Check:
    """The count limit and the paid-hours cap for ``interview`` booked at ``when``."""
    cap = policy.paid_hours_per_month if policy.interviews_on_paid_time else None
    if interview.direction is not InterviewDirection.conducted:
        return Check(False, False, 0.0, policy.interviews_per_month, cap)
    count, used = month_usage(interview, when.date())
    hours = round((used + minutes) / 60, 2)
    return Check(
        over_count=count >= policy.interviews_per_month,
        over_hours=cap is not None and hours > cap,
        hours=hours,
        limit=policy.interviews_per_month,
        cap=cap,
    )


def check_premises(off_premises: bool, policy) -> None:
    """Refuse an interview away from the premises when the policy keeps them there."""
    if off_premises and not policy.may_leave_premises:
        raise ValidationFailed(NOT_SAVED, {"off_premises": OFF_PREMISES})


def approval_reason(interview, policy) -> str:
    """The sentence the person (and the manager) read on a waiting interview."""
    parts = []
    if interview.over_count_limit:
        parts.append(
            f"over this month’s limit of {policy.interviews_per_month} interviews"
        )
    if interview.over_hours_cap:
        parts.append(
            f"over the {policy.paid_hours_per_month:g} paid hours a month the policy "
            "allows for interviews"
        )
    return " and ".join(parts) or "over the policy"
