"""The goal page offers to delete a check-in to whoever entered it, within 7 days."""

from datetime import timedelta

from core.db import utcnow
from reviews import services
from reviews.enums import CheckInStatus, MeasureType
from reviews.models import Goal, GoalCheckIn
from tests.conftest import sign_in


def test_the_author_deletes_a_mistaken_check_in_from_the_goal_page(client, db, org):
    goal = services.create_goal(
        org.employee, {"title": "Ship it", "measure": MeasureType.percent}
    )
    keep = services.check_in(
        org.employee, goal, {"value": 30, "status": CheckInStatus.on_track}
    )
    oops = services.check_in(
        org.employee, goal, {"value": 80, "status": CheckInStatus.on_track}
    )
    old = services.check_in(
        org.manager, goal, {"value": 80, "status": CheckInStatus.on_track}
    )
    old.created_at = utcnow() - timedelta(days=8)
    db.session.commit()
    gid, keep_id, oops_id, old_id = goal.id, keep.id, oops.id, old.id
    page_url = f"/reviews/goals/{gid}"
    delete = f"{page_url}/check-ins/{oops_id}/delete"
    sign_in(client, org.employee)
    page = client.get(page_url).get_data(as_text=True)
    assert delete in page and f"check-ins/{old_id}/delete" not in page
    sign_in(client, org.manager)
    assert delete not in client.get(page_url).get_data(as_text=True)
    assert client.post(delete).status_code == 403
    assert client.post(f"{page_url}/check-ins/{old_id}/delete").status_code == 409
    sign_in(client, org.employee)
    assert client.post(delete).status_code == 302
    db.session.expire_all()
    assert db.session.get(GoalCheckIn, oops_id) is None
    assert db.session.get(GoalCheckIn, keep_id) is not None
    # the manager's later check-in is now the latest (by date, then entry)
    assert db.session.get(Goal, gid).current_value == 80
    assert (
        client.post(
            f"/reviews/goals/{gid}/check-ins/{keep_id + 999}/delete"
        ).status_code
        == 404
    )
