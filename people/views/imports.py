"""HR's people import page: upload the CSV → the dry-run report → confirm.

The same file as ``flask people import`` (``people.importer``), through the same service
(``people.services.import_people``), all or nothing. Decisions the brief left open:
- The preview runs the import with ``dry_run`` and shows every row with what it will do
  (new or update) and every bad row with its line; with any bad row there is no confirm.
- The confirm imports exactly the previewed file: the preview seals the text (and its
  counts) into the form (``core.previews``); the confirm imports the text inside the
  seal, refuses an altered, expired or another account's seal (409), and refuses when
  its own counts differ from the preview's (someone changed the people in between).
- At most ``importer.MAX_BYTES`` (1 MB) per upload, checked while reading; larger files
  go through the CLI. A file whose seal would not fit a form field is refused the same way.
- ``/people/import/sample.csv`` is a small valid file built from the directory (two new
  hires under an existing manager and one update), for trying the page out.
"""

import sqlalchemy as sa
from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core import previews
from core.clock import local_today
from core.csv import write_csv
from core.db import utcnow
from core.extensions import db
from core.permissions import require
from people import importer, services
from people import permissions as perms
from people.models import Employee
from people.views import bp

TEMPLATE = "people/person_import.html"
PURPOSE = "people import"
CHANGED = (
    "The people in Trellis changed since the preview (the counts differ); nothing was "
    "imported. Preview the file again."
)
EXPIRED = (
    "This preview is more than an hour old, or was changed after it was shown; "
    "nothing was imported. Upload the file again."
)


def _page(status=200, **context):
    context.setdefault("report", None)
    context.setdefault("row_errors", [])
    context.setdefault("errors", {})
    context.setdefault("problem", "")
    return render_template(
        TEMPLATE,
        columns=importer.COLUMNS,
        max_mb=importer.MAX_BYTES // (1024 * 1024),
        **context,
    ), status


def _upload() -> tuple[str, str, str]:
    """The uploaded CSV as text, its file name, and what is wrong with it ("" if none)."""
    upload = request.files.get("csv_file")
    if upload is None or not upload.filename:
        return "", "", "Choose the CSV file to import."
    data = upload.stream.read(importer.MAX_BYTES + 1)
    if len(data) > importer.MAX_BYTES:
        return "", upload.filename, importer.SIZE_MESSAGE
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "", upload.filename, "The file is not UTF-8 text (save it as CSV UTF-8)."
    return text, upload.filename, ""


def _summary(result: importer.ImportResult) -> list:
    return [result.created, result.updated, result.departments_created]


def _preview():
    text, filename, problem = _upload()
    if problem:
        return _page(422, errors={"csv_file": problem})
    try:
        result = services.import_people(current_user, text, dry_run=True)
    except importer.ImportFailed as err:
        db.session.rollback()
        return _page(422, row_errors=err.row_errors, filename=filename)
    db.session.rollback()
    token = previews.seal(PURPOSE, current_user.id, text, _summary(result))
    if not previews.fits(token):
        return _page(422, errors={"csv_file": importer.SIZE_MESSAGE})
    return _page(
        report=result,
        token=token,
        filename=filename,
        digest=previews.sha256(text),
    )


def _confirm():
    try:
        text, summary = previews.open_seal(
            PURPOSE, current_user.id, request.form.get("preview", "")
        )
    except previews.PreviewExpired:
        return _page(409, problem=EXPIRED)
    try:
        result = services.import_people(current_user, text)
    except importer.ImportFailed as err:
        db.session.rollback()
        return _page(422, row_errors=err.row_errors)
    if _summary(result) != summary:
        db.session.rollback()
        return _page(409, problem=CHANGED)
    db.session.commit()
    flash(
        f"Imported {result.created} new and {result.updated} updated people "
        f"({len(result.departments_created)} new department(s)).",
        "success",
    )
    return redirect(url_for("people.directory"))


@bp.route("/people/import", methods=["GET", "POST"])
@login_required
def person_import():
    """Show the import form; preview an uploaded CSV, or import the previewed one (HR)."""
    require(perms.can_import_people(current_user))
    if request.method == "GET":
        return _page()
    if request.form.get("step") == "confirm":
        return _confirm()
    return _preview()


@bp.route("/people/import/sample.csv")
@login_required
def person_import_sample():
    """A small valid import file built from the directory, to try the page (HR)."""
    require(perms.can_import_people(current_user))
    manager = db.session.scalar(
        sa.select(Employee)
        .options(joinedload(Employee.department), joinedload(Employee.manager))
        .where(Employee.is_active, Employee.department_id.is_not(None))
        .order_by(Employee.manager_id.is_not(None), Employee.id)
        .limit(1)
    )
    rows: list[list] = []
    today = local_today(utcnow()).isoformat()
    if manager is not None:
        department = manager.department.name if manager.department else ""
        domain = manager.email.split("@", 1)[1]
        rows.append(
            [
                manager.email,
                manager.name,
                manager.job_title,
                department,
                manager.manager.email if manager.manager else "",
                manager.hired_on.isoformat() if manager.hired_on else "",
            ]
        )
        for n, (name, title) in enumerate(
            [("Nora Newhire", "Analyst"), ("Omar Newhire", "Engineer")], 1
        ):
            rows.append(
                [f"new.hire{n}@{domain}", name, title, department, manager.email, today]
            )
    return Response(
        write_csv(importer.COLUMNS, rows),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=people-sample.csv"},
    )
