"""Evidence files for activities: PDF, PNG or JPEG up to 5 MB, checked by content (not
just the extension), stored under ``instance/evidence/`` (never under ``static/``) and
served only, as an attachment, to people who may see the activity's evidence."""

import secrets
from pathlib import Path

from flask import current_app

from core.audit import record_event
from core.errors import ValidationFailed
from core.extensions import db
from core.permissions import require
from development import permissions as perms

MAX_BYTES = 5 * 1024 * 1024
SIGNATURES = {
    ".pdf": (b"%PDF-", "application/pdf"),
    ".png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    ".jpg": (b"\xff\xd8\xff", "image/jpeg"),
    ".jpeg": (b"\xff\xd8\xff", "image/jpeg"),
}


def evidence_dir() -> Path:
    path = Path(current_app.instance_path) / "evidence"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _refuse(message: str):
    raise ValidationFailed("The file was not saved.", {"evidence_file": message})


def attach_evidence_file(actor, activity, filename: str, data: bytes):
    """Store an uploaded file as the activity's evidence (replacing an earlier one)."""
    require(perms.can_edit_activity(actor, activity), "Only the owner adds evidence.")
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
    stored = f"{secrets.token_hex(16)}{suffix}"
    (evidence_dir() / stored).write_bytes(data)
    old = activity.evidence_file
    activity.evidence_file = stored
    activity.evidence_file_name = Path(filename).name[:200]
    activity.evidence_mime = mime
    db.session.flush()
    record_event(
        actor, activity, "evidence_file_added", {"name": activity.evidence_file_name}
    )
    if old:
        (evidence_dir() / old).unlink(missing_ok=True)
    return activity


def evidence_file_path(actor, activity) -> Path:
    """The stored file, for someone who may see the activity's evidence.

    :raises NotFound: no file, or the caller may not see it.
    """
    from core.errors import NotFound

    if not activity.evidence_file or not perms.can_view_private_parts(actor, activity):
        raise NotFound("No evidence file.")
    path = evidence_dir() / activity.evidence_file
    if not path.is_file():
        raise NotFound("No evidence file.")
    return path
