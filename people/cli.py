"""CLI: ``users create-admin``, ``users invite``, ``people import [--invite]``,
``people rebuild-reporting-lines``, ``demo load`` / ``demo logins``."""

import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup
from tqdm import tqdm

from auth.invitations import invite_person
from auth.passwords import hash_password
from auth.services import random_password
from auth.two_factor import reset_two_factor
from core.audit import record_event
from core.errors import DomainError
from core.extensions import db
from people import org_tree
from people.account_state import account_states
from people.demo import demo_logins, load_demo
from people.enums import AccountState
from people.importer import ImportFailed, import_people
from people.models import Employee, User

users_cli = AppGroup("users", help="Accounts.")
people_cli = AppGroup("people", help="People and the org chart.")
demo_cli = AppGroup("demo", help="Demo data.")


@users_cli.command("create-admin")
@click.argument("email")
def create_admin(email: str) -> None:
    """Create an admin account; print a one-time password to change at first login."""
    email = email.strip().lower()
    if "@" not in email:
        raise click.ClickException(f"{email!r} is not an email address.")
    if db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise click.ClickException(f"An account for {email} exists already.")
    password = random_password()
    employee_id = db.session.scalar(
        sa.select(Employee.id).where(Employee.email == email)
    )
    user = User(
        email=email,
        employee_id=employee_id,
        password_hash=hash_password(password),
        is_admin=True,
        must_change_password=True,
    )
    db.session.add(user)
    db.session.flush()
    record_event(None, user, "admin_created")
    db.session.commit()
    click.echo(f"Admin {email} created.")
    click.echo(f"One-time password: {password}")
    click.echo("It must be changed at the first sign-in.")


@users_cli.command("reset-two-factor")
@click.argument("email")
def reset_two_factor_cmd(email: str) -> None:
    """Remove an account's lost second factor (the last admin's own, or after
    SECRET_KEY changed): audited, its sessions ended, the person emailed."""
    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    try:
        reset_two_factor(None, user)
    except DomainError as err:
        raise click.ClickException(err.message) from err
    db.session.commit()
    click.echo(f"Two-factor sign-in of {user.email} is reset; they were told by email.")


@users_cli.command("invite")
@click.argument("emails", nargs=-1, required=True)
def invite(emails: tuple[str, ...]) -> None:
    """Email each person (by EMAIL) a link to create their account; a person invited
    before gets a new link. Prints what it did per address; exits 1 if any failed."""
    failed = 0
    for raw in emails:
        email = raw.strip().lower()
        employee = db.session.scalar(sa.select(Employee).where(Employee.email == email))
        if employee is None:
            click.echo(f"{email}: not invited: no person has this email.")
            failed += 1
            continue
        try:
            _, link = invite_person(None, employee, from_cli=True)
        except DomainError as err:
            click.echo(f"{email}: not invited: {err.message}")
            failed += 1
            continue
        db.session.commit()
        until = link.expires_at.strftime("%Y-%m-%d %H:%M")
        click.echo(f"{email}: invitation sent (valid until {until} UTC).")
    if failed:
        raise SystemExit(1)


def _invite_imported(emails: list[str]) -> None:
    """Invite the imported people who have no account and no valid invitation."""
    people = db.session.scalars(sa.select(Employee).where(Employee.email.in_(emails)))
    by_id = {p.id: p for p in people}
    states = account_states(by_id)
    wanted = (AccountState.none, AccountState.expired)
    sent = skipped = 0
    for person_id, info in states.items():
        person = by_id[person_id]
        if info.state not in wanted or not person.is_active:
            skipped += 1
            continue
        invite_person(None, person, from_cli=True)
        sent += 1
    db.session.commit()
    click.echo(
        f"Invitations: {sent} sent, {skipped} skipped "
        "(an account or a valid invitation already)."
    )


@people_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--dry-run", is_flag=True, help="Check the file and report; write nothing."
)
@click.option(
    "--invite",
    is_flag=True,
    help="Then email each imported person without an account an invitation.",
)
def import_cmd(path: Path, dry_run: bool, invite: bool) -> None:
    """Import or update people from a CSV file (all or nothing)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise click.ClickException(f"{path} is not UTF-8 text: {err}") from None
    total = max(0, text.count("\n") - 1)
    with tqdm(total=total, unit="row", desc="Checking", file=sys.stderr) as bar:
        try:
            result = import_people(None, text, progress=bar.update, dry_run=dry_run)
        except ImportFailed as err:
            db.session.rollback()
            bar.close()
            for line, reason in err.row_errors:
                click.echo(f"line {line}: {reason}", err=True)
            raise click.ClickException(err.message) from None
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    verb = "Would import" if dry_run else "Imported"
    click.echo(
        f"{verb}: {result.created} new, {result.updated} updated, "
        f"{len(result.departments_created)} new department(s)."
    )
    if invite and not dry_run:
        _invite_imported(result.emails)


@people_cli.command("rebuild-reporting-lines")
def rebuild_reporting_lines() -> None:
    """Recompute the org chart's reporting lines from the managers (after a restore or
    a bulk change made outside Trellis); says how many lines were wrong."""
    connection = db.session.connection()
    wrong = len(org_tree.drift(connection))
    total = org_tree.rebuild(connection)
    db.session.commit()
    click.echo(
        f"Reporting lines: {total} ({wrong} were out of step and are now right)."
    )


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when people exist already.")
def demo_load(if_empty: bool) -> None:
    """Load the demo organisation and print its logins."""
    if db.session.scalar(sa.select(sa.func.count()).select_from(Employee)):
        if if_empty:
            click.echo("The database has people already; demo data not loaded.")
            _print_logins()
            return
        raise click.ClickException("The database is not empty; demo data not loaded.")
    password = current_app.config["DEMO_PASSWORD"]
    with tqdm(desc="Demo data", unit="step", file=sys.stderr) as bar:
        load_demo(
            password, progress=lambda name: (bar.set_postfix_str(name), bar.update())
        )
    _print_logins()


@demo_cli.command("logins")
def demo_logins_cmd() -> None:
    """Print the demo logins again."""
    _print_logins()


def _print_logins() -> None:
    logins = demo_logins()
    if not logins:
        click.echo("No demo logins: the demo data is not loaded.")
        return
    click.echo("Demo logins (ROLE EMAIL):")
    for role, email in logins:
        click.echo(f"{role} {email}")
    click.echo(f"password: {current_app.config['DEMO_PASSWORD']}")
