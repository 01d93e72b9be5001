"""``flask jobs list`` and ``flask jobs run ID [--now]``."""

from datetime import UTC, datetime

from jobs.registry import JobSpec
from tests.notifications.helpers import notify

NOW = "2026-11-02T09:00:00+00:00"


def test_list_names_every_job_with_its_last_run(runner, org):
    out = runner.invoke(args=["jobs", "list"]).output
    assert "notifications.send_due\tinterval(minutes=5)\tnever run" in out
    runner.invoke(args=["jobs", "run", "notifications.send_due", "--now", NOW])
    assert "processed 0" in runner.invoke(args=["jobs", "list"]).output


def test_a_second_run_with_the_same_now_processes_nothing(runner, org):
    notify(org.employee, 3, due_at=datetime(2026, 11, 1, tzinfo=UTC))
    first = runner.invoke(args=["jobs", "run", "notifications.send_due", "--now", NOW])
    assert first.exit_code == 0, first.output
    assert first.output.strip() == "notifications.send_due: processed 3"
    again = runner.invoke(args=["jobs", "run", "notifications.send_due", "--now", NOW])
    assert again.output.strip() == "notifications.send_due: processed 0"


def test_an_unknown_job_is_an_error(runner):
    result = runner.invoke(args=["jobs", "run", "nope.nothing"])
    assert result.exit_code != 0
    assert "No job 'nope.nothing'" in result.output


def test_a_bad_now_is_an_error(runner):
    result = runner.invoke(
        args=["jobs", "run", "notifications.send_due", "--now", "tuesday"]
    )
    assert result.exit_code == 2


def test_a_failing_job_exits_non_zero(runner, monkeypatch):
    def broken(now):
        raise ValueError("bad data")

    spec = JobSpec("test.broken", broken)
    monkeypatch.setattr("jobs.runner.job_specs", lambda: [spec])
    result = runner.invoke(args=["jobs", "run", "test.broken"])
    assert result.exit_code == 1
    assert "test.broken failed: ValueError: bad data" in result.output
