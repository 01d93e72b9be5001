"""The reviews API: the whole flow with ETags, role-shaped output, bad input, conflicts."""

from datetime import date

import sqlalchemy as sa

from reviews import services
from reviews.enums import ReviewStatus
from reviews.models import Review, ReviewCycle, ReviewRating
from tests import factories as f
from tests.conftest import bearer
from tests.reviews.conftest import MANAGER_PART, NOW, ratings, review_of, walk_to_shared

API = "/api/v1"


def _url(review, action=""):
    review_id = getattr(review, "id", review)
    return f"{API}/reviews/{review_id}" + (f"/{action}" if action else "")


def _etag(client, review, user):
    response = client.get(_url(review), headers=bearer(user))
    assert response.status_code == 200, response.get_json()
    return response.headers["ETag"]


def _act(client, review, action, user, json=None, etag=None):
    """POST an action with the review's current ETag (unless ``etag`` is given)."""
    headers = bearer(user)
    headers["If-Match"] = etag or _etag(client, review, user)
    return client.post(_url(review, action), json=json, headers=headers)


def _rating_body(competency_ids, value, comment="Specific, useful work."):
    return [
        {"competency_id": cid, "rating": value, "comment": comment}
        for cid in competency_ids
    ]


def test_the_whole_flow_runs_through_the_api(client, org, db):
    hr = bearer(org.hr)
    template = client.post(
        f"{API}/templates",
        json={
            "name": "Engineering 2026",
            "competencies": [{"name": "Delivery"}, {"name": "Collaboration"}],
            "questions": [{"text": "What went well?"}],
        },
        headers=hr,
    ).get_json()
    cycle = client.post(
        f"{API}/cycles",
        json={
            "name": "H2 2026",
            "period_start": "2026-07-01",
            "period_end": "2026-12-31",
            "template_id": template["id"],
            "self_due_on": "2096-01-10",
            "manager_due_on": "2096-01-20",
            "signoff_due_on": "2096-01-31",
        },
        headers=hr,
    )
    assert cycle.status_code == 201, cycle.get_json()
    cycle = cycle.get_json()
    launched = client.post(f"{API}/cycles/{cycle['id']}/launch", headers=hr)
    assert launched.get_json() == {"reviews_created": 4}

    mine = client.get(
        f"{API}/reviews?employee_id={org.employee.employee_id}",
        headers=bearer(org.employee),
    ).get_json()
    assert [r["status"] for r in mine] == ["not_started"]
    review_id = mine[0]["id"]
    own = client.get(_url(review_id), headers=bearer(org.employee)).get_json()
    body = [r["competency_id"] for r in own["self_part"]["ratings"]]
    assert [c["id"] for c in template["competencies"]] == body

    submitted = _act(
        client,
        review_id,
        "self-assessment",
        org.employee,
        {"ratings": _rating_body(body, 4), "achievements": "Shipped", "submit": True},
    )
    assert submitted.status_code == 200, submitted.get_json()
    assert submitted.get_json()["status"] == "self_submitted"
    assert submitted.headers["ETag"] == _etag(client, review_id, org.employee)

    assessed = _act(
        client,
        review_id,
        "manager-assessment",
        org.manager,
        {**MANAGER_PART, "ratings": _rating_body(body, 4)},
    )
    assert assessed.status_code == 200, assessed.get_json()
    assert assessed.get_json()["self_part"]["achievements"] == "Shipped"
    shared = _act(client, review_id, "share", org.manager)
    assert shared.status_code == 200, shared.get_json()
    acknowledged = _act(
        client,
        review_id,
        "acknowledge",
        org.employee,
        {"comment": "Fair.", "disagree": True},
    )
    assert acknowledged.status_code == 200, acknowledged.get_json()
    addendum = client.post(
        _url(review_id, "addenda"),
        json={"text": "Promotion approved in August."},
        headers=bearer(org.manager),
    )
    assert addendum.status_code == 201, addendum.get_json()

    final = client.get(_url(review_id), headers=bearer(org.employee)).get_json()
    assert final["status"] == "acknowledged"
    assert final["sign_off"] == {
        "acknowledged_at": final["acknowledged_at"],
        "comment": "Fair.",
        "disagrees": True,
    }
    assert [a["text"] for a in final["addenda"]] == ["Promotion approved in August."]
    assert final["manager_part"]["goals"][0]["title"] == "Mentor a new hire"
    assert final["manager_part"]["goals"][0]["id"] is not None  # a real Goal now


