"""The ``<int:…>`` URL converter of the whole app: ids beyond the database's range are
a 404, never a query that PostgreSQL refuses (a 500).

Every id in a path is an INTEGER primary key, so ``/api/v1/reviews/2147483648`` matches
no route. flask-smorest documents a subclass of werkzeug's ``IntegerConverter`` with its
``minimum``/``maximum``, so the OpenAPI document states the same range.
"""

from werkzeug.routing import IntegerConverter

from core.fields import MAX_INT32


class BoundedIntegerConverter(IntegerConverter):
    """``int`` with ``max`` 2**31 − 1 unless a rule says otherwise."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_INT32, signed=False):
        super().__init__(
            map, fixed_digits=fixed_digits, min=min, max=max, signed=signed
        )


def register_converters(app) -> None:
    """Install the bounded ``int``; call before any blueprint adds a rule."""
    app.url_map.converters["int"] = BoundedIntegerConverter
