"""``/scim/v2``: the SCIM endpoints a company's identity provider calls.

Only a SCIM bearer token opens them (``scim.tokens``): a session cookie, an API token
or a personal access token is a 401, and a SCIM token opens nothing else (it is not in
``api_tokens``). CSRF does not apply (no ambient credential; exempted in ``app.py``).
Every answer is SCIM JSON (``application/scim+json``), errors included — an unknown
path, a wrong method and an unexpected failure too — and every request is logged
(method, path, status, token; no bodies; kept 90 days by ``scim.jobs``) for the admin page.
"""

import sqlalchemy as sa
from flask import Blueprint, current_app, g, request
from scim2_models import Context, ListResponse, ResponseParameters, SearchRequest
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from core.db import utcnow
from core.extensions import db
from people.models import Employee
from scim import discovery, services
from scim.filters import FilterError, parse_filter
from scim.http import PREFIX, as_scim_error, base_url, error_response, scim_response
from scim.models import ScimRequest, ScimToken
from scim.resources import ScimError, UserResource, location, to_resource
from scim.tokens import find_token

bp = Blueprint("scim", __name__, url_prefix=PREFIX)
MAX_BODY = 64 * 1024


@bp.before_request
def authenticate():
    header = request.headers.get("Authorization", "")
    secret = header[7:].strip() if header.lower().startswith("bearer ") else ""
    token = find_token(secret)
    if token is None:
        raise ScimError(401, "Send a SCIM bearer token (Authorization: Bearer ...).")
    g.scim_token_id = token.id
    g.scim_actor = services.ScimActor(token)
    if request.content_length and request.content_length > MAX_BODY:
        raise ScimError(413, f"The body is larger than {MAX_BODY} bytes.", "tooLarge")
    return None


@bp.after_request
def log_request(response):
    token_id = g.get("scim_token_id")
    try:
        now = utcnow()
        if token_id is not None:
            db.session.execute(
                sa.update(ScimToken)
                .where(ScimToken.id == token_id)
                .values(last_used_at=now)
            )
        db.session.add(
            ScimRequest(
                at=now,
                method=request.method[:10],
                path=request.path[:255],
                status=response.status_code,
                token_id=token_id,
            )
        )
        db.session.commit()
    except Exception:  # the log never costs the provider its answer
        db.session.rollback()
        current_app.logger.exception("SCIM request log failed")
    return response


@bp.errorhandler(Exception)
def handle_error(error):
    """Every failure as a SCIM error; nothing half-done is kept."""
    db.session.rollback()
    if isinstance(error, RequestRedirect):
        return error.get_response()
    return error_response(*as_scim_error(error))


def _json_body():
    payload = request.get_json(force=True, silent=True)
    if payload is None:
        raise ScimError(400, "The body is not JSON.", "invalidSyntax")
    return payload


# --- discovery -------------------------------------------------------------------


@bp.get("/ServiceProviderConfig")
def service_provider_config():
    """What this SCIM service supports (RFC 7643 §5)."""
    config = discovery.service_provider_config(base_url())
    return scim_response(config.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE))


def _listed(items) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": len(items),
        "startIndex": 1,
        "itemsPerPage": len(items),
        "Resources": [
            i.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE) for i in items
        ],
    }


def _one(items, key: str, what: str):
    for item in items:
        if item.id == key:
            return scim_response(
                item.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
            )
    raise ScimError(404, f"No {what} {key[:80]}.")


@bp.get("/ResourceTypes")
def resource_types():
    """The resource types served: Users only."""
    return scim_response(_listed(discovery.resource_types(base_url())))


@bp.get("/ResourceTypes/<key>")
def resource_type(key: str):
    """One resource type by name."""
    return _one(discovery.resource_types(base_url()), key, "resource type")


@bp.get("/Schemas")
def schemas():
    """The schemas of the resources served."""
    return scim_response(_listed(discovery.schemas(base_url())))


@bp.get("/Schemas/<key>")
def schema(key: str):
    """One schema by its URN."""
    return _one(discovery.schemas(base_url()), key, "schema")


# --- users -----------------------------------------------------------------------


def _parameters(values: dict) -> ResponseParameters:
    wanted = {
        k: values[k] for k in ("attributes", "excludedAttributes") if values.get(k)
    }
    return ResponseParameters[UserResource].model_validate(wanted)


