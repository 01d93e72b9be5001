"""JobRun: one row per run of a job (manual or scheduled), with its outcome and progress;
SchedulerLock: the row a SQLite scheduler holds so a second one waits (PostgreSQL uses an
advisory lock)."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import Model


class JobRun(Model):
    __tablename__ = "job_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(sa.String(80), index=True)
    now: Mapped[datetime]  # the moment the job ran *for* (``--now`` or the clock)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    processed: Mapped[int] = mapped_column(default=0)
    error: Mapped[str] = mapped_column(sa.Text, default="")
    manual: Mapped[bool] = mapped_column(default=False)
    process: Mapped[str] = mapped_column(sa.String(120), default="")  # host:pid
    # Items committed so far (``core.progress``) and when the run last showed life.
    progress: Mapped[int] = mapped_column(default=0)
    heartbeat_at: Mapped[datetime | None]
    # On a run that did not finish: the later run that made up for it; on that later
    # run: how many items it processed (what was left included).
    made_up_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("job_runs.id", ondelete="SET NULL")
    )
    made_up: Mapped[int | None]


class SchedulerLock(Model):
    __tablename__ = "scheduler_locks"

    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(sa.String(120))
    heartbeat_at: Mapped[datetime]
