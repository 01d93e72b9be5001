"""pytest plugin: run test files with ``AuditWatch`` on and write what it saw.

``python -m pytest -p tests.gates.audit_watch_plugin FILES`` wraps the services once
every test module is imported and, at the end, writes ``{"called": [...],
"violations": {"module.function": ["Model", ...]}, "tests": {...}}`` as JSON to the
path in ``AUDIT_WATCH_REPORT``. ``tests/gates/test_audit_coverage.py`` runs it over the
scenario suites; run it over the whole suite the same way.
"""

import json
import os

from tests.gates.audit_watch import AuditWatch

_state: dict = {}


def pytest_collection_finish(session):
    watch = AuditWatch()
    watch.__enter__()
    _state["watch"] = watch


def pytest_runtest_setup(item):
    _state["test"] = item.nodeid


def pytest_runtest_teardown(item):
    watch = _state.get("watch")
    if watch is None:
        return
    found = _state.setdefault("where", {})
    for name in watch.violations:
        found.setdefault(name, item.nodeid)


def pytest_sessionfinish(session, exitstatus):
    watch = _state.pop("watch", None)
    if watch is None:
        return
    watch.__exit__(None, None, None)
    report = {
        "called": sorted(watch.called),
        "violations": {k: sorted(v) for k, v in sorted(watch.violations.items())},
        "tests": _state.get("where", {}),
        "exitstatus": int(exitstatus),
    }
    path = os.environ.get("AUDIT_WATCH_REPORT")
    if path:
        with open(path, "w") as out:
            json.dump(report, out, indent=1)
