"""The field macros of templates/_macros/forms.html (issue 23): a field's error and hint
describe it, a group's error describes its fieldset, a field that causes a group's error
is invalid and described by that error too, and a repeated field is named with what it
belongs to."""

import pytest


@pytest.fixture
def forms(app):
    with app.test_request_context():
        yield app.jinja_env.get_template("_macros/forms.html").module


def test_a_field_error_marks_the_control_invalid_and_describes_it(forms):
    html = str(forms.select("rating_3", "Rating", [(1, "1")], {}, {"rating_3": "No."}))
    assert 'aria-describedby="rating_3-error" aria-invalid="true"' in html
    assert '<p class="field-error" id="rating_3-error">' in html


def test_a_cause_of_a_group_error_is_described_by_its_own_and_the_groups_message(
    forms,
):
    errors = {"rating_3": "Rate Craft before you submit.", "ratings": "Rate all: Craft"}
    html = str(
        forms.select(
            "rating_3",
            "Rating",
            [],
            {},
            errors,
            hint="Last: 2",
            describedby="ratings-error",
        )
    )
    assert (
        'aria-describedby="rating_3-hint rating_3-error ratings-error"'
        ' aria-invalid="true"'
    ) in html


def test_invalid_marks_a_field_without_its_own_message(forms):
    html = str(
        forms.checkbox(
            "verify_4", "Verify", {}, {}, describedby="x-error", invalid=True
        )
    )
    assert 'aria-describedby="x-error" aria-invalid="true"' in html


def test_a_plain_field_is_neither_described_nor_invalid(forms):
    for html in (
        str(forms.input("goal_title_0", "Goal", {}, {})),
        str(forms.textarea("comment_1", "Comment", {}, {})),
    ):
        assert "aria-describedby" not in html and "aria-invalid" not in html


def test_a_group_error_describes_the_fieldset_whose_id_is_its_key(forms):
    errors = {"obstacles": "Name a remedy for every obstacle."}
    assert str(forms.group_attrs("obstacles", errors)) == (
        ' id="obstacles" aria-describedby="obstacles-error"'
    )
    assert 'id="obstacles-error"' in str(forms.group_error("obstacles", errors))
    assert str(forms.group_attrs("obstacles", {})) == ' id="obstacles"'
    assert str(forms.group_error("obstacles", {})) == ""


def test_context_names_a_repeated_field_after_its_visible_label(forms):
    html = str(
        forms.select("need_skill_1", "Skill", [], {}, {}, context="Training need 2")
    )
    assert (
        '<label for="need_skill_1">Skill'
        '<span class="visually-hidden"> for Training need 2</span></label>'
    ) in html
