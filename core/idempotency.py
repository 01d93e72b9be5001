"""Safe retries: the ``Idempotency-Key`` request header on every authenticated API POST.

A client whose connection drops after the server committed cannot tell whether its POST
happened; retrying must not create a second row. So every POST of every ``ApiBlueprint``
— except public ones, i.e. the token exchange, which has no user to scope a key by —
takes an optional ``Idempotency-Key``. ``core.api.ApiBlueprint`` installs the two hooks
below and documents the header on each such operation, so no endpoint can forget it.
Decision: *every* POST, not only the creating ones (201): an action (share, verify,
bulk-assign, import) retried after a lost answer then gets its first answer too,
instead of a 412 or a second run.

1. ``begin`` (``before_request``, after authentication and the role gate) checks the key
   (1–255 printable ASCII characters, no space at either end, else 422) and hashes
   method, path, query and the canonical body (JSON re-serialised with sorted keys; a
   multipart form as its fields and each file's SHA-256). Then, for the caller and key:
   - a live record (younger than 24 h) with another hash → 422 naming the header;
   - a live record with a stored answer → that answer again (status, body,
     Content-Type, ETag, Location, plus ``Idempotent-Replayed: true``); nothing runs;
   - a live record without an answer → 409 "still in progress";
   - an expired record is deleted: the key is free again (``purge_idempotency_keys``
     removes the rest daily).
   Otherwise it inserts the record and *flushes without committing*: the record joins
   the transaction the view commits, so the created row and the record become visible
   together. A concurrent duplicate's INSERT meets the unique (user_id, key) constraint
   — PostgreSQL makes it wait for the first transaction, SQLite for the write lock —
   and is then answered from the record as above.
2. ``finish`` (``after_request``) stores the answer on the record and commits.

The gap: smorest serialises a view's answer after the view returns, i.e. after its
commit, so the answer is stored by a second commit. A worker killed between the two
leaves a record with no answer: retries get 409 until it expires, never a second row
(the client can look the row up; GET is always safe). Closing the gap would need every
view to serialise before committing.

An error answer from a request that committed nothing is not kept (its transaction,
record included, is rolled back), so the client may correct the body and retry with
the same key; an answer from a request that did commit is kept, whatever its status.

Private data: a stored answer is the body the caller received — the owner's answer to
``POST /interviews`` holds their private notes. A record is looked up by (user, key)
only and replayed only to that user; no page, API or export reads this table.
"""

import hashlib
import json
import logging
import re
from datetime import datetime, timedelta
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import current_app, g, request
from flask_login import current_user
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from core.db import utcnow
from core.errors import json_error
from core.extensions import Model, db

log = logging.getLogger("trellis.idempotency")

HEADER = "Idempotency-Key"
LIFETIME = timedelta(hours=24)
MAX_KEY_LENGTH = 255
# Printable ASCII, no space at either end (HTTP trims a field value's edges).
KEY_PATTERN = re.compile(r"[!-~](?:[ -~]{0,253}[!-~])?")
REPLAYED_HEADERS = ("Content-Type", "ETag", "Location")
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
IN_PROGRESS = "A request with this key is still in progress."
BAD_KEY = (
    "Idempotency-Key must be 1 to 255 printable ASCII characters, "
    "not starting or ending with a space."
)
REUSED_KEY = (
    "Idempotency-Key was already used for a different request in the last 24 hours; "
    "send a new key for a new request."
)
HEADER_DOC = {
    "description": "Makes a retry safe: the same key from the same user within 24 "
    "hours answers with the first response and does nothing again; the same key "
    "with a different request is a 422; while the first is running, a 409.",
    "required": False,
    "schema": {
        "type": "string",
        "minLength": 1,
        "maxLength": MAX_KEY_LENGTH,
        "pattern": "^[!-~]([ -~]*[!-~])?$",
    },
}


class IdempotencyRecord(Model):
    """One (user, key): the request's hash and, once answered, the answer."""

    __tablename__ = "idempotency_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(MAX_KEY_LENGTH))
    request_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    status_code: Mapped[int | None]  # None: the first request has not answered yet
    body: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    headers: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)

    __table_args__ = (sa.UniqueConstraint("user_id", "key"),)


def is_valid_key(key: str) -> bool:
    return KEY_PATTERN.fullmatch(key) is not None


