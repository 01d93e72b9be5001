"""``reviews.advance_cycle_phases``: move each active cycle to the phase its dates say.

A cycle is in *self-assessment* from launch; *manager review* from 09:00 local on the day
after the self-assessment was due; *sign-off* the day after the manager review was due;
*wrap-up* the day after sign-off was due (HR closes the cycle when ready — the job never
closes one). A late run may skip a phase: the cycle moves once, straight to the phase its
dates give, and that single move is audited.

A phase that began before the cycle was created (a back-filled earlier cycle) is still
moved to and audited, but announces nothing: its date had passed before anyone knew.

The move is a conditional UPDATE (``WHERE phase`` is still the one read), so two racing
schedulers move a cycle once and write one audit event; the phase notification is keyed
by the phase's start moment, so it is queued once per participant. One transaction (the
runner's commit): a kill part-way commits nothing and the rerun does it all — a batch
commit could keep a phase move and lose its notices (``notifications.batches``).
"""

from datetime import datetime, timedelta

import sqlalchemy as sa

from core.audit import record_events
from core.clock import moment
from core.extensions import db
from notifications.kinds import NotificationKind
from notifications.services import Pending, hr_user_ids, queue, user_ids_by_employee
from reviews.enums import CyclePhase, CycleStatus, ReviewStatus
from reviews.models import Review, ReviewCycle

P = CyclePhase
S = ReviewStatus
DAY = timedelta(days=1)


def phase_starts(cycle) -> dict[CyclePhase, datetime]:
    """The instant each phase of ``cycle`` begins."""
    return {
        P.self_assessment: cycle.launched_at or moment(cycle.period_end),
        P.manager_review: moment(cycle.self_due_on + DAY),
        P.sign_off: moment(cycle.manager_due_on + DAY),
        P.wrap_up: moment(cycle.signoff_due_on + DAY),
    }


def phase_at(cycle, now: datetime) -> CyclePhase:
    current = P.self_assessment
    for phase, start in phase_starts(cycle).items():
        if start <= now:
            current = phase
    return current


def advance_cycle_phases(now: datetime) -> int:
    """Advance every active cycle whose phase date has come; return how many moved."""
    cycles = db.session.execute(
        sa.select(
            ReviewCycle.id,
            ReviewCycle.name,
            ReviewCycle.phase,
            ReviewCycle.launched_at,
            ReviewCycle.period_end,
            ReviewCycle.created_at,
            ReviewCycle.self_due_on,
            ReviewCycle.manager_due_on,
            ReviewCycle.signoff_due_on,
        ).where(ReviewCycle.status == CycleStatus.active)
    ).all()
    due = [(c, phase_at(c, now)) for c in cycles]
    due = [(c, to) for c, to in due if c.phase is None or to.order > c.phase.order]
    moved = []
    table = ReviewCycle.__table__
    for cycle, to in due:  # one UPDATE per moving cycle (a handful, not per person)
        stmt = (
            sa.update(table)
            .where(table.c.id == cycle.id)
            .where(
                table.c.phase.is_(None)
                if cycle.phase is None
                else table.c.phase == cycle.phase.value
            )
            .values(phase=to.value, version=table.c.version + 1)
        )
        if db.session.execute(stmt).rowcount == 1:
            moved.append((cycle, to))
    if not moved:
        return 0
    record_events(
        None,
        "ReviewCycle",
        [
            (c.id, {"from": c.phase.value if c.phase else None, "to": to.value})
            for c, to in moved
        ],
        "phase_changed",
        now=now,
    )
    queue(_phase_notices(moved, now), now)
    return len(moved)


def _phase_notices(moved, now):
    ids = [c.id for c, _ in moved]
    rows = db.session.execute(
        sa.select(
            Review.cycle_id, Review.employee_id, Review.reviewer_id, Review.status
        ).where(
            Review.cycle_id.in_(ids), Review.status.not_in([S.acknowledged, S.closed])
        )
    ).all()
    users = user_ids_by_employee(
        {r.employee_id for r in rows} | {r.reviewer_id for r in rows if r.reviewer_id}
    )
    hr = hr_user_ids() if any(to is P.wrap_up for _, to in moved) else []
    by_cycle: dict[int, list] = {}
    for r in rows:
        by_cycle.setdefault(r.cycle_id, []).append(r)
    for cycle, to in moved:
        reviews = by_cycle.get(cycle.id, [])
        if to is P.self_assessment:
            people = [r.employee_id for r in reviews]
        elif to is P.manager_review:
            people = [r.reviewer_id for r in reviews]
        elif to is P.sign_off:
            people = [r.employee_id for r in reviews if r.status is S.shared]
            people += [r.reviewer_id for r in reviews if not r.status.is_shared]
        else:
            people = []
        recipients = {users[p] for p in people if p in users}
        if to is P.wrap_up:
            recipients |= set(hr)
        start = phase_starts(cycle)[to]
        if start < cycle.created_at:
            continue  # back-filled: the phase began before the cycle existed
        for user_id in sorted(recipients):
            yield Pending(
                user_id,
                NotificationKind.cycle_phase_started,
                "ReviewCycle",
                cycle.id,
                start,
                {
                    "cycle": cycle.name,
                    "phase": to.title,
                    "step": PHASE_TEXT[to],
                    "unfinished": len(reviews),
                },
                link=f"/reviews/cycles/{cycle.id}",
            )


PHASE_TEXT = {
    P.self_assessment: "Employees write their self-assessment.",
    P.manager_review: "Reviewers write the manager's part and share it.",
    P.sign_off: "Employees read the shared review and sign it off.",
    P.wrap_up: "Sign-off was due; HR closes the cycle when the last reviews are done.",
}
