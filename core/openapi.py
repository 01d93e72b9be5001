"""The OpenAPI document says what the server does: the pieces flask-smorest leaves out
or gets wrong, in one place.

- ``X-Pagination`` is sent as JSON text (``json.dumps`` of the page metadata), so it is
  documented as an ``application/json`` header whose content has the metadata's schema
  (OpenAPI 3.1 header ``content``), with an example — not as an object, which a client
  would expect in the header's ``simple`` style (``total,12,page,1``).
- A JSON request body documented ``required: true`` is required: webargs reads a
  missing body as ``{}``, so ``POST /api/v1/interviews`` with no body at all created an
  interview. ``require_json_body`` answers 422 before the body is parsed (415 for a
  body that is not JSON, which webargs also read as ``{}``); a body that is genuinely
  optional is declared ``@blp.arguments(Schema, required=False)``.
- Text fields document what ``core.fields`` refuses (a ``pattern`` without control
  characters), so a NUL is a documented 422 — for clients and for Schemathesis'
  positive data alike.
- ``If-Match``: an operation that checks a version must show ``If-Match``, 412 and 428
  in its document (``ensure_if_match_documented`` raises otherwise); a view that sets
  an ``ETag`` by hand says so with ``@sends_etag``.
- File downloads list the media types the upload check allows (``download_responses``).
- A 405 carries ``Allow`` (``core.errors``).
"""

from copy import deepcopy
from functools import wraps

from flask import current_app, request
from flask_smorest import abort
from flask_smorest.pagination import PaginationMetadataSchema

PAGINATION_EXAMPLE = {
    "total": 60,
    "total_pages": 3,
    "first_page": 1,
    "last_page": 3,
    "page": 2,
    "previous_page": 1,
    "next_page": 3,
}

PAGINATION_HEADER = {
    "description": (
        "Pagination metadata, sent as JSON text. `total` and `total_pages` are always "
        "there; `first_page`, `last_page` and `page` when the list is not empty and "
        "the page exists; `previous_page` and `next_page` when there is one."
    ),
    "content": {
        "application/json": {
            "schema": PaginationMetadataSchema,
            "example": PAGINATION_EXAMPLE,
        }
    },
}

BODY_REQUIRED = "A JSON request body is required."

# What ``core.fields`` refuses, as JSON Schema patterns (ECMA 262, read the same by
# Python and Rust): one line has no C0 control character (nor DEL); several lines may
# hold tab, line feed and carriage return (read as a line feed).
ONE_LINE = r"^[^\u0000-\u001F\u007F]*$"
MULTI_LINE = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$"
# What marshmallow's ``URL`` validator takes (an http(s) or ftp(s) address on a named
# host with a top-level domain), stated narrowly so that anything it matches passes.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
WEB_URL = (
    r"(?:https?|ftps?)://(?:" + _LABEL + r"\.)+[A-Za-z]{2,6}(?::[0-9]{1,5})?"
    r"(?:/|[/?][^\s\u0000-\u001F\u007F]+)?"
)


def bounded_text_properties(self, field, ret, **kwargs) -> dict:
    """apispec attribute function: a ``core.fields`` string documents the characters
    it refuses (``pattern``), so a client — and Schemathesis — knows a NUL is a 422."""
    from core.fields import EmailText, LongText, Text, UrlText

    if isinstance(field, LongText):
        return {"pattern": MULTI_LINE}
    if isinstance(field, UrlText):
        # An optional URL's default "" means none (``core.fields``): allowed too.
        optional = "?" if field.load_default == "" else ""
        return {"format": "uri", "pattern": f"^(?:{WEB_URL}){optional}$"}
    if isinstance(field, Text | EmailText):
        return {"pattern": ONE_LINE}
    return {}


def require_json_body(view):
    """Wrap ``view`` (already wrapped by webargs) so a request without a JSON body is a
    422 naming the body, as the document's ``requestBody.required`` says."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not request.get_data(cache=True):
            abort(
                422, message=BODY_REQUIRED, errors={"json": {"_body": [BODY_REQUIRED]}}
            )
        if not request.is_json:
            abort(415, message="Send the body as application/json.")
        return view(*args, **kwargs)

    return wrapper


class UndocumentedIfMatch(RuntimeError):
    """An operation demanded ``If-Match`` that its document does not list."""


def ensure_if_match_documented() -> None:
    """Refuse to demand ``If-Match`` on an operation whose document does not say so.

    Called where the API checks a version (``check_version``, ``require_if_match``):
    a PUT/PATCH/DELETE must carry ``@blp.etag`` (smorest then documents ``If-Match``,
    412 and 428); any other method ``@blp.if_match``. A forgotten decorator fails every
    test that reaches the operation instead of shipping an undocumented 428.

    :raises UndocumentedIfMatch:
    """
    view = current_app.view_functions.get(request.endpoint)
    view_class = getattr(view, "view_class", None)
    method = getattr(view_class, request.method.lower(), None)
    doc = getattr(method, "_apidoc", {})
    if doc.get("if_match") or (
        doc.get("etag") and request.method in ("PUT", "PATCH", "DELETE")
    ):
        return
    raise UndocumentedIfMatch(
        f"{request.method} {request.endpoint} checks If-Match but its OpenAPI "
        "operation does not document it: decorate it with @blp.if_match "
        "(or @blp.etag on PUT/PATCH/DELETE)."
    )


def download_responses(media_types, description: str) -> dict:
    """``@blp.doc(responses=…)`` of an operation that sends stored bytes through
    ``core.downloads.attachment_response``: each media type the upload check lets in
    (the type is checked at upload, never guessed), the strong ``ETag`` and the
    ``Content-Disposition`` it always sends, 304 for a matching ``If-None-Match`` and
    206 for a ``Range``."""
    headers = {
        "ETag": {
            "description": "The SHA-256 of the bytes.",
            "required": True,
            "schema": {"type": "string"},
        },
        "Content-Disposition": {
            "description": "Always `attachment`, with the file name.",
            "required": True,
            "schema": {"type": "string"},
        },
    }
    content = {
        t: {"schema": {"type": "string", "format": "binary"}} for t in media_types
    }
    return {
        "200": {"description": description, "headers": headers, "content": content},
        "206": {
            "description": "The byte range a `Range` header asked for.",
            "headers": headers,
            "content": content,
        },
        "304": "NOT_MODIFIED",
    }


def sends_etag(func):
    """Document the ``ETag`` a view sets by hand (``response.set_etag``) on its
    success responses, as ``@blp.etag`` does for the views it wraps."""
    func._apidoc = {**deepcopy(getattr(func, "_apidoc", {})), "sends_etag": True}
    return func


def prepare_sends_etag_doc(doc, doc_info, **kwargs):
    """Blueprint doc callback for ``sends_etag``."""
    if doc_info.get("sends_etag"):
        for code, response in doc.get("responses", {}).items():
            if str(code).startswith("2") and isinstance(response, dict):
                response.setdefault("headers", {})["ETag"] = "ETAG"
    return doc


def human_tag(blueprint_name: str) -> str:
    """The docs heading for a blueprint: ``personal_tokens_api`` → "Personal tokens"."""
    words = blueprint_name.removesuffix("_api").replace("_", " ").strip()
    return words[:1].upper() + words[1:]
