"""Gate: every input has bounds — strings a maximum length and no control characters,
integers a range the database holds, lists a maximum size.

Three views of "input", so a new schema, route or form cannot slip through:

- every schema an HTML view or the API loads: the subclasses of ``StrictSchema`` and
  every schema class a module passes to ``load_form``/``save_form``/``save_nested``/
  ``step``/``blp.arguments`` or calls ``.load`` on (found by reading the source);
- every query/path parameter and request body in the OpenAPI document (what
  Schemathesis and clients see: ``maxLength``, ``minimum``/``maximum``, ``maxItems``);
- every text control in the templates carries ``maxlength``.
"""

import ast
import re
from pathlib import Path

import pytest
from marshmallow import Schema, class_registry, fields, validate
from marshmallow.exceptions import RegistryError

from core.fields import MAX_INT64, _Bounded, max_length
from core.schemas import StrictSchema

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".venv", "tests", "migrations", "bench", "node_modules", "instance"}
LOADERS = {"load_form", "save_form", "save_nested", "step", "arguments", "load"}
# Fields that carry no free text or number: their own format bounds them.
SAFE = (fields.Boolean, fields.Enum, fields.Date, fields.DateTime, fields.Time)


def _sources():
    for path in ROOT.rglob("*.py"):
        if not SKIP_DIRS & set(path.relative_to(ROOT).parts):
            yield path


def _loaded_schema_names() -> set[str]:
    """Names of schema classes passed to a loader or loaded directly, in the source."""
    names = set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else getattr(func, "id", "")
            )
            if name not in LOADERS:
                continue
            candidates = list(node.args[:2])
            if name == "load" and isinstance(func, ast.Attribute):
                candidates.append(func.value)
            for arg in candidates:
                target = arg.func if isinstance(arg, ast.Call) else arg
                if isinstance(target, ast.Name) and target.id.endswith(
                    ("Schema", "Args")
                ):
                    names.add(target.id)
    return names


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _input_schemas(app) -> dict[str, type[Schema]]:
    found = {f"{c.__module__}.{c.__qualname__}": c for c in _subclasses(StrictSchema)}
    for name in _loaded_schema_names():
        try:
            classes = class_registry.get_class(name, all=True)
        except RegistryError:
            continue  # a local name that is not a schema class (a variable)
        for cls in classes if isinstance(classes, list) else [classes]:
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return {k: v for k, v in found.items() if not k.startswith("tests.")}


def _range(field) -> validate.Range | None:
    ranges = [v for v in field.validators if isinstance(v, validate.Range)]
    return ranges[0] if ranges else None


def field_problems(field, where: str) -> list[str]:
    """What is unbounded about one loadable field (recursing into lists and nests)."""
    if field.dump_only or isinstance(field, SAFE):
        return []
    if isinstance(field, fields.String):
        if not isinstance(field, _Bounded):
            return [f"{where}: a string that is not a core.fields type"]
        if max_length(field) is None:
            return [f"{where}: a string without a maximum length"]
        return []
    if isinstance(field, fields.Number):
        bounds = _range(field)
        if bounds is None or bounds.min is None or bounds.max is None:
            return [f"{where}: a number without both bounds"]
        if isinstance(field, fields.Integer) and bounds.max > MAX_INT64:
            return [f"{where}: an integer past BIGINT"]
        return []
    if isinstance(field, fields.List):
        problems = field_problems(field.inner, f"{where}[]")
        if max_length(field) is None:
            problems.append(f"{where}: a list without a maximum size")
        return problems
    if isinstance(field, fields.Nested):
        return schema_problems(field.schema, where)
    if type(field).__name__ == "Upload":
        return []  # a file: the view checks its size and type
    return [f"{where}: {type(field).__name__} has no bounds this gate knows"]


def schema_problems(schema: Schema, where: str) -> list[str]:
    problems = []
    for name, field in schema.fields.items():
        problems += field_problems(field, f"{where}.{name}")
    return problems


def test_the_gate_finds_the_schemas_views_load(app):
    schemas = _input_schemas(app)
    names = {k.rsplit(".", 1)[-1] for k in schemas}
    # One from each kind of loader: API body, HTML form, query args, nested rows.
    for expected in (
        "SelfAssessmentSchema",
        "ActivityFormSchema",
        "LoginSchema",
        "ReviewQueryArgsSchema",
        "ReportFilterSchema",
        "ReferralSchema",
    ):
        assert expected in names


def test_every_input_schema_field_is_bounded(app):
    problems = []
    for name, cls in sorted(_input_schemas(app).items()):
        problems += schema_problems(cls(), name)
    assert problems == []