def test_a_stale_if_match_is_412_and_changes_nothing(client, org, db, cycle):
    review = review_of(db, cycle, org.employee)
    stale = _etag(client, review, org.employee)
    first = _act(
        client, review, "self-assessment", org.employee, {"achievements": "First"}
    )
    assert first.status_code == 200
    second = _act(
        client,
        review,
        "self-assessment",
        org.employee,
        {"achievements": "Second"},
        etag=stale,
    )
    assert second.status_code == 412
    assert db.session.get(Review, review.id).achievements == "First"


def test_a_stale_if_match_is_412_when_only_ratings_changed(client, org, db, cycle):
    review = review_of(db, cycle, org.employee)
    review_id, two, three = review.id, ratings(review, 2), ratings(review, 3)
    _act(client, review_id, "self-assessment", org.employee, {"ratings": two})
    stale = _etag(client, review_id, org.employee)
    body = {"ratings": three}
    first = _act(client, review_id, "self-assessment", org.employee, body, stale)
    assert first.status_code == 200
    body = {"ratings": two}
    second = _act(client, review_id, "self-assessment", org.employee, body, stale)
    assert second.status_code == 412
    saved = db.session.scalars(
        sa.select(ReviewRating.self_rating).where(ReviewRating.review_id == review_id)
    )
    assert set(saved) == {3}


def test_an_action_without_if_match_is_428(client, org, db, cycle):
    review = review_of(db, cycle, org.employee)
    response = client.post(
        _url(review, "self-assessment"),
        json={"achievements": "No ETag"},
        headers=bearer(org.employee),
    )
    assert response.status_code == 428
    assert db.session.get(Review, review.id).achievements == ""


def test_the_employee_never_receives_the_managers_draft(client, org, db, cycle):
    review = review_of(db, cycle, org.employee)
    draft = "DRAFT-ONLY: still thinking about the rating."
    response = _act(
        client,
        review,
        "manager-assessment",
        org.manager,
        {"strengths": draft, "ratings": ratings(review, 2, draft)},
    )
    assert response.status_code == 200, response.get_json()  # self due date has passed
    seen = client.get(_url(review), headers=bearer(org.employee))
    assert seen.get_json()["manager_part"] is None
    assert "DRAFT-ONLY" not in seen.get_data(as_text=True)
    history = client.get(_url(review, "history"), headers=bearer(org.employee))
    assert [p["rating"] for p in history.get_json()["series"]["Delivery"]] == [None]


def test_the_manager_never_receives_an_unsubmitted_self_assessment(
    client, org, db, cycle
):
    review = review_of(db, cycle, org.employee)
    secret = "SELF-DRAFT: not ready to share this."
    saved = _act(
        client,
        review,
        "self-assessment",
        org.employee,
        {"achievements": secret, "ratings": ratings(review, 5, secret)},
    )
    assert saved.get_json()["self_part"]["achievements"] == secret  # her own view
    for reader in (org.manager, org.ceo, org.hr):
        seen = client.get(_url(review), headers=bearer(reader))
        assert seen.get_json()["self_part"] is None
        assert "SELF-DRAFT" not in seen.get_data(as_text=True)


def test_quality_flags_are_for_hr_only(client, org, db, cycle):
    review = walk_to_shared(db, org, cycle)
    for reader in (org.employee, org.manager, org.ceo):
        body = client.get(_url(review), headers=bearer(reader)).get_json()
        assert "quality_flags" not in body
    flags = client.get(_url(review), headers=bearer(org.hr)).get_json()
    assert "identical_ratings" in [f["rule"] for f in flags["quality_flags"]]


def _errors(response):
    assert response.status_code == 422, response.get_json()
    return response.get_json()["errors"]


def test_a_rating_out_of_the_scale_is_422_and_saves_nothing(client, org, db, cycle):
    review = review_of(db, cycle, org.employee)
    body = {"ratings": ratings(review, 6), "achievements": "x"}
    errors = _errors(_act(client, review, "self-assessment", org.employee, body))
    assert "1 to 5" in errors["ratings"]
    assert db.session.get(Review, review.id).status is ReviewStatus.not_started
    body = {"ratings": ratings(review, 11)}  # beyond any scale: the schema says so
    assert "ratings" in _errors(
        _act(client, review, "self-assessment", org.employee, body)
    )


