"""The to-do list (``home.todos``): per role, overdue first and marked, one statement."""

from datetime import UTC, date, datetime, timedelta

import pytest

from development.enums import ActivityKind, ActivityStatus, InterviewStatus
from development.models import DevelopmentActivity, InformationalInterview
from home.todos import todos_for
from people.permissions import is_hr
from reviews import services
from reviews.enums import GoalStatus, QualityRule, TrainingNeedSource
from reviews.models import Goal, GoalCheckIn, ReviewQualityFlag, TrainingNeed
from tests import factories as f
from tests.conftest import bearer
from tests.reviews.conftest import ratings, review_of, walk_to_shared

TODAY = date(2026, 7, 15)  # the self-assessment (due 07-10) is 5 days late
NOW = datetime(2026, 7, 15, 9, tzinfo=UTC)
LAUNCH = datetime(2026, 7, 1, 9, tzinfo=UTC)


@pytest.fixture
def cycle(org, db):
    cycle = f.make_cycle(f.make_template(actor=org.hr), name="2026 H1")
    services.launch_cycle(org.hr, cycle, now=LAUNCH)
    db.session.commit()
    return cycle


def _todos(user, today=TODAY, now=NOW):
    return todos_for(user, today, now)


def _kinds(user, **kw):
    return [(t.kind, t.person) for t in _todos(user, **kw)]


def _submit(db, org, cycle, person):
    review = review_of(db, cycle, person)
    services.save_self_assessment(
        person,
        review,
        {"ratings": ratings(review), "answers": [], "achievements": "", "submit": True},
        now=LAUNCH,
    )
    db.session.commit()
    return review


def test_the_late_self_assessment_is_first_marked_and_links_to_the_form(
    app, org, cycle, db
):
    with app.test_request_context():
        todo = _todos(org.employee)[0]
    review = review_of(db, cycle, org.employee)
    assert todo.kind == "self_assessment"
    assert todo.title == "Write your self-assessment for 2026 H1"
    assert (todo.due_on, todo.is_overdue, todo.days_overdue) == (
        date(2026, 7, 10),
        True,
        5,
    )
    assert todo.url == f"/reviews/{review.id}/self-assessment"


def test_not_yet_due_is_not_overdue(app, org, cycle):
    with app.test_request_context():
        (todo,) = _todos(org.employee, today=date(2026, 7, 10))
    assert (todo.is_overdue, todo.days_overdue) == (False, 0)


def test_the_manager_sees_only_the_reviews_he_writes_once_they_can_start(
    app, org, cycle, db
):
    _submit(db, org, cycle, org.peer)
    with app.test_request_context():
        before = _kinds(org.manager, today=date(2026, 7, 9))
        after = _kinds(org.manager)
        ceo = _kinds(org.ceo)
    # Before Emma's date passes only Piet's (submitted) review can be written.
    assert ("manager_part", "Piet Peer") in before
    assert ("manager_part", "Emma Employee") not in before
    assert ("manager_part", "Emma Employee") in after
    # The CEO manages Emma indirectly but does not write her review: not his to-do.
    assert [k for k in ceo if k[0] == "manager_part"] == [
        ("manager_part", "Max Manager")
    ]


def test_a_started_manager_part_says_finish_and_share(app, org, cycle, db):
    _submit(db, org, cycle, org.employee)
    review = review_of(db, cycle, org.employee)
    services.save_manager_assessment(
        org.manager,
        review,
        {"strengths": "Good.", "ratings": ratings(review)},
        now=LAUNCH,
    )
    db.session.commit()
    with app.test_request_context():
        titles = [t.title for t in _todos(org.manager)]
    assert "Finish and share Emma Employee’s review" in titles


def test_a_shared_review_asks_the_employee_to_sign_off(app, org, cycle, db):
    walk_to_shared(db, org, cycle, now=LAUNCH)
    with app.test_request_context():
        kinds = _kinds(org.employee)
    assert ("sign_off", "You") in kinds
    assert ("self_assessment", "You") not in kinds


def test_needs_due_soon_or_late_are_listed_far_ones_not(app, org, db):
    skills = [f.make_skill(name=n) for n in ("Soon", "Late", "Far")]
    for skill, due in zip(skills, (15, -3, 90), strict=True):
        db.session.add(
            TrainingNeed(
                employee_id=org.employee.employee_id,
                skill_id=skill.id,
                target_level=3,
                source=TrainingNeedSource.manager,
                due_on=TODAY + timedelta(days=due),
            )
        )
    db.session.commit()
    with app.test_request_context():
        todos = _todos(org.employee)
    assert [t.title for t in todos] == [
        "Work on your training need: Late",
        "Work on your training need: Soon",
    ]
    assert [t.is_overdue for t in todos] == [True, False]


