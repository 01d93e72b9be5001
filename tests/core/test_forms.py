"""core.forms: the one load → service → ``(result, errors, status)`` step of the pages."""

from marshmallow import fields
from werkzeug.datastructures import MultiDict

from core.errors import Conflict, ValidationFailed
from core.forms import save_form, save_nested
from core.schemas import StrictSchema


class NameSchema(StrictSchema):
    name = fields.String(required=True)


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
