"""core.transitions: one helper checks a move against a domain's table, audits it and
sets the status; a move off the table is a 409 with the domain's own sentence."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from core.enums import TitledEnum
from core.errors import InvalidTransition
from core.transitions import StateMachine

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Light(TitledEnum):
    red = "red"
    green = "green"
    amber_blink = "amber_blink"


MACHINE = StateMachine(
    {
        Light.red: {Light.green},
        Light.green: {Light.amber_blink},
        Light.amber_blink: set(),
    },
    "A light that is “{current}” cannot become “{to}”.",
)


def test_check_passes_an_allowed_edge_and_refuses_another_with_the_titles():
    MACHINE.check(Light.red, Light.green)
    with pytest.raises(InvalidTransition) as err:
        MACHINE.check(Light.red, Light.amber_blink)
    assert err.value.message == "A light that is “Red” cannot become “Amber blink”."
    assert err.value.status_code == 409


def test_move_sets_the_status_and_writes_one_audit_event(monkeypatch):
    events = []
    monkeypatch.setattr(
        "core.transitions.record_event",
        lambda actor, obj, action, changes, now=None: events.append(
            (actor, obj, action, changes, now)
        ),
    )
    light = SimpleNamespace(status=Light.red)
    MACHINE.move("actor", light, Light.green, now=NOW, reason="go")
    assert light.status is Light.green
    assert events == [
        (
            "actor",
            light,
            "status_changed",
            {"from": "red", "to": "green", "reason": "go"},
            NOW,
        )
    ]


def test_a_refused_move_changes_nothing(monkeypatch):
    monkeypatch.setattr("core.transitions.record_event", pytest.fail)
    light = SimpleNamespace(status=Light.amber_blink)
    with pytest.raises(InvalidTransition):
        MACHINE.move("actor", light, Light.red, now=NOW)
    assert light.status is Light.amber_blink