def test_goals_past_target_or_without_a_recent_check_in(app, org, db):
    old = datetime(2026, 1, 5, tzinfo=UTC)
    owner = org.employee.employee_id
    late = Goal(
        owner_id=owner, title="Late", target_on=date(2026, 7, 1), created_at=old
    )
    quiet = Goal(owner_id=owner, title="Quiet", created_at=old)
    fresh = Goal(owner_id=owner, title="Fresh", created_at=old)
    done = Goal(
        owner_id=owner, title="Done", status=GoalStatus.achieved, created_at=old
    )
    db.session.add_all([late, quiet, fresh, done])
    db.session.flush()
    for goal, on in ((quiet, date(2026, 5, 1)), (fresh, date(2026, 7, 1))):
        db.session.add(
            GoalCheckIn(
                goal_id=goal.id, checked_on=on, value=1, progress=1, status="on_track"
            )
        )
    db.session.commit()
    with app.test_request_context():
        todos = {t.kind: t for t in _todos(org.employee)}
    assert set(todos) == {"goal_target", "goal_check_in"}
    assert todos["goal_target"].title.startswith("Your goal “Late” is past its target")
    assert todos["goal_target"].days_overdue == 14
    assert todos["goal_check_in"].due_on == date(2026, 5, 31)  # 30 days after
    assert todos["goal_check_in"].is_overdue


def _activity(org, person, **kw):
    values = {
        "employee_id": person.employee_id,
        "kind": ActivityKind.course,
        "title": "Course",
        "status": ActivityStatus.completed,
        **kw,
    }
    activity = DevelopmentActivity(**values)
    from core.extensions import db

    db.session.add(activity)
    db.session.flush()
    return activity


def test_verifying_and_approving_go_to_the_right_manager(app, org, db):
    _activity(org, org.employee)
    _activity(org, org.employee)
    _activity(org, org.employee, verified_at=NOW)
    iv_act = _activity(
        org,
        org.employee,
        kind=ActivityKind.interview_conducted,
        status=ActivityStatus.planned,
    )
    db.session.add(
        InformationalInterview(
            activity_id=iv_act.id,
            employee_id=org.employee.employee_id,
            direction="conducted",
            status=InterviewStatus.requested,
            needs_approval=True,
        )
    )
    db.session.commit()
    with app.test_request_context():
        manager = {t.kind: t for t in _todos(org.manager)}
        ceo = {t.kind for t in _todos(org.ceo)}
    assert manager["verify"].title == "Verify 2 completed activities of Emma Employee"
    assert manager["verify"].count == 2
    assert manager["approval"].person == "Emma Employee"
    assert ceo == {"approval"}  # approves (any depth), never verifies (direct only)


def test_evidence_of_several_people_is_one_item(app, org, db):
    for person, n in ((org.employee, 1), (org.peer, 3)):
        for _ in range(n):
            _activity(org, person)
    db.session.commit()
    with app.test_request_context():
        (verify,) = [t for t in _todos(org.manager) if t.kind == "verify"]
    assert verify.title == (
        "Verify 4 completed activities of 2 people: Piet Peer 3, Emma Employee 1"
    )
    assert verify.count == 4


def _awaiting_approval(org, db, person):
    act = _activity(
        org,
        person,
        kind=ActivityKind.interview_conducted,
        status=ActivityStatus.planned,
    )
    db.session.add(
        InformationalInterview(
            activity_id=act.id,
            employee_id=person.employee_id,
            direction="conducted",
            status=InterviewStatus.requested,
            needs_approval=True,
        )
    )


def test_many_interviews_to_approve_are_one_item_to_the_team_page(app, org, db):
    for person in (org.employee, org.peer):
        for _ in range(4):
            _awaiting_approval(org, db, person)
    db.session.commit()
    with app.test_request_context():
        approvals = [t for t in _todos(org.ceo) if t.kind == "approval"]
    (item,) = approvals  # eight: more than APPROVALS_LISTED, and than the SQL sends
    assert item.title == (
        "Approve or refuse 8 informational interviews over the monthly limit: "
        "Emma Employee, Piet Peer …"
    )
    assert item.count == 8
    assert item.url == "/development/team#approve-heading"


