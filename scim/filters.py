"""A SCIM ``filter`` (RFC 7644 §3.4.2.2) as a SQL condition on ``Employee``.

``scim2-filter-parser`` parses the text into its AST; this module only maps the
attributes Trellis filters on — ``userName``, ``emails.value`` (also as
``emails[value …]``), ``externalId``, ``active``, ``id`` and ``displayName`` — onto
columns. Any other attribute or operator is an ``invalidFilter`` error, never ignored:
a filter that silently matched everyone would make a provider update the wrong person.
"""

import sqlalchemy as sa
from scim2_filter_parser import ast as scim_ast
from scim2_filter_parser.lexer import SCIMLexer
from scim2_filter_parser.parser import SCIMParser

from people.models import Employee

CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:user"
MAX_LENGTH = 1000


class FilterError(ValueError):
    """The filter is not one Trellis can answer (``scimType: invalidFilter``)."""


# attribute path (lowercase, dotted) → (column, kind, case-insensitive)
_STRING, _BOOL, _INT = "string", "boolean", "integer"
ATTRIBUTES = {
    "username": (Employee.email, _STRING, True),
    "emails": (Employee.email, _STRING, True),
    "emails.value": (Employee.email, _STRING, True),
    "externalid": (Employee.external_id, _STRING, False),
    "active": (Employee.is_active, _BOOL, False),
    "id": (Employee.id, _INT, False),
    "displayname": (Employee.name, _STRING, True),
}


def parse_filter(text: str):
    """The SQL condition for the SCIM filter ``text``.

    :raises FilterError: it does not parse, or names what Trellis cannot filter on.
    """
    if len(text) > MAX_LENGTH:
        raise FilterError(f"The filter is longer than {MAX_LENGTH} characters.")
    try:
        tree = SCIMParser().parse(SCIMLexer().tokenize(text))
    except Exception as error:  # the parser raises bare Exceptions on bad input
        raise FilterError(f"The filter does not parse: {error}") from None
    if tree is None:
        raise FilterError("The filter does not parse.")
    return _visit(tree, namespace=None)


def _visit(node, namespace):
    if isinstance(node, scim_ast.Filter):
        inner_namespace = node.namespace or namespace
        if node.namespace is not None and namespace is not None:
            raise FilterError("Nested value filters are not supported.")
        condition = _visit(node.expr, inner_namespace)
        return sa.not_(condition) if node.negated else condition
    if isinstance(node, scim_ast.LogExpr):
        left = _visit(node.expr1, namespace)
        right = _visit(node.expr2, namespace)
        return sa.and_(left, right) if node.op.lower() == "and" else sa.or_(left, right)
    if isinstance(node, scim_ast.AttrExpr):
        return _comparison(node, namespace)
    raise FilterError("This filter is not supported.")


def _attribute(path, namespace) -> tuple:
    if not isinstance(path.attr_name, str):
        raise FilterError("Complex attribute paths are not supported.")
    if path.uri and path.uri.lower().rstrip(":") != CORE_USER:
        raise FilterError(f"Filtering on {path.uri} is not supported.")
    parts = [path.attr_name]
    if path.sub_attr is not None:
        parts.append(path.sub_attr.value)
    if namespace is not None:
        parts.insert(0, namespace.attr_name)
    key = ".".join(parts).lower()
    if key not in ATTRIBUTES:
        raise FilterError(f"Filtering on {'.'.join(parts)} is not supported.")
    return ATTRIBUTES[key]


def _comparison(node, namespace):
    column, kind, insensitive = _attribute(node.attr_path, namespace)
    op = node.value.lower()
    if op == "pr":
        return (
            column.is_not(None)
            if kind != _STRING
            else sa.and_(column.is_not(None), column != "")
        )
    if node.comp_value is None:
        raise FilterError(f"The operator {op} needs a value.")
    raw = node.comp_value.value
    if kind == _BOOL:
        if raw not in ("true", "false") or op not in ("eq", "ne"):
            raise FilterError("A boolean compares with eq or ne to true or false.")
        wanted = raw == "true"
        return column.is_(wanted) if op == "eq" else column.is_not(wanted)
    if kind == _INT:
        if op not in ("eq", "ne") or not raw.isdigit() or len(raw) > 18:
            return sa.false() if op == "eq" else sa.true()  # no such id
        return column == int(raw) if op == "eq" else column != int(raw)
    if raw in ("true", "false", "null"):
        raise FilterError(f"{raw} is not a string value.")
    value = raw.lower() if insensitive else raw
    target = sa.func.lower(column) if insensitive else column
    comparisons = {
        "eq": lambda: target == value,
        "ne": lambda: sa.or_(target != value, column.is_(None)),
        "co": lambda: target.contains(value, autoescape=True),
        "sw": lambda: target.startswith(value, autoescape=True),
        "ew": lambda: target.endswith(value, autoescape=True),
        "gt": lambda: target > value,
        "ge": lambda: target >= value,
        "lt": lambda: target < value,
        "le": lambda: target <= value,
    }
    if op not in comparisons:
        raise FilterError(f"The operator {op} is not supported.")
    return comparisons[op]()
