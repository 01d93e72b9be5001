"""The flat-form converters of the review pages: nested lists out, blank rows dropped,
nested errors mapped back onto the field that caused them."""

from types import SimpleNamespace

from werkzeug.datastructures import MultiDict

from core.forms import map_errors
from reviews.views.converters import (
    manager_from_form,
    row_counts,
    self_from_form,
    template_from_form,
)


def _review():
    template = SimpleNamespace(
        scale_max=3,
        competencies=[SimpleNamespace(id=7), SimpleNamespace(id=9)],
        questions=[SimpleNamespace(id=3)],
    )
    return SimpleNamespace(template=template)


def test_self_form_becomes_ratings_answers_and_submit():
    form = MultiDict(
        {
            "rating_7": "2",
            "comment_7": " ok ",
            "rating_9": "",
            "answer_3": "Yes",
            "action": "submit",
            "version": "4",
        }
    )
    data, names, errors = self_from_form(form, _review())
    assert data["ratings"] == [
        {"competency_id": 7, "rating": 2, "comment": "ok"},
        {"competency_id": 9, "rating": None, "comment": ""},
    ]
    assert data["answers"] == [{"question_id": 3, "answer": "Yes"}]
    assert (data["submit"], data["version"], errors) == (True, "4", {})
    assert names[("ratings", 1, "comment")] == "comment_9"


def test_rating_off_the_template_scale_is_an_error_on_its_field():
    _, _, errors = self_from_form(MultiDict({"rating_7": "4"}), _review())
    assert errors == {"rating_7": "Choose a rating from 1 to 3."}


def test_blank_manager_rows_are_dropped_and_rows_keep_their_field_names():
    form = MultiDict(
        {
            "obstacle_category_0": "",
            "obstacle_description_0": "",
            "obstacle_remedy_0": "",
            "obstacle_category_1": "process",
            "obstacle_description_1": "",
            "need_skill_0": "",
            "need_level_0": "",
            "need_priority_0": "medium",
            "need_due_0": "",
            "goal_title_2": "Ship it",
            "goal_target_2": "",
        }
    )
    data, names, _ = manager_from_form(form, _review())
    assert data["obstacles"] == [{"category": "process"}]  # description: missing
    assert data["training_needs"] == []
    assert data["goals"] == [{"title": "Ship it", "target_on": None}]
    assert names[("obstacles", 0, "description")] == "obstacle_description_1"
    assert names[("goals", 0, "title")] == "goal_title_2"


def test_nested_errors_map_onto_form_fields():
    names = {("obstacles", 0, "description"): "obstacle_description_1"}
    messages = {"obstacles": {0: {"description": ["Missing data."]}}, "version": ["x"]}
    assert map_errors(messages, names) == {
        "obstacle_description_1": "Missing data.",
        "version": "x",
    }


def test_template_form_reads_labels_competencies_and_questions():
    form = MultiDict(
        {
            "name": "T",
            "rating_labels": "Low\n\nHigh\n",
            "competency_name_0": "Delivery",
            "competency_skill_0": "",
            "competency_name_1": "",
            "question_0": "Why?",
            "question_1": "",
        }
    )
    data, _, _ = template_from_form(form)
    assert data["rating_labels"] == ["Low", "High"]
    assert data["competencies"] == [
        {"name": "Delivery", "description": "", "skill_id": None}
    ]
    assert data["questions"] == [{"text": "Why?"}]


def test_row_counts_add_blank_rows_after_the_last_submitted_row():
    counts = row_counts(MultiDict({"goal_title_4": "x"}))
    assert counts == {"obstacles": 3, "training_needs": 3, "goals": 8}


def test_chart_labels_are_short_and_the_chart_has_the_table_numbers():
    from reviews.views.pages import rating_chart

    chart = rating_chart(
        {"Delivery": [("2025 H1", 3), ("Ad hoc 2026-05-31", 5)]}, scale_max=5
    )
    assert [label for _, label, _ in chart.columns] == ["2025 H1", "2026-05"]
    assert [r for _, _, r in chart.lines[0].points] == [3, 5]
    assert "Delivery: 2025 H1 3, Ad hoc 2026-05-31 5" in chart.description
