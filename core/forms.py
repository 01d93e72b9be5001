"""HTML forms validate with the same marshmallow schemas as the API.

CSRF is Flask-WTF's ``CSRFProtect``; templates put ``csrf_token()`` in every form.
``save_form`` (flat forms) and ``save_nested`` (forms converted to nested data) are the
one load → service → ``(result, errors, status)`` step every HTML form view uses.

All errors at once, each on its field. Marshmallow skips a schema's own rules
(``@validates_schema``: dates in order, …) while any field has an error, and the
service's rules (limits, duplicates, dates against the stored record) used to run only
once the schema passed — so a form failed in rounds. Now a failed load is loaded again
without the fields that failed (``_load_parts``), so the schema's rules judge the
fields that did parse, and the action then runs on those fields as a dry run whose work
is always rolled back (``_rule_errors``): a ``ValidationFailed`` it raises adds its
field messages. Nothing is stored; a rule that needs a field that failed either passes
(the order helpers skip a missing value) or stops the dry run with some other error,
which adds nothing; its message comes once that field is fixed. Messages on a field
that failed in the schema are the schema's; messages the action flashes during the dry
run are taken back.
"""

from flask import has_request_context, render_template, session
from marshmallow import EXCLUDE, Schema, ValidationError

from core.errors import Conflict, ValidationFailed
from core.extensions import db

FORM_ONLY_FIELDS = {"csrf_token", "submit"}


def load_form(schema: Schema, form, *, partial=False) -> tuple[dict | None, dict]:
    """Load ``form`` (a MultiDict) with ``schema``; return ``(data, errors)``.

    Empty strings become missing values so optional fields stay optional; fields a
    schema marks ``many`` (``metadata={"multi": True}``) read every value. ``errors``
    holds every field's message at once, the schema's own rules on the fields that
    parsed included.
    """
    data, errors, _parsed = _load_form_parts(schema, form, partial)
    return data, errors


def _load_form_parts(schema: Schema, form, partial=False):
    """``load_form`` that also returns what the fields that parsed loaded to."""
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
    data, errors, parsed = _load_parts(schema, raw, partial, unknown=EXCLUDE)
    return data, _in_form_order(schema, _flatten(errors)), parsed


def _in_form_order(schema: Schema, errors: dict) -> dict:
    """``errors`` in the order the schema declares its fields (the page's order, which
    the error summary follows); other keys after them."""
    order = {f.data_key or n: i for i, (n, f) in enumerate(schema.fields.items())}
    return dict(sorted(errors.items(), key=lambda item: order.get(item[0], len(order))))


def _load_parts(schema: Schema, raw: dict, partial=False, **options):
    """Load ``raw``; after field errors, load again without the fields that failed.

    Returns ``(data, errors, parsed)``: ``data`` when all of it loads; otherwise the
    messages of every round (the first message of a field wins) and ``parsed``, what
    the fields that did parse loaded to (``None`` when no round passed). Each round
    drops at least one field, so the loop ends.
    """
    by_key = {f.data_key or name: name for name, f in schema.load_fields.items()}
    remaining = dict(raw)
    skipped: set[str] = set()
    errors: dict = {}
    while True:
        try:
            loaded = schema.load(
                remaining, partial=partial or tuple(skipped), **options
            )
        except ValidationError as err:
            messages = err.messages
            if not isinstance(messages, dict):
                messages = {"_schema": messages}
            for key, value in messages.items():
                errors.setdefault(key, value)
            failed = {k for k in messages if k in remaining or k in by_key}
            if not failed - skipped:
                return None, errors, None
            for key in failed:
                remaining.pop(key, None)
                if key in by_key:
                    skipped.add(by_key[key])
            continue
        return (None if errors else loaded), errors, loaded


def _rule_errors(action, parsed: dict, shown: dict) -> dict:
    """The field messages of the rules ``action`` breaks on ``parsed`` (the fields that
    parsed), found in a dry run that is rolled back whatever happens; a message for a
    field already in ``shown`` or a message for the whole form is left out."""
    flashes = session.get("_flashes") if has_request_context() else None
    found: dict = {}
    try:
        action(parsed)
    except ValidationFailed as err:
        found = err.errors or {}
    except Exception:  # a rule that needed a field that failed: nothing to add
        pass
    finally:
        db.session.rollback()
        if has_request_context() and session.get("_flashes") != flashes:
            if flashes is None:
                session.pop("_flashes", None)
            else:
                session["_flashes"] = flashes
    return {
        k: v for k, v in found.items() if k not in shown and not str(k).startswith("_")
    }


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
    data, errors, parsed = _load_form_parts(schema, form)
    if data is not None:
        return _act(action, data)
    if parsed is not None:
        rules = _flatten(_rule_errors(action, parsed, errors))
        errors = _in_form_order(schema, {**errors, **rules})
    return None, errors, 422


def save_nested(schema, data: dict, names: dict, pre_errors: dict, action):
    """Like ``save_form`` for converted (nested) form data; ``names`` maps nested
    messages back to form fields (``map_errors``), ``pre_errors`` are the converter's.

    Returns ``(result, errors, status)``; 422 for invalid input, 409 for a stale form.
    """
    loaded, messages, parsed = _load_parts(schema, data)
    if loaded is None or pre_errors:
        errors = {**map_errors(messages, names), **pre_errors}
        if parsed is not None:
            rules = map_errors(_rule_errors(action, parsed, messages), names)
            errors |= {k: v for k, v in rules.items() if k not in errors}
        return None, errors, 422
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
