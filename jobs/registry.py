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
    return []
