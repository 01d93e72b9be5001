"""The reporting lines (closure table) follow every change of the org chart.

``tests/conftest.py`` also checks ``org_tree.drift`` after every test of the suite; these
tests name the cases: new people, moves of whole subtrees in any order within one flush,
a root, a deletion, a bulk import and the repair command.
"""

import sqlalchemy as sa

from people import org_tree
from people.importer import import_people
from people.models import Employee, ReportingLine
from people.permissions import report_ids_select
from tests.factories import make_employee, make_user


def _lines(db) -> set[tuple[int, int, int]]:
    rows = db.session.execute(
        sa.select(
            ReportingLine.manager_id, ReportingLine.employee_id, ReportingLine.depth
        )
    )
    return {tuple(r) for r in rows}


def _chart(db):
    """ceo > vp > (lead > (a, b), c)"""
    ceo = make_employee(name="Ceo")
    vp = make_employee(name="Vp", manager=ceo)
    lead = make_employee(name="Lead", manager_id=vp.id)
    a = make_employee(name="A", manager=lead)
    b = make_employee(name="B", manager=lead)
    c = make_employee(name="C", manager=vp)
    return ceo, vp, lead, a, b, c


def test_new_people_get_a_line_to_every_manager_above(db):
    ceo, vp, lead, a, b, c = _chart(db)
    assert _lines(db) == {
        (ceo.id, vp.id, 1),
        (ceo.id, lead.id, 2),
        (ceo.id, a.id, 3),
        (ceo.id, b.id, 3),
        (ceo.id, c.id, 2),
        (vp.id, lead.id, 1),
        (vp.id, a.id, 2),
        (vp.id, b.id, 2),
        (vp.id, c.id, 1),
        (lead.id, a.id, 1),
        (lead.id, b.id, 1),
    }
    assert set(db.session.scalars(report_ids_select(vp.id))) == {
        lead.id,
        a.id,
        b.id,
        c.id,
    }


def test_a_move_takes_the_whole_subtree_along(db):
    ceo, vp, lead, a, b, c = _chart(db)
    lead.manager = c  # the lead and both reports now sit under c
    db.session.flush()
    assert org_tree.drift(db.session.connection()) == []
    assert set(db.session.scalars(report_ids_select(c.id))) == {lead.id, a.id, b.id}
    assert (ceo.id, a.id, 4) in _lines(db)
    lead.manager_id = None  # a root: nobody above any more
    db.session.flush()
    assert org_tree.drift(db.session.connection()) == []
    assert set(db.session.scalars(report_ids_select(ceo.id))) == {vp.id, c.id}


def test_moves_and_new_people_in_one_flush_in_any_order(db):
    ceo, vp, lead, a, b, c = _chart(db)
    boss = Employee(name="New boss", email="boss@example.com", manager=ceo)
    newcomer = Employee(name="Newcomer", email="new@example.com", manager=boss)
    db.session.add_all([newcomer, boss])  # the report before its manager
    vp.manager = boss
    a.manager = c  # and a move inside the subtree that moves too
    db.session.flush()
    assert org_tree.drift(db.session.connection()) == []
    assert set(db.session.scalars(report_ids_select(boss.id))) == {
        newcomer.id,
        vp.id,
        lead.id,
        a.id,
        b.id,
        c.id,
    }


def test_a_deleted_employee_leaves_no_line_behind(db):
    ceo, vp, lead, _a, _b, c = _chart(db)
    db.session.delete(lead)
    db.session.flush()
    # The database sets the reports' manager to NULL; the lines follow.
    db.session.expire_all()
    assert org_tree.drift(db.session.connection()) == []
    assert set(db.session.scalars(report_ids_select(ceo.id))) == {vp.id, c.id}


def test_a_bulk_import_recomputes_the_lines(db):
    _ceo, _vp, lead, a, _b, c = _chart(db)
    hr = make_user(make_employee(), is_hr=True)
    text = (
        "email,name,job_title,department,manager_email,hired_on\n"
        f"{a.email},A,Engineer,,{c.email},2022-01-01\n"
        "fresh@example.com,Fresh,Engineer,,a@nowhere.example,2022-01-01\n"
    ).replace("a@nowhere.example", a.email)
    import_people(hr, text)
    assert org_tree.drift(db.session.connection()) == []
    fresh = db.session.scalar(
        sa.select(Employee.id).where(Employee.email == "fresh@example.com")
    )
    assert (c.id, fresh, 2) in _lines(db)
    assert (lead.id, a.id, 1) not in _lines(db)


def test_the_repair_command_puts_drifted_lines_right(db, runner):
    _ceo, vp, *_rest = _chart(db)
    db.session.execute(
        sa.delete(ReportingLine).where(ReportingLine.manager_id == vp.id)
    )
    db.session.commit()
    assert len(org_tree.drift(db.session.connection())) == 4
    result = runner.invoke(args=["people", "rebuild-reporting-lines"])
    assert result.exit_code == 0, result.output
    assert "4 were out of step" in result.output
    db.session.remove()
    assert org_tree.drift(db.session.connection()) == []
