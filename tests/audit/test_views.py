"""The audit page and its CSV: the role split, filters, date checks, paging, CSV."""

import csv
import io

import pytest

from core.audit import record_event
from core.extensions import db
from tests.audit.helpers import T0, write_events


def _actions(response) -> list[str]:
    text = response.get_data(as_text=True)
    return [a for a in ("shared", "account_updated", "updated") if f">{a}<" in text]


def test_hr_sees_people_data_and_settings_but_no_account_event(login_as, org):
    write_events(org)
    response = login_as(org.hr).get("/admin/audit")
    assert response.status_code == 200
    assert _actions(response) == ["shared", "updated"]


def test_admin_sees_account_events_and_settings_but_no_people_data(login_as, org):
    write_events(org)
    response = login_as(org.admin).get("/admin/audit")
    assert _actions(response) == ["account_updated", "updated"]


def test_someone_who_is_hr_and_admin_sees_both(login_as, org):
    write_events(org)
    org.hr.is_admin = True
    db.session.commit()
    assert _actions(login_as(org.hr).get("/admin/audit")) == [
        "shared",
        "account_updated",
        "updated",
    ]


def test_newest_first(login_as, org):
    write_events(org)
    org.hr.is_admin = True
    db.session.commit()
    text = login_as(org.hr).get("/admin/audit").get_data(as_text=True)
    assert (
        text.index("2026-03-04") < text.index("2026-03-03") < text.index("2026-03-02")
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("actor=HR", ["updated"]),
        ("subject_type=Review", ["shared"]),
        ("action=shared", ["shared"]),
        ("from=2026-03-03", ["updated"]),
        ("to=2026-03-02", ["shared"]),
        ("from=2026-03-02&to=2026-03-02", ["shared"]),
    ],
)
def test_filters_narrow_the_list(login_as, org, query, expected):
    write_events(org)
    query = query.replace("actor=HR", f"actor={org.hr.email.upper()}")
    response = login_as(org.hr).get(f"/admin/audit?{query}")
    assert response.status_code == 200
    assert _actions(response) == expected


def test_filter_by_subject_id(login_as, org):
    events = write_events(org)
    other = record_event(org.manager, "Review", "created", {}, now=T0)
    other.object_id = events["review"].object_id + 1
    db.session.commit()
    url = f"/admin/audit?subject_type=Review&subject_id={events['review'].object_id}"
    assert _actions(login_as(org.hr).get(url)) == ["shared"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-03-05&to=2026-03-01", "on or after"),
        ("from=1900-01-01", "1970-01-01"),
        ("to=2300-01-01", "2099-12-31"),
        ("subject_id=2147483648", "subject_id"),
        ("from=yesterday", "date"),
    ],
)
def test_bad_filters_are_a_422_naming_the_rule(login_as, org, query, field):
    response = login_as(org.hr).get(f"/admin/audit?{query}")
    assert response.status_code == 422
    assert field in response.get_data(as_text=True)


def test_bad_filters_give_no_csv(login_as, org):
    response = login_as(org.hr).get("/admin/audit.csv?from=2026-03-05&to=2026-03-01")
    assert response.status_code == 422
    assert response.mimetype == "text/html"


def test_the_page_is_paged_and_the_pager_keeps_the_filters(app, login_as, org):
    size = app.config["PAGE_SIZE"]
    for n in range(size + 1):
        record_event(org.manager, "Goal", "created", {"n": n}, now=T0)
    db.session.commit()
    client = login_as(org.hr)
    first = client.get("/admin/audit?action=created").get_data(as_text=True)
    assert "Page 1 of 2" in first
    assert "page=2" in first and "action=created" in first
    second = client.get("/admin/audit?action=created&page=2").get_data(as_text=True)
    assert second.count("<code>created</code>") == 1


def test_csv_has_every_matching_event_with_formulas_neutralised(login_as, org):
    write_events(org)
    record_event(org.hr, "Employee", "=HYPERLINK(1)", {"name": "@SUM(1+1)"}, now=T0)
    db.session.commit()
    response = login_as(org.hr).get("/admin/audit.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == [
        "At (UTC)",
        "Actor",
        "Subject type",
        "Subject id",
        "Action",
        "Changes",
    ]
    actions = sorted(row[4] for row in rows[1:])
    assert actions == ["'=HYPERLINK(1)", "shared", "updated"]


def test_csv_respects_the_scope_and_the_filters(login_as, org):
    write_events(org)
    response = login_as(org.admin).get("/admin/audit.csv?action=account_updated")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert [row[4] for row in rows[1:]] == ["account_updated"]
    assert rows[1][1] == "admin@example.com"


@pytest.mark.parametrize("actor", ["employee", "manager", "peer"])
def test_everyone_else_is_refused(login_as, org, actor):
    client = login_as(getattr(org, actor))
    assert client.get("/admin/audit").status_code == 403
    assert client.get("/admin/audit.csv").status_code == 403


def test_the_nav_links_the_page_for_hr_only(login_as, org):
    assert "/admin/audit" in login_as(org.hr).get("/").get_data(as_text=True)
    employee_home = login_as(org.employee).get("/").get_data(as_text=True)
    assert "/admin/audit" not in employee_home
