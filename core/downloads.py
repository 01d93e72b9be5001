"""One way to send stored bytes as a download, for HTML pages and the API alike.

Always an attachment (never rendered inline, so an uploaded file cannot run in the app's
origin), with the content type checked at upload rather than guessed from the name,
``X-Content-Type-Options: nosniff``, and a strong ``ETag`` from the SHA-256 of the bytes
(so ``If-None-Match`` answers 304 and ``Range`` works on any node).
"""

import io
from datetime import datetime

from flask import Response, send_file


def attachment_response(
    data: bytes,
    *,
    content_type: str,
    filename: str,
    sha256: str,
    last_modified: datetime | None = None,
) -> Response:
    """Send ``data`` as an attachment named ``filename``."""
    response = send_file(
        io.BytesIO(data),
        mimetype=content_type or "application/octet-stream",
        as_attachment=True,
        download_name=filename or "download",
        etag=sha256,
        last_modified=last_modified,
        conditional=True,
        max_age=None,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def stored_file_response(blob, filename: str) -> Response:
    """A stored upload as an attachment: ``blob`` has ``data``, ``content_type``,
    ``sha256`` and ``created_at`` (its upload time, sent as Last-Modified)."""
    return attachment_response(
        blob.data,
        content_type=blob.content_type,
        filename=filename,
        sha256=blob.sha256,
        last_modified=blob.created_at,
    )
