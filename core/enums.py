"""The enum base every domain uses: lowercase members with a human ``title``."""

import enum
import functools
from typing import ClassVar


class TitledEnum(enum.Enum):
    """``title`` is the value with spaces, capitalised ("on_track" → "On track"), unless
    the class's ``__titles__`` (value → title) names it otherwise."""

    __titles__: ClassVar[dict[str, str]] = {}
    _value_: str  # every member's value is a string (types ``.value`` for mypy)

    @property
    def title(self) -> str:
        return self.__titles__.get(
            self.value, self.value.replace("_", " ").capitalize()
        )


class OrderedEnum(TitledEnum):
    """Members in the order a record passes through them (``order``: 0, 1, …)."""

    @property
    def order(self) -> int:
        return _positions(type(self))[self]


@functools.cache
def _positions(cls: type[enum.Enum]) -> dict[enum.Enum, int]:
    """Each member's position, once per class (``order`` is read in loops: the review
    page asks ``ReviewStatus.is_shared`` a few times per view)."""
    return {member: n for n, member in enumerate(cls)}


def choices(members) -> list[tuple[str, str]]:
    """(value, title) pairs for a select (``f.select`` in the templates, as the filter
    ``choices``)."""
    return [(m.value, m.title) for m in members]
