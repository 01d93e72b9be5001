"""/admin/accounts for HR and admins: each account's state, and the people without an
account with their invitations, in a bounded number of statements."""

import pytest

from auth.invitations import invite_person
from tests import factories as f

BUDGET = 12


def _people_without_accounts(db, org, n: int) -> None:
    for i in range(n):
        person = f.make_employee(name=f"Joiner {i:03}")
        if i % 2:
            invite_person(org.hr, person)
    db.session.commit()


@pytest.mark.parametrize("rows", [6, 60])
def test_the_people_view_runs_a_bounded_number_of_statements(
    db, login_as, org, count_queries, rows
):
    _people_without_accounts(db, org, rows)
    client = login_as(org.hr)
    with count_queries() as counter:
        response = client.get("/admin/accounts?view=people")
    assert response.status_code == 200
    assert counter.count <= BUDGET, counter.statements


def test_the_people_view_shows_states_and_who_invited(db, login_as, org):
    _people_without_accounts(db, org, 2)
    page = login_as(org.hr).get("/admin/accounts?view=people").get_data(as_text=True)
    assert "Joiner 000" in page and "Joiner 001" in page
    assert "No account" in page
    assert f"by {org.hr.email}" in page
    assert "Re-send invitation" in page and "Withdraw invitation" in page


def test_hr_reads_the_accounts_but_cannot_change_flags(db, login_as, org):
    page = login_as(org.hr).get("/admin/accounts").get_data(as_text=True)
    assert org.employee.email in page
    assert "Active" in page
    assert 'type="submit"' not in page.split("<main", 1)[1].split("</main>")[0]
    response = login_as(org.hr).post(f"/admin/accounts/{org.employee.id}")
    assert response.status_code == 403


def test_a_disabled_account_shows_disabled(db, login_as, org):
    org.peer.is_enabled = False
    db.session.commit()
    page = login_as(org.admin).get("/admin/accounts").get_data(as_text=True)
    assert "Disabled" in page


def test_an_employee_cannot_read_the_accounts(db, login_as, org):
    assert login_as(org.employee).get("/admin/accounts").status_code == 403
