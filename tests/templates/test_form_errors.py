"""The ``form_errors`` macro (templates/_macros/forms.html): the one error summary of
every form (issue 23). Each field's error is a link to the field (``#KEY``), in the
errors dict's order; ``_form``, ``_stale`` and ``_schema`` stay plain text; the summary
is the element static/js/focus-on-arrival.js focuses (``#error-summary``,
``tabindex=-1``).
"""

import re

import pytest

MACRO = '{% import "_macros/forms.html" as f %}{{ f.form_errors(errors, **options) }}'
FIELD_LINK = re.compile(r'<li><a href="([^"]*)">([^<]*)</a></li>')


@pytest.fixture
def summary(app):
    def _render(errors, **options) -> str:
        with app.test_request_context():
            return app.jinja_env.from_string(MACRO).render(
                errors=errors, options=options
            )

    return _render


def _heading(html: str) -> str:
    return re.search(r"<h2>(.*?)</h2>", html).group(1)


def test_each_field_error_is_a_link_to_its_field(summary):
    html = summary({"name": "This field cannot be empty.", "email": "Enter an email."})
    assert FIELD_LINK.findall(html) == [
        ("#name", "This field cannot be empty."),
        ("#email", "Enter an email."),
    ]


def test_a_group_error_links_to_its_fieldset_key(summary):
    html = summary(
        {"ratings": "Rate every competency.", "rating_12": "Rate Ownership."}
    )
    assert [href for href, _ in FIELD_LINK.findall(html)] == ["#ratings", "#rating_12"]


def test_form_stale_and_schema_messages_stay_text(summary):
    html = summary(
        {"_form": "The cycle is closed.", "_schema": "Bad input.", "_stale": True},
        reload_url="/people/1/edit",
    )
    assert "<p>The cycle is closed.</p>" in html and "<p>Bad input.</p>" in html
    assert FIELD_LINK.findall(html) == [] and "<ul" not in html
    assert re.findall(r'href="([^"]*)"', html) == ["/people/1/edit"]


def test_messages_are_escaped(summary):
    html = summary({"name": "<b>bad</b>"})
    assert FIELD_LINK.findall(html) == [("#name", "&lt;b&gt;bad&lt;/b&gt;")]


def test_the_summary_is_the_focus_target_of_the_arrival_script(summary):
    html = summary({"name": "This field cannot be empty."})
    opening = re.search(r"<div [^>]*>", html).group(0)
    assert 'id="error-summary"' in opening and 'tabindex="-1"' in opening
    assert 'role="alert"' in opening
    assert _heading(html) == "Nothing was saved"


def test_an_empty_message_gets_no_link(summary):
    assert FIELD_LINK.findall(summary({"_form": "Refused.", "name": ""})) == []


def test_a_title_names_what_did_not_happen(summary):
    assert _heading(summary({"email": "x"}, title="Nothing was sent")) == (
        "Nothing was sent"
    )
    assert _heading(summary({"x": "y"}, filters=True)) == (
        "These filters could not be applied"
    )
    stale = summary({"_form": "Changed.", "_stale": True}, title="Nothing was sent")
    assert _heading(stale) == "This record changed while you were editing"


def test_no_errors_render_nothing(summary):
    assert summary({}).strip() == ""
