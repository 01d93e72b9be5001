import pytest

from people import permissions as perms


def test_direct_and_indirect_managers_manage(org):
    emma = org.employee.employee_id
    assert perms.is_manager_of(org.manager, emma)
    assert perms.is_manager_of(org.ceo, emma)


@pytest.mark.parametrize("who", ["employee", "peer", "other_manager", "hr", "admin"])
def test_others_do_not_manage(org, who):
    assert not perms.is_manager_of(org.actor(who), org.employee.employee_id)


def test_manager_chain_is_nearest_first(org):
    chain = perms.manager_chain_ids(org.employee.employee_id)
    assert chain == [org.manager.employee_id, org.ceo.employee_id]


def test_has_reports_only_for_managers(org):
    assert perms.has_reports(org.manager)
    assert not perms.has_reports(org.employee)
    assert not perms.has_reports(org.admin)


def test_admin_cannot_manage_own_account(org):
    assert perms.can_manage_account(org.admin, org.employee)
    assert not perms.can_manage_account(org.admin, org.admin)
    assert not perms.can_manage_account(org.hr, org.employee)


def test_anonymous_can_see_nobody(org):
    assert not perms.can_view_person(None, None)
    assert not perms.is_manager_of(None, org.employee.employee_id)
