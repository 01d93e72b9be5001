"""The home page's statements are built once and executed again with new values
(``home.todo_sources``, ``home.panels`` and what they call): the same objects run for
another day and another person, and answer for that day and that person."""

from datetime import UTC, date, datetime

from home.panels import development_panels, goal_panels, review_panels, team_panels
from home.todo_sources import todo_rows
from reviews import services
from reviews.enums import CheckInCadence, QualityRule
from reviews.models import Goal, ReviewQualityFlag
from tests import factories as f
from tests.conftest import executed_statements
from tests.reviews.conftest import walk_to_shared

NOW = datetime(2026, 7, 15, 9, tzinfo=UTC)
CREATED = datetime(2026, 7, 1, 8, tzinfo=UTC)  # weekly: first check-in due 07-08


def _weekly_goal(db, owner, title):
    goal = Goal(
        owner_id=owner.employee_id,
        title=title,
        check_in_cadence=CheckInCadence.weekly,
        progress=40,
    )
    goal.created_at = CREATED
    db.session.add(goal)
    db.session.commit()
    return goal


def _loaded(*users):
    """Refresh the accounts the last commit expired, before counting statements."""
    for user in users:
        assert user.employee_id and not user.is_admin
    return users


def _check_ins(user, today):
    return [r.about for r in todo_rows(user, today, NOW) if r.kind == "goal_check_in"]


def test_the_todo_statement_runs_again_for_another_day_and_person(app, org, db):
    _weekly_goal(db, org.employee, "Ship it")
    _weekly_goal(db, org.peer, "Peer's")
    _loaded(org.employee, org.peer)
    with app.test_request_context(), executed_statements(db) as seen:
        before = _check_ins(org.employee, date(2026, 7, 7))
        due = _check_ins(org.employee, date(2026, 7, 8))
        peer = _check_ins(org.peer, date(2026, 7, 8))
    assert (before, due, peer) == ([], ["Ship it"], ["Peer's"])
    assert len(seen) == 3 and seen[0] is seen[1] is seen[2]


def test_hr_without_an_employee_record_sees_every_flag(app, org, db):
    hr = f.make_user(is_hr=True)
    cycle = f.make_cycle(f.make_template(actor=org.hr), name="2026 H1")
    services.launch_cycle(org.hr, cycle, now=CREATED)
    review = walk_to_shared(db, org, cycle, person=org.peer, now=CREATED)
    db.session.add(ReviewQualityFlag(review_id=review.id, rule=QualityRule.no_comments))
    db.session.commit()
    with app.test_request_context():
        rows = {r.kind: r for r in todo_rows(hr, date(2026, 8, 2), NOW)}
    assert rows["quality"].count == 1
    assert rows["cycle_close"].due_on == date(2026, 7, 31)


def test_the_panels_run_the_same_statements_for_each_person(app, org, db):
    mine = _weekly_goal(db, org.employee, "Mine")
    theirs = _weekly_goal(db, org.peer, "Theirs")
    ids = mine.id, theirs.id
    _loaded(org.employee, org.peer)
    panels = (team_panels, review_panels, goal_panels, development_panels)
    with app.test_request_context():
        with executed_statements(db) as first:
            employee = [panel(org.employee) for panel in panels]
        with executed_statements(db) as second:
            peer = [panel(org.peer) for panel in panels]
    assert employee[0]["me"].id == org.employee.employee_id
    assert peer[0]["me"].id == org.peer.employee_id
    assert [g.id for g in employee[2]["top_goals"]] == [ids[0]]
    assert [g.id for g in peer[2]["top_goals"]] == [ids[1]]
    assert employee[2]["goal_progress"] == {ids[0]: 40.0}
    assert len(first) == len(second) == 9  # incl. the goal roll-up and the policy
    # all of them, ``current_policy``'s too (built once since the review page's turn)
    assert all(a is b for a, b in zip(first, second, strict=True))


def test_the_team_panel_counts_each_managers_reports(app, org, db):
    _loaded(org.ceo, org.manager)
    with app.test_request_context(), executed_statements(db) as seen:
        ceo, manager = team_panels(org.ceo), team_panels(org.manager)
    assert [e.name for e in ceo["reports"]] == ["Max Manager"]
    assert ceo["indirect_count"] == 2  # Emma and Piet, below Max
    assert [e.name for e in manager["reports"]] == ["Emma Employee", "Piet Peer"]
    assert manager["indirect_count"] == 0
    assert len(seen) == 6
    assert all(a is b for a, b in zip(seen[:3], seen[3:], strict=True))
