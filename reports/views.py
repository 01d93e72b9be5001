"""HTML blueprint ``reports`` (``/reports``): the dashboard, one page per report (chart,
table twin, filters) and its CSV download (``/reports/<slug>.csv``, the main table);
decision evidence also as a ZIP with its packs (``/reports/decision-evidence.zip``).

Bad filters re-render the page with the field errors (422). The rules are explicit,
one per report, so the authorization matrix and the query budget list each one.
"""

from flask import Blueprint, Response, render_template, request
from flask_login import current_user, login_required

from core.db import utcnow
from core.errors import ValidationFailed
from core.forms import load_form
from reports import decision_evidence, training_gaps
from reports.base import Filters, ReportFilterSchema, gc_paused, require_reports
from reports.downloads import pack_zip
from reports.html import packs_of, page_of
from reports.registry import REPORTS, endpoint
from reports.result import to_csv
from reports.runner import filter_choices, run

bp = Blueprint("reports", __name__, url_prefix="/reports")
MIMETYPES = {"csv": "text/csv", "zip": "application/zip"}


@bp.route("")
@login_required
def dashboard():
    """The reports index: the reports the caller may run."""
    require_reports(current_user)
    today = utcnow().date()
    filters = Filters()
    cards = []
    for slug, module in REPORTS.items():
        figure = None
        if hasattr(module, "key_figure"):
            figure = module.key_figure(filters, current_user, today)
        cards.append({"slug": slug, "module": module, "figure": figure})
    return render_template("reports/dashboard.html", cards=cards)


def _page(slug: str):
    require_reports(current_user)
    module = REPORTS[slug]
    data, errors = load_form(ReportFilterSchema(), request.args)
    filters = Filters.from_data(data) if data is not None else Filters()
    result = None
    if not errors:
        try:
            result = run(slug, filters, current_user, fmt="html")
        except ValidationFailed as error:
            errors = error.errors or {"_form": error.message}
    template, extra = "reports/report.html", {}
    if slug == "decision-evidence":
        # Thousands of people: the page shows PAGE_SIZE of them (table and packs);
        # the summary counts everyone, the CSV and the API carry every row.
        template = "reports/decision_evidence.html"
        page = page_of(result.rows if result else [], request.args.get("page"))
        packs = packs_of(result, page.items) if result else {}
        extra = {"page": page, "packs": packs}
    elif slug == training_gaps.SLUG and result:
        # Hundreds of departments: the heat map and its table show a page of them.
        page = training_gaps.page_result(result, filters, request.args.get("page"))
        extra = {"page": page}
    return render_template(
        template,
        slug=slug,
        module=module,
        result=result,
        filters=filters,
        form=request.args,
        errors=errors,
        choices=filter_choices(),
        **extra,
    ), (422 if errors else 200)


def _csv(slug: str):
    return _download(slug, "csv", lambda result, _: to_csv(result.columns, result.rows))


def _download(slug: str, fmt: str, render):
    """The report as a file: ``render(result, filters)`` makes its body."""
    require_reports(current_user)
    data, errors = load_form(ReportFilterSchema(), request.args)
    if errors:
        return _page(slug)
    filters = Filters.from_data(data)
    try:
        result = run(slug, filters, current_user, fmt=fmt)
    except ValidationFailed:
        return _page(slug)
    name = f"{slug}-{utcnow().date().isoformat()}.{fmt}"
    return Response(
        render(result, filters),
        mimetype=MIMETYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _register(slug: str) -> None:
    name = endpoint(slug)

    @login_required
    def page():
        """The report page: filters, chart and table."""
        with gc_paused():
            return _page(slug)

    @login_required
    def csv():
        """Download the report's rows as CSV."""
        with gc_paused():
            return _csv(slug)

    bp.add_url_rule(f"/{slug}", name, page)
    bp.add_url_rule(f"/{slug}.csv", f"{name}_csv", csv)


for _slug in REPORTS:
    _register(_slug)


@bp.route("/decision-evidence.zip")
@login_required
def decision_evidence_zip():
    """Download decision evidence as a ZIP: the summary CSV and the packs' CSVs."""
    with gc_paused():
        return _download(
            decision_evidence.SLUG,
            "zip",
            lambda result, filters: pack_zip(
                result, with_packs=decision_evidence.has_packs(filters)
            ),
        )


@bp.app_template_global("may_see_reports")
def _may_see_reports(user) -> bool:
    """The "Reports" nav entry: HR, and anyone who manages someone."""
    from reports.base import shows_reports_entry

    return shows_reports_entry(user)


@bp.app_template_global("report_rows")
def _report_rows(columns, rows):
    from reports.html import table_rows

    return table_rows(columns, rows)
