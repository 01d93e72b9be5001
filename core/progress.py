"""How far the running job got: ``report(done)`` tells the job runner, if one listens.

A job that commits its work in batches calls ``report(done)`` right before each commit;
the runner (``jobs.runner``) puts ``done`` and a heartbeat on its ``JobRun`` row, so the
count is committed with the batch it describes. A run killed mid-way then shows how far
it got. Outside a runner (tests calling a job directly, a request) it does nothing. Here,
not in ``jobs``, because domains report and must not import the scheduler package.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_listener: ContextVar[Callable[[int], None] | None] = ContextVar(
    "trellis_progress", default=None
)


def report(done: int) -> None:
    """Tell the job runner (if any) that ``done`` items are in the coming commit."""
    listener = _listener.get()
    if listener is not None:
        listener(done)


@contextmanager
def reporting_to(listener: Callable[[int], None]) -> Iterator[None]:
    """Send every ``report`` in the block to ``listener``."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)
