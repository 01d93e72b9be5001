"""``core.children.fill_collection``: a collection filled as ``selectinload`` fills it,
from a statement built once — one statement for every parent, none when each has it."""

import functools

import sqlalchemy as sa

from core.children import fill_collection, parent_ids_param
from people.models import Department
from tests.factories import make_department


@functools.cache
def _children() -> sa.Select:
    return (
        sa.select(Department.parent_id, Department)
        .where(Department.parent_id.in_(parent_ids_param()))
        .order_by(Department.id)
    )


def _tree(db) -> list[int]:
    one, two, empty = (make_department(name=n) for n in ("One", "Two", "Empty"))
    for parent, name in ((one, "1a"), (two, "2a"), (one, "1b")):
        make_department(name=name, parent_id=parent.id)
    db.session.commit()
    ids = [one.id, two.id, empty.id]
    db.session.expunge_all()
    return ids


def _load(db, ids) -> list[Department]:
    return [db.session.get(Department, i) for i in ids]


def test_every_parent_gets_its_children_in_order_from_one_statement(db, count_queries):
    one, two, empty = _load(db, _tree(db))
    with count_queries() as counter:
        fill_collection([one, two, empty], "children", _children())
    assert counter.count == 1
    assert [[c.name for c in d.children] for d in (one, two, empty)] == [
        ["1a", "1b"],
        ["2a"],
        [],
    ]
    assert not db.session.dirty  # set as loaded from the database, not as a change


def test_a_loaded_collection_is_left_alone_and_needs_no_statement(db, count_queries):
    one, two, _ = _load(db, _tree(db))
    fill_collection([one], "children", _children())
    with count_queries() as counter:
        fill_collection([one, two], "children", _children())
    assert counter.count == 1  # only for the parent that has not loaded it
    assert [c.name for c in two.children] == ["2a"]
    one.children.pop()  # a change not flushed yet survives the next fill
    with count_queries() as counter:
        fill_collection([one, two], "children", _children())
    assert counter.count == 0
    assert [c.name for c in one.children] == ["1a"]
