"""Panels other domains add to the person page, so people never imports them.

Each entry is ``fn(user, employee) -> dict`` of extra template variables; ``home``
registers the learning record this way (``home.register_panels``, at app start-up), as the
domains add their demo loaders to ``people.demo.DEMO_LOADERS``.
"""

from collections.abc import Callable

PERSON_PANELS: list[Callable[..., dict]] = []


def person_panels(user, employee) -> dict:
    """The template variables of every registered panel, in registration order."""
    context: dict = {}
    for panel in PERSON_PANELS:
        context.update(panel(user, employee))
    return context