def request_fingerprint(req) -> str:
    """SHA-256 of method, path, sorted query and canonical body."""
    query = urlencode(sorted(req.args.items(multi=True)))
    digest = hashlib.sha256()
    for part in (req.method.encode(), req.path.encode(), query.encode()):
        digest.update(part + b"\0")
    digest.update(_canonical_body(req))
    return digest.hexdigest()


def _canonical_body(req) -> bytes:
    if req.mimetype in FORM_TYPES:  # boundaries differ from one retry to the next
        fields = sorted(req.form.items(multi=True))
        files = []
        for name, upload in req.files.items(multi=True):
            files.append((name, upload.filename or "", _file_digest(upload.stream)))
        return json.dumps([fields, sorted(files)]).encode()
    raw = req.get_data(cache=True)
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return raw
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


def _file_digest(stream) -> str:
    digest = hashlib.sha256(stream.read()).hexdigest()
    stream.seek(0)  # the view reads the upload again
    return digest


def _find(user_id: int, key: str) -> IdempotencyRecord | None:
    return db.session.scalar(
        sa.select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
        )
    )


def begin(user_id: int, key: str, request_hash: str, *, now=None):
    """Claim ``key`` for this request: ``(record, None)`` when the request should run
    (the record is flushed into its transaction), else ``(None, answer)``."""
    now = now or utcnow()
    record = _find(user_id, key)
    if record is not None and record.created_at < now - LIFETIME:
        db.session.delete(record)  # expired: as if it were not there
        db.session.flush()
        record = None
    if record is None:
        record = IdempotencyRecord(
            user_id=user_id, key=key, request_hash=request_hash, created_at=now
        )
        db.session.add(record)
        try:
            db.session.flush()
        except IntegrityError:  # a concurrent request with this key committed first
            db.session.rollback()
            record = _find(user_id, key)
            if record is None:  # …and was itself rolled back since: try again later
                return None, json_error(409, IN_PROGRESS)
        else:
            return record, None
    return None, _answer(record, request_hash)


def _answer(record: IdempotencyRecord, request_hash: str):
    if record.request_hash != request_hash:
        return json_error(422, REUSED_KEY, {HEADER: [REUSED_KEY]})
    if record.status_code is None:
        return json_error(409, IN_PROGRESS)
    response = current_app.response_class(record.body, status=record.status_code)
    for name, value in (record.headers or {}).items():
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response


def before_post(exempt_endpoints) -> object | None:
    """``before_request``: answer a repeated POST, or claim its key and let it run."""
    if request.method != "POST" or request.endpoint in exempt_endpoints:
        return None
    key = request.headers.get(HEADER)
    if key is None or not current_user.is_authenticated:
        return None
    if not is_valid_key(key):
        return json_error(422, BAD_KEY, {HEADER: [BAD_KEY]})
    record, answer = begin(current_user.id, key, request_fingerprint(request))
    if record is not None:
        session = db.session()
        g.idempotency = {"record": record, "session": session, "committed": False}
        sa.event.listen(session, "after_commit", _mark_committed)
    return answer


def _mark_committed(session) -> None:
    state = g.get("idempotency")
    if state is not None and state["session"] is session:
        state["committed"] = True


def finish(response):
    """``after_request``: keep the answer on the claimed record and commit it."""
    state = g.pop("idempotency", None)
    if state is None:
        return response
    sa.event.remove(state["session"], "after_commit", _mark_committed)
    if response.status_code >= 400 and not state["committed"]:
        db.session.rollback()  # nothing happened: the key stays free
        return response
    record = state["record"]
    try:
        record.status_code = response.status_code
        record.body = response.get_data()
        record.headers = {
            name: response.headers[name]
            for name in REPLAYED_HEADERS
            if name in response.headers
        }
        db.session.commit()
    except SQLAlchemyError:  # the work is committed; retries get 409, never a copy
        db.session.rollback()
        log.exception("could not store the answer for an idempotency key")
    return response


def purge_idempotency_keys(now: datetime) -> int:
    """Delete records older than 24 hours (a job: idempotent, returns the count)."""
    result = db.session.execute(
        sa.delete(IdempotencyRecord).where(
            IdempotencyRecord.created_at < now - LIFETIME
        )
    )
    db.session.flush()
    return result.rowcount or 0
