"""A person sets her own time zone under Account (``/account/time-zone``), and the
admin pages that showed UTC show the reader's local time."""

from datetime import UTC, datetime

import sqlalchemy as sa

from auth.invitations import invite_person
from core.audit import AuditEvent, record_event
from jobs.models import JobRun
from people.models import Employee
from scim.models import ScimRequest
from tests import factories as f

URL = "/account/time-zone"
SUMMER_NOON = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)


def _zone(db, user) -> str | None:
    db.session.expire_all()
    return db.session.get(Employee, user.employee_id).time_zone


def test_a_person_sets_her_time_zone_from_the_account_menu(db, org, login_as):
    client = login_as(org.employee)
    page = client.get(URL).get_data(as_text=True)
    assert f'href="{URL}" aria-current="page">Time zone</a>' in page
    assert '<option value="Europe/Berlin">' in page
    response = client.post(URL, data={"time_zone": "Europe/Berlin"})
    assert response.status_code == 302
    assert _zone(db, org.employee) == "Europe/Berlin"
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.object_type == "Employee")
    ).one()
    assert event.action == "updated" and event.actor_id == org.employee.id
    assert event.changes == {"time_zone": [None, "Europe/Berlin"]}
    page = client.get(URL).get_data(as_text=True)
    assert '<option value="Europe/Berlin" selected>' in page
    assert "(Europe/Berlin)" in page  # "It is now … for you (Europe/Berlin)"


def test_an_empty_choice_is_the_organisations_zone(db, org, login_as):
    db.session.get(Employee, org.employee.employee_id).time_zone = "Asia/Tokyo"
    db.session.commit()
    response = login_as(org.employee).post(URL, data={"time_zone": ""})
    assert response.status_code == 302
    assert _zone(db, org.employee) is None


def test_an_unknown_zone_is_an_error_on_the_field(db, org, login_as):
    response = login_as(org.employee).post(URL, data={"time_zone": "Mars/Olympus"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="time_zone-error"' in page and "Europe/London" in page
    assert _zone(db, org.employee) is None
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == 0


def test_the_form_sets_the_zone_and_nothing_else(db, org, login_as):
    before = db.session.get(Employee, org.employee.employee_id)
    name, email, manager_id = before.name, before.email, before.manager_id
    response = login_as(org.employee).post(
        URL,
        data={
            "time_zone": "Europe/Paris",
            "name": "Someone Else",
            "email": "else@example.com",
            "manager_id": str(org.other_manager.employee_id),
            "is_hr": "true",
            "is_active": "false",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    after = db.session.get(Employee, org.employee.employee_id)
    assert after.time_zone == "Europe/Paris"
    assert (after.name, after.email, after.manager_id) == (name, email, manager_id)
    assert after.is_active and not org.employee.is_hr


def test_an_account_without_a_person_reads_the_organisations_zone(db, org, login_as):
    client = login_as(org.admin)
    page = client.get(URL).get_data(as_text=True)
    assert "not linked to a person" in page and "<select" not in page
    response = client.post(URL, data={"time_zone": "Europe/Berlin"})
    assert response.status_code == 403


def test_hr_reads_the_audit_trail_in_her_zone(db, org, login_as):
    db.session.get(Employee, org.hr.employee_id).time_zone = "Asia/Tokyo"
    record_event(org.hr, "Thing", "created", now=SUMMER_NOON)
    db.session.commit()
    page = login_as(org.hr).get("/admin/audit").get_data(as_text=True)
    assert "2026-07-01 21:00:00 JST" in page
    assert "times in Asia/Tokyo" in page and "UTC" not in page


def test_the_admin_pages_show_the_organisations_local_time(db, org, login_as):
    # The admin has no person: the organisation's zone, British Summer Time in July.
    db.session.add_all(
        [
            JobRun(job_id="reviews.x", now=SUMMER_NOON, started_at=SUMMER_NOON),
            ScimRequest(
                at=SUMMER_NOON, method="GET", path="/scim/v2/Users", status=200
            ),
        ]
    )
    db.session.commit()
    client = login_as(org.admin)
    jobs = client.get("/admin/jobs").get_data(as_text=True)
    assert "2026-07-01 13:00:00 BST" in jobs and "times in UTC" not in jobs
    sign_in = client.get("/admin/sign-in").get_data(as_text=True)
    assert "2026-07-01 13:00:00 BST" in sign_in and "Times are UTC" not in sign_in


def test_the_accounts_list_shows_invitations_in_the_readers_zone(db, org, login_as):
    db.session.get(Employee, org.hr.employee_id).time_zone = "America/New_York"
    newcomer = f.make_employee(name="Nina New", email="nina@example.com")
    invite_person(org.hr, newcomer, now=SUMMER_NOON)
    db.session.commit()
    page = login_as(org.hr).get("/admin/accounts?view=people").get_data(as_text=True)
    assert "sent 2026-07-01 08:00 EDT" in page
