"""Report filters take only plausible dates, and name the field when they do not."""


def test_a_period_from_1900_is_a_field_error(world, login_as):
    response = login_as(world.hr).get("/reports/needs?from=1900-01-01")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="from-error"' in page and "1970-01-01 to 2099-12-31" in page


def test_a_period_ending_before_it_starts_says_what_is_allowed(world, login_as):
    response = login_as(world.hr).get("/reports/needs?from=2026-07-01&to=2026-01-01")
    assert response.status_code == 422
    assert "must be on or after 2026-07-01" in response.get_data(as_text=True)
