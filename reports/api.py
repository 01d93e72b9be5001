"""JSON API of the reports (blueprint ``reports_api``): ``GET /api/v1/reports/<slug>``
with the filters as query arguments; the body is the report's columns, rows (a page of
them: ``page``, ``page_size`` up to 5,000, ``total``), facts, notes and extra tables —
the same result the HTML page and the CSV render. Checks: 401 → 403 (not HR or a
manager; a named person outside the caller's scope) → 422 (filters).
"""

from flask.views import MethodView
from flask_login import current_user
from marshmallow import Schema, fields

from core.api import ApiBlueprint
from reports.base import Filters, ReportArgsSchema, gc_paused, require_reports
from reports.registry import REPORTS, endpoint
from reports.runner import run

blp = ApiBlueprint(
    "reports_api",
    __name__,
    url_prefix="/api/v1",
    description="HR reports: training gaps, needs, cycle progress, review quality, "
    "learning, obstacles and decision evidence",
)


class ReportColumnSchema(Schema):
    key = fields.String()
    label = fields.String()


class ReportFactSchema(Schema):
    label = fields.String()
    value = fields.Raw(allow_none=True)


class ReportTableSchema(Schema):
    title = fields.String()
    columns = fields.List(fields.Nested(ReportColumnSchema))
    rows = fields.List(fields.Dict())


class ReportSchema(Schema):
    report = fields.String()
    title = fields.String()
    filters = fields.Dict()
    columns = fields.List(fields.Nested(ReportColumnSchema))
    rows = fields.List(fields.Dict())
    facts = fields.List(fields.Nested(ReportFactSchema))
    notes = fields.List(fields.String())
    tables = fields.List(fields.Nested(ReportTableSchema))
    total = fields.Integer()
    page = fields.Integer()
    page_size = fields.Integer()


def respond(slug: str, args: dict) -> dict:
    require_reports(current_user)
    page, size = args.pop("page"), args.pop("page_size")
    filters = Filters.from_data(args)
    result = run(slug, filters, current_user, fmt="json")
    body = result.as_json()
    total = len(body["rows"])
    body["rows"] = body["rows"][(page - 1) * size : page * size]
    return {
        "report": slug,
        "title": REPORTS[slug].TITLE,
        "filters": filters.query_args(),
        **body,
        "total": total,
        "page": page,
        "page_size": size,
    }


def _register(slug: str) -> None:
    module = REPORTS[slug]

    def get(self, args):
        return respond(slug, args)

    get.__doc__ = f"{module.TITLE}: {module.DESCRIPTION}"
    get = blp.response(200, ReportSchema)(get)
    get = blp.arguments(ReportArgsSchema, location="query")(get)
    get = gc_paused()(get)  # also while the response is serialised
    name = "".join(part.title() for part in slug.split("-")) + "Report"
    view = type(name, (MethodView,), {"get": get})
    blp.route(f"/reports/{slug}", endpoint=endpoint(slug))(view)


for _slug in REPORTS:
    _register(_slug)
