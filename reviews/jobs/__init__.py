"""Scheduled review jobs: plain functions ``(now) -> int processed``, each an idempotent
"due and not yet done" query in a fixed number of statements (see ``jobs.registry``)."""

from reviews.jobs.check_ins import send_check_in_reminders
from reviews.jobs.deadlines import send_deadline_reminders, send_need_reminders
from reviews.jobs.phases import advance_cycle_phases
from reviews.jobs.planned import create_planned_reviews

__all__ = [
    "advance_cycle_phases",
    "create_planned_reviews",
    "send_check_in_reminders",
    "send_deadline_reminders",
    "send_need_reminders",
]
