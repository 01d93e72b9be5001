"""LinkedIn connections import: preview, row errors, all or nothing, duplicates skipped."""

import pytest
import sqlalchemy as sa

from core.extensions import db
from development.contacts_import import (
    ContactsImportFailed,
    import_contacts,
    preview_contacts,
)
from development.enums import ContactSource
from development.models import Contact
from tests import factories

NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email '
    'addresses are missing. You can learn more here https://www.linkedin.com/help"\n'
    "\n"
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
GOOD = (
    NOTES
    + HEADER
    + "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.com,Analytical Ltd,"
    "Engineer,12 Mar 2024\n"
    + 'Grace,Hopper,https://www.linkedin.com/in/grace,,"Navy, US",Rear Admiral,'
    "01 Jan 2020\n" + "Alan,Turing,https://www.linkedin.com/in/alan,,,,\n"
)


def _contacts(owner_id):
    return db.session.scalars(
        sa.select(Contact).where(Contact.owner_id == owner_id).order_by(Contact.name)
    ).all()


@pytest.fixture
def owner(db):
    return factories.make_employee()


def test_preview_lists_rows_after_the_notes(db, owner):
    rows, errors = preview_contacts(GOOD, owner.id)
    assert errors == []
    assert [(r.line, r.name) for r in rows] == [
        (5, "Ada Lovelace"),
        (6, "Grace Hopper"),
        (7, "Alan Turing"),
    ]
    ada, grace, alan = rows
    assert ada.connected_on.isoformat() == "2024-03-12"
    assert (ada.email, ada.organisation, ada.title) == (
        "ada@example.com",
        "Analytical Ltd",
        "Engineer",
    )
    assert grace.organisation == "Navy, US"
    assert alan.connected_on is None and not alan.skipped
    assert _contacts(owner.id) == []  # a preview writes nothing


def test_import_writes_contacts_from_the_professional_network(db, owner):
    result = import_contacts(owner.id, GOOD)
    assert (result.created, result.skipped) == (3, [])
    contacts = _contacts(owner.id)
    assert [c.name for c in contacts] == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert {c.source for c in contacts} == {ContactSource.professional_network}


def test_a_bad_file_writes_nothing_and_names_the_rows(db, owner):
    bad = (
        GOOD
        + ",,https://www.linkedin.com/in/nobody,,,,\n"
        + "Bad,Date,,,,,31 Foo 2024\n"
        + "Bad,Email,,not-an-email,,,\n"
        + "Bad,Url,javascript:alert(1),,,,\n"
    )
    rows, errors = preview_contacts(bad, owner.id)
    assert len(rows) == 3
    lines = dict(errors)
    assert sorted(lines) == [8, 9, 10, 11]
    assert "name is missing" in lines[8]
    assert "not a date" in lines[9]
    assert "not a valid address" in lines[10]
    assert "not a web address" in lines[11]
    with pytest.raises(ContactsImportFailed) as caught:
        import_contacts(owner.id, bad)
    assert set(caught.value.errors) == {"line 8", "line 9", "line 10", "line 11"}
    assert "nothing" in caught.value.message or "no contacts" in caught.value.message
    assert _contacts(owner.id) == []


@pytest.mark.parametrize(
    "text, reason",
    [
        ("email,name\na@x.com,A\n", "no header row found"),
        ("", "no header row found"),
        ("First Name,Last Name,Company\nA,B,C\n", "missing column(s): URL"),
        (NOTES + HEADER, "no contacts"),
    ],
)
def test_a_wrong_shape_csv_is_a_clear_error(db, owner, text, reason):
    rows, errors = preview_contacts(text, owner.id)
    assert rows == [] and len(errors) == 1
    assert reason in errors[0][1]
    with pytest.raises(ContactsImportFailed):
        import_contacts(owner.id, text)
    assert _contacts(owner.id) == []


def test_duplicates_are_skipped_not_errors(db, owner):
    other = factories.make_employee()
    db.session.add_all(
        [
            Contact(owner_id=owner.id, name="Ada L.", email="ADA@example.com"),
            Contact(
                owner_id=owner.id,
                name="G",
                profile_url="https://www.linkedin.com/in/grace/",
            ),
            Contact(
                owner_id=other.id,
                name="Alan",
                profile_url="https://www.linkedin.com/in/alan",
            ),
        ]
    )
    db.session.flush()
    twice = GOOD + "Alan,Again,https://www.linkedin.com/in/alan,,,,\n"
    rows, errors = preview_contacts(twice, owner.id)
    assert errors == []
    assert [(r.line, r.skipped) for r in rows if r.skipped] == [
        (5, "already in your contacts"),
        (6, "already in your contacts"),
        (8, "same person as line 7"),
    ]
    result = import_contacts(owner.id, twice)
    assert result.created == 1
    assert [line for line, _ in result.skipped] == [5, 6, 8]
    assert [c.name for c in _contacts(owner.id)] == ["Ada L.", "Alan Turing", "G"]
    assert import_contacts(owner.id, GOOD).created == 0  # running it again adds nothing
