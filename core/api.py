"""Helpers shared by every smorest blueprint: auth gate, version ETags, pagination,
and the ``Idempotency-Key`` on every POST (``core.idempotency``)."""

import http
from copy import deepcopy
from functools import wraps

from flask import request
from flask_login import current_user
from flask_smorest import Blueprint
from flask_smorest.exceptions import PreconditionFailed, PreconditionRequired
from marshmallow import Schema, fields, validate

from core import idempotency, openapi
from core.errors import PermissionDenied
from core.fields import MAX_INT32
from core.pagination import SelectPage


class VersionEtagSchema(Schema):
    """The ETag source of a versioned object: ``{id, version}`` (STYLE.md §3)."""

    id = fields.Integer()
    version = fields.Integer()


class ApiBlueprint(Blueprint):
    """A smorest blueprint whose every request needs a valid bearer token."""

    def __init__(self, *args, public=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._public = set(public)
        self.before_request(self._authenticate)
        # After authentication: a key is scoped by its user. Public endpoints (the
        # token exchange) have no user, so they take no key.
        self.before_request(self._claim_idempotency_key)
        self.after_request(self._keep_idempotent_answer)
        self._prepare_doc_cbks.append(self._prepare_if_match_doc)
        self._prepare_doc_cbks.append(openapi.prepare_sends_etag_doc)
        self._prepare_doc_cbks.append(self._prepare_idempotency_doc)

    def _claim_idempotency_key(self):
        return idempotency.before_post(self._public)

    @staticmethod
    def _keep_idempotent_answer(response):
        return idempotency.finish(response)

    def _authenticate(self):
        from flask import current_app, request

        from core.errors import json_error

        if request.endpoint in self._public:
            return None
        if not current_user.is_authenticated:
            return json_error(401, "Authentication required: send a bearer token.")
        view = current_app.view_functions.get(request.endpoint)
        gates = getattr(getattr(view, "view_class", None), "_gates", {})
        check = gates.get(request.method)
        if check is not None and not check(current_user):
            raise PermissionDenied("You may not do this.")
        return None

    @staticmethod
    def gate(check, *methods):
        """Class decorator: ``methods`` need ``check(user)`` before any input is read.

        The coarse role gate (HR-only writes…) runs before validation, so a caller
        without the right sees 403, never a 422 that reveals the input contract.
        """

        def decorator(cls):
            cls._gates = {**getattr(cls, "_gates", {}), **dict.fromkeys(methods, check)}
            return cls

        return decorator

    def paginate(self, pager=None, **kwargs):
        """smorest's ``paginate`` whose ``page`` has a maximum (2**31 − 1).

        Without one, ``?page=99999999999999999999`` reaches the database as an OFFSET
        beyond BIGINT (a 500 on PostgreSQL); with it, a 422 naming ``page``.
        """
        decorator = super().paginate(pager, **kwargs)

        def bounded(func):
            wrapper = decorator(func)
            schema = wrapper._apidoc["pagination"]["parameters"]["schema"]
            page = schema._declared_fields["page"]
            page.validators = [validate.Range(min=1, max=MAX_INT32)]
            return wrapper

        return bounded

    def arguments(self, schema, *, location="json", required=True, **kwargs):
        """smorest's ``arguments``; a required JSON body is enforced, not only
        documented (``core.openapi.require_json_body``)."""
        decorator = super().arguments(
            schema, location=location, required=required, **kwargs
        )
        if location != "json" or not required:
            return decorator
        return lambda func: openapi.require_json_body(decorator(func))

    def paginate_select(self):
        """Paginate a select(): ``page``, ``page_size`` (default 25, at most 100)."""
        return self.paginate(SelectPage, page_size=25, max_page_size=100)

    def check_version(self, obj):
        openapi.ensure_if_match_documented()
        self.check_etag(obj, VersionEtagSchema)

    def set_version_etag(self, obj):
        self.set_etag(obj, VersionEtagSchema)

    def require_if_match(self, obj):
        """``If-Match`` for a POST action: missing → 428, not ``obj``'s ETag → 412.

        flask-smorest only demands ``If-Match`` on PUT/PATCH/DELETE; state-changing
        action endpoints (``/share``…) call this and are marked ``@blp.if_match``.
        """
        openapi.ensure_if_match_documented()
        if not request.if_match:
            raise PreconditionRequired
        etag = self._generate_etag(VersionEtagSchema().dump(obj))
        if etag not in request.if_match:
            raise PreconditionFailed

    @staticmethod
    def if_match(func):
        """Document a required ``If-Match`` header (and 412/428) on a POST action."""

        @wraps(func)
        def wrapper(*args, **kwargs):
            return func(*args, **kwargs)

        wrapper._apidoc = deepcopy(getattr(func, "_apidoc", {}))
        wrapper._apidoc["if_match"] = True
        return wrapper

    @staticmethod
    def _prepare_if_match_doc(doc, doc_info, *, method, **kwargs):
        if not doc_info.get("if_match") or method.upper() in ("PUT", "PATCH", "DELETE"):
            return doc
        doc.setdefault("parameters", []).append("IF_MATCH")
        responses = doc.setdefault("responses", {})
        for code in (412, 428):
            responses[code] = http.HTTPStatus(code).name
        return doc

    def _store_endpoint_docs(self, endpoint, obj, parameters, tags, **options):
        super()._store_endpoint_docs(endpoint, obj, parameters, tags, **options)
        post = self._docs[endpoint].get("post")
        if post is not None and f"{self.name}.{endpoint}" not in self._public:
            post["idempotency_key"] = True

    @staticmethod
    def _prepare_idempotency_doc(doc, doc_info, *, method, spec, **kwargs):
        """The optional ``Idempotency-Key`` header and its 409/422 on every POST that
        takes one (the same rule ``idempotency.before_post`` applies)."""
        if method != "post" or not doc_info.get("idempotency_key"):
            return doc
        if "IDEMPOTENCY_KEY" not in spec.components.parameters:
            spec.components.parameter(
                "IDEMPOTENCY_KEY",
                "header",
                dict(idempotency.HEADER_DOC, name=idempotency.HEADER),
            )
        doc.setdefault("parameters", []).append("IDEMPOTENCY_KEY")
        responses = doc.setdefault("responses", {})
        for code in (409, 422):
            responses.setdefault(code, http.HTTPStatus(code).name)
        return doc
