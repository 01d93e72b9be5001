"""Helpers shared by every smorest blueprint: auth gate, version ETags, pagination,
the ``Idempotency-Key`` on every POST (``core.idempotency``), and the one way an
endpoint loads an object, checks the caller and acts on it (``object_action``,
``action``)."""

import hashlib
import http
import json
import sys
from copy import deepcopy
from functools import wraps

from flask import request
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint
from flask_smorest.exceptions import PreconditionFailed, PreconditionRequired
from marshmallow import validate

from core import idempotency, openapi
from core.errors import PermissionDenied
from core.extensions import db
from core.fields import MAX_INT32
from core.pagination import SelectPage
from core.permissions import require, require_visible, signed_in


def version_etag_source(obj) -> dict:
    """The ETag source of a versioned object: ``{id, version}`` (STYLE.md §3).

    A plain dict, not a schema dump: the ETag is set on every GET of one object, and a
    schema instance per request was the larger part of its cost; the JSON hashed, and
    so the ETag, is the same."""
    return {"id": obj.id, "version": obj.version}


def version_etag(obj) -> str:
    """The ETag of a versioned object: the SHA-1 of its ``{id, version}`` as sorted
    JSON — the same value ``@blp.etag`` sends (``set_version_etag``)."""
    data = json.dumps(version_etag_source(obj), sort_keys=True)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


class With:
    """``obj`` as a schema sees it, plus values that are not its attributes
    (``rolled_progress``, a verifier's e-mail…) — never set on the model itself."""

    def __init__(self, obj, **extra):
        self._obj = obj
        self.__dict__.update(extra)

    def __getattr__(self, name):
        return getattr(self._obj, name)


