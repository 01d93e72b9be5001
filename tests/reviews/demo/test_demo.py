"""The reviews demo data (``reviews.demo``), loaded once for the module by ``load_demo``."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from core.audit import AuditEvent
from core.db import utcnow
from core.extensions import db as _db
from people.enums import SkillLevelSource
from people.models import Department, Employee, EmployeeSkillLevel, User
from reviews.demo import CAUTIONARY_DEPARTMENT
from reviews.enums import CycleStatus, GoalStatus, ReviewStatus, TrainingNeedStatus
from reviews.history import review_history
from reviews.models import (
    Goal,
    GoalCheckIn,
    NeedEvidence,
    Review,
    ReviewCycle,
    ReviewQualityFlag,
    TrainingNeed,
)
from reviews.queries import load_review

S, N = ReviewStatus, TrainingNeedStatus
EVERY_OPEN_STATUS = [
    S.not_started,
    S.self_in_progress,
    S.self_submitted,
    S.manager_in_progress,
    S.shared,
    S.acknowledged,
]


def _empty_tables() -> None:
    with _db.engine.begin() as conn:
        for table in reversed(_db.metadata.sorted_tables):
            for fk in table.foreign_keys:
                if fk.column.table is table and fk.parent.nullable:
                    conn.execute(table.update().values({fk.parent.name: None}))
            conn.execute(table.delete())


@pytest.fixture(scope="module")
def demo(app):
    """The demo logins (role -> Employee) of a database loaded once for these tests."""
    from people.demo import load_demo

    with app.app_context():
        _empty_tables()
        logins = dict(load_demo("demo-password-2026"))
        people = {
            role: _db.session.scalar(sa.select(Employee).where(Employee.email == email))
            for role, email in logins.items()
            if role != "admin"
        }
        yield people
        _db.session.rollback()
        _db.session.remove()
        _empty_tables()


def _cycles(status):
    return list(
        _db.session.scalars(
            sa.select(ReviewCycle)
            .where(ReviewCycle.status == status)
            .order_by(ReviewCycle.period_start)
        )
    )


def _statuses(cycle) -> set:
    return set(
        _db.session.scalars(
            sa.select(Review.status).where(Review.cycle_id == cycle.id).distinct()
        )
    )


def _cautionary_ids():
    dept = _db.session.scalar(
        sa.select(Department.id).where(Department.name == CAUTIONARY_DEPARTMENT)
    )
    return sa.select(Employee.id).where(Employee.department_id == dept)


def test_two_closed_cycles_and_one_active(demo):
    closed, active = _cycles(CycleStatus.closed), _cycles(CycleStatus.active)
    assert len(closed) == 2 and len(active) == 1
    assert closed[0].period_end < closed[1].period_start
    assert closed[1].period_end < active[0].period_start
    for cycle in closed:
        assert _statuses(cycle) == {S.closed}
        unsigned = _db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Review)
            .where(Review.cycle_id == cycle.id, Review.acknowledged_at.is_(None))
        )
        assert unsigned == 0  # every review was acknowledged before the cycle closed


def test_the_active_cycle_has_reviews_in_every_status(demo):
    (active,) = _cycles(CycleStatus.active)
    assert set(EVERY_OPEN_STATUS) <= _statuses(active)
    today = utcnow().date()
    assert active.self_due_on < today < active.signoff_due_on  # some are overdue


def test_the_active_cycle_fits_the_load_date(demo):
    (active,) = _cycles(CycleStatus.active)
    today = utcnow().date()
    assert active.period_start <= active.self_due_on <= today
    assert abs((active.period_end - today).days) <= 92  # its review season


def test_the_cautionary_department_was_rated_well_and_its_needs_never_met(demo):
    today = utcnow().date()
    closed = [c.id for c in _cycles(CycleStatus.closed)]
    reviews = list(
        _db.session.scalars(
            sa.select(Review).where(
                Review.cycle_id.in_(closed), Review.employee_id.in_(_cautionary_ids())
            )
        )
    )
    assert len(reviews) >= 10
    assert all(r.overall_rating >= 4 for r in reviews)
    needs = list(
        _db.session.scalars(
            sa.select(TrainingNeed).where(
                TrainingNeed.source_review_id.in_([r.id for r in reviews])
            )
        )
    )
    assert {n.source_review_id for n in needs} == {r.id for r in reviews}
    for need in needs:
        assert need.status is TrainingNeedStatus.open
        assert need.due_on < today
        assert need.evidence_at is None and need.verified_at is None


def test_other_needs_of_closed_cycles_end_in_every_state(demo):
    today = utcnow().date()
    closed = [c.id for c in _cycles(CycleStatus.closed)]
    needs = list(
        _db.session.scalars(
            sa.select(TrainingNeed)
            .join(Review, Review.id == TrainingNeed.source_review_id)
            .where(
                Review.cycle_id.in_(closed),
                TrainingNeed.employee_id.not_in(_cautionary_ids()),
            )
        )
    )
    by_status = {s: [n for n in needs if n.status is s] for s in TrainingNeedStatus}
    assert all(by_status.values())
    met = by_status[TrainingNeedStatus.met]
    assert all(n.verified_by_id and n.verified_at and n.evidence_at for n in met)
    assert all(n.drop_reason for n in by_status[TrainingNeedStatus.dropped])
    assert any(n.due_on < today for n in by_status[TrainingNeedStatus.open])
    assert all(n.target_level > (n.current_level or 0) for n in needs)


def test_quality_flags_exist_for_several_rules(demo):
    rules = set(_db.session.scalars(sa.select(ReviewQualityFlag.rule).distinct()))
    assert len(rules) >= 4


def test_the_demo_employee_has_a_review_awaiting_them(demo):
    (active,) = _cycles(CycleStatus.active)
    status = _db.session.scalar(
        sa.select(Review.status).where(
            Review.cycle_id == active.id, Review.employee_id == demo["employee"].id
        )
    )
    assert status in (S.not_started, S.self_in_progress, S.shared)


def test_the_demo_manager_has_team_reviews_to_write(demo):
    (active,) = _cycles(CycleStatus.active)
    statuses = list(
        _db.session.scalars(
            sa.select(Review.status).where(
                Review.cycle_id == active.id, Review.reviewer_id == demo["manager"].id
            )
        )
    )
    assert S.self_submitted in statuses and S.manager_in_progress in statuses


def test_the_demo_employees_review_has_a_history(demo):
    (active,) = _cycles(CycleStatus.active)
    review_id = _db.session.scalar(
        sa.select(Review.id).where(
            Review.cycle_id == active.id, Review.employee_id == demo["employee"].id
        )
    )
    history = review_history(load_review(review_id))
    assert len(history.previous) == 2
    fates = {f.fate for f in history.previous_needs}
    assert {"met", "overdue"} <= fates
    assert history.goals


def test_history_is_back_dated_and_audited(demo):
    now = utcnow()
    first, last = _db.session.execute(
        sa.select(sa.func.min(AuditEvent.at), sa.func.max(AuditEvent.at)).where(
            AuditEvent.object_type == "Review"
        )
    ).one()
    assert first < now - timedelta(days=300)
    assert last <= now
    changes = _db.session.scalar(
        sa.select(sa.func.count())
        .select_from(AuditEvent)
        .where(
            AuditEvent.object_type == "Review", AuditEvent.action == "status_changed"
        )
    )
    assert changes > 500


def _set(column, *where) -> set:
    return set(_db.session.scalars(sa.select(column).where(*where).distinct()))


def _needs(*where) -> list[TrainingNeed]:
    stmt = sa.select(TrainingNeed).where(*where)
    return list(_db.session.scalars(stmt.options(selectinload(TrainingNeed.evidence))))


def test_met_needs_have_evidence_a_verifier_not_the_owner_and_a_new_level(demo):
    met = _needs(TrainingNeed.status == N.met)
    assert met
    for need in met:
        verifier = _db.session.get(User, need.verified_by_id)
        assert need.evidence and verifier.employee_id != need.employee_id
        assert need.target_level in _set(
            EmployeeSkillLevel.level,
            EmployeeSkillLevel.source == SkillLevelSource.training_need,
            EmployeeSkillLevel.source_id == need.id,
        )
    for need in _needs(TrainingNeed.status.in_([N.in_progress, N.dropped])):
        assert need.evidence if need.status is N.in_progress else need.drop_reason


def test_the_demo_employees_team_has_needs_in_every_status(demo):
    team = sa.select(Employee.id).where(Employee.manager_id == demo["manager"].id)
    assert _set(TrainingNeed.status, TrainingNeed.employee_id.in_(team)) == set(N)
    mine = _set(TrainingNeed.status, TrainingNeed.employee_id == demo["employee"].id)
    assert mine == set(N)
    assert {s.value for s in _set(TrainingNeed.source)} == {
        "review",
        "role_profile",
        "manager",
    }


def test_goals_align_three_levels_below_the_company_goal(demo):
    ceo = _set(Employee.id, Employee.manager_id.is_(None)).pop()
    (company,) = _set(Goal.id, Goal.owner_id == ceo, Goal.parent_id.is_(None))
    children: dict[int, list[int]] = {}
    for goal_id, parent_id in _db.session.execute(sa.select(Goal.id, Goal.parent_id)):
        children.setdefault(parent_id, []).append(goal_id)
    depth, todo = {company: 0}, [company]
    while todo:
        parent = todo.pop()
        for child in children.get(parent, []):
            depth[child] = depth[parent] + 1
            todo.append(child)
    assert max(depth.values()) >= 3
    heads = _set(Employee.id, Employee.manager_id == ceo)
    level_one = [g for g, d in depth.items() if d == 1]
    assert heads <= _set(Goal.owner_id, Goal.id.in_(level_one))
    assert {m.value for m in _set(Goal.measure, Goal.id.in_(list(depth)))} == {
        "percent",
        "number",
        "done",
    }


def test_goals_have_check_ins_and_end_in_every_state(demo):
    tree = Goal.source_review_id.is_(None)
    assert not _set(Goal.id, tree, Goal.id.not_in(sa.select(GoalCheckIn.goal_id)))
    assert len(_set(GoalCheckIn.status)) == 3
    assert set(GoalStatus) - {GoalStatus.draft} <= _set(Goal.status)
    assert (
        _db.session.scalar(sa.select(sa.func.max(GoalCheckIn.created_at))) <= utcnow()
    )
    for role in ("employee", "manager"):
        mine = sa.select(Goal.id).where(tree, Goal.owner_id == demo[role].id)
        entries = _db.session.scalars(
            sa.select(GoalCheckIn.id).where(GoalCheckIn.goal_id.in_(mine))
        )
        assert len(entries.all()) >= 2, role


def test_the_cautionary_departments_needs_are_open_without_evidence(demo):
    theirs = TrainingNeed.employee_id.in_(_cautionary_ids())
    assert _set(TrainingNeed.status, theirs) == {N.open}
    needs = sa.select(TrainingNeed.id).where(theirs)
    assert not _set(NeedEvidence.id, NeedEvidence.need_id.in_(needs))


def test_goals_have_cadences_and_the_employees_weekly_check_in_is_overdue(demo):
    from datetime import timedelta

    from core.due import org_today
    from reviews.enums import CheckInCadence
    from reviews.goal_due import check_in_due, last_check_in_on, next_check_in_on

    assert _set(Goal.check_in_cadence) == set(CheckInCadence)
    today = org_today()
    mine = Goal.owner_id == demo["employee"].id
    row = _db.session.execute(
        sa.select(Goal.check_in_cadence, Goal.created_at, last_check_in_on()).where(
            mine, Goal.title == "Triage the accessibility backlog", check_in_due(today)
        )
    ).one()
    assert row[0] is CheckInCadence.weekly
    assert next_check_in_on(7, row[2], row[1]) == today - timedelta(days=5)
