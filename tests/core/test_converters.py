"""Integers from the URL: a path id beyond INTEGER is a 404, a page beyond it a 422
(API) or page 1 (HTML) — never a query PostgreSQL refuses."""

import pytest

from tests.conftest import bearer

BEYOND = ["2147483648", "9999999999", "99999999999999999999"]


@pytest.mark.parametrize("value", BEYOND)
@pytest.mark.parametrize("path", ["/api/v1/reviews/{}", "/api/v1/people/{}"])
def test_an_api_path_id_beyond_the_integer_range_is_404(client, org, path, value):
    response = client.get(path.format(value), headers=bearer(org.hr))
    assert response.status_code == 404
    assert response.get_json()["code"] == 404


def test_an_html_path_id_beyond_the_integer_range_is_404(client, org, login_as):
    login_as(org.hr)
    assert client.get("/people/9999999999").status_code == 404


def test_the_largest_id_is_an_ordinary_not_found(client, org):
    response = client.get("/api/v1/reviews/2147483647", headers=bearer(org.hr))
    assert response.status_code == 404


def test_an_api_page_beyond_the_range_is_422_naming_page(client, org):
    response = client.get(
        "/api/v1/reviews?page=99999999999999999999", headers=bearer(org.hr)
    )
    assert response.status_code == 422
    assert "page" in response.get_json()["errors"]


def test_an_api_query_id_beyond_the_range_is_422_naming_it(client, org):
    response = client.get(
        "/api/v1/people?department_id=2147483648", headers=bearer(org.hr)
    )
    assert response.status_code == 422
    assert "department_id" in response.get_json()["errors"]


def test_an_html_page_beyond_the_range_shows_the_first_page(client, org, login_as):
    login_as(org.hr)
    response = client.get("/people?page=99999999999999999999")
    assert response.status_code == 200
    assert b"Emma Employee" in response.data


def test_an_html_filter_with_a_nul_is_ignored(client, org, login_as):
    login_as(org.hr)
    response = client.get("/people?q=Emma%00&department_id=99999999999")
    assert response.status_code == 200
    assert b"Emma Employee" in response.data
