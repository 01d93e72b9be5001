import pytest

from core.errors import PermissionDenied, ValidationFailed
from reviews import services
from reviews.enums import CheckInStatus, GoalStatus, MeasureType
from reviews.models import Goal
from tests import factories as f


def _goal(actor, owner, title, parent=None, weight=1, **extra):
    data = {"title": title, "weight": weight, "owner_id": owner.employee_id, **extra}
    if parent is not None:
        data["parent_id"] = parent.id
    return services.create_goal(actor, data)


def _progress(actor, goal, value):
    services.check_in(actor, goal, {"value": value, "status": CheckInStatus.on_track})


def test_roll_up_of_a_three_level_tree_matches_a_hand_computation(db, org):
    company = _goal(org.ceo, org.ceo, "Company")
    team = _goal(org.manager, org.manager, "Team", company, weight=3)
    other_team = _goal(org.ceo, org.ceo, "CEO's own part", company, weight=1)
    emma = _goal(org.employee, org.employee, "Emma", team, weight=2)
    piet = _goal(org.peer, org.peer, "Piet", team, weight=1)
    ignored = _goal(org.peer, org.peer, "Nice to have", team, weight=0)
    _progress(org.employee, emma, 90)
    _progress(org.peer, piet, 30)
    _progress(org.peer, ignored, 100)
    _progress(org.ceo, other_team, 10)
    rolled = services.rolled_up_progress([company.id])
    # team = (2·90 + 1·30) / 3 = 70; company = (3·70 + 1·10) / 4 = 55
    assert rolled[team.id] == pytest.approx(70)
    assert rolled[company.id] == pytest.approx(55)
    assert rolled[emma.id] == 90


def test_a_loop_in_alignment_is_refused(db, org):
    top = _goal(org.employee, org.employee, "Top")
    middle = _goal(org.employee, org.employee, "Middle", top)
    bottom = _goal(org.employee, org.employee, "Bottom", middle)
    with pytest.raises(ValidationFailed) as err:
        services.update_goal(org.employee, top, {"parent_id": bottom.id})
    assert "loop" in err.value.errors["parent_id"]
    assert top.parent_id is None


def test_a_parent_must_be_up_the_owners_chain(db, org):
    peers_goal = _goal(org.peer, org.peer, "Piet's")
    with pytest.raises(ValidationFailed):
        _goal(org.employee, org.employee, "Mine", peers_goal)


def test_progress_outside_the_measure_is_refused(db, org):
    goal = _goal(
        org.employee,
        org.employee,
        "Revenue",
        measure=MeasureType.number,
        start_value=10.0,
        target_value=50.0,
        unit="k€",
    )
    with pytest.raises(ValidationFailed):
        _progress(org.employee, goal, 60)
    _progress(org.employee, goal, 30)
    assert goal.progress == 50


def test_a_decreasing_number_goal_counts_down(db, org):
    goal = _goal(
        org.employee,
        org.employee,
        "Open bugs",
        measure=MeasureType.number,
        start_value=40.0,
        target_value=10.0,
    )
    _progress(org.employee, goal, 25)
    assert goal.progress == 50


def test_a_peer_cannot_set_goals_for_someone(db, org):
    with pytest.raises(PermissionDenied):
        _goal(org.peer, org.employee, "Not yours")


def test_bulk_assignment_to_50_people_is_a_fixed_number_of_statements(
    db, org, count_queries
):
    team = [f.make_employee(manager_id=org.manager.employee_id) for _ in range(48)]
    ids = [org.employee.employee_id, org.peer.employee_id] + [e.id for e in team]
    parent = _goal(org.manager, org.manager, "Ship the mobile app", target_on=None)
    db.session.commit()
    with count_queries() as counter:
        created = services.bulk_assign(org.manager, parent, ids)
    assert created == 50
    assert counter.count <= 12
    copies = db.session.query(Goal).filter(Goal.parent_id == parent.id).all()
    assert {g.owner_id for g in copies} == set(ids)
    assert {g.title for g in copies} == {"Ship the mobile app"}


def test_bulk_assignment_outside_the_team_is_refused(db, org):
    parent = _goal(org.manager, org.manager, "Team goal")
    with pytest.raises(ValidationFailed):
        services.bulk_assign(org.manager, parent, [org.other_report.employee_id])


def test_dropped_goals_refuse_check_ins(db, org):
    from core.errors import InvalidTransition

    goal = _goal(org.employee, org.employee, "Mine")
    services.update_goal(org.employee, goal, {"status": GoalStatus.dropped})
    with pytest.raises(InvalidTransition):
        _progress(org.employee, goal, 10)
