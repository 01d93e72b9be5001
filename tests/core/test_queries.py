"""``core.queries.get_or_404``: one statement per model and options, built once and
reused with the id as a bind parameter — each call still loads its own row."""

import pytest
from sqlalchemy.orm import joinedload

from core.errors import NotFound
from core.queries import _by_id, get_or_404
from people.models import Department, Employee, Skill
from tests.factories import make_department, make_employee, make_skill

MANAGER = (joinedload(Employee.manager),)


def test_each_call_loads_its_own_row_through_the_same_statement(db):
    first, second = make_skill(), make_skill()
    assert get_or_404(Skill, first.id) is first
    assert get_or_404(Skill, str(second.id)) is second
    assert _by_id(Skill, ()) is _by_id(Skill, ())


def test_module_level_options_reuse_one_statement_and_still_load(db):
    boss = make_employee()
    report_id, boss_id = make_employee(manager_id=boss.id).id, boss.id
    db.session.commit()
    db.session.expunge_all()  # the manager must come from the options, not the map
    assert _by_id(Employee, MANAGER) is _by_id(Employee, MANAGER)
    assert get_or_404(Employee, report_id, *MANAGER).manager.id == boss_id


def test_options_built_inline_give_the_same_rows(db):
    parent = make_department(name="Parent")
    child_id = make_department(name="Child", parent_id=parent.id).id
    db.session.commit()
    db.session.expunge_all()
    for _ in range(2):
        loaded = get_or_404(Department, child_id, joinedload(Department.parent))
        assert loaded.parent.name == "Parent"


@pytest.mark.parametrize("ident", [None, "", "abc", "1.5"])
def test_an_id_that_is_not_a_number_is_not_found(db, ident):
    with pytest.raises(NotFound, match=r"^Skill not found\.$"):
        get_or_404(Skill, ident)


def test_a_missing_row_is_not_found_with_the_message(db):
    with pytest.raises(NotFound, match=r"^No such skill\.$"):
        get_or_404(Skill, 999_999, message="No such skill.")
