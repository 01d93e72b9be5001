"""The HTML form round trip (``core.views``) and the rule that every page says what it
does in a one-line docstring."""

import inspect

import pytest
from flask import get_flashed_messages
from marshmallow import Schema, fields
from werkzeug.datastructures import MultiDict

from core.views import answer_form, committed, form_view, with_id_args


class NameSchema(Schema):
    name = fields.String(required=True)


def page(status=200, **context):
    return {"status": status, **context}


def test_form_view_shows_the_starting_values_on_get(app):
    with app.test_request_context("/x"):
        shown = form_view(page, lambda: {"name": "start"}, NameSchema(), dict, None)
    assert shown == {"status": 200, "form": {"name": "start"}}


def test_form_view_saves_commits_flashes_and_redirects(app, db):
    saved = []
    with app.test_request_context("/x", method="POST", data={"name": "Ada"}):
        response = form_view(
            page,
            {},
            NameSchema(),
            lambda data: saved.append(data) or data,
            lambda data: (f"{data['name']} is saved.", "/done"),
        )
        assert get_flashed_messages(with_categories=True) == [
            ("success", "Ada is saved.")
        ]
    assert saved == [{"name": "Ada"}]
    assert response.status_code == 302 and response.location == "/done"


def test_form_view_shows_the_page_again_with_the_messages(app, db):
    with app.test_request_context("/x", method="POST", data={"name": ""}):
        shown = form_view(page, {}, NameSchema(), dict, None)
        assert shown["status"] == 422
        assert shown["form"] is not None and "name" in shown["errors"]
        assert get_flashed_messages() == []


def test_answer_form_reads_done_before_the_commit(app, db, monkeypatch):
    order = []
    monkeypatch.setattr(db.session, "commit", lambda: order.append("commit"))
    with app.test_request_context("/x", method="POST"):
        answer_form(
            ("result", {}, 200),
            page,
            lambda result: order.append("done") or ("Saved.", "/done"),
        )
    assert order == ["done", "commit"]


def test_answer_form_passes_a_given_form_back_to_the_page(app):
    sent = MultiDict({"name": "x"})
    with app.test_request_context("/x", method="POST"):
        shown = answer_form((None, {"name": "Bad."}, 422), page, None, form=sent)
    assert shown == {"status": 422, "form": sent, "errors": {"name": "Bad."}}


def test_committed_flashes_in_the_category_given(app, db):
    with app.test_request_context("/x"):
        response = committed("Careful.", "/there", "warning")
        assert get_flashed_messages(with_categories=True) == [("warning", "Careful.")]
    assert response.location == "/there"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?parent_id=7", {"measure": "percent", "parent_id": "7"}),
        ("?parent_id=x7", {"measure": "percent"}),
        ("?other=7", {"measure": "percent"}),
    ],
)
def test_with_id_args_takes_only_numeric_ids(app, query, expected):
    with app.test_request_context("/x" + query):
        assert with_id_args({"measure": "percent"}, "parent_id") == expected


def test_every_html_view_has_a_one_line_docstring(app):
    """Every page and form endpoint says what it shows or does (the API documents its
    own resources through flask-smorest)."""
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api") or rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        module = getattr(inspect.unwrap(view), "__module__", "")
        if module.startswith(("flask", "flask_smorest")):
            continue
        doc = inspect.getdoc(inspect.unwrap(view)) or ""
        if not doc or "\n" in doc.strip():
            missing.append(f"{rule.endpoint} ({rule.rule})")
    assert missing == []
