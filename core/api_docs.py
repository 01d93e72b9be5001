"""The interactive API page at ``/api/v1/docs``, served from local files only.

Swagger UI 5 (OpenAPI 3.1 capable) comes from the ``flask-swagger-ui`` wheel's ``dist``
folder; our own page and initialiser avoid inline script so the strict CSP holds.
"""

from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, abort, render_template, send_from_directory

bp = Blueprint("api_docs", __name__)
DIST = Path(flask_swagger_ui.__file__).with_name("dist")
ALLOWED = {"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"}


@bp.route("/api/v1/docs")
def docs():
    return render_template("api/docs.html")


@bp.route("/api/v1/docs/assets/<name>")
def asset(name: str):
    if name not in ALLOWED:
        abort(404)
    return send_from_directory(DIST, name, max_age=86400)
