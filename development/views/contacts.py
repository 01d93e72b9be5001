"""LinkedIn connections import: upload or paste → preview table with row errors →
confirm. Nothing is written while any row has an error."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core.extensions import db
from core.permissions import require
from development.contacts_import import (
    COLUMNS,
    ContactsImportFailed,
    import_contacts,
    preview_contacts,
)
from development.views import bp

MAX_CSV = 1024 * 1024


def _page(status=200, **context):
    context.setdefault("rows", None)
    context.setdefault("row_errors", [])
    context.setdefault("text", "")
    context.setdefault("errors", {})
    return render_template(
        "development/contacts_import.html", columns=COLUMNS, **context
    ), status


def _text() -> tuple[str, str]:
    """The CSV from the upload, else the pasted text; and an error message."""
    upload = request.files.get("csv_file")
    if upload is not None and upload.filename:
        data = upload.read(MAX_CSV + 1)
        if len(data) > MAX_CSV:
            return "", "The file is larger than 1 MB."
        try:
            return data.decode("utf-8-sig"), ""
        except UnicodeDecodeError:
            return "", "The file is not UTF-8 text (export it again as CSV)."
    text = request.form.get("csv_text", "")
    if len(text) > MAX_CSV:
        return "", "The text is longer than 1 MB."
    return text, ("" if text.strip() else "Upload the CSV file or paste its text.")


@bp.route("/contacts/import", methods=["GET", "POST"])
@login_required
def contacts_import():
    """Show the contacts import form and import pasted or uploaded CSV."""
    me = current_user.employee_id
    require(me is not None, "Only employees have contacts.")
    if request.method == "GET":
        return _page()
    text, problem = _text()
    if problem:
        return _page(422, errors={"csv_file": problem})
    if request.form.get("step") != "confirm":
        rows, row_errors = preview_contacts(text, me)
        return _page(
            422 if row_errors else 200, rows=rows, row_errors=row_errors, text=text
        )
    try:
        result = import_contacts(me, text, actor=current_user)
    except ContactsImportFailed as err:
        db.session.rollback()
        rows, _ = preview_contacts(text, me)
        return _page(422, rows=rows, row_errors=err.row_errors, text=text)
    db.session.commit()
    skipped = f"; {len(result.skipped)} skipped" if result.skipped else ""
    flash(f"{result.created} contact(s) imported{skipped}.", "success")
    return redirect(url_for("development.interviews") + "#contacts-heading")