def test_the_field_check_catches_an_unbounded_string_and_integer():
    class Loose(StrictSchema):
        name = fields.String()
        skill_ids = fields.List(fields.Integer(validate=validate.Range(min=1)))

    assert len(schema_problems(Loose(), "Loose")) == 3


# --- the OpenAPI document ---------------------------------------------------------


def _resolve(doc, schema):
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = doc["components"]["schemas"][name]
    return schema


DATE_FORMATS = {"date", "date-time", "time", "binary"}


def _doc_problems(doc, schema, where, seen=()) -> list[str]:
    schema = _resolve(doc, schema)
    if schema.get("readOnly"):
        return []
    for key in ("allOf", "anyOf", "oneOf"):
        if key in schema:
            return [
                p for part in schema[key] for p in _doc_problems(doc, part, where, seen)
            ]
    kinds = schema.get("type")
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    problems = []
    free_text = schema.get("format") not in DATE_FORMATS and "enum" not in schema
    if "string" in kinds and free_text and "maxLength" not in schema:
        problems.append(f"{where}: string without maxLength")
    numeric = "integer" in kinds or "number" in kinds
    if numeric and ("maximum" not in schema or "minimum" not in schema):
        problems.append(f"{where}: {schema.get('type')} without minimum/maximum")
    if "array" in kinds:
        if "maxItems" not in schema:
            problems.append(f"{where}: array without maxItems")
        problems += _doc_problems(doc, schema.get("items", {}), f"{where}[]", seen)
    for name, prop in (schema.get("properties") or {}).items():
        problems += _doc_problems(doc, prop, f"{where}.{name}", seen)
    return problems


@pytest.fixture
def openapi(client):
    return client.get("/api/v1/openapi.json").get_json()


def test_every_documented_input_is_bounded(openapi):
    problems = []
    for path, item in openapi["paths"].items():
        for method, op in item.items():
            if method == "parameters" or not isinstance(op, dict):
                continue
            where = f"{method.upper()} {path}"
            params = list(item.get("parameters", [])) + list(op.get("parameters", []))
            for param in params:
                if "$ref" in param:
                    name = param["$ref"].rsplit("/", 1)[-1]
                    param = openapi["components"]["parameters"][name]
                if param["in"] not in ("query", "path"):
                    continue
                problems += _doc_problems(
                    openapi, param.get("schema", {}), f"{where} ?{param['name']}"
                )
            for media in (op.get("requestBody") or {}).get("content", {}).values():
                schema = media.get("schema", {})
                if _resolve(openapi, schema).get("format") == "binary":
                    continue
                problems += _doc_problems(openapi, schema, f"{where} body")
    assert problems == []


def test_path_ids_are_documented_with_the_integer_range(openapi):
    param = next(
        p
        for p in openapi["paths"]["/api/v1/reviews/{review_id}"]["parameters"]
        if p["name"] == "review_id"
    )
    assert param["schema"]["maximum"] == 2**31 - 1


# --- the templates ------------------------------------------------------------------

TEXT_TYPES = {"text", "email", "search", "url", "tel", "password"}
MACRO_CALL = re.compile(r"\b(?:f\.)?(input|textarea)\((.*?)\)\s*}}", re.S)
RAW_CONTROL = re.compile(r"<(input|textarea)\b([^>]*)>", re.S)


def _template_problems() -> list[str]:
    problems = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if "_macros" in path.parts:
            continue
        text = path.read_text()
        where = path.relative_to(ROOT)
        for kind, args in MACRO_CALL.findall(text):
            type_ = re.search(r"type=\"([\w-]+)\"", args)
            if kind == "input" and type_ and type_.group(1) not in TEXT_TYPES:
                continue
            if "maxlength=" not in args:
                problems.append(f"{where}: {kind}({args[:50]}…) without maxlength")
        for kind, attrs in RAW_CONTROL.findall(text):
            type_ = re.search(r"type=\"([\w-]+)\"", attrs)
            if kind == "input" and type_ and type_.group(1) not in TEXT_TYPES:
                continue
            if "maxlength" not in attrs:
                problems.append(f"{where}: <{kind}{attrs[:50]}…> without maxlength")
    return problems


def test_every_text_control_in_the_templates_has_maxlength():
    assert _template_problems() == []


def test_every_limit_in_the_templates_names_a_bounded_field(app):
    from core.fields import limit

    calls = set()
    for path in (ROOT / "templates").rglob("*.html"):
        if "_macros" in path.parts:
            continue  # the macros' own comment shows the call
        calls |= set(
            re.findall(r"limit\(\s*\"(\w+)\"((?:,\s*\"\w+\")+)\)", path.read_text())
        )
    assert calls
    for schema, rest in sorted(calls):
        assert limit(schema, *re.findall(r"\"(\w+)\"", rest)) > 0
