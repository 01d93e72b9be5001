"""Pagination for HTML pages (``paginate_html``) and the API (``SelectPage`` for smorest).

Both take a ``select()`` statement, so a list always starts from ``visible_<things>(user)``.
"""

import math
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, request
from flask_smorest import Page

from core.extensions import db
from core.fields import MAX_INT32


class SelectPage(Page):
    """smorest pager over a ``select()``: one COUNT and one LIMIT/OFFSET query."""

    @property
    def items(self):
        params = self.page_params
        stmt = self.collection.limit(params.page_size).offset(params.first_item)
        return list(db.session.scalars(stmt).unique())

    @property
    def item_count(self):
        count = sa.select(sa.func.count()).select_from(
            self.collection.order_by(None).options().subquery()
        )
        return db.session.scalar(count)


def query_int(name: str, *, maximum: int = MAX_INT32) -> int | None:
    """The query argument ``name`` as an integer from 1 to ``maximum``, else None.

    For HTML filters and pages, where a bad value is ignored rather than refused.
    """
    raw = (request.args.get(name) or "").strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(maximum)):
        return None
    value = int(raw)
    return value if 1 <= value <= maximum else None


@dataclass
class HtmlPage:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate_html(stmt, per_page: int | None = None) -> HtmlPage:
    """Page a select() by the ``page`` query argument (bad values fall back to 1).

    A page beyond 2**31 − 1 is a bad value too: its OFFSET would overflow BIGINT.
    """
    per_page = per_page or current_app.config["PAGE_SIZE"]
    page = query_int("page") or 1
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())
    )
    items = list(
        db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).unique()
    )
    return HtmlPage(items=items, page=page, per_page=per_page, total=total or 0)
