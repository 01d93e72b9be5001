"""``flask users invite EMAIL…`` and ``flask people import --invite``."""

import sqlalchemy as sa

from core.extensions import db
from notifications.models import EmailMessage
from people.models import AccountLink
from tests.factories import make_employee, make_person

CSV = (
    "email,name,job_title,department,manager_email,hired_on\n"
    "ann@x.com,Ann A,Engineer,Engineering,,2021-05-01\n"
    "bob@x.com,Bob B,Engineer,Engineering,ann@x.com,\n"
)


def _recipients() -> set[str]:
    return set(db.session.scalars(sa.select(EmailMessage.to_address)))


def test_users_invite_prints_what_it_did_per_address(runner):
    make_employee(email="nina@example.com")
    make_person(email="has@example.com", name="Hal Has")
    gone = make_employee(email="gone@example.com")
    gone.is_active = False
    db.session.commit()
    result = runner.invoke(
        args=[
            "users",
            "invite",
            "Nina@Example.com",
            "has@example.com",
            "gone@example.com",
            "nobody@example.com",
        ]
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("nina@example.com: invitation sent (valid until")
    assert lines[1] == "has@example.com: not invited: Hal Has has an account already."
    assert lines[2].startswith("gone@example.com: not invited:")
    assert "has left" in lines[2]
    assert lines[3] == "nobody@example.com: not invited: no person has this email."
    assert _recipients() == {"nina@example.com"}


def test_users_invite_again_resends(runner):
    make_employee(email="nina@example.com")
    db.session.commit()
    runner.invoke(args=["users", "invite", "nina@example.com"])
    result = runner.invoke(args=["users", "invite", "nina@example.com"])
    assert result.exit_code == 0, result.output
    links = db.session.scalars(sa.select(AccountLink).order_by(AccountLink.id)).all()
    assert [link.revoked_at is not None for link in links] == [True, False]


def test_import_with_invite_invites_the_new_people(runner, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(CSV, encoding="utf-8")
    result = runner.invoke(args=["people", "import", "--invite", str(path)])
    assert result.exit_code == 0, result.output
    assert "Invitations: 2 sent, 0 skipped" in result.output
    assert _recipients() == {"ann@x.com", "bob@x.com"}
    again = runner.invoke(args=["people", "import", "--invite", str(path)])
    assert "Invitations: 0 sent, 2 skipped" in again.output


def test_import_without_invite_sends_nothing(runner, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(CSV, encoding="utf-8")
    runner.invoke(args=["people", "import", str(path)])
    assert _recipients() == set()
