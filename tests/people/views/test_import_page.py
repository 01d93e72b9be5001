"""HR's people import page: upload → dry-run report (every bad row and its line) →
confirm, which imports exactly the previewed file, all or nothing; HR only."""

import io
import re
from html import unescape

import pytest
import sqlalchemy as sa

from core import previews
from core.extensions import db
from people.importer import MAX_BYTES
from people.models import Employee
from tests import factories as f

URL = "/people/import"
HEADER = "email,name,job_title,department,manager_email,hired_on\n"
GOOD = HEADER + (
    "nora@example.com,Nora New,Analyst,Research,,2026-11-02\n"
    "omar@example.com,Omar New,Engineer,Research,nora@example.com,\n"
)
BAD = GOOD + "nora@example.com,Nora Again,,,,\nzed@example.com,Zed,,,boss@nowhere.io,\n"


def _people() -> list[tuple]:
    emp = Employee.__table__
    return [tuple(r) for r in db.session.execute(sa.select(emp).order_by(emp.c.id))]


def _upload(client, text: str, name="people.csv"):
    data = {"step": "preview", "csv_file": (io.BytesIO(text.encode()), name)}
    return client.post(URL, data=data, content_type="multipart/form-data")


def _token(html: str) -> str:
    return unescape(re.search(r'name="preview" value="([^"]+)"', html).group(1))


def _confirm(client, token: str):
    return client.post(URL, data={"step": "confirm", "preview": token})


def test_the_report_shows_each_row_and_a_confirm(login_as, org):
    client = login_as(org.hr)
    before = _people()
    response = _upload(client, GOOD)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "will add <strong>2</strong> new" in html
    assert "Nora New" in html and "Omar New" in html
    assert previews.sha256(GOOD) in html
    assert 'name="step" value="confirm"' in html
    assert _people() == before  # the report writes nothing


def test_every_bad_row_is_listed_with_its_line_and_there_is_no_confirm(login_as, org):
    client = login_as(org.hr)
    before = _people()
    response = _upload(client, BAD)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "2 row(s) have errors; nothing will be imported" in html
    assert "Line 4: email nora@example.com also on line 2" in html
    assert "Line 5: manager boss@nowhere.io is neither in the file" in html
    assert 'value="confirm"' not in html
    assert _people() == before


def test_the_confirm_imports_the_previewed_file(login_as, org):
    client = login_as(org.hr)
    token = _token(_upload(client, GOOD).get_data(as_text=True))
    response = _confirm(client, token)
    assert response.status_code == 302
    omar = db.session.scalar(sa.select(Employee).filter_by(email="omar@example.com"))
    nora = db.session.scalar(sa.select(Employee).filter_by(email="nora@example.com"))
    assert omar.manager_id == nora.id


def test_the_confirm_refuses_a_changed_file(login_as, org, app):
    client = login_as(org.hr)
    token = _token(_upload(client, GOOD).get_data(as_text=True))
    before = _people()
    signature = token.rpartition(".")[2]
    with app.test_request_context():  # the same text with another row, unsigned
        other = previews.seal("people import", org.hr.id, BAD)
    forged = other.rpartition(".")[0] + "." + signature
    for changed in (forged, token[:-2] + "xx", ""):
        response = _confirm(client, changed)
        assert response.status_code == 409
        assert "Nothing was imported" in response.get_data(as_text=True)
    assert _people() == before


def test_the_confirm_refuses_another_accounts_preview(login_as, org, app):
    hr2 = f.make_person(name="Hugo HR", is_hr=True)
    db.session.commit()
    token = _token(_upload(login_as(org.hr), GOOD).get_data(as_text=True))
    before = _people()
    response = _confirm(login_as(hr2), token)
    assert response.status_code == 409
    assert _people() == before


def test_the_confirm_refuses_when_trellis_changed_since_the_preview(login_as, org):
    client = login_as(org.hr)
    token = _token(_upload(client, GOOD).get_data(as_text=True))
    f.make_employee(name="Nora New", email="nora@example.com")  # added meanwhile
    db.session.commit()
    before = _people()
    response = _confirm(client, token)
    assert response.status_code == 409
    assert "changed since the preview" in response.get_data(as_text=True)
    assert _people() == before


def test_a_file_over_the_limit_is_refused_with_a_clear_message(login_as, org):
    response = _upload(login_as(org.hr), GOOD + "x" * MAX_BYTES)
    assert response.status_code == 422
    assert "larger than 1 MB" in response.get_data(as_text=True)


def test_a_file_that_is_not_utf8_is_refused(login_as, org):
    client = login_as(org.hr)
    data = {"step": "preview", "csv_file": (io.BytesIO(b"\xff\xfe\x00e"), "p.csv")}
    response = client.post(URL, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "not UTF-8" in response.get_data(as_text=True)


def test_the_sample_file_previews_without_errors(login_as, org):
    client = login_as(org.hr)
    sample = client.get(URL + "/sample.csv")
    assert sample.status_code == 200
    assert sample.mimetype == "text/csv"
    response = _upload(client, sample.get_data(as_text=True))
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "will add <strong>2</strong> new and update <strong>1</strong>" in html


@pytest.mark.parametrize("actor", ["employee", "manager", "ceo", "admin"])
@pytest.mark.parametrize("path", [URL, URL + "/sample.csv"])
def test_only_hr_sees_the_import(login_as, org, actor, path):
    assert login_as(org.actor(actor)).get(path).status_code == 403


def test_the_people_list_links_to_the_import_for_hr(login_as, org):
    assert URL in login_as(org.hr).get("/people").get_data(as_text=True)
    assert URL not in login_as(org.employee).get("/people").get_data(as_text=True)
