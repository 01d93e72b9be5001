"""evidence files in the database (evidence_blobs), moved in from instance/evidence

Revision ID: c11e0f1e5b10
Revises: 0ab3d89c2441
Create Date: 2026-12-03 09:45:00.000000

Each activity whose ``evidence_file`` names a file under the app's instance folder
(``instance/evidence/<stored name>``) gets a row in ``evidence_blobs`` with the file's
bytes, its content type (the one checked at upload, ``evidence_mime``), size and SHA-256.
A file that is missing is logged and its activity keeps no file (its name is cleared, so
nothing offers a download that would 404); that is not fatal. The files on disk are left
where they are: delete ``instance/evidence/`` once the upgrade is checked. Then the old
``evidence_file`` and ``evidence_mime`` columns are dropped (on SQLite with
``ALTER TABLE … DROP COLUMN``, SQLite 3.35+, never by rebuilding the table: a rebuild
drops ``development_activities``, which with foreign keys on cascades to its interviews).
The downgrade writes every blob back under ``instance/evidence/``.
"""

import hashlib
import logging
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from flask import current_app

import core.db

# revision identifiers, used by Alembic.
revision = "c11e0f1e5b10"
down_revision = "0ab3d89c2441"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}

activities = sa.table(
    "development_activities",
    sa.column("id", sa.Integer),
    sa.column("evidence_file", sa.String),
    sa.column("evidence_file_name", sa.String),
    sa.column("evidence_mime", sa.String),
)
blobs = sa.table(
    "evidence_blobs",
    sa.column("id", sa.Integer),
    sa.column("activity_id", sa.Integer),
    sa.column("data", sa.LargeBinary),
    sa.column("content_type", sa.String),
    sa.column("size", sa.Integer),
    sa.column("sha256", sa.String),
    sa.column("created_at", core.db.UTCDateTime(timezone=True)),
)


def _evidence_dir() -> Path:
    return Path(current_app.instance_path) / "evidence"


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade():
    op.create_table(
        "evidence_blobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("content_type", sa.String(length=60), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("size >= 0", name=op.f("ck_evidence_blobs_size")),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["development_activities.id"],
            name=op.f("fk_evidence_blobs_activity_id_development_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_blobs")),
        sa.UniqueConstraint("activity_id", name=op.f("uq_evidence_blobs_activity_id")),
    )
    old = _columns("development_activities")
    if "evidence_file" in old:
        _move_files_in("evidence_mime" in old)
        op.drop_column("development_activities", "evidence_file")
    if "evidence_mime" in old:
        op.drop_column("development_activities", "evidence_mime")


def _move_files_in(has_mime: bool) -> None:
    bind = op.get_bind()
    folder = _evidence_dir()
    wanted = [activities.c.id, activities.c.evidence_file]
    if has_mime:
        wanted.append(activities.c.evidence_mime)
    rows = bind.execute(
        sa.select(*wanted)
        .where(activities.c.evidence_file != "")
        .order_by(activities.c.id)
    ).all()
    moved = missing = 0
    for row in rows:
        stored = Path(row.evidence_file).name  # a stored name, never a path
        path = folder / stored
        if not stored or not path.is_file():
            log.warning(
                "evidence file %s of activity %s is missing from %s; "
                "the activity keeps no file",
                row.evidence_file,
                row.id,
                folder,
            )
            bind.execute(
                activities.update()
                .where(activities.c.id == row.id)
                .values(evidence_file_name="")
            )
            missing += 1
            continue
        data = path.read_bytes()  # one file (at most 5 MB) in memory at a time
        mime = (row.evidence_mime if has_mime else "") or TYPES.get(
            path.suffix.lower(), "application/octet-stream"
        )
        bind.execute(
            blobs.insert().values(
                activity_id=row.id,
                data=data,
                content_type=mime,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                created_at=core.db.utcnow(),
            )
        )
        moved += 1
    if rows:
        log.info(
            "evidence files: %d moved into evidence_blobs, %d missing; %s can be "
            "removed once this upgrade is checked",
            moved,
            missing,
            folder,
        )


def downgrade():
    for name, length in (("evidence_file", 120), ("evidence_mime", 60)):
        op.add_column(
            "development_activities",
            sa.Column(
                name, sa.String(length=length), nullable=False, server_default=""
            ),
        )
    _write_files_out()
    op.drop_table("evidence_blobs")


def _write_files_out() -> None:
    """Put each blob back under instance/evidence/ (the older code reads it there)."""
    bind = op.get_bind()
    folder = _evidence_dir()
    suffixes = {mime: suffix for suffix, mime in reversed(TYPES.items())}
    ids = bind.execute(sa.select(blobs.c.id).order_by(blobs.c.id)).scalars().all()
    for blob_id in ids:
        row = bind.execute(sa.select(blobs).where(blobs.c.id == blob_id)).one()
        folder.mkdir(parents=True, exist_ok=True)
        stored = row.sha256[:32] + suffixes.get(row.content_type, "")
        (folder / stored).write_bytes(row.data)
        bind.execute(
            activities.update()
            .where(activities.c.id == row.activity_id)
            .values(evidence_file=stored, evidence_mime=row.content_type)
        )
