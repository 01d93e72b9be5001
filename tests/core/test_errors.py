from tests.conftest import bearer


def test_api_errors_are_json_with_code_status_message(client, org):
    response = client.get("/api/v1/nothing-here", headers=bearer(org.hr))
    assert response.status_code == 404
    assert set(response.get_json()) >= {"code", "status", "message"}


def test_page_errors_are_html(client, org, login_as):
    login_as(org.employee)
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "Not found" in response.get_data(as_text=True)


def test_api_without_a_token_is_401_json(client, db):
    response = client.get("/api/v1/people")
    assert response.status_code == 401
    assert response.get_json()["code"] == 401


def test_bad_page_number_falls_back_to_page_one(client, org, login_as):
    login_as(org.hr)
    assert client.get("/people?page=abc").status_code == 200
