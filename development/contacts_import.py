"""Import contacts from a LinkedIn connections export (CSV): preview, then all or nothing.

The export starts with a few "Notes:" lines; everything before the header row (``First
Name, Last Name, URL, Email Address, Company, Position, Connected On``) is skipped.
``Connected On`` reads like ``12 Mar 2024``. Every bad row is reported with its line
number and reason (a cell with NUL or another control character, or longer than its
column, is a bad row), and then nothing is written; the preview runs every check the
import runs. A row naming someone already in the
owner's contacts (same email or profile URL), or a person met earlier in the file, is
skipped with a note, not an error.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

import sqlalchemy as sa

from core.audit import record_event
from core.dates import RANGE_MESSAGE, is_plausible
from core.db import utcnow
from core.errors import ValidationFailed
from core.extensions import db
from core.fields import text_problem
from development.enums import ContactSource
from development.models import Contact

COLUMNS = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "jan",
            "feb",
            "mar",
            "apr",
            "may",
            "jun",
            "jul",
            "aug",
            "sep",
            "oct",
            "nov",
            "dec",
        ]
    )
}
ALREADY = "already in your contacts"


@dataclass
class ContactRow:
    line: int
    name: str
    email: str = ""
    profile_url: str = ""
    organisation: str = ""
    title: str = ""
    connected_on: date | None = None
    skipped: str = ""  # why the row will not be imported (not an error)


@dataclass
class ImportResult:
    created: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)


class ContactsImportFailed(ValidationFailed):
    def __init__(self, row_errors: list[tuple[int, str]]):
        super().__init__(
            f"{len(row_errors)} row(s) have errors; no contacts were imported.",
            {f"line {line}": reason for line, reason in row_errors},
        )
        self.row_errors = row_errors


def parse_connected_on(value: str) -> date:
    """``12 Mar 2024`` (or ``12 March 2024``; ISO ``2024-03-12`` too)."""
    parts = value.split()
    if len(parts) == 3 and parts[1][:3].lower() in MONTHS:
        day, month, year = parts
        if day.isdigit() and year.isdigit() and len(year) == 4:
            return date(int(year), MONTHS[month[:3].lower()], int(day))
    return date.fromisoformat(value)


def _normal_url(url: str) -> str:
    return url.strip().rstrip("/").lower()


def _check_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url


def _find_header(reader) -> tuple[dict[str, int] | None, list[tuple[int, str]]]:
    for cells in reader:
        names = [c.strip().lstrip("\ufeff") for c in cells]
        if "First Name" in names and "Last Name" in names:
            missing = [c for c in COLUMNS if c not in names]
            if missing:
                line = reader.line_num
                return None, [(line, f"missing column(s): {', '.join(missing)}")]
            return {c: names.index(c) for c in COLUMNS}, []
    return None, [
        (
            1,
            "no header row found: expected a LinkedIn connections export with the "
            "columns " + ", ".join(COLUMNS),
        )
    ]


def _parse(text: str) -> tuple[list[ContactRow], list[tuple[int, str]]]:
    reader = csv.reader(io.StringIO(text))
    try:
        index, errors = _find_header(reader)
        if index is None:
            return [], errors
        rows = []
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            value = {
                c: (cells[i].strip() if i < len(cells) else "")
                for c, i in index.items()
            }
            problems = [
                f"{column} {problem}"
                for column, cell in value.items()
                if (problem := text_problem(cell))
            ]
            name = f"{value['First Name']} {value['Last Name']}".strip()
            if not name:
                problems.append("name is missing (First Name and Last Name are empty)")
            elif len(name) > 160:
                problems.append("name takes at most 160 characters")
            email = value["Email Address"].lower()
            if email and (not EMAIL.match(email) or len(email) > 254):
                problems.append(f"email {email!r} is not a valid address")
            url = value["URL"]
            if url and (len(url) > 500 or not _check_url(url)):
                problems.append(f"URL {url!r} is not a web address")
            if len(value["Company"]) > 160 or len(value["Position"]) > 160:
                problems.append("Company and Position take at most 160 characters")
            connected_on = None
            if value["Connected On"]:
                try:
                    connected_on = parse_connected_on(value["Connected On"])
                except ValueError:
                    problems.append(
                        f"Connected On {value['Connected On']!r} is not a date "
                        "(like 12 Mar 2024)"
                    )
                else:
                    if not is_plausible(connected_on):
                        problems.append(
                            f"Connected On {connected_on}: {RANGE_MESSAGE.lower()}"
                        )
            if problems:
                errors.append((line, "; ".join(problems)))
                continue
            rows.append(
                ContactRow(
                    line,
                    name,
                    email,
                    url,
                    value["Company"],
                    value["Position"],
                    connected_on,
                )
            )
    except csv.Error as exc:
        return [], [(reader.line_num, f"the file is not valid CSV ({exc})")]
    if not rows and not errors:
        errors.append((reader.line_num or 1, "the file has no contacts"))
    return rows, errors


def _mark_duplicates(rows: list[ContactRow], owner_employee_id: int | None) -> None:
    known: dict[str, str] = {}
    if owner_employee_id is not None:
        existing = db.session.execute(
            sa.select(Contact.email, Contact.profile_url).where(
                Contact.owner_id == owner_employee_id
            )
        ).all()
        for email, url in existing:
            if email:
                known["e:" + email.lower()] = ALREADY
            if url:
                known["u:" + _normal_url(url)] = ALREADY
    for row in rows:
        keys = [
            k
            for k in (
                "e:" + row.email if row.email else "",
                "u:" + _normal_url(row.profile_url) if row.profile_url else "",
            )
            if k
        ]
        reason = next((known[k] for k in keys if k in known), "")
        if reason:
            row.skipped = reason
            continue
        for key in keys:
            known[key] = f"same person as line {row.line}"


def preview_contacts(
    text: str, owner_employee_id: int | None = None
) -> tuple[list[ContactRow], list[tuple[int, str]]]:
    """Rows that would be imported (duplicates marked ``skipped``) and row errors."""
    rows, errors = _parse(text)
    _mark_duplicates(rows, owner_employee_id)
    return rows, sorted(errors)


def import_contacts(owner_employee_id: int, text: str, *, actor=None) -> ImportResult:
    """Check the whole file, then insert its new contacts in one statement.

    Raises ``ContactsImportFailed`` (nothing written) if any row has an error.
    """
    rows, errors = preview_contacts(text, owner_employee_id)
    if errors:
        raise ContactsImportFailed(errors)
    result = ImportResult(skipped=[(r.line, r.skipped) for r in rows if r.skipped])
    now = utcnow()
    new = [
        {
            "owner_id": owner_employee_id,
            "name": r.name,
            "title": r.title,
            "organisation": r.organisation,
            "industry": "",
            "email": r.email,
            "phone": "",
            "profile_url": r.profile_url,
            "source": ContactSource.professional_network,
            "connected_on": r.connected_on,
            "created_at": now,
            "updated_at": now,
        }
        for r in rows
        if not r.skipped
    ]
    if new:
        db.session.execute(sa.insert(Contact), new)
    result.created = len(new)
    if actor is not None:
        record_event(
            actor,
            "Contact",
            "contacts_imported",
            {"created": result.created, "skipped": len(result.skipped)},
        )
    db.session.flush()
    return result