def test_a_few_interviews_to_approve_stay_one_item_each(app, org, db):
    for _ in range(5):
        _awaiting_approval(org, db, org.employee)
    db.session.commit()
    with app.test_request_context():
        approvals = [t for t in _todos(org.ceo) if t.kind == "approval"]
    assert len(approvals) == 5
    assert {t.url.split("/")[1] for t in approvals} == {"development"}


def test_hr_sees_late_cycles_closing_and_flags(app, org, cycle, db):
    review = walk_to_shared(db, org, cycle, person=org.peer, now=LAUNCH)
    db.session.add(ReviewQualityFlag(review_id=review.id, rule=QualityRule.no_comments))
    db.session.commit()
    with app.test_request_context():
        hr = {t.kind: t for t in _todos(org.hr, today=date(2026, 8, 2))}
        employee = {t.kind for t in _todos(org.employee, today=date(2026, 8, 2))}
    assert hr["cycle_late"].title.endswith("late on a step in 2026 H1")
    assert hr["cycle_late"].due_on == date(2026, 7, 10)
    assert hr["cycle_late"].url == f"/reports/cycle-progress?cycle_id={cycle.id}"
    assert hr["cycle_close"].due_on == date(2026, 7, 31)
    assert hr["quality"].title == "Look at 1 review flagged for quality"
    assert employee.isdisjoint({"cycle_late", "cycle_close", "quality"})


def test_the_list_is_one_statement_whatever_the_role(app, org, cycle, count_queries):
    for user in (org.employee, org.manager, org.hr, org.admin):
        is_hr(user)  # the signed-in user is loaded before the page runs
        with app.test_request_context(), count_queries() as counter:
            _todos(user)
        assert counter.count <= 1


def test_api_lists_my_todos_overdue_first(client, org, cycle):
    answer = client.get("/api/v1/me/todos", headers=bearer(org.employee))
    assert answer.status_code == 200
    first = answer.get_json()[0]
    assert first["kind"] == "self_assessment"
    assert first["is_overdue"] is True
    assert first["url"].endswith("/self-assessment")
    assert "X-Pagination" in answer.headers


def test_goal_check_ins_follow_each_goals_cadence(app, org, db):
    from reviews.enums import CheckInCadence as C
    from reviews.goal_due import next_check_in_on

    owner = org.employee.employee_id
    old = datetime(2026, 4, 15, 8, tzinfo=UTC)
    weekly = Goal(owner_id=owner, title="Weekly", check_in_cadence=C.weekly)
    monthly = Goal(owner_id=owner, title="Monthly", check_in_cadence=C.monthly)
    quarterly = Goal(owner_id=owner, title="Quarterly", check_in_cadence=C.quarterly)
    for goal in (weekly, monthly, quarterly):
        goal.created_at = old
    db.session.add_all([weekly, monthly, quarterly])
    db.session.flush()
    for goal in (weekly, monthly):
        db.session.add(
            GoalCheckIn(
                goal_id=goal.id,
                checked_on=date(2026, 7, 8),
                value=1,
                progress=1,
                status="on_track",
            )
        )
    db.session.commit()
    with app.test_request_context():
        todos = {t.title: t for t in _todos(org.employee) if t.kind == "goal_check_in"}
    assert set(todos) == {
        "Check in on your goal “Weekly”",
        "Check in on your goal “Quarterly”",
    }
    weekly_todo = todos["Check in on your goal “Weekly”"]
    assert weekly_todo.due_on == TODAY == next_check_in_on(7, date(2026, 7, 8), old)
    assert not weekly_todo.is_overdue  # due today, not late
    assert todos["Check in on your goal “Quarterly”"].due_on == date(2026, 7, 15)


def test_a_goal_check_in_todo_counts_one(app, org, db):
    from reviews.enums import CheckInCadence as C

    goal = Goal(
        owner_id=org.employee.employee_id, title="Q", check_in_cadence=C.quarterly
    )
    goal.created_at = datetime(2026, 1, 5, tzinfo=UTC)
    db.session.add(goal)
    db.session.commit()
    with app.test_request_context():
        [todo] = [t for t in _todos(org.employee) if t.kind == "goal_check_in"]
    assert (todo.count, todo.due_on) == (1, date(2026, 4, 6))
