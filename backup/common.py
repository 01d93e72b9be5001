"""What both engines share: the kind of a backup file, the emptiness check, the
row-count summary, and the console messages."""

import time
from pathlib import Path

import click
import sqlalchemy as sa

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(click.ClickException):
    """A refusal or failure, printed as ``Error: …`` with exit status 1."""


def file_kind(path: Path) -> str:
    """``sqlite`` or ``postgresql``, from the file's first bytes."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file.")
    with path.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise BackupError(
        f"{path} is not a Trellis backup (neither SQLite nor pg_dump -Fc)."
    )


def require_empty(engine: sa.Engine) -> None:
    """Refuse a target that already has tables."""
    tables = sa.inspect(engine).get_table_names()
    if tables:
        raise BackupError(
            f"The database {safe_url(engine)} is not empty ({len(tables)} tables). "
            "Restore only into a new, empty database: create one and point "
            "DATABASE_URL at it."
        )


def row_counts(engine: sa.Engine) -> dict[str, int]:
    """Rows per table, every table of the database."""
    counts = {}
    with engine.connect() as conn:
        for name in sorted(sa.inspect(conn).get_table_names()):
            table = sa.table(name)
            counts[name] = conn.scalar(sa.select(sa.func.count()).select_from(table))
    return counts


def safe_url(engine_or_url) -> str:
    url = getattr(engine_or_url, "url", engine_or_url)
    return sa.make_url(url).render_as_string(hide_password=True)


def human_size(size: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return ""  # unreachable


def say(message: str) -> None:
    click.echo(message)


class Timer:
    def __enter__(self):
        self.start = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.seconds = time.monotonic() - self.start
