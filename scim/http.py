"""What every ``/scim/v2`` answer shares: the media type, the base URL, and the one
mapping of a failure — ours, scim2-models', a people service's, werkzeug's or an
unexpected one — onto a SCIM error (RFC 7644 §3.12)."""

import json

from flask import current_app, request
from pydantic import ValidationError
from scim2_models import Context, SCIMException
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from core.errors import DomainError
from scim.resources import ScimError, from_validation

PREFIX = "/scim/v2"
MEDIA_TYPE = "application/scim+json"
# A people service's refusal: its status, but a validation failure is SCIM's 400.
DOMAIN_STATUS = {403: 403, 404: 404, 409: 409, 422: 400}


def base_url() -> str:
    """The SCIM root as the provider reached it (``meta.location``, ``$ref``)."""
    return request.url_root.rstrip("/") + PREFIX


def scim_response(payload: dict, status: int = 200, headers=None):
    response = current_app.response_class(
        json.dumps(payload), status=status, mimetype=MEDIA_TYPE
    )
    response.headers.update(headers or {})
    response.headers["Cache-Control"] = "no-store"  # people's data, per token
    return response


def error_response(error: ScimError, headers: dict | None = None):
    payload = error.to_error().model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
    return scim_response(payload, error.status, headers)


def as_scim_error(error: Exception) -> tuple[ScimError, dict]:
    """The SCIM error for ``error``, and the headers it needs (a 401's challenge, a
    405's ``Allow``). An unexpected failure is logged and says nothing of itself."""
    if isinstance(error, ScimError):
        challenge = {"WWW-Authenticate": 'Bearer realm="scim"'}
        return error, challenge if error.status == 401 else {}
    if isinstance(error, SCIMException):
        return ScimError(error.status, error.detail, error.scim_type), {}
    if isinstance(error, ValidationError):
        return from_validation(error), {}
    if isinstance(error, DomainError):
        status = DOMAIN_STATUS.get(error.status_code, 400)
        scim_type = "invalidValue" if status == 400 else None
        return ScimError(status, error.message, scim_type), {}
    if isinstance(error, HTTPException):
        headers = {}
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            headers["Allow"] = ", ".join(sorted(error.valid_methods))
        return ScimError(error.code or 500, error.description or error.name), headers
    current_app.logger.exception("SCIM request failed")
    return ScimError(500, "The request failed on the server; nothing was saved."), {}
