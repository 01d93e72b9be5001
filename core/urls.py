"""Absolute links for mail, made without a request.

A job or a CLI command (``flask users invite``) has no request to take a host from, so a
link in an email is the configured ``BASE_URL`` followed by the route's path.
"""

from flask import current_app


def external_url(endpoint: str, **values) -> str:
    """``BASE_URL`` + the path of ``endpoint`` (works in an app context alone)."""
    path = current_app.url_map.bind("").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path