class ApiBlueprint(Blueprint):
    """A smorest blueprint whose every request needs a valid bearer token."""

    def __init__(self, *args, public=(), secret_answers=(), tag=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The heading of this blueprint's operations on /api/v1/docs: a reader's
        # word ("Personal tokens"), not the endpoint prefix ("personal_tokens_api").
        self.tag = tag or openapi.human_tag(self.name)
        self._public = set(public)
        # Endpoints whose answer holds a secret shown once (a new personal access
        # token): never stored for an Idempotency-Key replay, so take no key.
        self._not_replayed = self._public | set(secret_answers)
        self.before_request(self._authenticate)
        # After authentication: a key is scoped by its user. Public endpoints (the
        # token exchange) have no user, so they take no key.
        self.before_request(self._claim_idempotency_key)
        self.after_request(self._keep_idempotent_answer)
        self._prepare_doc_cbks.append(self._prepare_if_match_doc)
        self._prepare_doc_cbks.append(openapi.prepare_sends_etag_doc)
        self._prepare_doc_cbks.append(self._prepare_idempotency_doc)

    def _claim_idempotency_key(self):
        return idempotency.before_post(self._not_replayed)

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

    def listing(self, item_schema, query_schema=None, *, pager=None):
        """The decorators of a paged list GET: ``query_schema`` read from the query
        string (the view receives it), a list of ``item_schema``, pages of 25 (at most
        100) of the ``select()`` the view returns — or of ``pager`` (a ``SelectPage``
        that shapes its items)."""

        def decorator(func):
            if pager is None:
                func = self.paginate_select()(func)
            else:
                func = self.paginate(pager, page_size=25, max_page_size=100)(func)
            func = self.response(200, item_schema(many=True))(func)
            if query_schema is not None:
                func = self.arguments(query_schema, location="query")(func)
            return func

        return decorator

    def paginate_select(self):
        """Paginate a select(): ``page``, ``page_size`` (default 25, at most 100)."""
        return self.paginate(SelectPage, page_size=25, max_page_size=100)

    def check_version(self, obj):
        openapi.ensure_if_match_documented()
        self.check_etag(version_etag_source(obj))

    def set_version_etag(self, obj):
        self.set_etag(version_etag_source(obj))

    def versioned(self, obj):
        """``obj``, its version ETag set on the answer (``@blp.etag``)."""
        self.set_version_etag(obj)
        return obj

    def require_if_match(self, obj):
        """``If-Match`` for a POST action: missing → 428, not ``obj``'s ETag → 412.

        flask-smorest only demands ``If-Match`` on PUT/PATCH/DELETE; state-changing
        action endpoints (``/share``…) call this and are marked ``@blp.if_match``.
        """
        openapi.ensure_if_match_documented()
        if not request.if_match:
            raise PreconditionRequired
        if version_etag(obj) not in request.if_match:
            raise PreconditionFailed

    def object_action(self, name: str, load, can_view):
        """A decorator factory that loads ``<name>_id`` and checks the caller first.

        The factory takes ``(allowed, message, *, if_match=False)``: 404 unless
        ``can_view(user, obj)`` (no such check when ``can_view`` is None: an object
        everyone who passed the role gate sees); 403 unless ``allowed(user, obj)``;
        then, with ``if_match``, 428/412 unless ``If-Match`` carries the object's
        current ETag — all before any input is read. The view receives ``<name>`` instead of
        ``<name>_id``. Place it above ``@blp.etag`` so a PATCH, too, answers 404/403
        before 428.
        """

        def action(allowed, message: str = "You may not do this.", *, if_match=False):
            def decorator(func):
                @wraps(func)
                def wrapper(view, *args, **kwargs):
                    obj = load(kwargs.pop(f"{name}_id"))
                    if can_view is not None:
                        require_visible(can_view(current_user, obj))
                    require(allowed(current_user, obj), message)
                    if if_match and request.method in ("PUT", "PATCH", "DELETE"):
                        if not request.if_match:
                            raise PreconditionRequired
                        self.check_version(obj)  # 412; tells smorest it was checked
                    elif if_match:
                        self.require_if_match(obj)
                    return func(view, *args, **{name: obj}, **kwargs)

                if if_match:
                    return self.if_match(wrapper)
                wrapper._apidoc = deepcopy(getattr(func, "_apidoc", {}))
                return wrapper

            return decorator

        return action

    def action_post(
        self,
        guard,
        act,
        *,
        respond,
        doc,
        schema=None,
        response=None,
        status=200,
        description=None,
        etag=None,
    ):
        """A state-changing view (POST, PATCH) from declarations.

        ``guard`` (an ``object_action`` check: 404, 403, If-Match; None for a view on
        no object) runs first, then ``etag`` (``blp.etag`` or ``sends_etag``, if any),
        then ``schema`` reads the JSON body; the view calls ``act(user[, obj][,
        data])``, commits and answers ``respond([obj,] result)``, documented as
        ``response`` with ``status`` and ``description``. ``doc`` is the docstring:
        the OpenAPI summary and description.
        """

        def view_func(view, *args, **kwargs):
            objects = tuple(kwargs.values())
            result = act(current_user, *objects, *args)
            db.session.commit()
            return respond(*objects, result)

        view_func = self._declared(
            view_func, doc, schema, (status, response, description), etag
        )
        return view_func if guard is None else guard(view_func)

    def _declared(self, view_func, doc, schema, response, etag):
        """``view_func`` documented by ``doc``, answering ``response`` = ``(status,
        schema, description)``, reading ``schema`` as its body, under ``etag``."""
        status, response_schema, description = response
        view_func.__doc__ = doc
        view_func = self.response(status, response_schema, description=description)(
            view_func
        )
        if schema is not None:
            view_func = self.arguments(schema)(view_func)
        return view_func if etag is None else etag(view_func)

    def show(self, schema, action):
        """Decorate the method ``get(self, obj)`` into the GET of one object:
        ``action`` (its ``object_action``) loads it and answers 404 unless the caller
        sees it; the answer is ``schema`` with the ETag the method sets."""

        def decorator(get):
            return action(signed_in)(self.etag(self.response(200, schema)(get)))

        return decorator

    def create(self, schema, response, act, *, etag=None):
        """Decorate the method ``respond(self, created)`` into the POST that creates:
        ``act(user, data)`` with ``schema`` as the body, commit, answer ``respond``'s
        result as ``response`` with 201; ``respond``'s docstring is the operation's."""

        def decorator(respond):
            def post(view, data):
                created = act(current_user, data)
                db.session.commit()
                return respond(view, created)

            return self._declared(
                post, respond.__doc__, schema, (201, response, None), etag
            )

        return decorator

    def action(self, rule: str, name: str, *args, **kwargs):
        """Register ``name``, a resource at ``rule`` whose one method is the POST
        ``action_post(*args, **kwargs)`` builds."""
        post = self.action_post(*args, **kwargs)
        return self._resource(rule, name, {"post": post})

    def detail(self, rule, name, action, schema, update, *, doc, reload, gates=None):
        """Register ``name`` at ``rule``: GET one versioned object and PATCH it.

        ``action`` is the object's ``object_action``. GET answers it as ``schema``
        with its version ETag. PATCH (``If-Match``) reads ``update`` =
        ``(update_schema, update_func)`` — or ``(update_schema, update_func,
        can_edit)`` — and answers ``reload(obj)`` with its new ETag; ``doc`` is its
        docstring. ``gates``: ``{method: check(user)}`` before anything (``gate``).
        """
        update_schema, update_func, can_edit = (*update, signed_in)[:3]

        @self.show(schema, action)
        def get(view, **kwargs):
            (obj,) = kwargs.values()
            return self.versioned(obj)

        patch = self.action_post(
            action(can_edit, if_match=True),
            update_func,
            respond=lambda obj, _: self.versioned(reload(obj)),
            doc=doc,
            schema=update_schema,
            response=schema,
            etag=self.etag,
        )
        methods = {"get": get, "patch": patch, "_gates": dict(gates or {})}
        return self._resource(rule, name, methods)

    def _resource(self, rule, name, methods):
        module = sys._getframe(2).f_globals["__name__"]
        view = type(name, (MethodView,), {**methods, "__module__": module})
        return self.route(rule)(view)

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
        # smorest tags an operation with the blueprint's name unless told otherwise.
        tags = [self.tag] if tags is None else tags
        super()._store_endpoint_docs(endpoint, obj, parameters, tags, **options)
        post = self._docs[endpoint].get("post")
        if post is not None and f"{self.name}.{endpoint}" not in self._not_replayed:
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
