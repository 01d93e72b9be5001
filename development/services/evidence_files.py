"""Evidence files for activities: PDF, PNG or JPEG up to 5 MB, checked by content (not
just the extension), stored in the database (``evidence_blobs``, never on a node's disk
and never under ``static/``) and served only, as an attachment, to people who may see
the activity's evidence.

In the database so that web nodes stay stateless: any node serves a file another node
took, and a database backup holds every file. Replacing a file deletes the old blob in
the same transaction (one blob per activity; see ``development.models.evidence``).
"""

import hashlib
from pathlib import Path

import sqlalchemy as sa

from core.audit import record_event
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.permissions import require
from development import permissions as perms
from development.models import EvidenceBlob

MAX_BYTES = 5 * 1024 * 1024
SIGNATURES = {
    ".pdf": (b"%PDF-", "application/pdf"),
    ".png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    ".jpg": (b"\xff\xd8\xff", "image/jpeg"),
    ".jpeg": (b"\xff\xd8\xff", "image/jpeg"),
}


def _refuse(message: str):
    raise ValidationFailed("The file was not saved.", {"evidence_file": message})


def checked_content_type(filename: str, data: bytes) -> str:
    """The content type of an acceptable upload.

    :raises ValidationFailed: wrong kind, empty, too large, or not what its name says.
    """
    suffix = Path(filename or "").suffix.lower()
    if suffix not in SIGNATURES:
        _refuse("Upload a PDF, PNG or JPEG file.")
    if not data:
        _refuse("The file is empty.")
    if len(data) > MAX_BYTES:
        _refuse("The file is larger than 5 MB.")
    magic, mime = SIGNATURES[suffix]
    if not data.startswith(magic):
        _refuse(f"The file is not a real {suffix.lstrip('.').upper()} file.")
    return mime


def attach_evidence_file(actor, activity, filename: str, data: bytes):
    """Store an uploaded file as the activity's evidence (replacing an earlier one)."""
    require(perms.can_edit_activity(actor, activity), "Only the owner adds evidence.")
    content_type = checked_content_type(filename, data)
    db.session.execute(
        sa.delete(EvidenceBlob).where(EvidenceBlob.activity_id == activity.id)
    )
    blob = EvidenceBlob(
        activity_id=activity.id,
        data=data,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    db.session.add(blob)
    activity.evidence_file_name = Path(filename).name[:200]
    db.session.flush()
    # Not the file's name: a private activity's evidence is its owner's alone, and HR
    # reads the audit trail.
    record_event(
        actor,
        activity,
        "evidence_file_added",
        {"content_type": content_type, "size": len(data), "sha256": blob.sha256},
    )
    return activity


def get_evidence_file(actor, activity) -> EvidenceBlob:
    """The stored file, for someone who may see the activity's evidence.

    :raises NotFound: no file, or the caller may not see it.
    """
    if not activity.has_evidence_file or not perms.can_view_private_parts(
        actor, activity
    ):
        raise NotFound("No evidence file.")
    blob = db.session.scalar(
        sa.select(EvidenceBlob).where(EvidenceBlob.activity_id == activity.id)
    )
    if blob is None:
        raise NotFound("No evidence file.")
    return blob
