"""What a report returns: the result (columns, rows, chart, plus facts, notes and extra
tables) and its CSV rendering.

A ``Column`` has a ``key`` (the JSON/CSV field) and a ``label`` (the HTML header). Rows
are dicts keyed by column key; a row may carry ``<key>_url`` for a link in the HTML
table (never in CSV or JSON).
"""

from dataclasses import dataclass, field
from typing import Any

from core.csv import write_csv


@dataclass
class Column:
    key: str
    label: str
    numeric: bool = False


@dataclass
class Fact:
    label: str
    value: Any
    flag: bool = False  # shown as a warning


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[dict]
    # The id of the table's heading when a chart links to it (a heat-map cell opens its
    # people): the page shows it first, even empty, and focus lands on its heading.
    anchor: str = ""


@dataclass
class ReportResult:
    columns: list[Column]
    rows: list[dict]
    chart: Any = None
    facts: list[Fact] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # plain warnings, shown first
    tables: list[Table] = field(default_factory=list)
    caption: str = ""

    def as_json(self) -> dict:
        def table(columns, rows):
            keys = [c.key for c in columns]
            return {
                "columns": [{"key": c.key, "label": c.label} for c in columns],
                "rows": [{k: row.get(k) for k in keys} for row in rows],
            }

        return {
            **table(self.columns, self.rows),
            "facts": [{"label": f.label, "value": f.value} for f in self.facts],
            "notes": list(self.notes),
            "tables": [
                {"title": t.title, **table(t.columns, t.rows)} for t in self.tables
            ],
        }


def to_csv(columns: list[Column], rows: list[dict]) -> str:
    """The main table as CSV (labels as the header row), through the one writer that
    neutralises spreadsheet formulas (``core.csv``)."""
    keys = [c.key for c in columns]
    return write_csv(
        [c.label for c in columns], ([row.get(k) for k in keys] for row in rows)
    )


def table_columns(table: str) -> list[Column]:
    """Columns from a small text table, one per line: ``key | Label`` for text,
    ``key | Label | number`` for a number (right-aligned)."""
    out = []
    for line in table.strip().splitlines():
        key, label, *kind = (part.strip() for part in line.split("|"))
        out.append(Column(key, label, kind == ["number"]))
    return out
