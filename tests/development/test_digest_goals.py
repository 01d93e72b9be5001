"""The manager's weekly digest lists the team's goals without a recent check-in — the
due rule of ``reviews.goal_due``, the one the owner's reminder and to-do use."""

from datetime import date

from core.clock import moment
from development.digest import send_manager_digests
from notifications.kinds import NotificationKind as K
from reviews import services
from reviews.enums import CheckInCadence, CheckInStatus
from tests.job_world import queued

MONDAY = moment(date(2026, 11, 2), 8)


def _body(org, recipient):
    return next(
        n.body
        for n in queued(K.manager_digest)
        if n.recipient_id == recipient.id and n.due_at == MONDAY
    )


def test_the_digest_lists_goals_whose_check_in_is_due(db, org):
    set_at = moment(date(2026, 10, 1))
    quiet = services.create_goal(
        org.employee,
        {"title": "Quiet goal", "check_in_cadence": CheckInCadence.weekly},
        now=set_at,
    )
    kept = services.create_goal(
        org.peer,
        {"title": "Kept up", "check_in_cadence": CheckInCadence.weekly},
        now=set_at,
    )
    services.create_goal(
        org.peer,
        {"title": "Slow goal", "check_in_cadence": CheckInCadence.quarterly},
        now=set_at,
    )
    services.check_in(
        org.peer,
        kept,
        {
            "value": 10,
            "status": CheckInStatus.on_track,
            "checked_on": date(2026, 10, 30),
        },
        now=moment(date(2026, 10, 30)),
    )
    db.session.commit()
    assert quiet.check_in_cadence is CheckInCadence.weekly

    send_manager_digests(MONDAY)
    db.session.commit()

    body = _body(org, org.manager)
    assert "Goals without a recent check-in: Emma Employee: “Quiet goal”" in body
    assert "Kept up" not in body and "Slow goal" not in body
    assert "Goals without a recent check-in: none" in _body(org, org.other_manager)
