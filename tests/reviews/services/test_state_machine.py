"""A Hypothesis state machine drives random sequences of every role's review actions.

Invariants after every step: the status moved only along an allowed edge, and each move
wrote exactly one AuditEvent; the employee cannot see an unshared manager part; a signed
review never changes (until HR reopens it).
"""

from datetime import timedelta

import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from core.audit import AuditEvent
from core.errors import DomainError
from core.extensions import db
from reviews import permissions as perms
from reviews import services
from reviews.enums import REVIEW_TRANSITIONS
from reviews.queries import load_review
from tests import factories as f
from tests.conftest import Org
from tests.reviews.conftest import MANAGER_PART, NOW, ratings, review_of

ACTORS = ("employee", "manager", "ceo", "peer", "hr")
REACHED: set[str] = set()  # statuses seen across all runs: the machine must go deep
actors = st.sampled_from(ACTORS)


def likely(role: str):
    """Mostly the actor who may act, sometimes anyone (so refusals are exercised too)."""
    return st.sampled_from([role] * 4 + list(ACTORS))


def _build_org() -> Org:
    dept = f.make_department()
    ceo = f.make_person()
    manager = f.make_person(manager_id=ceo.employee_id, department_id=dept.id)
    employee = f.make_person(manager_id=manager.employee_id, department_id=dept.id)
    peer = f.make_person(manager_id=manager.employee_id, department_id=dept.id)
    hr = f.make_person(is_hr=True)
    return Org(ceo, manager, employee, peer, None, None, hr, None, dept, None)


class ReviewMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        _wipe()
        self.org = _build_org()
        template = f.make_template(actor=self.org.hr)
        self.cycle = f.make_cycle(template)
        services.launch_cycle(self.org.hr, self.cycle, now=NOW)
        db.session.commit()
        self.review = review_of(db, self.cycle, self.org.employee)
        self.now = NOW
        self.status = self.review.status
        self.events = 0
        self.signed = None

    @initialize(stage=st.integers(0, 6))
    def start_somewhere(self, stage):
        """Walk the happy path ``stage`` steps so deep states are explored too."""
        org, later = self.org, self.now
        steps = [
            lambda r: services.save_self_assessment(
                org.employee, r, {"ratings": ratings(r), "submit": False}, now=later
            ),
            lambda r: services.save_self_assessment(
                org.employee, r, {"ratings": ratings(r), "submit": True}, now=later
            ),
            lambda r: services.save_manager_assessment(
                org.manager, r, {**MANAGER_PART, "ratings": ratings(r, 4)}, now=later
            ),
            lambda r: services.share_review(org.manager, r, now=later),
            lambda r: services.acknowledge_review(org.employee, r, {}, now=later),
            lambda r: services.reopen_review(org.hr, r, {"reason": "Typo"}, now=later),
        ]
        for step in steps[:stage]:
            self._act(step, self.review)

    def _act(self, fn, *args, **kwargs):
        try:
            fn(*args, **kwargs)
            db.session.commit()
        except DomainError:
            db.session.rollback()
        db.session.expire_all()
        self.review = load_review(self.review.id)
        self._check_step()

    def _check_step(self):
        events = list(
            db.session.scalars(
                sa.select(AuditEvent.changes)
                .where(
                    AuditEvent.object_type == "Review",
                    AuditEvent.object_id == self.review.id,
                    AuditEvent.action == "status_changed",
                )
                .order_by(AuditEvent.id)
            )
        )
        new = events[self.events :]
        if self.review.status is self.status:
            assert new == []
        else:
            assert self.review.status in REVIEW_TRANSITIONS[self.status]
            assert [(e["from"], e["to"]) for e in new] == [
                (self.status.value, self.review.status.value)
            ]
        self.events = len(events)
        reopened = self.status.is_signed and not self.review.status.is_signed
        self.status = self.review.status
        REACHED.add(self.status.value)
        if reopened:
            REACHED.add("reopened")
            self.signed = None

    @rule(actor=likely("employee"), submit=st.booleans(), rating=st.integers(1, 6))
    def self_assessment(self, actor, submit, rating):
        data = {"ratings": ratings(self.review, rating), "submit": submit}
        self._act(
            services.save_self_assessment,
            self.org.actor(actor),
            self.review,
            data,
            now=self.now,
        )

    @rule(actor=likely("manager"), complete=st.booleans(), rating=st.integers(1, 5))
    def manager_assessment(self, actor, complete, rating):
        items = ratings(self.review, rating, "Manager draft text: specific and kind.")
        data = {**MANAGER_PART, "ratings": items if complete else items[:1]}
        self._act(
            services.save_manager_assessment,
            self.org.actor(actor),
            self.review,
            data,
            now=self.now,
        )

    @rule(actor=likely("manager"))
    def share(self, actor):
        self._act(
            services.share_review, self.org.actor(actor), self.review, now=self.now
        )

    @rule(actor=likely("employee"), disagree=st.booleans())
    def acknowledge(self, actor, disagree):
        data = {"comment": "Noted.", "disagree": disagree}
        self._act(
            services.acknowledge_review,
            self.org.actor(actor),
            self.review,
            data,
            now=self.now,
        )

    @rule(actor=actors)
    def addendum(self, actor):
        data = {"text": "Later note."}
        self._act(
            services.add_addendum,
            self.org.actor(actor),
            self.review,
            data,
            now=self.now,
        )

    @rule(actor=likely("hr"))
    def reopen(self, actor):
        data = {"reason": "Rating was entered wrongly."}
        self._act(
            services.reopen_review,
            self.org.actor(actor),
            self.review,
            data,
            now=self.now,
        )

    @rule()
    def time_passes(self):
        self.now = self.now + timedelta(days=7)

    @invariant()
    def employee_never_sees_an_unshared_manager_part(self):
        visible = perms.can_view_manager_part(self.org.employee, self.review)
        assert visible == self.review.status.is_shared

    @invariant()
    def a_signed_review_never_changes(self):
        if not self.review.status.is_signed:
            return
        snapshot = services.signed_snapshot(self.review)
        if self.signed is None:
            self.signed = snapshot
        assert snapshot == self.signed

    def teardown(self):
        db.session.rollback()
        _wipe()


def _wipe():
    db.session.rollback()
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            if any(fk.column.table is table for fk in table.foreign_keys):
                conn.execute(table.update().values(**_self_refs(table)))
            conn.execute(table.delete())


def _self_refs(table):
    return {
        fk.parent.name: None for fk in table.foreign_keys if fk.column.table is table
    }


def test_review_state_machine(db):
    ReviewMachine.TestCase.settings = settings(
        max_examples=40,
        stateful_step_count=20,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    ReviewMachine.TestCase().runTest()
    assert {"shared", "acknowledged", "reopened"} <= REACHED, REACHED
