"""Backups: ``flask backup create PATH`` and ``flask backup restore PATH``.

A backup is one file holding the whole database — every table, including the evidence
files (``evidence_blobs``), so nothing on a web node's disk needs saving. It is taken
while the app runs and writes go on, and it is a consistent snapshot of one moment:

- SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) in a single step,
  which reads inside one transaction (in WAL mode writers are not blocked); the copy is
  switched to the rollback journal, checked with ``PRAGMA quick_check`` and moved into
  place, so a half-written file never has the final name.
- PostgreSQL: ``pg_dump -Fc`` (its own repeatable-read snapshot), restored with
  ``pg_restore --single-transaction --no-owner --no-acl`` (all or nothing, owned by
  whoever restores). The client binaries are looked up on ``PATH``, then in
  ``/usr/lib/postgresql/<newest>/bin``; when missing the command names the binary.

Restore goes only into an **empty** database (no tables): it never merges into or
overwrites live data. It then prints the schema revision and the row counts; a backup
from an older release is brought up to date with ``flask db upgrade``.

The file's first bytes say what it is (``SQLite format 3`` / ``PGDMP``), so restoring a
dump into the other kind of database is refused with a clear message.
"""
