"""Watch the service layer for state changes that write no audit event.

``AuditWatch`` wraps every public function of every service module (``*/services.py``
and ``*/services/*.py``) wherever it is bound — the module that defines it and every
module that imported it by name — and listens to the ORM session. During each wrapped
call it collects the domain rows added, changed or deleted (flushed, executed as bulk
``UPDATE``/``DELETE``/``INSERT``, or still pending when the call returns) and whether an
``AuditEvent`` was added. A call that changed a domain row and added no event is a
*violation*; a call that raised is ignored (its transaction is rolled back).

Rows that are records in their own right are not domain changes (``SELF_RECORDING``).
"""

import importlib
import inspect
import pkgutil
import sys
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from core.audit import AuditEvent

ROOT = Path(__file__).resolve().parents[2]

# Tables that are a log or a mechanism, not people data a person changes: the audit
# trail itself, sign-in attempts, job runs and the scheduler lock, the notification and
# email outbox (each row says who, what and when already), and the idempotency replay
# store.
SELF_RECORDING = {
    "AuditEvent",
    "LoginAttempt",
    "JobRun",
    "SchedulerLock",
    "Notification",
    "EmailMessage",
    "IdempotencyRecord",
    "ResetRequest",
}


# Modules that change state but are not named ``services`` (API tokens, personal
# access tokens, two-factor sign-in, company sign-in).
EXTRA_MODULES = [
    "auth.tokens",
    "auth.personal_tokens",
    "auth.two_factor",
    "auth.invitations",
    "auth.resets",
    "auth.oidc",
]


def service_modules() -> list[str]:
    """Dotted names of every service module of the project (and ``EXTRA_MODULES``)."""
    names = list(EXTRA_MODULES)
    for package in sorted(p.parent for p in ROOT.glob("*/__init__.py")):
        if package.name in ("tests", "migrations", "bench"):
            continue
        if (package / "services.py").exists():
            names.append(f"{package.name}.services")
        if (package / "services" / "__init__.py").exists():
            pkg = importlib.import_module(f"{package.name}.services")
            names += [
                f"{package.name}.services.{info.name}"
                for info in pkgutil.iter_modules(pkg.__path__)
            ]
    return names


def service_functions() -> dict[str, object]:
    """``"module.function" -> function`` for each public function a service module
    defines (not the ones it imports)."""
    found = {}
    for name in service_modules():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if (
                not attr.startswith("_")
                and inspect.isfunction(value)
                and value.__module__ == name
            ):
                found[f"{name}.{attr}"] = value
    return found


@dataclass
class _Frame:
    name: str
    changed: set = field(default_factory=set)
    audited: bool = False


class AuditWatch:
    """Context manager: wrap the services, collect ``violations`` and ``called``."""

    def __init__(self, functions: dict | None = None):
        self.functions = functions if functions is not None else service_functions()
        self.stack: list[_Frame] = []
        self.called: set[str] = set()
        self.violations: dict[str, set[str]] = {}
        self._patched: list[tuple[object, str, object]] = []

    # -- the session ------------------------------------------------------------------
    def _note(self, session, objects) -> None:
        for obj in objects:
            name = type(obj).__name__
            if name == "AuditEvent":
                for frame in self.stack:
                    frame.audited = True
            elif name not in SELF_RECORDING:
                for frame in self.stack:
                    frame.changed.add(name)

    @staticmethod
    def _pending(session) -> list:
        dirty = [o for o in session.dirty if session.is_modified(o)]
        return [*session.new, *dirty, *session.deleted]

    def _before_flush(self, session, flush_context, instances) -> None:
        if self.stack:
            self._note(session, self._pending(session))

    def _on_execute(self, state) -> None:
        if not self.stack or not (
            state.is_update or state.is_delete or state.is_insert
        ):
            return
        table = state.statement.table
        name = getattr(state.bind_mapper, "class_", None)
        name = name.__name__ if name is not None else str(table)
        if name == "AuditEvent" or str(table) == AuditEvent.__tablename__:
            for frame in self.stack:
                frame.audited = True
        elif name not in SELF_RECORDING:
            for frame in self.stack:
                frame.changed.add(name)

    # -- the wrappers -----------------------------------------------------------------
    def _wrap(self, qualname: str, func):
        watch = self

        @wraps(func)
        def wrapper(*args, **kwargs):
            from core.extensions import db

            session = db.session()
            if watch._pending(session):
                # What the caller changed before the call is the caller's: flushed now,
                # it is counted for the frames already open, not for this one.
                session.flush()
            frame = _Frame(qualname)
            watch.stack.append(frame)
            try:
                result = func(*args, **kwargs)
            except BaseException:
                watch.stack.pop()
                raise
            watch._note(session, watch._pending(session))
            watch.stack.pop()
            watch.called.add(qualname)
            if frame.changed and not frame.audited:
                watch.violations.setdefault(qualname, set()).update(frame.changed)
            return result

        wrapper.__wrapped_by_audit_watch__ = True
        return wrapper

    def __enter__(self):
        originals = {id(f): (q, f) for q, f in self.functions.items()}
        wrappers = {key: self._wrap(q, f) for key, (q, f) in originals.items()}
        for module in list(sys.modules.values()):
            if not getattr(module, "__file__", None) or not str(
                module.__file__
            ).startswith(str(ROOT)):
                continue
            for attr, value in list(vars(module).items()):
                if id(value) in wrappers and originals[id(value)][1] is value:
                    self._patched.append((module, attr, value))
                    setattr(module, attr, wrappers[id(value)])
        sa.event.listen(Session, "before_flush", self._before_flush)
        sa.event.listen(Session, "do_orm_execute", self._on_execute)
        return self

    def __exit__(self, *exc):
        sa.event.remove(Session, "before_flush", self._before_flush)
        sa.event.remove(Session, "do_orm_execute", self._on_execute)
        for module, attr, value in reversed(self._patched):
            setattr(module, attr, value)
        self._patched.clear()
        return False
