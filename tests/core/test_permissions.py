"""``core.permissions``: the one ``visible_rows`` query builder, and the house rules
for predicates — they live in ``*/permissions.py``, each with a one-line docstring,
and a role check answers apart from a state check (``check_state``)."""

import ast
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from core.extensions import db
from core.permissions import visible_rows
from people.models import Employee
from people.permissions import report_ids_select
from reviews import permissions as review_perms
from reviews.enums import ReviewStatus, TrainingNeedStatus

ROOT = Path(__file__).resolve().parents[2]
PREDICATE = re.compile(r"^\s*def (_?can_\w+|may_\w+)\(", re.MULTILINE)


def _app_sources():
    for package in sorted(ROOT.iterdir()):
        if (package / "__init__.py").exists() and package.name != "tests":
            yield from package.rglob("*.py")


def _seen(user) -> set[int]:
    stmt = visible_rows(user, Employee.id, report_ids_select)
    return set(db.session.scalars(stmt.with_only_columns(Employee.id)))


def test_visible_rows_own_and_reports(org):
    chain = {org.ceo, org.manager, org.employee, org.peer}
    assert _seen(org.ceo) == {u.employee_id for u in chain}
    assert _seen(org.employee) == {org.employee.employee_id}


def test_visible_rows_hr_sees_all_and_nobody_else_sees_without_a_record(org):
    everyone = set(db.session.scalars(db.select(Employee.id)))
    assert _seen(org.hr) == everyone
    assert _seen(org.admin) == set()  # no employee record, not HR
    assert _seen(None) == set()


def test_visible_rows_also_adds_conditions(org):
    stmt = visible_rows(
        org.employee,
        Employee.id,
        report_ids_select,
        lambda me: Employee.id == org.peer.employee_id,
    )
    seen = set(db.session.scalars(stmt.with_only_columns(Employee.id)))
    assert seen == {org.employee.employee_id, org.peer.employee_id}


def test_predicates_live_only_in_permissions_modules():
    outside = [
        f"{p.relative_to(ROOT)}: {m.group(1)}"
        for p in _app_sources()
        if p.name != "permissions.py"
        for m in PREDICATE.finditer(p.read_text())
    ]
    assert outside == []


def test_every_public_predicate_has_a_docstring():
    missing = [
        f"{path.relative_to(ROOT)}: {node.name}"
        for path in _app_sources()
        if path.name == "permissions.py"
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.FunctionDef)
        and not node.name.startswith("_")
        and not ast.get_docstring(node)
    ]
    assert missing == []


def _user(employee_id, *, is_hr=False):
    return SimpleNamespace(is_authenticated=True, employee_id=employee_id, is_hr=is_hr)


@pytest.mark.parametrize(
    ("status", "with_state"),
    [(ReviewStatus.shared, False), (ReviewStatus.acknowledged, True)],
)
def test_reopen_role_apart_from_state(status, with_state):
    """HR may reopen (403 decided by role alone); whether the review is signed is the
    state part (the service's 409)."""
    review = SimpleNamespace(employee_id=1, reviewer_id=2, status=status)
    hr = _user(3, is_hr=True)
    assert review_perms.can_reopen(hr, review, check_state=False)
    assert review_perms.may_reopen(hr, review)
    assert review_perms.can_reopen(hr, review) is with_state
    assert not review_perms.may_reopen(_user(1, is_hr=True), review)  # own review


def test_addendum_role_apart_from_state():
    review = SimpleNamespace(employee_id=1, reviewer_id=2, status=ReviewStatus.shared)
    assert review_perms.may_add_addendum(_user(2), review)
    assert not review_perms.can_add_addendum(_user(2), review)  # not signed yet
    assert not review_perms.may_add_addendum(_user(9), review)


def test_deciding_a_need_role_apart_from_state(monkeypatch):
    monkeypatch.setattr(review_perms, "is_manager_of", lambda user, emp: True)
    need = SimpleNamespace(employee_id=1, status=TrainingNeedStatus.open)
    manager = _user(2)
    assert review_perms.may_decide_need(manager, need)
    assert not review_perms.can_verify_need(manager, need)  # not in progress: 409
    assert review_perms.can_drop_need(manager, need)
    assert not review_perms.may_decide_need(_user(1), need)  # never the owner
