"""SQLite: the online backup API, into a temporary file that is moved into place."""

import os
import sqlite3
from pathlib import Path

import sqlalchemy as sa

from backup.common import BackupError


def database_path(engine: sa.Engine) -> Path:
    """The file behind a SQLite engine (an in-memory database has none)."""
    name = engine.url.database
    if not name or name == ":memory:" or name.startswith("file::memory:"):
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return Path(name)


def _quick_check(conn: sqlite3.Connection, what: str) -> None:
    result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{what} failed SQLite's quick_check: {result}")


def create(engine: sa.Engine, target: Path) -> str:
    """Copy the whole database to ``target`` in one consistent step."""
    source_path = database_path(engine)
    if not source_path.is_file():
        raise BackupError(f"There is no database at {source_path}.")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(source_path, timeout=30)
    try:
        copy = sqlite3.connect(partial)
        try:
            # pages=-1: one step, inside one read transaction, so the copy is one
            # moment even while other connections write (a stepwise copy restarts
            # whenever another connection writes, and may never finish).
            source.backup(copy, pages=-1)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            _quick_check(copy, "The backup")
        finally:
            copy.close()
    finally:
        source.close()
    os.replace(partial, target)
    return "SQLite's online backup API"


def restore(engine: sa.Engine, source: Path) -> str:
    """Copy the backup into the (empty) database behind ``engine``."""
    target_path = database_path(engine)
    engine.dispose()  # no pooled connection keeps the old, empty file open
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        _quick_check(backup, "The backup file")
        target = sqlite3.connect(target_path, timeout=30)
        try:
            backup.backup(target, pages=-1)
        finally:
            target.close()
    finally:
        backup.close()
    engine.dispose()
    return "SQLite's online backup API"
