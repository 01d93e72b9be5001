"""HTML forms validate with the same marshmallow schemas as the API.

CSRF is Flask-WTF's ``CSRFProtect``; templates put ``csrf_token()`` in every form.
``save_form`` (flat forms) and ``save_nested`` (forms converted to nested data) are the
one load → service → ``(result, errors, status)`` step every HTML form view uses.
"""

from flask import render_template
from marshmallow import EXCLUDE, Schema, ValidationError

from core.errors import Conflict, ValidationFailed
from core.extensions import db

FORM_ONLY_FIELDS = {"csrf_token", "submit"}


def load_form(schema: Schema, form, *, partial=False) -> tuple[dict | None, dict]:
    """Load ``form`` (a MultiDict) with ``schema``; return ``(data, errors)``.

    Empty strings become missing values so optional fields stay optional; fields a
    schema marks ``many`` (``metadata={"multi": True}``) read every value.
    """
    raw: dict = {}
    for key in form:
        if key in FORM_ONLY_FIELDS:
            continue
        field = schema.fields.get(key)
        if field is not None and field.metadata.get("multi"):
            raw[key] = [v for v in form.getlist(key) if v != ""]
            continue
        value = form.get(key)
        if value == "":
            if field is not None and field.allow_none:
                raw[key] = None
            continue
        raw[key] = value
    try:
        return schema.load(raw, partial=partial, unknown=EXCLUDE), {}
    except ValidationError as err:
        return None, _flatten(err.messages)


def _flatten(messages) -> dict:
    if isinstance(messages, dict):
        return {
            k: (" ".join(v) if isinstance(v, list) else str(v))
            for k, v in messages.items()
        }
    return {"_schema": " ".join(messages)}


def _join(messages) -> str:
    if isinstance(messages, list | tuple):
        return " ".join(str(m) for m in messages)
    return str(messages)


def map_errors(messages: dict, names: dict) -> dict:
    """Flatten marshmallow's nested messages onto form field names.

    ``names`` maps ``(list_key, index, field)`` to the form field that fed it; a message
    without a mapping stays on the list key (shown at the top of its fieldset).
    """
    out: dict[str, str] = {}
    for key, value in messages.items():
        if not isinstance(value, dict):
            out[key] = _join(value)
            continue
        for index, sub in value.items():
            if not isinstance(sub, dict):
                out[key] = _join(sub)
                continue
            for field, msgs in sub.items():
                out[names.get((key, int(index), field), key)] = _join(msgs)
    return out


def _act(action, data: dict):
    """Run ``action(data)``; a rule it breaks rolls the session back and becomes the
    form's errors (422, or 409 with ``_stale`` for a form older than the record)."""
    try:
        return action(data), {}, 200
    except ValidationFailed as err:
        db.session.rollback()
        return None, err.errors or {"_form": err.message}, 422
    except Conflict as err:
        db.session.rollback()
        return None, {"_form": err.message, "_stale": True}, 409


def save_form(schema, form, action):
    """Validate ``form`` with ``schema`` and run ``action(data)``.

    Returns ``(result, errors, status)``: on success ``result`` is what the action
    returned and the caller commits; otherwise the session is rolled back and
    ``errors`` holds the field messages to show inline (422, or 409 for a stale form).
    """
    data, errors = load_form(schema, form)
    if data is None:
        return None, errors, 422
    return _act(action, data)


def save_nested(schema, data: dict, names: dict, pre_errors: dict, action):
    """Like ``save_form`` for converted (nested) form data; ``names`` maps nested
    messages back to form fields (``map_errors``), ``pre_errors`` are the converter's.

    Returns ``(result, errors, status)``; 422 for invalid input, 409 for a stale form.
    """
    try:
        loaded = schema.load(data)
    except ValidationError as err:
        return None, {**map_errors(err.messages_dict, names), **pre_errors}, 422
    if pre_errors:
        return None, pre_errors, 422
    result, errors, status = _act(action, loaded)
    if errors and not errors.get("_stale"):
        # A service's nested field errors ({"rows": {"0": {"field": …}}}) land on the
        # form fields that fed them, like the schema's.
        errors = map_errors(errors, names)
    return result, errors, status


def render_form(template: str, status: int = 200, **context):
    """Render a form page; ``form`` defaults to the submitted values."""
    context.setdefault("errors", {})
    return render_template(template, **context), status
