"""``flask people import``: a NUL, another control character or an over-long cell is a
row error with its line number, and ``--dry-run`` reports exactly what the real run does
(a NUL once passed the dry run and then failed in the database)."""

import pytest
import sqlalchemy as sa

from core.extensions import db
from people.models import Employee

HEADER = "email,name,job_title,department,manager_email,hired_on\n"
GOOD = "ann@x.com,Ann A,Engineer,Engineering,,\n"


def _run(runner, tmp_path, text, *extra):
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return runner.invoke(args=["people", "import", str(path), *extra])


def _reported(output: str) -> list[str]:
    """The row reports, without the progress bar."""
    return [line for line in output.splitlines() if line.startswith("line ")]


def _count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Employee))


@pytest.mark.parametrize(
    "row, reason",
    [
        ("bob@x.com,Bo\x00b,Engineer,,,", "name must not contain control characters"),
        ("bob@x.com,Bob,Engi\x07neer,,,", "job_title must not contain control"),
        ("bob\x00@x.com,Bob,,,,", "email must not contain control characters"),
        ("bob@x.com,Bob,,Sa\x1fles,,", "department must not contain control"),
        ("bob@x.com," + "B" * 161 + ",,,,", "at most 160 characters"),
        ("bob@x.com,Bob," + "E" * 121 + ",,,", "at most 120 characters"),
    ],
)
def test_a_bad_cell_fails_the_dry_run_and_the_real_run_alike(
    runner, tmp_path, row, reason
):
    text = HEADER + GOOD + row + "\n"
    dry = _run(runner, tmp_path, text, "--dry-run")
    real = _run(runner, tmp_path, text)
    assert dry.exit_code == real.exit_code == 1
    assert "line 3: " in dry.output and reason in dry.output
    assert _reported(dry.output) == _reported(real.output)
    assert _count() == 0


def test_a_cell_past_the_csv_field_limit_is_a_row_error(runner, tmp_path):
    text = HEADER + GOOD + "bob@x.com,Bob," + "E" * 200_000 + ",,,\n"
    result = _run(runner, tmp_path, text, "--dry-run")
    assert result.exit_code == 1
    assert "line 3: the file is not valid CSV" in result.output
    assert _count() == 0


def test_a_good_file_reports_the_same_in_the_dry_run(runner, tmp_path):
    text = HEADER + GOOD + "bob@x.com,Bob B,Engineer,Engineering,ann@x.com,\n"
    dry = _run(runner, tmp_path, text, "--dry-run")
    assert "Would import: 2 new" in dry.output
    assert _count() == 0
    real = _run(runner, tmp_path, text)
    assert "Imported: 2 new" in real.output
    assert _count() == 2