def test_an_unknown_competency_is_422(client, org, db, cycle):
    review = review_of(db, cycle, org.employee)
    body = {"ratings": [{"competency_id": 99999, "rating": 3}]}
    errors = _errors(_act(client, review, "self-assessment", org.employee, body))
    assert "99999" in errors["ratings"]


def test_an_unknown_field_is_422_naming_it(client, org, db, cycle):
    review = review_of(db, cycle, org.employee)
    body = {"achievements": "x", "status": "shared"}
    assert "status" in _errors(
        _act(client, review, "self-assessment", org.employee, body)
    )


def test_reopening_without_a_reason_is_422(client, org, db, cycle):
    review = walk_to_shared(db, org, cycle)
    services.acknowledge_review(org.employee, review, {}, now=NOW)
    db.session.commit()
    assert "reason" in _errors(_act(client, review, "reopen", org.hr, {}))
    reopened = _act(client, review, "reopen", org.hr, {"reason": "Wrong template."})
    assert reopened.get_json()["status"] == "manager_in_progress"


def test_closing_with_unfinished_reviews_needs_confirmation(client, org, db, cycle):
    url = f"{API}/cycles/{cycle.id}/close"
    response = client.post(url, json={}, headers=bearer(org.hr))
    assert "4 review(s) are unfinished" in response.get_json()["message"]
    assert "reason" in _errors(response)
    assert db.session.get(ReviewCycle, cycle.id).status.value == "active"
    confirmed = client.post(
        url,
        json={"confirm_unfinished": True, "reason": "Year end."},
        headers=bearer(org.hr),
    )
    assert confirmed.get_json() == {"reviews_closed": 4}


def test_launching_twice_is_409(client, org, cycle):
    response = client.post(f"{API}/cycles/{cycle.id}/launch", headers=bearer(org.hr))
    assert response.status_code == 409
    assert "already" in response.get_json()["message"]


def test_acknowledging_someone_elses_review(client, org, db, cycle):
    review = walk_to_shared(db, org, cycle)
    # The manager may see it but not sign it; a peer may not even see it.
    assert _act(client, review, "acknowledge", org.manager, {}).status_code == 403
    headers = {**bearer(org.peer), "If-Match": _etag(client, review, org.hr)}
    response = client.post(_url(review, "acknowledge"), json={}, headers=headers)
    assert response.status_code == 404
    assert db.session.get(Review, review.id).status is ReviewStatus.shared


def test_editing_after_acknowledgement_is_409(client, org, db, cycle):
    review = walk_to_shared(db, org, cycle)
    _act(client, review, "acknowledge", org.employee, {})
    body = {**MANAGER_PART, "strengths": "Rewritten after signing."}
    response = _act(client, review, "manager-assessment", org.manager, body)
    assert response.status_code == 409
    assert db.session.get(Review, review.id).strengths == MANAGER_PART["strengths"]


def test_a_template_in_use_is_locked_and_can_be_duplicated(
    client, org, template, cycle
):
    url = f"{API}/templates/{template.id}"
    headers = {
        **bearer(org.hr),
        "If-Match": client.get(url, headers=bearer(org.hr)).headers["ETag"],
    }
    assert (
        client.patch(url, json={"name": "Renamed"}, headers=headers).status_code == 409
    )
    copy = client.post(f"{url}/duplicate", headers=bearer(org.hr))
    assert copy.status_code == 201
    assert copy.get_json()["name"] == f"{template.name} (copy)"
    assert [c["name"] for c in copy.get_json()["competencies"]] == [
        "Delivery",
        "Collaboration",
        "Craft",
    ]


def test_a_launched_cycle_cannot_be_edited(client, org, cycle):
    url = f"{API}/cycles/{cycle.id}"
    etag = client.get(url, headers=bearer(org.hr)).headers["ETag"]
    response = client.patch(
        url, json={"name": "Renamed"}, headers={**bearer(org.hr), "If-Match": etag}
    )
    assert response.status_code == 409


def test_employees_do_not_list_cycles_but_managers_do(client, org, cycle):
    assert client.get(f"{API}/cycles", headers=bearer(org.employee)).status_code == 403
    listed = client.get(f"{API}/cycles", headers=bearer(org.manager)).get_json()
    assert [c["id"] for c in listed] == [cycle.id]


