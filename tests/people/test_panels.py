"""People's person page takes the higher domains' panels from a registry (filled by
``home.register_panels`` at start-up), so people never imports them."""

from people.panels import PERSON_PANELS, person_panels


def test_home_registers_the_learning_panel_once(app):
    from development.views.panels import person_panel
    from home import register_panels

    register_panels()
    assert PERSON_PANELS.count(person_panel) == 1


def test_the_panels_context_is_merged_in_order(monkeypatch):
    monkeypatch.setattr(
        "people.panels.PERSON_PANELS",
        [lambda user, e: {"a": 1, "b": 1}, lambda user, e: {"b": 2}],
    )
    assert person_panels(None, None) == {"a": 1, "b": 2}
