"""Development input has bounds: no NUL or other control character in any text, ids
within INTEGER, lengths as the schema says — on the API, the HTML forms and the
LinkedIn contacts import (preview = import)."""

import re

import pytest
import sqlalchemy as sa

from core.extensions import db
from development.contacts_import import (
    ContactsImportFailed,
    import_contacts,
    preview_contacts,
)
from development.models import Contact, DevelopmentActivity
from tests.conftest import sign_in
from tests.development.api.helpers import Caller

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@pytest.fixture
def emma(client, org):
    return Caller(client, org.employee)


def _count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.mark.parametrize(
    "body, field",
    [
        ({"name": "A\u0000B"}, "name"),
        ({"name": "A B", "organisation": "Acme\u0000"}, "organisation"),
        ({"name": "A B", "profile_url": "https://x.example/\u0000"}, "profile_url"),
    ],
)
def test_a_nul_in_a_contact_is_422_naming_the_field(emma, body, field):
    response = emma.post("/api/v1/contacts", body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert _count(Contact) == 0


@pytest.mark.parametrize("title", ["A\u0000B", "Line\nbreak", "Bell\u0007"])
def test_a_control_character_in_an_activity_title_is_422(emma, title):
    response = emma.post("/api/v1/activities", {"kind": "course", "title": title})
    assert response.status_code == 422
    assert "title" in response.get_json()["errors"]
    assert _count(DevelopmentActivity) == 0


def test_a_multi_line_reflection_keeps_its_lines(emma):
    body = {"kind": "course", "title": "SQL", "reflection": "One\r\n\tTwo"}
    response = emma.post("/api/v1/activities", body)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["reflection"] == "One\n\tTwo"


@pytest.mark.parametrize("value", [2147483648, 2**63, 10**20])
def test_a_skill_id_beyond_integer_is_422_naming_skill_ids(emma, value):
    body = {"kind": "course", "title": "SQL", "skill_ids": [value]}
    response = emma.post("/api/v1/activities", body)
    assert response.status_code == 422
    assert "skill_ids" in response.get_json()["errors"]


def test_an_over_long_note_is_422_naming_it(emma):
    body = {"kind": "course", "title": "SQL", "evidence_note": "x" * 4001}
    response = emma.post("/api/v1/activities", body)
    assert response.status_code == 422
    assert "evidence_note" in response.get_json()["errors"]


def test_an_interview_query_id_beyond_integer_is_422(emma):
    response = emma.get("/api/v1/interviews?employee_id=9999999999")
    assert response.status_code == 422
    assert "employee_id" in response.get_json()["errors"]


def test_the_activity_form_has_the_limits_and_names_the_bad_field(client, org):
    sign_in(client, org.employee)
    form = client.get("/development/activities/new").text
    assert 'name="title" type="text" value="" required maxlength="200"' in form
    assert re.search(r'<textarea id="reflection"[^>]* maxlength="4000"', form)
    response = client.post(
        "/development/activities/new",
        data={"kind": "course", "title": "SQL\x00", "hours": "1"},
    )
    assert response.status_code == 422
    assert 'id="title-error"' in response.text
    assert "control characters" in response.text
    assert _count(DevelopmentActivity) == 0


def test_the_contact_form_refuses_a_nul_on_the_field(client, org):
    sign_in(client, org.employee)
    response = client.post(
        "/development/contacts", data={"name": "A\x00B", "organisation": "Acme"}
    )
    assert response.status_code == 422
    assert 'id="name-error"' in response.text
    assert _count(Contact) == 0


# --- the LinkedIn contacts import ----------------------------------------------------


def _csv(*rows):
    return HEADER + "".join(row + "\n" for row in rows)


@pytest.mark.parametrize(
    "row, reason",
    [
        ("Ada,Love\x00lace,,,,,", "Last Name must not contain control characters"),
        ("Ada,Lovelace,,,Acme\x01,,", "Company must not contain control characters"),
        ("Ada,Lovelace,,,," + "x" * 161 + ",", "at most 160 characters"),
    ],
)
def test_a_bad_cell_is_a_row_error_in_the_preview_and_the_import(db, org, row, reason):
    text = _csv("Grace,Hopper,,,,,", row)
    _rows, errors = preview_contacts(text, org.employee.employee_id)
    assert [line for line, _ in errors] == [3]
    assert reason in errors[0][1]
    with pytest.raises(ContactsImportFailed) as failed:
        import_contacts(org.employee.employee_id, text)
    assert failed.value.row_errors == errors
    assert _count(Contact) == 0


def test_the_import_api_reports_the_row_with_a_nul(emma):
    text = _csv("Grace,Hopper,,,,,", "Ada,Love\x00lace,,,,,")
    response = emma.post("/api/v1/contacts/import", {"csv": text, "preview": True})
    # The csv text is a string field like any other: a NUL is a 422 naming the line.
    assert response.status_code == 422
    assert "U+0000 on line 3" in str(response.get_json()["errors"]["csv"])
    assert _count(Contact) == 0
