"""The decision-evidence ZIP: the summary CSV (one line per person, as
``/reports/decision-evidence.csv``) with the packs — one CSV of every review and one of
every training need and what happened to it — so a download carries what the printed
packs show, not only the one-line summary.

Decision the brief left open: a ZIP of three CSVs rather than a second CSV endpoint, as
each table keeps its own columns (a review has a rating, a need a fate) and one click
brings the lot. The packs come with a chosen group (a department, a job title, a list
of people), as on the page; without one the ZIP holds the summary alone.
"""

from core.csv import write_csv_zip
from reports.result import Column, ReportResult

PACK_FILES = ("reviews.csv", "training-needs.csv")


def _table(columns: list[Column], rows: list[dict]) -> tuple[list, list]:
    keys = [c.key for c in columns]
    return [c.label for c in columns], [[row.get(k) for k in keys] for row in rows]


def pack_zip(result: ReportResult, *, with_packs: bool) -> bytes:
    """``people.csv`` and, ``with_packs``, ``reviews.csv`` and ``training-needs.csv``."""
    files = {"people.csv": _table(result.columns, result.rows)}
    if with_packs:
        for name, table in zip(PACK_FILES, result.tables, strict=True):
            files[name] = _table(table.columns, table.rows)
    return write_csv_zip(files)
