"""core.forms: the one load → service → ``(result, errors, status)`` step of the pages."""

import sqlalchemy as sa
from flask import get_flashed_messages
from marshmallow import fields, validates_schema
from werkzeug.datastructures import MultiDict

from core.audit import AuditEvent, record_event
from core.dates import require_order
from core.errors import Conflict, ValidationFailed
from core.forms import load_form, save_form, save_nested
from core.schemas import StrictSchema


class NameSchema(StrictSchema):
    name = fields.String(required=True)


class PeriodSchema(StrictSchema):
    name = fields.String(required=True)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    limit = fields.Integer(load_default=1)

    @validates_schema
    def _order(self, data, **kwargs):
        require_order(data, earlier="starts_on", later="ends_on", what="the start")


BROKEN_PERIOD = MultiDict(
    {"name": "", "starts_on": "2026-05-01", "ends_on": "2026-04-01", "limit": "9"}
)


class ItemsSchema(StrictSchema):
    items = fields.List(fields.Nested(NameSchema), required=True)


def _raise(error):
    def action(data):
        raise error

    return action


def test_save_form_runs_the_action_on_valid_input(db):
    saved = save_form(NameSchema(), MultiDict({"name": "Ada"}), lambda d: d["name"])
    assert saved == ("Ada", {}, 200)


def test_save_form_answers_422_for_bad_input_and_for_a_broken_rule(db):
    assert save_form(NameSchema(), MultiDict(), lambda d: 1)[1:] == (
        {"name": "This field is required."},
        422,
    )
    broken = ValidationFailed("Nothing saved.", {"name": "Taken."})
    assert save_form(NameSchema(), MultiDict({"name": "A"}), _raise(broken)) == (
        None,
        {"name": "Taken."},
        422,
    )


def test_save_form_answers_409_for_a_stale_form(db):
    stale = Conflict("Someone else changed this record.")
    assert save_form(NameSchema(), MultiDict({"name": "A"}), _raise(stale)) == (
        None,
        {"_form": "Someone else changed this record.", "_stale": True},
        409,
    )


def test_save_nested_maps_nested_messages_back_to_form_fields(db):
    names = {("items", 0, "name"): "item-0-name"}
    result, errors, status = save_nested(
        ItemsSchema(), {"items": [{}]}, names, {"extra": "Bad row."}, lambda d: 1
    )
    assert (result, status) == (None, 422)
    assert errors == {
        "item-0-name": "This field is required.",
        "extra": "Bad row.",
    }


def test_save_nested_keeps_converter_errors_even_when_the_data_loads(db):
    data = {"items": [{"name": "A"}]}
    assert save_nested(ItemsSchema(), data, {}, {"x": "No."}, lambda d: 1) == (
        None,
        {"x": "No."},
        422,
    )
    assert save_nested(ItemsSchema(), data, {}, {}, lambda d: len(d["items"])) == (
        1,
        {},
        200,
    )


# --- all errors at once, each on its field ------------------------------------------


def test_load_form_gives_the_schema_rules_on_the_fields_that_parsed(db):
    data, errors = load_form(PeriodSchema(), BROKEN_PERIOD)
    assert data is None
    assert errors["name"] == "This field is required."
    assert errors["ends_on"].startswith("Ends on must be on or after 2026-05-01")


def test_save_form_adds_the_rules_the_action_breaks_on_the_fields_that_parsed(db):
    def action(data):
        assert "name" not in data  # the dry run sees only what parsed
        raise ValidationFailed("Nothing saved.", {"limit": "At most 5.", "_form": "x"})

    result, errors, status = save_form(PeriodSchema(), BROKEN_PERIOD, action)
    assert (result, status) == (None, 422)
    assert list(errors) == ["name", "ends_on", "limit"]  # the form's order
    assert errors["limit"] == "At most 5."


def test_a_rule_on_a_field_that_failed_keeps_the_schemas_message(db):
    taken = ValidationFailed("Nothing saved.", {"name": "Taken."})
    _result, errors, _status = save_form(PeriodSchema(), BROKEN_PERIOD, _raise(taken))
    assert errors["name"] == "This field is required."


def test_the_dry_run_stores_nothing_and_takes_back_its_flashes(app, db):
    def action(data):
        from flask import flash

        flash("Saved!")
        record_event(None, "Period", "created", {"limit": data["limit"]})
        db.session.flush()
        return data

    with app.test_request_context("/"):
        assert save_form(PeriodSchema(), BROKEN_PERIOD, action)[2] == 422
        assert get_flashed_messages() == []
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == 0


def test_an_action_that_needs_a_field_that_failed_adds_nothing(db):
    def action(data):
        return data["name"]  # KeyError in the dry run

    _result, errors, status = save_form(PeriodSchema(), BROKEN_PERIOD, action)
    assert status == 422 and set(errors) == {"name", "ends_on"}


def test_save_nested_adds_the_actions_rules_to_the_schemas_errors(db):
    names = {("items", 0, "name"): "item-0-name"}
    broken = ValidationFailed("No.", {"title": "Taken."})
    result, errors, status = save_nested(
        ItemsSchema(), {"items": [{}]}, names, {}, _raise(broken)
    )
    assert (result, status) == (None, 422)
    assert errors == {"item-0-name": "This field is required.", "title": "Taken."}


def test_a_dry_run_the_database_refuses_leaves_the_session_usable(db):
    def action(data):
        db.session.add(AuditEvent(object_type="Period", action=None))  # NOT NULL
        db.session.flush()

    _result, errors, status = save_form(PeriodSchema(), BROKEN_PERIOD, action)
    assert status == 422 and set(errors) == {"name", "ends_on"}
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == 0
