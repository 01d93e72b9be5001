"""Evidence file contents, in the database (``evidence_blobs``).

The bytes live in a table of their own, not on the activity row and not on a node's disk:
any web node serves any file, one database backup holds every file, and a list of
activities never reads a file's bytes.

The blob points at its activity (unique: one file per activity), rather than the
activity at the blob: deleting an activity, or the person, deletes the file with it (no
orphan bytes), and adding the table needed no rebuild of ``development_activities`` on
SQLite (a rebuild drops the table, which with foreign keys on cascades to its interviews).
The activity row keeps the file's name; a non-empty ``evidence_file_name`` means a blob
exists. A blob is written once; replacing the file deletes the old blob.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import foreign_key, utcnow
from core.extensions import Model


class EvidenceBlob(Model):
    __tablename__ = "evidence_blobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = foreign_key("development_activities.id", unique=True)
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    # Checked against the file's first bytes when it was uploaded (never the client's).
    content_type: Mapped[str] = mapped_column(sa.String(60))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.CheckConstraint("size >= 0", name="size"),)
