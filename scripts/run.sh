#!/usr/bin/env bash
# `make run`: migrate the database, load demo data the first time, print the demo logins,
# then serve Trellis on http://127.0.0.1:${PORT:-5000} with the scheduler beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
FLASK=("$VENV/bin/flask" --app app)
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-5000}"

echo "==> flask db upgrade (${DATABASE_URL:-SQLite in instance/trellis.db})"
"${FLASK[@]}" db upgrade

# Loads the demo organisation only into an empty database; prints the demo logins
# (ROLE EMAIL lines and the password) either way.
echo "==> flask demo load --if-empty"
"${FLASK[@]}" demo load --if-empty

SCHEDULER_PID=""
stop_scheduler() {
    if [ -n "$SCHEDULER_PID" ] && kill -0 "$SCHEDULER_PID" 2>/dev/null; then
        kill "$SCHEDULER_PID" 2>/dev/null || true
        wait "$SCHEDULER_PID" 2>/dev/null || true
    fi
}
trap stop_scheduler EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The scheduler runs in its own process (never inside the web app); its database lock makes
# a second one wait, so exactly one acts.
echo "==> starting the scheduler: flask jobs scheduler"
"${FLASK[@]}" jobs scheduler &
SCHEDULER_PID=$!

echo "==> Trellis on http://$HOST:$PORT (Ctrl-C stops it)"
"${FLASK[@]}" run --host "$HOST" --port "$PORT"
