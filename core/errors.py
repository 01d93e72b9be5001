"""Domain errors and their two renderings: HTML for pages, JSON under ``/api/``.

Every error body under ``/api/`` has the shape ``{code, status, message, errors?}`` —
the same as flask-smorest's own payload, so clients parse one format.
"""

from http import HTTPStatus

from flask import jsonify, render_template, request
from flask_smorest import Api
from sqlalchemy.orm.exc import StaleDataError

from core.openapi import PAGINATION_HEADER, bounded_text_properties


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
    """flask-smorest Api whose HTTP errors render as HTML outside ``/api/`` (with the
    ``Allow`` of a 405 kept), and whose ``X-Pagination`` is documented as the JSON text
    it is (``core.openapi``)."""

    def _init_spec(self, *args, **kwargs):
        super()._init_spec(*args, **kwargs)
        self.ma_plugin.converter.add_attribute_function(bounded_text_properties)

    def register_blueprint(self, blp, **options):
        super().register_blueprint(blp, **options)
        tag = getattr(blp, "tag", None)
        if tag:
            # smorest lists the blueprint's name as its tag; our blueprints tag their
            # operations with a human heading (``ApiBlueprint.tag``), so rename it.
            for entry in self.spec._tags:
                if entry["name"] == blp.name:
                    entry["name"] = tag

    def _register_pagination_header(self):
        self.spec.components.header("PAGINATION", PAGINATION_HEADER, lazy=True)

    def handle_http_exception(self, error):
        if not wants_json():
            return (*_html_error(error.code or 500, error.description), _allow(error))
        payload, code, headers = super().handle_http_exception(error)
        headers = {**(headers or {}), **_allow(error)}
        errors = payload.get("errors")
        if isinstance(errors, dict) and set(errors) <= {"json", "query", "headers"}:
            # webargs nests field messages by location; clients get one flat dict.
            merged: dict = {}
            for part in errors.values():
                if isinstance(part, dict):
                    merged.update(part)
                else:
                    merged.setdefault("_schema", []).extend(part)
            errors = merged
        message = payload.get("message") or (
            "The input is not valid." if code == 422 else error.description or ""
        )
        return json_error(code, message, errors, headers)


def _allow(error) -> dict:
    """A 405 names the methods the URL does take (RFC 9110 §15.5.6); smorest's handler
    drops werkzeug's own headers, so the ``Allow`` is carried over here."""
    methods = getattr(error, "valid_methods", None)
    return (
        {"Allow": ", ".join(sorted(methods))} if error.code == 405 and methods else {}
    )


def _html_error(code: int, message: str | None = None):
    return (
        render_template("errors/error.html", code=code, message=message),
        code,
    )


def register_error_handlers(app) -> None:
    """Domain errors and stale versions; HTTP errors go through ``TrellisApi``.

    The session is reached through the app (Flask-SQLAlchemy registers itself as
    ``app.extensions["sqlalchemy"]``): ``core.extensions`` imports this module for
    ``TrellisApi``, so importing it back here would close a circle.
    """

    def rollback() -> None:
        app.extensions["sqlalchemy"].session.rollback()

    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        rollback()
        if wants_json():
            return json_error(error.status_code, error.message, error.errors)
        return _html_error(error.status_code, error.message)

    @app.errorhandler(StaleDataError)
    def handle_stale(error):
        rollback()
        message = "Someone else changed this record; reload and try again."
        if wants_json():
            return json_error(409, message)
        return _html_error(409, message)