def _user_response(employee: Employee, status: int = 200, parameters=None):
    resource = to_resource(employee, base_url())
    context = (
        Context.RESOURCE_CREATION_RESPONSE
        if status == 201
        else Context.RESOURCE_QUERY_RESPONSE
    )
    payload = resource.model_dump(scim_ctx=context, response_parameters=parameters)
    headers = {"Location": location(base_url(), employee.id)} if status == 201 else {}
    return scim_response(payload, status, headers)


def _bounded_int(value, default: int, low: int, high: int) -> int:
    try:
        number = int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        raise ScimError(
            400, "startIndex and count must be integers.", "invalidValue"
        ) from None
    return max(low, min(high, number))


def _list_users(values: dict):
    start = _bounded_int(values.get("startIndex"), 1, 1, 2**31 - 1)
    count = _bounded_int(
        values.get("count"), discovery.DEFAULT_COUNT, 0, discovery.MAX_RESULTS
    )
    parameters = _parameters(values)
    stmt = sa.select(Employee).where(services.not_deleted())
    if values.get("filter"):
        try:
            stmt = stmt.where(parse_filter(str(values["filter"])))
        except FilterError as error:
            raise ScimError(400, str(error), "invalidFilter") from None
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
    page = db.session.scalars(
        stmt.options(sa.orm.selectinload(Employee.department))
        .order_by(Employee.id)
        .offset(start - 1)
        .limit(count)
    ).all()
    url = base_url()
    listing = ListResponse[UserResource](
        total_results=total,
        start_index=start,
        items_per_page=len(page),
        resources=[to_resource(e, url) for e in page],
    )
    return scim_response(
        listing.model_dump(
            scim_ctx=Context.SEARCH_RESPONSE, response_parameters=parameters
        )
    )


@bp.get("/Users")
def users():
    """The people, filtered and paged as the provider asks."""
    return _list_users(request.args.to_dict())


@bp.post("/Users/.search")
@bp.post("/.search")  # every resource type: Users is the only one
def search_users():
    """POST /.search (RFC 7644 §3.4.3): the list's parameters in the body."""
    body: SearchRequest = SearchRequest.model_validate(
        _json_body(), scim_ctx=Context.SEARCH_REQUEST
    )
    values = body.model_dump(scim_ctx=Context.SEARCH_REQUEST, by_alias=True)
    return _list_users(
        {
            k: (",".join(map(str, v)) if isinstance(v, list) else v)
            for k, v in values.items()
        }
    )


@bp.post("/Users")
def create_user():
    """Provision a person (through the people services HR uses)."""
    employee = services.create_user(g.scim_actor, _json_body())
    db.session.commit()
    return _user_response(employee, 201)


@bp.get("/Users/<user_id>")
def user(user_id: str):
    """One provisioned person."""
    return _user_response(
        services.get_user(user_id), parameters=_parameters(request.args)
    )


@bp.put("/Users/<user_id>")
def replace_user(user_id: str):
    """Replace a person's attributes (PUT: absent ones are cleared)."""
    employee = services.get_user(user_id)
    employee = services.replace_user(g.scim_actor, employee, _json_body())
    db.session.commit()
    return _user_response(employee)


@bp.patch("/Users/<user_id>")
def patch_user(user_id: str):
    """Change some of a person's attributes (PATCH operations)."""
    employee = services.get_user(user_id)
    employee = services.patch_user(g.scim_actor, employee, _json_body(), base_url())
    db.session.commit()
    return _user_response(employee)


@bp.delete("/Users/<user_id>")
def delete_user(user_id: str):
    """Deactivate a person: they leave, their account is disabled, reviews stay."""
    services.delete_user(g.scim_actor, services.get_user(user_id))
    db.session.commit()
    return current_app.response_class(status=204)


# --- anything else: a SCIM 404, or a 405 where the path exists -------------------

ANY_METHOD = ["GET", "POST", "PUT", "PATCH", "DELETE"]


@bp.route("/", methods=ANY_METHOD)
@bp.route("/<path:rest>", methods=ANY_METHOD)
def elsewhere(rest: str = ""):
    """Any other path: a SCIM 404, or a 405 naming the methods a path allows."""
    adapter = current_app.url_map.bind("")
    allowed = []
    for method in ANY_METHOD:
        try:
            endpoint, _ = adapter.match(request.path, method=method)
        except (NotFound, MethodNotAllowed, RequestRedirect):
            continue
        if endpoint != "scim.elsewhere":
            allowed.append(method)
    if allowed:
        raise MethodNotAllowed(valid_methods=allowed)
    raise ScimError(404, f"Nothing at {request.path[:200]}.")
