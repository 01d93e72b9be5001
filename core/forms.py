"""HTML forms validate with the same marshmallow schemas as the API.

CSRF is Flask-WTF's ``CSRFProtect``; templates put ``csrf_token()`` in every form.
"""

from marshmallow import EXCLUDE, Schema, ValidationError

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
