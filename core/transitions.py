"""The one state-transition helper: check a move against a domain's table of allowed
edges, write the audit event and set the status.

The tables stay in each domain's ``enums.py`` (``{status: {statuses it may become}}``);
a service builds one ``StateMachine`` from its table and the sentence that refuses a
move, so every refusal is a 409 ``InvalidTransition`` with the same audit shape.
"""

from collections.abc import Mapping, Set
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

from core.audit import record_event
from core.errors import InvalidTransition

S = TypeVar("S", bound=Enum)


@dataclass(frozen=True)
class StateMachine(Generic[S]):
    """``edges`` from a domain's enums; ``refusal`` formats ``{current}`` and ``{to}``
    (the statuses' titles), e.g. "A need that is {current} cannot become {to}."."""

    edges: Mapping[S, Set[S]]
    refusal: str

    def check(self, current, to) -> None:
        """Raise ``InvalidTransition`` unless ``current`` → ``to`` is an allowed edge."""
        if to not in self.edges[current]:
            raise InvalidTransition(
                self.refusal.format(current=current.title, to=to.title)
            )

    def move(self, actor, obj, to, *, now=None, **details) -> None:
        """Move ``obj.status`` to ``to`` along an allowed edge and write one
        ``status_changed`` AuditEvent (``details`` join its from/to)."""
        current = obj.status
        self.check(current, to)
        record_event(
            actor,
            obj,
            "status_changed",
            {"from": current.value, "to": to.value, **details},
            now=now,
        )
        obj.status = to
