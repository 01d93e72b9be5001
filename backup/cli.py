"""``flask backup create PATH`` and ``flask backup restore PATH`` (see ``backup``)."""

from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from backup import postgres, sqlite
from backup.common import (
    BackupError,
    Timer,
    file_kind,
    human_size,
    require_empty,
    row_counts,
    safe_url,
    say,
)
from core.extensions import db

backup_cli = AppGroup(
    "backup", help="Back up the whole database (evidence files included); restore."
)

ENGINES = {"sqlite": sqlite, "postgresql": postgres}


def _kind(engine: sa.Engine) -> str:
    name = engine.dialect.name
    if name not in ENGINES:
        raise BackupError(f"No backup for a {name} database (SQLite or PostgreSQL).")
    return name


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--overwrite", is_flag=True, help="Replace an existing file at PATH.")
def create(path: Path, overwrite: bool) -> None:
    """Write a backup of the app's database to PATH (safe while the app runs)."""
    engine = db.engine
    kind = _kind(engine)
    if path.exists() and not overwrite:
        raise BackupError(f"{path} exists; choose a new path or pass --overwrite.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    say(f"Backing up {safe_url(engine)} ({kind}) to {path} …")
    with Timer() as timer:
        tool = ENGINES[kind].create(engine, path)
    if tool:
        say(f"  with {tool}")
    say(f"Wrote {path}: {human_size(path.stat().st_size)} in {timer.seconds:.1f} s.")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore(path: Path) -> None:
    """Restore the backup at PATH into the app's database, which must be empty."""
    engine = db.engine
    kind = _kind(engine)
    found = file_kind(path)
    if found != kind:
        raise BackupError(
            f"{path} is a {found} backup but the app's database is {kind}: restore "
            "it into a database of the same kind."
        )
    require_empty(engine)
    say(
        f"Restoring {path} ({human_size(path.stat().st_size)}) into {safe_url(engine)} …"
    )
    with Timer() as timer:
        tool = ENGINES[kind].restore(engine, path)
    if tool:
        say(f"  with {tool}")
    counts = row_counts(engine)
    say(
        f"Restored {len(counts)} tables, {sum(counts.values()):,} rows in "
        f"{timer.seconds:.1f} s; schema revision {_revision(engine)}."
    )
    for name, count in counts.items():
        say(f"  {name}: {count:,}")
    say("Run `flask db upgrade` if the backup comes from an older release.")


def _revision(engine: sa.Engine) -> str:
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return "none (no alembic_version table)"
        return conn.scalar(sa.text("SELECT version_num FROM alembic_version")) or "none"
