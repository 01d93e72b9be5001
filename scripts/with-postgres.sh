#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server.
#
#   scripts/with-postgres.sh .venv/bin/pytest -q tests
#
# Starts a private server (initdb in a mktemp -d directory owned by the `postgres` system
# user, listening on 127.0.0.1 and a free port, socket inside that directory), creates the
# database trellis_test, exports TEST_DATABASE_URL (and PG_URL) for the command, and
# removes the server again when the command ends: on success, failure or interrupt.
# The command's exit status is this script's exit status.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

PG_BIN="${PG_BIN:-}"
if [ -z "$PG_BIN" ]; then
    for candidate in /usr/lib/postgresql/*/bin; do
        [ -x "$candidate/initdb" ] && PG_BIN="$candidate"
    done
fi
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "with-postgres: no PostgreSQL server binaries (install the postgresql package)" >&2
    exit 1
fi

# The server refuses to run as root: run it as the postgres system user.
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "with-postgres: running as root but there is no 'postgres' user" >&2
        exit 1
    fi
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

PYTHON="${PYTHON:-python3}"
PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
PGDIR="$(mktemp -d "${TMPDIR:-/tmp}/trellis-pg.XXXXXX")"
chmod 700 "$PGDIR"
[ "$(id -u)" -eq 0 ] && chown postgres: "$PGDIR"
DATA="$PGDIR/data"
LOG="$PGDIR/server.log"
STARTED=0

cleanup() {
    local status=$?
    if [ "$STARTED" -eq 1 ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PGDIR"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "with-postgres: initdb in $PGDIR (port $PORT, $("$PG_BIN/initdb" --version))" >&2
as_pg "$PG_BIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --no-locale >/dev/null
STARTED=1
if ! as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start \
    -o "-k $PGDIR -h 127.0.0.1 -p $PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
    >/dev/null; then
    echo "with-postgres: the server did not start; its log:" >&2
    cat "$LOG" >&2 || true
    exit 1
fi
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres trellis_test

export PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT"
export TEST_DATABASE_URL="$PG_URL/trellis_test"
echo "with-postgres: TEST_DATABASE_URL=$TEST_DATABASE_URL" >&2

# Not exec: the trap has to run after the command to remove the server.
set +e
"$@"
status=$?
set -e
exit "$status"