def test_the_review_list_is_scoped_and_filtered(client, org, db, cycle):
    walk_to_shared(db, org, cycle)

    def names(user, query=""):
        body = client.get(f"{API}/reviews{query}", headers=bearer(user)).get_json()
        return sorted(r["employee"]["name"] for r in body)

    assert names(org.employee) == ["Emma Employee"]
    assert names(org.manager) == ["Emma Employee", "Max Manager", "Piet Peer"]
    assert names(org.manager, "?status=shared") == ["Emma Employee"]
    assert names(org.hr, f"?reviewer_id={org.other_manager.employee_id}") == [
        "Rita Report"
    ]
    summary = client.get(f"{API}/reviews", headers=bearer(org.hr)).get_json()[0]
    assert "self_part" not in summary and "manager_part" not in summary


def test_the_review_list_runs_the_same_statements_for_more_rows(
    client, org, db, template, count_queries
):
    def count():
        headers = bearer(org.ceo)
        with count_queries() as counter:
            response = client.get(f"{API}/reviews?page_size=100", headers=headers)
        return counter.count, len(response.get_json())

    cycle = f.make_cycle(template)
    services.launch_cycle(org.hr, cycle, now=NOW)
    db.session.commit()
    few = count()
    for _ in range(20):
        f.make_employee(manager_id=org.manager.employee_id)
    second = f.make_cycle(template)
    services.launch_cycle(org.hr, second, now=NOW)
    db.session.commit()
    many = count()
    assert many[1] > few[1]
    assert many[0] == few[0] <= 12


def test_a_manager_starts_an_ad_hoc_review_for_a_direct_report_only(
    client, org, template
):
    body = {
        "employee_id": org.employee.employee_id,
        "template_id": template.id,
        "period_start": "2026-09-01",
        "period_end": "2026-10-31",
    }
    created = client.post(f"{API}/reviews", json=body, headers=bearer(org.manager))
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["cycle"] is None
    assert created.headers["ETag"]
    indirect = client.post(f"{API}/reviews", json=body, headers=bearer(org.ceo))
    assert indirect.status_code == 403
    not_a_manager = client.post(f"{API}/reviews", json=body, headers=bearer(org.peer))
    assert not_a_manager.status_code == 403


def test_history_lists_the_previous_review_beside_the_current_one(
    client, org, db, template, cycle
):
    first = walk_to_shared(db, org, cycle)
    second_cycle = f.make_cycle(
        template,
        period_start=date(2026, 7, 1),
        period_end=date(2026, 12, 31),
        self_due_on=date(2027, 1, 10),
        manager_due_on=date(2027, 1, 20),
        signoff_due_on=date(2027, 1, 31),
    )
    services.launch_cycle(org.hr, second_cycle, now=NOW)
    db.session.commit()
    second = review_of(db, second_cycle, org.employee)
    body = client.get(_url(second, "history"), headers=bearer(org.employee)).get_json()
    assert [p["id"] for p in body["previous"]] == [first.id]
    assert body["previous"][0]["ratings"]["Delivery"] == 4
    assert body["series"]["Delivery"] == [
        {"label": cycle.name, "rating": 4},
        {"label": second_cycle.name, "rating": None},
    ]
    assert "Mentor a new hire" in [g["title"] for g in body["goals"]]
    assert body["development"] == []
    hidden = client.get(_url(second, "history"), headers=bearer(org.peer))
    assert hidden.status_code == 404


def test_a_shared_review_and_its_history_take_few_statements(
    client, org, db, cycle, count_queries
):
    review_id = walk_to_shared(db, org, cycle).id
    for user in (org.hr, org.ceo, org.employee):
        headers = bearer(user)
        for url in (_url(review_id), _url(review_id, "history")):
            with count_queries() as counter:
                assert client.get(url, headers=headers).status_code == 200
            # 13: the history also carries the period's learning record (the policy,
            # the activities, the suggestions in the review), a fixed three.
            assert counter.count <= 13, (user, url, counter.statements)


def test_disagreeing_without_a_reason_is_422_on_the_comment(client, org, db, cycle):
    review = walk_to_shared(db, org, cycle)
    body = {"comment": "  ", "disagree": True}
    response = _act(client, review, "acknowledge", org.employee, body)
    assert response.status_code == 422, response.get_json()
    assert set(response.get_json()["errors"]) == {"comment"}
    assert db.session.get(Review, review.id).status is ReviewStatus.shared
