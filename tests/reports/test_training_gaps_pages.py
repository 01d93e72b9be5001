"""The heat map and its table twin show a page of departments (a 20,000-person
organisation has 346); the facts, the CSV and the API keep every department. A
clicked cell opens on the page of its department."""

import csv
import io
import re

import pytest

from reports import training_gaps
from reports.base import Filters
from tests.reports.conftest import build
from tests.reports.test_training_gaps import _arrange


def _rows(*departments):
    """Two skills per department: (name, id)."""
    return [
        {"department": name, "department_id": ident, "skill": s, "skill_id": j}
        for name, ident in departments
        for j, s in enumerate(("Tools", "Writing"), start=1)
    ]


ROWS = _rows(("Alpha", 1), ("Beta", 2), ("Gamma", 3), ("Delta", 4), ("Epsilon", 5))


@pytest.fixture
def two_per_page(monkeypatch):
    monkeypatch.setattr(training_gaps, "DEPARTMENTS_PER_PAGE", 2)


def _shown(page) -> list[str]:
    return sorted({r["department"] for r in page.items})


def test_a_page_holds_every_skill_of_its_departments(two_per_page):
    page = training_gaps.department_page(ROWS, Filters(), "2")
    assert (page.page, page.pages, page.total) == (2, 3, 5)
    assert _shown(page) == ["Delta", "Epsilon"]  # A–Z: Alpha Beta | Delta Epsilon |…
    assert len(page.items) == 4


@pytest.mark.parametrize(
    ("raw", "expected"), [(None, 1), ("", 1), ("x", 1), ("-3", 1), ("0", 1), ("99", 3)]
)
def test_a_bad_page_is_the_first_and_past_the_end_the_last(two_per_page, raw, expected):
    assert training_gaps.department_page(ROWS, Filters(), raw).page == expected


def test_a_clicked_cell_opens_on_the_page_of_its_department(two_per_page):
    clicked = Filters(department_id=4, skill_id=2)  # Delta: the third A–Z of five
    page = training_gaps.department_page(ROWS, clicked)
    assert page.page == 2 and "Delta" in _shown(page)
    assert training_gaps.department_page(ROWS, clicked, "1").page == 1  # asked for


def test_the_heat_map_draws_the_page_and_every_skill(world, db, monkeypatch):
    monkeypatch.setattr(training_gaps, "DEPARTMENTS_PER_PAGE", 1)
    _arrange(world, db)
    result = build(training_gaps, world.hr)
    assert [label.text for label in result.chart.rows] == ["Sales"]
    every_skill = sorted({r["skill"] for r in result.rows})
    assert [label.text for label in result.chart.columns] == every_skill
    page = training_gaps.page_result(result, Filters(), "3")
    assert [label.text for label in result.chart.rows] == ["Support East"]
    assert [label.text for label in result.chart.columns] == every_skill
    assert {r["department"] for r in page.items} == {"Support East"}
    assert len(result.rows) == 5  # the result keeps every row (CSV, API)


def test_the_page_shows_a_page_and_the_download_every_row(
    world, db, login_as, monkeypatch
):
    monkeypatch.setattr(training_gaps, "DEPARTMENTS_PER_PAGE", 2)
    _arrange(world, db)
    client = login_as(world.hr)
    html = client.get("/reports/training-gaps", query_string={"page": 2}).text
    table = html[html.index('id="table-heading"') :]
    assert "Support East" in table and ">Sales<" not in table
    assert "departments 3–3 of 3" in html
    assert re.search(r'<a href="[^"]*page=1[^"]*" rel="prev">', html)
    assert "The facts above count all 3 departments" in html
    facts = re.search(r"<dt>People × skills expected</dt><dd>(\d+)</dd>", html)
    assert facts and facts.group(1) == "5"  # every department
    download = client.get("/reports/training-gaps.csv").text
    departments = {row[0] for row in list(csv.reader(io.StringIO(download)))[1:]}
    assert departments == {"Sales", "Support", "Support East"}


def test_one_page_has_no_pager(world, db, login_as):
    _arrange(world, db)
    html = login_as(world.hr).get("/reports/training-gaps").text
    assert 'rel="next"' not in html and "departments 1–" not in html
