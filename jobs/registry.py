"""Every scheduled job in one list: id ``<pkg>.<function>``, the function ``(now) -> int``
and its APScheduler trigger arguments. Domains own the functions; this list owns the timing.

Times are in ``SCHEDULER_TIMEZONE`` (default Europe/London); every job is an idempotent
"due and not yet done" query, so a late or repeated run neither misses nor duplicates.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: Callable[[datetime], int]
    trigger: str = "cron"
    trigger_args: dict = field(default_factory=dict)
    description: str = ""


def job_specs() -> list[JobSpec]:
    """Imported lazily so the web app never loads the scheduler's job list."""
    from core.idempotency import purge_idempotency_keys
    from development.digest import send_manager_digests
    from development.jobs import (
        send_certification_expiry,
        send_interview_reminders,
        send_learning_nudges,
        send_mentoring_reminders,
    )
    from notifications.jobs import send_due
    from reviews.jobs import (
        advance_cycle_phases,
        create_planned_reviews,
        send_check_in_reminders,
        send_deadline_reminders,
        send_need_reminders,
    )
    from scim.jobs import purge_request_log

    return [
        # Domain jobs. Reminders are due at 09:00 local (core.clock), so the daily ones
        # run just after; the hourly ones catch what can happen at any time of day.
        # Hourly triggers are in UTC: APScheduler 3.11's CronTrigger returns the same
        # fire time forever in the repeated hour when the clocks go back (apscheduler
        # #1021); due moments never depend on the run's clock, so UTC loses nothing.
        # Order matters for a sweep (demo, bench): reviews are planned before reminders.
        JobSpec(
            "reviews.advance_cycle_phases",
            advance_cycle_phases,
            "cron",
            {"minute": 2, "timezone": "UTC"},
            "Move active cycles to the phase their dates give; "
            "tell participants (hourly)",
        ),
        JobSpec(
            "reviews.create_planned_reviews",
            create_planned_reviews,
            "cron",
            {"hour": 6, "minute": 30},
            "Probation reviews N days after hire; "
            "anniversary reviews when HR turns them on",
        ),
        JobSpec(
            "reviews.send_deadline_reminders",
            send_deadline_reminders,
            "cron",
            {"hour": 9, "minute": 5},
            "Review steps due in 3 days and today; "
            "overdue to the manager (+2 days) and HR (+7 days)",
        ),
        JobSpec(
            "reviews.send_need_reminders",
            send_need_reminders,
            "cron",
            {"hour": 9, "minute": 10},
            "Training needs due in 14 days; overdue",
        ),
        JobSpec(
            "reviews.send_check_in_reminders",
            send_check_in_reminders,
            "cron",
            {"hour": 9, "minute": 12},
            "Goal check-ins due by the goal's cadence (to the owner, once per due day)",
        ),
        JobSpec(
            "development.send_interview_reminders",
            send_interview_reminders,
            "cron",
            {"minute": 17, "timezone": "UTC"},
            "Interview thank-you (24 h after), follow-up, "
            "referral nudges (14 days), approvals for managers (hourly)",
        ),
        JobSpec(
            "development.send_certification_expiry",
            send_certification_expiry,
            "cron",
            {"hour": 9, "minute": 15},
            "Certifications expiring in 90 and 30 days",
        ),
        JobSpec(
            "development.send_learning_nudges",
            send_learning_nudges,
            "cron",
            {"hour": 9, "minute": 20},
            "A nudge when someone's keeps-learning status falls to lapsing",
        ),
        JobSpec(
            "development.send_mentoring_reminders",
            send_mentoring_reminders,
            "cron",
            {"hour": 9, "minute": 25},
            "Mentoring sessions: both sides the day before; "
            "the mentee when one is overdue",
        ),
        JobSpec(
            "development.send_manager_digests",
            send_manager_digests,
            "cron",
            {"day_of_week": "mon", "hour": 8, "minute": 0},
            "Weekly team digest for every manager (Monday 08:00)",
        ),
        JobSpec(
            "notifications.send_due",
            send_due,
            "interval",  # an interval has no wall clock, so no DST repeat (apscheduler #1021)
            {"minutes": 5},
            "Deliver due notifications to the centre and the outbox; send email",
        ),
        JobSpec(
            "core.purge_idempotency_keys",
            purge_idempotency_keys,
            "cron",
            {"hour": 3, "minute": 40},
            "Forget Idempotency-Key records older than 24 hours (daily)",
        ),
        JobSpec(
            "scim.purge_request_log",
            purge_request_log,
            "cron",
            {"hour": 3, "minute": 50},
            "Forget SCIM request-log rows older than 90 days (daily)",
        ),
    ]
