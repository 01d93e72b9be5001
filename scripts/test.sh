#!/usr/bin/env bash
# The test phases behind `make test` (run by .ci/run):
#
#   scripts/test.sh all        lint, SQLite, PostgreSQL, browser on PostgreSQL, then a summary
#   scripts/test.sh lint|sqlite|postgres|browser|browser-pg
#
# `all` runs every phase even after one fails, so a CI log shows the whole picture, and then
# exits non-zero if any phase failed. Each pytest phase writes test-artifacts/junit-<phase>.xml
# and test-artifacts/pytest-<phase>.log; the summary counts from the XML. A phase that
# collects no tests (pytest exit code 5) fails. Each phase is bounded by PHASE_TIMEOUT seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
ART=test-artifacts
PHASE_TIMEOUT="${PHASE_TIMEOUT:-1800}"
# pytest-xdist workers: one per core (browser phases too: each worker has its own live
# server, demo database and Chromium) (each PostgreSQL worker
# gets its own database, see tests/environment.py).
WORKERS="${WORKERS:-$(nproc)}"
mkdir -p "$ART"
declare -A RESULT=()
ORDER=()

header() {
    printf '\n\033[1m==== %s ====\033[0m\n' "$*"
}

record() {  # phase status
    ORDER+=("$1")
    RESULT[$1]=$2
}

phase_lint() {
    header "lint: ruff check . && ruff format --check . && mypy"
    local status=0
    "$VENV/bin/ruff" check . || status=$?
    "$VENV/bin/ruff" format --check . || status=$?
    # Types: mypy reads its file list and baseline from [tool.mypy] in pyproject.toml.
    "$VENV/bin/mypy" || status=$?
    if [ "$status" -eq 0 ]; then echo "lint: clean"; else echo "lint: FAILED" >&2; fi
    record lint "$status"
}

# run_pytest PHASE TITLE [wrapper...] -- pytest-args...
run_pytest() {
    local phase=$1 title=$2
    shift 2
    local wrapper=()
    while [ "$1" != "--" ]; do wrapper+=("$1"); shift; done
    shift
    local xml="$ART/junit-$phase.xml" log="$ART/pytest-$phase.log"
    rm -f "$xml" "$log"
    header "$title"
    echo "+ $(printf '%q ' "${wrapper[@]}" "$PY" -m pytest -q "$@")"
    local status=0
    set +e
    timeout "$PHASE_TIMEOUT" "${wrapper[@]}" "$PY" -m pytest -q --junitxml="$xml" "$@" 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    set -e
    local summary
    summary="$(grep -E '(passed|failed|errors?|skipped|no tests ran|deselected|xfailed|xpassed).* in [0-9.]+s' "$log" | tail -n 1 || true)"
    echo "---- $phase: ${summary:-no pytest summary line} (exit $status)"
    case "$status" in
        0) ;;
        5) echo "ERROR: $phase phase collected no tests (pytest exit 5); that is a failure" >&2 ;;
        124) echo "ERROR: $phase phase exceeded PHASE_TIMEOUT=${PHASE_TIMEOUT}s" >&2 ;;
        *) echo "ERROR: $phase phase failed (pytest exit $status)" >&2 ;;
    esac
    record "$phase" "$status"
}

phase_sqlite() {
    run_pytest sqlite "pytest on SQLite (everything except -m browser)" \
        -- -n "$WORKERS" -m "not browser" tests
}

phase_postgres() {
    run_pytest postgres "pytest on PostgreSQL (everything except -m browser)" \
        env PYTHON="$PY" scripts/with-postgres.sh -- -n "$WORKERS" -m "not browser" tests
}

phase_browser() {
    run_pytest browser "browser tests (Playwright + Chromium, -m browser)" \
        -- -n "$WORKERS" -m browser tests/browser
}

phase_browser_postgres() {
    run_pytest browser-pg "browser tests on PostgreSQL (-m browser)" \
        env PYTHON="$PY" scripts/with-postgres.sh -- -n "$WORKERS" -m browser tests/browser
}

summary() {
    "$PY" - "$ART" "${ORDER[@]}" <<'PY'
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

art, phases = Path(sys.argv[1]), sys.argv[2:]
names = {
    "sqlite": "SQLite",
    "postgres": "PostgreSQL",
    "browser": "browser (SQLite)",
    "browser-pg": "browser (PostgreSQL)",
}
parts = []
for phase in phases:
    if phase not in names:
        continue
    path = art / f"junit-{phase}.xml"
    if not path.exists():
        parts.append(f"{names[phase]}: no result")
        continue
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    total = {k: sum(int(s.get(k, 0)) for s in suites) for k in ("tests", "failures", "errors", "skipped")}
    passed = total["tests"] - total["failures"] - total["errors"] - total["skipped"]
    text = f"{names[phase]}: {passed} passed"
    for key, label in (("failures", "failed"), ("errors", "errors"), ("skipped", "skipped")):
        if total[key]:
            text += f", {total[key]} {label}"
    parts.append(text)
print("; ".join(parts))
PY
}

finish() {
    header "summary"
    local failed=()
    for phase in "${ORDER[@]}"; do
        local status=${RESULT[$phase]}
        printf '  %-9s %s\n' "$phase" "$([ "$status" -eq 0 ] && echo ok || echo "FAILED (exit $status)")"
        [ "$status" -eq 0 ] || failed+=("$phase")
    done
    summary || true
    if [ "${#failed[@]}" -gt 0 ]; then
        echo "FAILED phases: ${failed[*]}" >&2
        exit 1
    fi
    echo "All phases passed."
}

case "${1:-all}" in
    # The browser tests run once, on PostgreSQL (the production database): they drive the
    # same services the SQLite phase already covers, and running them twice cost CI 4 min
    # of its 20. `scripts/test.sh browser` runs them on SQLite.
    all) phase_lint; phase_sqlite; phase_postgres; phase_browser_postgres ;;
    lint) phase_lint ;;
    sqlite) phase_sqlite ;;
    postgres) phase_postgres ;;
    browser) phase_browser ;;
    browser-pg) phase_browser_postgres ;;
    *) echo "usage: $0 all|lint|sqlite|postgres|browser|browser-pg" >&2; exit 2 ;;
esac
finish
