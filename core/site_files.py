"""Files a browser asks for at fixed addresses, served by the app itself.

Browsers request ``/favicon.ico`` on every page whatever the ``<link rel="icon">``
says; without this route each page view logged a 404. The icon lives in ``static/``
beside the SVG the pages link to.
"""

from flask import Blueprint, current_app, send_from_directory

bp = Blueprint("site_files", __name__)


@bp.route("/favicon.ico")
def favicon():
    """The site icon, for browsers that ask at the fixed address."""
    return send_from_directory(
        current_app.static_folder or "static",
        "favicon.ico",
        mimetype="image/vnd.microsoft.icon",
        max_age=86400,
    )
