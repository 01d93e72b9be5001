"""The round trip every HTML form view makes, written once.

A form view shows its page on GET; on POST it saves through a service (``save_form``
answers ``(result, errors, status)``) and either shows the page again with the messages
inline (422, or 409 for a stale form) or commits, flashes and redirects. The views keep
what differs: who may come, the starting values, the service call and where to go next.
"""

from collections.abc import Callable, Mapping
from typing import Any

from flask import flash, redirect, request
from marshmallow import Schema

from core.extensions import db
from core.forms import save_form

Saved = tuple[Any, dict, int]
Page = Callable[..., Any]


def committed(message: str, target: str, category: str = "success"):
    """Commit the request's work, flash ``message`` and redirect to ``target``."""
    db.session.commit()
    flash(message, category)
    return redirect(target)


def answer_form(
    saved: Saved, page: Page, done: Callable[[Any], tuple[str, str]], form=None
):
    """Answer a POST from what ``save_form`` returned.

    On failure: ``page(status, form=..., errors=...)`` with the submitted values. On
    success: ``done(result)`` gives ``(message, url)`` — read before the commit, so
    nothing is loaded again — then commit, flash and redirect.
    """
    result, errors, status = saved
    if result is None:
        return page(status, form=request.form if form is None else form, errors=errors)
    return committed(*done(result))


def with_id_args(values: dict, *names: str) -> dict:
    """Starting values of a new-form, plus each of ``names`` the query string gives as
    an id (``?parent_id=7`` preselects the parent); anything else there is ignored."""
    for name in names:
        if request.args.get(name, "").isdigit():
            values[name] = request.args[name]
    return values


def form_view(
    page: Page,
    initial: Mapping | Callable[[], Mapping],
    schema: Schema,
    action: Callable[[dict], Any],
    done: Callable[[Any], tuple[str, str]],
    *,
    save: Callable[..., Saved] = save_form,
):
    """GET: ``page(form=initial)``. POST: ``save(schema, request.form, action)`` (by
    default ``save_form``), answered by ``answer_form``."""
    if request.method == "GET":
        return page(form=initial() if callable(initial) else initial)
    return answer_form(save(schema, request.form, action), page, done)
