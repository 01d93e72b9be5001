"""``flask jobs``: list the jobs, run one now, or run the scheduler in this process.

``flask jobs scheduler`` is the only place APScheduler starts (never ``create_app``: under
gunicorn that would be one scheduler per worker). It takes the scheduler lock first
(``jobs.lock``), so a second scheduler — another node, a second ``make run`` — waits.
Its first job once the lock is held is ``jobs.catch_up.at_lock``: re-run what a dead
scheduler left unfinished, then the jobs named with ``--fire JOB_ID`` (run now, under
the lock).
Jobs run one at a time (one worker thread), each in its own app context through
``jobs.runner.run_job``; a late run is coalesced and still run within an hour.
"""

import logging
import signal
import threading
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import AppGroup

from core.db import utcnow
from jobs.queries import describe_trigger, last_runs, unfinished_runs
from jobs.registry import job_specs

jobs_cli = AppGroup(
    "jobs", help="Scheduled jobs: list, run one now, run the scheduler."
)

MISFIRE_GRACE_SECONDS = 3600


def _parse_now(value: str | None) -> datetime:
    if not value:
        return utcnow()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 moment.") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@jobs_cli.command("list")
def list_jobs() -> None:
    """Every job with its trigger and last run; then the runs that did not finish."""
    runs = last_runs()
    for spec in job_specs():
        run = runs.get(spec.id)
        if run is None:
            last = "never run"
        elif run.error:
            last = f"{run.started_at:%Y-%m-%d %H:%M} failed"
        elif run.finished_at is None:
            last = f"{run.started_at:%Y-%m-%d %H:%M} did not finish"
        else:
            last = f"{run.started_at:%Y-%m-%d %H:%M} processed {run.processed}"
        click.echo(f"{spec.id}\t{describe_trigger(spec)}\t{last}\t{spec.description}")
    unfinished = unfinished_runs()
    if unfinished:
        click.echo("\nRuns that did not finish (newest first):")
    for item in unfinished:
        run, by = item.run, item.made_up_by
        state = "running" if item.is_running else "did not finish"
        made_up = (
            f"made up by the run of {by.started_at:%Y-%m-%d %H:%M:%S}: "
            f"{by.made_up or 0} item(s)"
            if by
            else "not yet made up"
        )
        click.echo(
            f"{run.job_id}\t{run.started_at:%Y-%m-%d %H:%M:%S} {state}\t"
            f"progress {run.progress}\t{made_up}\t{run.process}"
        )


@jobs_cli.command("run")
@click.argument("job_id")
@click.option(
    "--now", "now_text", help="Run as of this ISO 8601 moment (UTC if naive)."
)
def run(job_id: str, now_text: str | None) -> None:
    """Run one job now (a manual run; a second run with the same --now does nothing)."""
    from jobs.runner import find_spec, run_job

    spec = find_spec(job_id)
    if spec is None:
        known = ", ".join(s.id for s in job_specs())
        raise click.ClickException(f"No job {job_id!r}. Jobs: {known}")
    result = run_job(spec, _parse_now(now_text), manual=True)
    if result.error:
        raise click.ClickException(f"{job_id} failed: {result.error.splitlines()[0]}")
    click.echo(f"{job_id}: processed {result.processed}")


@jobs_cli.command("scheduler")
@click.option(
    "--fire",
    "fire_ids",
    multiple=True,
    metavar="JOB_ID",
    help="Run this job at once when the lock is held (after the catch-up); repeatable.",
)
def scheduler(fire_ids: tuple[str, ...]) -> None:
    """Run the scheduler in this process (one per deployment; waits for the lock).

    Once the lock is held it first re-runs the jobs whose latest scheduled run did not
    finish (jobs.catch_up), then any --fire jobs, while the triggers start.
    """
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.background import BackgroundScheduler

    from jobs.catch_up import at_lock
    from jobs.lock import scheduler_lock
    from jobs.runner import find_spec, scheduled

    unknown = [job_id for job_id in fire_ids if find_spec(job_id) is None]
    if unknown:
        known = ", ".join(s.id for s in job_specs())
        raise click.BadParameter(
            f"no job {', '.join(map(repr, unknown))}. Jobs: {known}",
            param_hint="'--fire'",
        )
    fire = [spec for job_id in fire_ids if (spec := find_spec(job_id))]

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    app = current_app._get_current_object()
    tz = ZoneInfo(app.config.get("SCHEDULER_TIMEZONE") or "Europe/London")
    sched = BackgroundScheduler(
        timezone=tz,
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
        },
    )
    stop = threading.Event()
    lost = threading.Event()

    def on_signal(signum, frame):
        stop.set()
        if not sched.running:
            raise SystemExit(0)
        # Once running, the main thread only waits for `stop` and then shuts the
        # scheduler down itself: a SystemExit raised inside the scheduler's loop could
        # land while it holds its job-store lock, and a job finishing in the worker
        # (the at-lock catch-up) needs that lock.

    def on_lost():
        lost.set()
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log = logging.getLogger("trellis.jobs")
    try:
        with scheduler_lock(stop=stop, on_lost=on_lost) as lock:
            if lock is None:
                return
            for spec in job_specs():
                sched.add_job(
                    scheduled(app, spec),
                    trigger=spec.trigger,
                    id=spec.id,
                    name=spec.id,
                    **spec.trigger_args,
                )
            log.info(
                "scheduler started: %d jobs, timezone %s, lock held by %s",
                len(sched.get_jobs()),
                tz.key,
                lock.holder,
            )
            # First job in the one worker: finish a dead scheduler's run, then --fire.
            sched.add_job(at_lock(app, fire), trigger="date", id="trellis.at_lock")
            try:
                sched.start()
                while not stop.wait(0.5):
                    pass
            finally:
                if sched.running:
                    # let the running job finish, unless the lock is lost
                    sched.shutdown(wait=not lost.is_set())
                log.info("scheduler stopped")
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    if lost.is_set():
        raise click.ClickException("the scheduler lock was lost; stopped")
