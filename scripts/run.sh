#!/usr/bin/env bash
# `make run` (scripts/run.sh) and `make dev` (scripts/run.sh dev): migrate the database, load
# demo data the first time, print the demo logins, then serve Trellis on
# http://127.0.0.1:${PORT:-5000} with the scheduler beside it —
#   serve (default): gunicorn, gthread workers and threads from the cores (core/gunicorn_conf.py);
#   dev:             `flask run --debug`, the reloader and the debugger.
# Ctrl-C (or SIGTERM to this script) stops the server and the scheduler.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE="${1:-serve}"
case "$MODE" in
    serve | dev) ;;
    *) echo "usage: scripts/run.sh [serve|dev]" >&2; exit 2 ;;
esac

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
SERVER_PID=""
stop_all() {
    local pid
    for pid in $SERVER_PID $SCHEDULER_PID; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in $SERVER_PID $SCHEDULER_PID; do
        wait "$pid" 2>/dev/null || true
    done
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The scheduler runs in its own process (never inside the web app); its database lock makes
# a second one wait, so exactly one acts.
echo "==> starting the scheduler: flask jobs scheduler"
"${FLASK[@]}" jobs scheduler &
SCHEDULER_PID=$!

echo "==> Trellis on http://$HOST:$PORT ($MODE; Ctrl-C stops it)"
if [ "$MODE" = serve ]; then
    "$VENV/bin/gunicorn" -c core/gunicorn_conf.py --bind "$HOST:$PORT" &
else
    "${FLASK[@]}" run --debug --host "$HOST" --port "$PORT" &
fi
SERVER_PID=$!
# In the background and waited for, so a signal to this script runs its trap at once
# (bash runs traps only after a foreground command ends).
wait "$SERVER_PID"
