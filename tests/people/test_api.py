import sqlalchemy as sa

from people.models import Employee
from tests.conftest import bearer


def _etag(client, url, headers):
    return client.get(url, headers=headers).headers["ETag"]


def test_people_list_is_paginated(client, org, token_headers):
    response = client.get(
        "/api/v1/people?page_size=2", headers=token_headers(org.employee)
    )
    assert response.status_code == 200
    assert len(response.get_json()) == 2
    assert '"total": 7' in response.headers["X-Pagination"]


def test_people_search_finds_by_name(client, org, token_headers):
    response = client.get("/api/v1/people?q=emma", headers=token_headers(org.peer))
    assert [p["name"] for p in response.get_json()] == ["Emma Employee"]


def test_me_says_who_i_am_and_whether_i_manage(client, org):
    body = client.get("/api/v1/me", headers=bearer(org.manager)).get_json()
    assert body["is_manager"] is True
    assert body["employee"]["name"] == "Max Manager"


def test_unknown_person_is_404_json(client, org):
    response = client.get("/api/v1/people/9999", headers=bearer(org.hr))
    assert response.status_code == 404
    assert response.get_json()["code"] == 404


def test_patch_without_if_match_is_428(client, org):
    url = f"/api/v1/people/{org.employee.employee_id}"
    response = client.patch(url, json={"job_title": "X"}, headers=bearer(org.hr))
    assert response.status_code == 428


def test_patch_with_a_stale_etag_is_412_and_changes_nothing(client, org, db):
    url = f"/api/v1/people/{org.employee.employee_id}"
    headers = bearer(org.hr)
    etag = _etag(client, url, headers)
    client.patch(
        url, json={"job_title": "First"}, headers={**headers, "If-Match": etag}
    )
    response = client.patch(
        url, json={"job_title": "Second"}, headers={**headers, "If-Match": etag}
    )
    assert response.status_code == 412
    assert db.session.get(Employee, org.employee.employee_id).job_title == "First"


def test_manager_loop_is_422_with_the_field(client, org, db):
    url = f"/api/v1/people/{org.manager.employee_id}"
    headers = bearer(org.hr)
    response = client.patch(
        url,
        json={"manager_id": org.employee.employee_id},
        headers={**headers, "If-Match": _etag(client, url, headers)},
    )
    assert response.status_code == 422
    assert "loop" in response.get_json()["errors"]["manager_id"]
    assert db.session.get(Employee, org.manager.employee_id).manager_id == (
        org.ceo.employee_id
    )


def test_duplicate_email_is_422(client, org):
    response = client.post(
        "/api/v1/people",
        json={"name": "Copy", "email": org.peer.email},
        headers=bearer(org.hr),
    )
    assert response.status_code == 422
    assert "already used" in response.get_json()["errors"]["email"]


def test_wrong_types_are_422_with_field_messages(client, org):
    response = client.post(
        "/api/v1/people",
        json={"name": 5, "email": "not-an-email", "hired_on": "yesterday"},
        headers=bearer(org.hr),
    )
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"name", "email", "hired_on"}


def test_department_cycle_is_422(client, org, token_headers):
    headers = bearer(org.hr)
    child = client.post(
        "/api/v1/departments",
        json={"name": "Platform", "parent_id": org.department.id},
        headers=headers,
    ).get_json()
    url = f"/api/v1/departments/{org.department.id}"
    response = client.patch(
        url,
        json={"parent_id": child["id"]},
        headers={**headers, "If-Match": _etag(client, url, headers)},
    )
    assert response.status_code == 422
    assert "parent_id" in response.get_json()["errors"]


def test_role_profile_expectations_replace_the_list(client, org):
    headers = bearer(org.hr)
    skill = client.post(
        "/api/v1/skills", json={"name": "Go"}, headers=headers
    ).get_json()
    created = client.post(
        "/api/v1/role-profiles",
        json={
            "job_title": "Engineer",
            "expectations": [{"skill_id": skill["id"], "expected_level": 3}],
        },
        headers=headers,
    )
    assert created.status_code == 201
    assert created.get_json()["expectations"][0]["skill_name"] == "Go"
    url = f"/api/v1/role-profiles/{created.get_json()['id']}"
    response = client.patch(
        url,
        json={"expectations": []},
        headers={**headers, "If-Match": _etag(client, url, headers)},
    )
    assert response.get_json()["expectations"] == []


def test_oversize_body_is_413_json(client, org):
    response = client.post(
        "/api/v1/skills",
        data="x" * (7 * 1024 * 1024),
        content_type="application/json",
        headers=bearer(org.hr),
    )
    assert response.status_code == 413
    assert response.get_json()["code"] == 413


def test_token_lifecycle(client, org):
    from tests.factories import PASSWORD

    created = client.post(
        "/api/v1/tokens", json={"email": org.peer.email, "password": PASSWORD}
    )
    assert created.status_code == 201
    headers = {"Authorization": f"Bearer {created.get_json()['token']}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert client.delete("/api/v1/tokens/current", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_wrong_password_gets_no_token(client, org):
    response = client.post(
        "/api/v1/tokens", json={"email": org.peer.email, "password": "wrong password"}
    )
    assert response.status_code == 401


def test_session_cookie_does_not_authenticate_the_api(client, org, login_as):
    login_as(org.hr)
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/").status_code == 200


def test_inactive_people_are_hidden_from_non_hr(client, org, db):
    db.session.execute(
        sa.update(Employee)
        .where(Employee.id == org.peer.employee_id)
        .values(is_active=False)
    )
    db.session.commit()
    url = f"/api/v1/people/{org.peer.employee_id}"
    assert client.get(url, headers=bearer(org.employee)).status_code == 404
    assert client.get(url, headers=bearer(org.hr)).status_code == 200
