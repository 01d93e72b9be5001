"""A preview → confirm step that confirms exactly what was previewed.

An upload page that shows a dry run before it writes (HR's people import) must not let
the confirm write something else: a file changed between the two steps, or a form
edited in the browser. The preview page carries the previewed text back in a hidden
field *sealed* by the server: compressed and signed (itsdangerous, keyed by
``SECRET_KEY`` with a salt per purpose), bound to the account that previewed it, valid
for ``MAX_AGE``. The confirm opens the seal and imports the text inside it, so a changed
text cannot pass; ``sha256`` names the file on the page (the digest HR compares). The
seal also holds a ``summary`` of the preview (counts), which the confirm compares with
its own run, so a database changed in between is refused too.

Why not keep the upload on the server, keyed by its digest: it would need a table or
shared disk for a few minutes' state (the app keeps no files on disk), and a sealed
field needs neither. Werkzeug refuses form fields over 500 kB (``MAX_FORM_MEMORY_SIZE``),
so the seal is compressed; ``fits`` says whether one is small enough to post back.
"""

import hashlib

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer

MAX_AGE = 3600  # seconds
FORM_LIMIT = 450_000  # characters: under Werkzeug's 500 kB form-field limit


class PreviewExpired(Exception):
    """The sealed preview is too old, altered, or another account's."""


def sha256(text: str) -> str:
    """The hex SHA-256 of ``text`` as UTF-8."""
    return hashlib.sha256(text.encode()).hexdigest()


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"], salt=f"trellis preview {purpose}"
    )


def seal(purpose: str, user_id: int, text: str, summary=None) -> str:
    """The token that carries ``text`` (and the preview's JSON-able ``summary``) from
    the preview to the confirm."""
    return _serializer(purpose).dumps({"u": user_id, "t": text, "s": summary})


def fits(token: str) -> bool:
    """Whether the sealed token is small enough to post back in a form field."""
    return len(token) <= FORM_LIMIT


def open_seal(purpose: str, user_id: int, token: str, *, max_age=MAX_AGE):
    """``(text, summary)`` sealed for ``user_id`` at most ``max_age`` seconds ago.

    :raises PreviewExpired: too old, altered, or sealed for another account.
    """
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except BadData as err:
        raise PreviewExpired from err
    if not isinstance(data, dict) or data.get("u") != user_id:
        raise PreviewExpired
    text = data.get("t")
    if not isinstance(text, str):
        raise PreviewExpired
    return text, data.get("s")
