"""PostgreSQL: ``pg_dump -Fc`` and ``pg_restore``, with the connection taken from the
app's database URL (the password goes through ``PGPASSWORD``, never the command line)."""

import glob
import os
import shutil
import subprocess
from pathlib import Path

import sqlalchemy as sa

from backup.common import BackupError

SERVER_BIN_GLOB = "/usr/lib/postgresql/*/bin"


def find_tool(name: str, *, search_glob: str = SERVER_BIN_GLOB) -> str:
    """The path of a PostgreSQL client binary: on PATH, else the newest installed.

    :raises BackupError: naming the binary when it is nowhere.
    """
    found = shutil.which(name)
    if found:
        return found
    candidates = [Path(d) / name for d in glob.glob(search_glob)]
    candidates = [c for c in candidates if os.access(c, os.X_OK)]
    if candidates:
        return str(max(candidates, key=lambda c: _version(c.parent.parent.name)))
    raise BackupError(
        f"{name} was not found on PATH or in {search_glob}: install the PostgreSQL "
        f"client (Debian: apt-get install postgresql-client) or put {name} on PATH."
    )


def _version(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in text.split("."))


def _libpq(engine: sa.Engine) -> tuple[str, dict]:
    """A libpq connection URI without the password, and the environment that has it."""
    url = engine.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    uri = url.set(drivername="postgresql", password=None)
    return uri.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict, what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise BackupError(f"{what} failed (exit {result.returncode}): {detail}")


def create(engine: sa.Engine, target: Path) -> str:
    """Dump the database to ``target``; returns the pg_dump used."""
    pg_dump = find_tool("pg_dump")
    uri, env = _libpq(engine)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        _run(
            [pg_dump, "--format=custom", f"--file={partial}", f"--dbname={uri}"],
            env,
            "pg_dump",
        )
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    return pg_dump


def restore(engine: sa.Engine, source: Path) -> str:
    """Restore the dump into the (empty) database behind ``engine``; all or nothing."""
    pg_restore = find_tool("pg_restore")
    uri, env = _libpq(engine)
    engine.dispose()
    _run(
        [
            pg_restore,
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-acl",
            f"--dbname={uri}",
            str(source),
        ],
        env,
        "pg_restore",
    )
    return pg_restore
