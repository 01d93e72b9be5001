"""The plausible-date fields and the order helpers every schema and service uses; the
OpenAPI document states the same range, and every date input field uses it."""

from datetime import UTC, date, datetime

import pytest
from marshmallow import Schema, ValidationError, validates_schema

from core.dates import (
    PlausibleDate,
    PlausibleDateTime,
    check_order,
    is_plausible,
    not_after,
    not_before,
    require_order,
)
from core.errors import ValidationFailed


class Period(Schema):
    started_on = PlausibleDate(load_default=None, allow_none=True)
    ended_on = PlausibleDate(load_default=None, allow_none=True)
    at = PlausibleDateTime(load_default=None, allow_none=True)

    @validates_schema
    def _order(self, data, **kwargs):
        require_order(
            data, earlier="started_on", later="ended_on", what="the start date"
        )


@pytest.mark.parametrize(
    "value", ["1969-12-31", "1900-01-01", "2100-01-01", "3000-06-01"]
)
def test_a_date_outside_1970_to_2099_is_refused(value):
    with pytest.raises(ValidationError) as err:
        Period().load({"started_on": value})
    assert err.value.messages == {
        "started_on": ["Use a date from 1970-01-01 to 2099-12-31."]
    }


@pytest.mark.parametrize("value", ["1970-01-01", "1999-01-01", "2099-12-31"])
def test_a_date_inside_the_range_is_taken(value):
    assert Period().load({"started_on": value})["started_on"] == date.fromisoformat(
        value
    )


def test_a_datetime_outside_the_range_is_refused():
    with pytest.raises(ValidationError) as err:
        Period().load({"at": "2100-01-01T10:00:00+00:00"})
    assert "at" in err.value.messages
    assert Period().load({"at": "2030-01-01T10:00:00Z"})["at"].year == 2030


def test_an_end_before_the_start_names_the_end_and_the_start_date():
    with pytest.raises(ValidationError) as err:
        Period().load({"started_on": "2026-03-01", "ended_on": "2026-02-28"})
    assert err.value.messages == {
        "ended_on": ["End date must be on or after 2026-03-01, the start date."]
    }


def test_one_end_alone_passes_the_schema_for_the_service_to_check():
    assert Period().load({"ended_on": "2026-02-28"})["ended_on"] == date(2026, 2, 28)


def test_check_order_merges_a_partial_update_onto_the_stored_record():
    class Stored:
        started_on, ended_on = date(2026, 3, 1), date(2026, 3, 5)

    rules = [("started_on", "ended_on", "the start date")]
    with pytest.raises(ValidationFailed) as err:
        check_order(Stored(), {"ended_on": date(2026, 2, 1)}, rules)
    assert err.value.errors == {
        "ended_on": "End date must be on or after 2026-03-01, the start date."
    }
    check_order(Stored(), {"ended_on": date(2026, 3, 1)}, rules)  # the same day is fine


def test_not_before_and_not_after_name_the_field_and_the_boundary():
    with pytest.raises(ValidationFailed) as err:
        not_before("due_on", date(2026, 2, 1), date(2026, 3, 1), "the day it was named")
    assert err.value.errors == {
        "due_on": "Due date must be on or after 2026-03-01, the day it was named."
    }
    with pytest.raises(ValidationFailed) as err:
        not_after("sent_on", date(2030, 1, 1), date(2026, 3, 1), "today")
    assert err.value.errors == {
        "sent_on": "The date sent must be on or before 2026-03-01, today."
    }
    not_before("due_on", None, date(2026, 3, 1), "x")  # nothing given: nothing to check


def test_is_plausible_reads_a_datetime_by_its_date():
    assert is_plausible(datetime(2099, 12, 31, 23, 59, tzinfo=UTC))
    assert not is_plausible(date(1969, 12, 31))


def test_the_openapi_document_states_the_range(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    schemas = doc["components"]["schemas"]
    due = schemas["NeedCreate"]["properties"]["due_on"]
    assert due["format"] == "date" and due["pattern"] == "^(19[7-9][0-9]|20[0-9][0-9])-"
    assert "1970-01-01 to 2099-12-31" in due["description"]


def _refs(doc, node, seen):
    """Every schema object reachable from ``node`` (following ``$ref``)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref:
            _, _, section, name = ref.split("/")  # #/components/<section>/<name>
            if ref not in seen:
                seen.add(ref)
                yield from _refs(doc, doc["components"][section][name], seen)
            return
        yield node
        for value in node.values():
            yield from _refs(doc, value, seen)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(doc, value, seen)


def test_every_date_a_client_sends_is_plausible(client):
    """Request bodies and query parameters of every operation: a date or date-time
    without the range's pattern is a field that is not a PlausibleDate(Time)."""
    doc = client.get("/api/v1/openapi.json").get_json()
    inputs = [
        part
        for item in doc["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for part in (operation.get("requestBody"), operation.get("parameters"))
        if part
    ]
    dates = [
        node
        for part in inputs
        for node in _refs(doc, part, set())
        if node.get("format") in ("date", "date-time") and not node.get("readOnly")
    ]
    assert len(dates) >= 20  # cycles, goals, needs, activities, interviews, people…
    assert all(node.get("pattern") for node in dates), [
        node for node in dates if not node.get("pattern")
    ]
