"""Domain errors and their two renderings: HTML for pages, JSON under ``/api/``.

Every error body under ``/api/`` has the shape ``{code, status, message, errors?}`` —
the same as flask-smorest's own payload, so clients parse one format.
"""

from http import HTTPStatus

from flask import jsonify, render_template, request
from flask_smorest import Api
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors


class PermissionDenied(DomainError):
    status_code = 403


class NotFound(DomainError):
    status_code = 404


class InvalidTransition(DomainError):
    status_code = 409


class Conflict(DomainError):
    status_code = 409


class ValidationFailed(DomainError):
    """A rule that needs the database (unique email, manager loop); carries field errors."""

    status_code = 422


def wants_json() -> bool:
    return request.path.startswith("/api/")


def json_error(code: int, message: str, errors: dict | None = None, headers=None):
    payload = {"code": code, "status": HTTPStatus(code).phrase, "message": message}
    if errors:
        payload["errors"] = errors
    response = jsonify(payload)
    response.status_code = code
    if headers:
        response.headers.update(headers)
    return response


class TrellisApi(Api):
    """flask-smorest Api whose HTTP errors render as HTML outside ``/api/``."""

    def handle_http_exception(self, error):
        if not wants_json():
            return _html_error(error.code or 500, error.description)
        response = super().handle_http_exception(error)
        if error.code == 422:
            # webargs nests field messages by location; flatten "json" for clients.
            errors = response.json.get("errors") or {}
            body = dict(response.json)
            if isinstance(errors, dict) and set(errors) <= {"json", "query", "headers"}:
                merged: dict = {}
                for part in errors.values():
                    merged.update(part)
                body["errors"] = merged
            body.setdefault("message", "The input is not valid.")
            return json_error(422, body["message"], body.get("errors"))
        return response


def _html_error(code: int, message: str | None = None):
    return (
        render_template("errors/error.html", code=code, message=message),
        code,
    )


def register_error_handlers(app) -> None:
    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        from core.extensions import db

        db.session.rollback()
        if wants_json():
            return json_error(error.status_code, error.message, error.errors)
        return _html_error(error.status_code, error.message)

    @app.errorhandler(StaleDataError)
    def handle_stale(error):
        from core.extensions import db

        db.session.rollback()
        message = "Someone else changed this record; reload and try again."
        if wants_json():
            return json_error(409, message)
        return _html_error(409, message)

    @app.errorhandler(HTTPException)
    def handle_http(error: HTTPException):
        if wants_json():
            return json_error(error.code or 500, error.description or "")
        return _html_error(error.code or 500, error.description)
