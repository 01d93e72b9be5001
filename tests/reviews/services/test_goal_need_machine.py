"""Hypothesis state machine for goals and needs: progress stays within the measure's
range; goals and needs move only along allowed edges; a met need always has evidence
and a verifier."""

import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from core.errors import DomainError
from core.extensions import db
from reviews import services
from reviews.enums import (
    GOAL_TRANSITIONS,
    NEED_TRANSITIONS,
    CheckInStatus,
    GoalStatus,
    MeasureType,
    TrainingNeedStatus,
)
from reviews.models import Goal, NeedEvidence, TrainingNeed
from tests import factories as f
from tests.reviews.services.test_state_machine import ACTORS, _build_org, _wipe

actors = st.sampled_from(ACTORS)
REACHED: set[str] = set()


class GoalNeedMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        _wipe()
        self.org = _build_org()
        owner = self.org.employee
        self.goal = services.create_goal(
            owner,
            {
                "title": "Cut build time",
                "measure": MeasureType.number,
                "start_value": 30.0,
                "target_value": 10.0,
                "unit": "min",
            },
        )
        self.need = services.create_need(
            self.org.manager,
            {
                "employee_id": owner.employee_id,
                "skill_id": f.make_skill().id,
                "target_level": 4,
            },
        )
        db.session.commit()
        self.goal_status, self.need_status = self.goal.status, self.need.status

    def _act(self, fn, *args, **kwargs):
        try:
            fn(*args, **kwargs)
            db.session.commit()
        except DomainError:
            db.session.rollback()
        db.session.expire_all()
        self.goal = db.session.get(Goal, self.goal.id)
        self.need = db.session.get(TrainingNeed, self.need.id)
        for old, new, table in (
            (self.goal_status, self.goal.status, GOAL_TRANSITIONS),
            (self.need_status, self.need.status, NEED_TRANSITIONS),
        ):
            assert new is old or new in table[old]
        self.goal_status, self.need_status = self.goal.status, self.need.status
        REACHED.update(
            {f"goal:{self.goal.status.value}", f"need:{self.need.status.value}"}
        )
        if self.goal.progress:
            REACHED.add("progress")

    @rule(actor=actors, value=st.floats(-10, 50, allow_nan=False))
    def check_in(self, actor, value):
        data = {"value": value, "status": CheckInStatus.at_risk}
        self._act(services.check_in, self.org.actor(actor), self.goal, data)

    @rule(actor=actors, status=st.sampled_from(list(GoalStatus)))
    def set_goal_status(self, actor, status):
        self._act(
            services.update_goal, self.org.actor(actor), self.goal, {"status": status}
        )

    @rule(actor=actors, note=st.sampled_from(["", "Course done", "  "]))
    def link_evidence(self, actor, note):
        self._act(services.link_evidence, self.org.actor(actor), self.need, note=note)

    @rule(actor=actors)
    def verify(self, actor):
        self._act(services.verify_need, self.org.actor(actor), self.need)

    @rule(actor=actors, reason=st.sampled_from(["", "No longer needed"]))
    def drop(self, actor, reason):
        self._act(services.drop_need, self.org.actor(actor), self.need, reason)

    @invariant()
    def progress_stays_in_range(self):
        assert 0 <= self.goal.progress <= 100
        assert 10 <= self.goal.current_value <= 30

    @invariant()
    def a_met_need_has_evidence_and_a_verifier(self):
        if self.need.status is TrainingNeedStatus.met:
            evidence = db.session.scalar(
                sa.select(sa.func.count()).where(NeedEvidence.need_id == self.need.id)
            )
            assert evidence > 0
            assert self.need.verified_by_id not in (None, self.org.employee.id)

    def teardown(self):
        _wipe()


def test_goal_and_need_state_machine(db):
    GoalNeedMachine.TestCase.settings = settings(
        max_examples=40,
        stateful_step_count=20,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    GoalNeedMachine.TestCase().runTest()
    wanted = {
        "need:met",
        "need:dropped",
        "need:in_progress",
        "goal:achieved",
        "progress",
    }
    assert wanted <= REACHED, REACHED
