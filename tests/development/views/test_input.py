"""Development forms: bad input is shown inline and nothing changes."""

import io

import sqlalchemy as sa

from core.extensions import db
from development.enums import ActivityKind
from development.models import Contact, DevelopmentActivity
from development.services import activities
from tests.conftest import sign_in

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100
CSV_HEAD = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _activity(org, **data):
    activity = activities.create_activity(
        org.employee, {"kind": ActivityKind.course, "title": "SQL", **data}
    )
    db.session.commit()
    return activity


def _upload(client, activity, name, data, **extra):
    return client.post(
        f"/development/activities/{activity.id}/edit",
        data={
            "kind": "course",
            "title": "SQL",
            "version": str(activity.version),
            "evidence_file": (io.BytesIO(data), name),
            **extra,
        },
        content_type="multipart/form-data",
    )


def test_an_upload_that_is_too_big_or_not_what_it_says_is_refused_inline(client, org):
    activity = _activity(org)
    sign_in(client, org.employee)
    too_big = _upload(client, activity, "cert.png", PNG + b"0" * (5 * 1024 * 1024))
    assert too_big.status_code == 422
    assert "larger than 5 MB" in too_big.get_data(as_text=True)
    fake = _upload(client, activity, "cert.pdf", PNG)
    assert fake.status_code == 422 and "not a real PDF" in fake.get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(DevelopmentActivity, activity.id).has_evidence_file


def test_an_evidence_file_is_served_as_an_attachment_to_those_allowed(client, org):
    activity = _activity(org)
    sign_in(client, org.employee)
    assert _upload(client, activity, "cert.png", PNG).status_code == 302
    url = f"/development/activities/{activity.id}/evidence"
    response = client.get(url)
    assert response.status_code == 200 and response.data == PNG
    assert response.headers["Content-Disposition"].startswith("attachment")
    sign_in(client, org.manager)
    assert client.get(url).status_code == 200
    sign_in(client, org.peer)
    assert client.get(url).status_code == 404


def test_a_private_activity_hides_its_evidence_from_the_manager(client, org):
    activity = _activity(org, is_private=True)
    sign_in(client, org.employee)
    response = _upload(client, activity, "cert.png", PNG, is_private="true")
    assert response.status_code == 302
    sign_in(client, org.manager)
    assert (
        client.get(f"/development/activities/{activity.id}/evidence").status_code == 404
    )


def test_dates_in_the_wrong_order_and_negative_hours_are_inline_errors(client, org):
    sign_in(client, org.employee)
    response = client.post(
        "/development/activities/new",
        data={
            "kind": "course",
            "title": "X",
            "started_on": "2026-05-02",
            "ended_on": "2026-05-01",
        },
    )
    assert response.status_code == 422
    assert 'id="ended_on-error"' in response.get_data(as_text=True)
    response = client.post(
        "/development/activities/new",
        data={"kind": "course", "title": "X", "hours": "-1"},
    )
    assert 'id="hours-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(DevelopmentActivity.id))) == 0


def test_a_stale_activity_form_is_a_conflict(client, org):
    activity = _activity(org)
    sign_in(client, org.employee)
    response = client.post(
        f"/development/activities/{activity.id}/edit",
        data={"kind": "course", "title": "New", "version": "99"},
    )
    assert response.status_code == 409
    assert db.session.get(DevelopmentActivity, activity.id).title == "SQL"


def test_the_import_preview_shows_row_errors_and_writes_nothing(client, org):
    sign_in(client, org.employee)
    text = CSV_HEAD + "Ana,Ruiz,,ana@example.com,Acme,PM,12 Mar 2024\n,,,bad,,,soon\n"
    response = client.post(
        "/development/contacts/import", data={"step": "preview", "csv_text": text}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Line 3" in page and "Ana Ruiz" in page
    confirm = client.post(
        "/development/contacts/import", data={"step": "confirm", "csv_text": text}
    )
    assert confirm.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(Contact.id))) == 0


def test_a_good_import_is_previewed_then_confirmed(client, org):
    sign_in(client, org.employee)
    text = CSV_HEAD + "Ana,Ruiz,,ana@example.com,Acme,PM,12 Mar 2024\n"
    upload = (io.BytesIO(text.encode()), "Connections.csv")
    preview = client.post(
        "/development/contacts/import",
        data={"step": "preview", "csv_file": upload},
        content_type="multipart/form-data",
    )
    assert preview.status_code == 200 and "Import these contacts" in preview.get_data(
        as_text=True
    )
    assert db.session.scalar(sa.select(sa.func.count(Contact.id))) == 0
    done = client.post(
        "/development/contacts/import", data={"step": "confirm", "csv_text": text}
    )
    assert done.status_code == 302
    assert db.session.scalar(sa.select(Contact.name)) == "Ana Ruiz"


def test_a_suggestion_becomes_an_idea_from_the_home_page(client, org):
    from development.services.settings import suggest_interview

    suggestion = suggest_interview(
        org.manager,
        {"employee_id": org.employee.employee_id, "topic": "Talk to a data lead"},
    )
    db.session.commit()
    sign_in(client, org.employee)
    assert "Talk to a data lead" in client.get("/").get_data(as_text=True)
    response = client.post(f"/development/suggestions/{suggestion.id}/accept")
    assert (
        response.status_code == 302 and "/development/interviews/" in response.location
    )
    assert "Talk to a data lead" not in client.get("/").get_data(as_text=True)


def test_a_manager_suggests_from_the_team_page(client, org):
    sign_in(client, org.manager)
    bad = client.post(
        "/development/suggestions", data={"employee_id": "", "topic": "x"}
    )
    assert bad.status_code == 422
    good = client.post(
        "/development/suggestions",
        data={"employee_id": org.employee.employee_id, "topic": "Talk to a PM"},
    )
    assert good.status_code == 302


def test_hr_sets_the_policy_and_adds_a_topic(client, org):
    sign_in(client, org.hr)
    bad = client.post(
        "/development/policy",
        data={"interviews_per_month": "2", "window_months": "3", "active_months": "5"},
    )
    assert bad.status_code == 422 and "Cannot exceed the window" in bad.get_data(
        as_text=True
    )
    ok = client.post(
        "/development/policy",
        data={"interviews_per_month": "3", "window_months": "3", "active_months": "2"},
    )
    assert ok.status_code == 302
    assert (
        client.post(
            "/development/question-bank", data={"text": "What surprised you?"}
        ).status_code
        == 302
    )
    assert "What surprised you?" in client.get("/development/question-bank").get_data(
        as_text=True
    )
